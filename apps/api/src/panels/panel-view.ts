import { PanelView } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export function toPanelView(p: PanelEntity): PanelView {
  return {
    id: p.id,
    eventId: p.eventId,
    title: p.title,
    theme: p.theme,
    description: p.description,
    guidingQuestions: p.guidingQuestions,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    status: p.status,
    queueOpen: p.queueOpen,
    version: p.version,
    settings: p.settings,
    moderators: (p.moderators ?? []).map((u) => ({ id: u.id, name: u.name })).sort(byName),
    panelists: (p.panelists ?? []).map((u) => ({ id: u.id, name: u.name })).sort(byName),
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
  };
}

/** What anyone may see of a panel: no settings beyond the public ones, no account ids of moderators. */
export function toPublicPanelView(p: PanelEntity) {
  return {
    id: p.id,
    eventId: p.eventId,
    title: p.title,
    theme: p.theme,
    description: p.description,
    guidingQuestions: p.guidingQuestions,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    status: p.status,
    panelists: (p.panelists ?? []).map((u) => ({ id: u.id, name: u.name })).sort(byName),
    moderators: (p.moderators ?? []).map((u) => ({ id: u.id, name: u.name })).sort(byName),
  };
}
