import { PanelView } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** What anyone may see of a panel: its programme details and who moderates and sits on it (no settings). */
export function toPublicPanelView(p: PanelEntity) {
  return {
    id: p.id,
    eventId: p.eventId,
    title: p.title,
    theme: p.theme,
    description: p.description,
    guidingQuestions: p.guidingQuestions,
    translations: p.translations,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    status: p.status,
    moderators: people(p.moderators),
    panelists: people(p.panelists),
  };
}

/** The signed-in view adds the floor's state and the settings. */
export function toPanelView(p: PanelEntity): PanelView {
  return {
    ...toPublicPanelView(p),
    queueOpen: p.queueOpen,
    version: p.version,
    settings: p.settings,
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
  };
}

const people = (users: { id: string; name: string }[] | undefined) =>
  (users ?? []).map((u) => ({ id: u.id, name: u.name })).sort(byName);
