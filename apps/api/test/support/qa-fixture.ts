import { PanelSettings, PanelSnapshot, QuestionView } from '@rostrum/contracts';
import { PanelEntity, UserEntity } from '@rostrum/database';
import { LiveTestClient, makeDelegation, makePanel, makeUser, TestApi } from '@rostrum/test-harness';
import { allReach, joined } from './floor-fixture';

export interface QaPanel {
  panel: PanelEntity;
  moderator: UserEntity;
  panelist: UserEntity;
  delegates: UserEntity[];
}

/** A live panel with a moderator, a panelist and `delegates` delegates, each of their own delegation. */
export async function qaPanel(
  api: TestApi,
  options: { delegates?: number; settings?: Partial<PanelSettings>; status?: PanelEntity['status'] } = {},
): Promise<QaPanel> {
  const moderator = await makeUser(api.db, 'moderator');
  const panelist = await makeUser(api.db, 'panelist');
  const panel = await makePanel(api.db, {
    moderators: [moderator],
    panelists: [panelist],
    status: options.status ?? 'live',
    settings: options.settings,
  });
  const delegates: UserEntity[] = [];
  for (let i = 0; i < (options.delegates ?? 2); i++) {
    const delegation = await makeDelegation(api.db);
    delegates.push(await makeUser(api.db, 'delegate', { delegationId: delegation.id }));
  }
  return { panel, moderator, panelist, delegates };
}

/**
 * Everyone of a QaPanel connected and joined: `mod`, `pan` (the panelist), `dels` and a public `viewer`.
 */
export async function qaRoom(
  api: TestApi,
  track: <T extends LiveTestClient>(c: T) => T,
  options: Parameters<typeof qaPanel>[1] = {},
) {
  const f = await qaPanel(api, options);
  const panelId = f.panel.id;
  const join = async (user: UserEntity | null) => track(await joined(api, user, panelId));
  const mod = await join(f.moderator);
  const pan = await join(f.panelist);
  const dels = [];
  for (const d of f.delegates) dels.push(await join(d));
  const viewer = await join(null);
  return { ...f, panelId, mod, pan, dels, viewer, everyone: [mod, pan, ...dels, viewer] };
}

/** `count` delegates, each of their own delegation, connected and joined (to `on(i)`, default `api`). */
export async function joinedDelegates(
  api: TestApi,
  panelId: string,
  count: number,
  track: <T extends LiveTestClient>(c: T) => T,
  on: (i: number) => TestApi = () => api,
): Promise<LiveTestClient[]> {
  const clients: LiveTestClient[] = [];
  for (let i = 0; i < count; i++) {
    const delegation = await makeDelegation(api.db);
    const user = await makeUser(api.db, 'delegate', { delegationId: delegation.id });
    clients.push(track(await joined(on(i), user, panelId)));
  }
  return clients;
}

/** The questions a client's `panel:join` answers now. */
export async function questionsSeenBy(client: LiveTestClient, panelId: string): Promise<QuestionView[]> {
  return ((await client.ok('panel:join', { panelId })) as { questions: QuestionView[] }).questions;
}

/** The statuses of one question a client received in `qa:question`, in order. */
export const questionEvents = (client: LiveTestClient, questionId: string) =>
  client.received
    .filter((r) => r.event === 'qa:question' && r.payload.id === questionId)
    .map((r) => r.payload.status);

export const votesEvents = (client: LiveTestClient, panelId: string) =>
  client.received.filter((r) => r.event === 'qa:votes' && r.payload.panelId === panelId);

/**
 * The counts a client knows from its `qa:votes` so far: each event carries only the questions whose counts
 * changed since the one before, so the latest count of a question may be in an earlier event than another's.
 */
export const mergedVotes = (client: LiveTestClient, panelId: string): Record<string, number> =>
  Object.assign({}, ...votesEvents(client, panelId).map((e) => e.payload.votes));

/**
 * Makes sure every client received what was broadcast before: the moderator changes the floor (closing or
 * opening the list) and everyone waits for that `panel:state`, which the server sent after anything earlier.
 */
export async function barrier(
  mod: LiveTestClient,
  clients: LiveTestClient[],
  panelId: string,
): Promise<void> {
  const current = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
  const next = (await mod.ok(current.queueOpen ? 'queue:close' : 'queue:open', { panelId })) as PanelSnapshot;
  await allReach(clients, panelId, next.version);
}

/** The panel's Q&A rows of the floor log, oldest first. */
export function qaLog(api: TestApi, panelId: string) {
  return api.db.query(
    `SELECT action, actor_id AS "actorId", actor_role AS "actorRole", question_id AS "questionId", version, detail
     FROM floor_log WHERE panel_id = $1 AND action LIKE 'qa:%' ORDER BY seq`,
    [panelId],
  ) as Promise<
    {
      action: string;
      actorId: string;
      actorRole: string;
      questionId: string;
      version: number | null;
      detail: Record<string, any>;
    }[]
  >;
}
