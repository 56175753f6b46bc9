import { LIVE_FLOOD_COOL_OFF_MS, PanelSettings, PanelSnapshot } from '@rostrum/contracts';
import { PanelEntity, UserEntity } from '@rostrum/database';
import {
  connectLive,
  LiveTestClient,
  makeDelegation,
  makePanel,
  makeUser,
  startTestApi,
  StartTestApiOptions,
  TestApi,
} from '@rostrum/test-harness';

export interface FloorFixture {
  panel: PanelEntity;
  moderator: UserEntity;
  delegates: UserEntity[];
}

/** A live panel with its moderator and `delegates` delegates, each of their own delegation. */
export async function livePanel(
  api: TestApi,
  options: { delegates?: number; settings?: Partial<PanelSettings>; status?: PanelEntity['status'] } = {},
): Promise<FloorFixture> {
  const moderator = await makeUser(api.db, 'moderator');
  const panel = await makePanel(api.db, {
    moderators: [moderator],
    status: options.status ?? 'live',
    settings: options.settings,
  });
  const delegates: UserEntity[] = [];
  for (let i = 0; i < (options.delegates ?? 3); i++) {
    const delegation = await makeDelegation(api.db);
    delegates.push(await makeUser(api.db, 'delegate', { delegationId: delegation.id }));
  }
  return { panel, moderator, delegates };
}

/** A client connected as `user` (public without one) and joined to the panel. */
export async function joined(
  api: Pick<TestApi, 'url' | 'tokenFor'>,
  user: UserEntity | null,
  panelId: string,
): Promise<LiveTestClient & { joinedAt: PanelSnapshot }> {
  const client = await connectLive(api.url, { token: user ? api.tokenFor(user) : undefined });
  const joinedAt = (await client.ok('panel:join', { panelId })) as PanelSnapshot;
  return Object.assign(client, { joinedAt });
}

/** Waits until every client has received `panel:state` at `version` (or later). */
export function allReach(clients: LiveTestClient[], panelId: string, version: number) {
  return Promise.all(
    clients.map((c) =>
      c.waitFor('panel:state', (s: PanelSnapshot) => s.panelId === panelId && s.version >= version),
    ),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the reason when the client's socket is disconnected ('already' if it is). */
export const disconnected = (c: LiveTestClient) =>
  new Promise<string>((resolve) =>
    c.socket.disconnected ? resolve('already') : c.socket.once('disconnect', resolve),
  );

/**
 * Floods `cutOn` as `user` until it is cut off, then checks the cool-off from `checkOn` (the same instance, or
 * another, as a load balancer may send the next connection): connecting again at once is held until the
 * cool-off is over, then refused RATE_LIMITED; `other` is let in meanwhile, and `user` afterwards.
 */
export async function expectFloodCoolOff(
  [cutOn, checkOn]: [TestApi, TestApi],
  panelId: string,
  [user, other]: UserEntity[],
  track: (client: LiveTestClient) => LiveTestClient,
): Promise<void> {
  const flooder = track(await connectLive(cutOn.url, { token: cutOn.tokenFor(user) }));
  const gone = disconnected(flooder);
  for (let i = 0; i < 41; i++) flooder.socket.emit('panel:leave', { panelId }, () => undefined);
  expect(await gone).toBe('io server disconnect');
  const cutAt = Date.now();

  await expect(connectLive(checkOn.url, { token: checkOn.tokenFor(user) })).rejects.toMatchObject({
    message: 'RATE_LIMITED',
    data: { code: 'RATE_LIMITED' },
  });
  expect(Date.now() - cutAt).toBeGreaterThanOrEqual(LIVE_FLOOD_COOL_OFF_MS - 500);
  track(await joined(checkOn, other, panelId));
  track(await joined(checkOn, user, panelId));
}

/** Rows of the floor log for a panel, oldest first. */
export function floorLog(api: TestApi, panelId: string) {
  return api.db.query(
    `SELECT seq, action, actor_id AS "actorId", actor_role AS "actorRole", intervention_id AS "interventionId",
            version, detail FROM floor_log WHERE panel_id = $1 ORDER BY seq`,
    [panelId],
  ) as Promise<
    {
      seq: number;
      action: string;
      actorId: string | null;
      actorRole: string | null;
      interventionId: string | null;
      version: number | null;
      detail: Record<string, any>;
    }[]
  >;
}

/**
 * One API for a test file, and the clients its tests open (closed after each test):
 * `const t = liveTestApi(); … t.api … t.track(await joined(t.api, user, panelId))`.
 */
export function liveTestApi(options: StartTestApiOptions = {}) {
  const clients: LiveTestClient[] = [];
  const t = {
    api: undefined as unknown as TestApi,
    track<T extends LiveTestClient>(client: T): T {
      clients.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    t.api = await startTestApi(options);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => t.api.close());
  return t;
}

/**
 * Two API instances on one database and Redis prefix, as replicas of one deployment, and the clients a
 * test opens on them (closed after each test): `const t = twoLiveInstances(); … t.first … t.second …`.
 */
export function twoLiveInstances() {
  const clients: LiveTestClient[] = [];
  const t = {
    first: undefined as unknown as TestApi,
    second: undefined as unknown as TestApi,
    track<T extends LiveTestClient>(client: T): T {
      clients.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    t.first = await startTestApi();
    t.second = await startTestApi({ shareWith: t.first });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await t.second.close();
    await t.first.close();
  });
  return t;
}
