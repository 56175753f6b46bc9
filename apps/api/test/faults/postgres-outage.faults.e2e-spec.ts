import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '@rostrum/config';
import { UserEntity } from '@rostrum/database';
import { eventually, LiveTestClient, proxyFor, startTestApi, TcpProxy, TestApi } from '@rostrum/test-harness';
import { expectFloorInvariants, readFloorHistory, RecordedCommand } from '../support/floor-invariants';
import { allReach, joined, livePanel, sleep } from '../support/floor-fixture';

/** How long a command may take to be answered while PostgreSQL refuses connections. */
const ANSWER_BOUND_MS = 7_000;
/**
 * …and while it is silent (a partition): the API waits out statement_timeout (15 s) plus a margin before
 * it gives a connection up, so a slow but present server is never mistaken for a gone one. Every command
 * here is answered by that one deadline (about 17 s): those queued behind it, on the panel or on their
 * connection, have waited over 10 s by then and are refused at once (they used to run after it on the
 * connection and wait out a connect timeout of their own: 19.9 s of the 20 s on an idle machine).
 */
const SILENT_ANSWER_BOUND_MS = 20_000;
const OUTAGE_MS = 3_500;
/** How soon after PostgreSQL is back the same API must be healthy again. */
const RECOVERY_BOUND_MS = 10_000;

const UNAVAILABLE = {
  ok: false,
  error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/database|try again/i) },
};

type Recorded = RecordedCommand & { ms: number };

// The API runs in this process: an error it lets escape during the outage (a pool 'error' nobody handles, a
// rejection nobody awaits) fails the test by itself, as jest fails a test on any of them.
describe('PostgreSQL unavailable for a few seconds (fault)', () => {
  let proxy: TcpProxy;
  let api: TestApi;
  const clients: LiveTestClient[] = [];

  beforeAll(async () => {
    proxy = await proxyFor(loadConfig().databaseUrl).start();
    api = await startTestApi({ routeDatabase: (url) => proxy.route(url) });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    proxy.heal();
    await proxy.start();
    await api.close();
    await proxy.cut();
  }, 30_000);

  /** A live panel, its moderator and delegates joined over socket.io, and every command they send recorded. */
  async function floorScene(delegateCount: number, bound: number) {
    const f = await livePanel(api, { delegates: delegateCount });
    const panelId = f.panel.id;
    const join = async (user: UserEntity) => {
      const c = await joined(api, user, panelId);
      clients.push(c);
      return c;
    };
    const moderator = await join(f.moderator);
    const delegates = await Promise.all(f.delegates.map(join));
    const commands: Recorded[] = [];
    const send = async (
      client: LiveTestClient,
      actor: UserEntity,
      command: string,
      payload: Record<string, unknown>,
    ): Promise<Recorded> => {
      const started = Date.now();
      const ack = (await client
        .send(command as 'floor:next', payload, bound)
        .catch(() => null)) as RecordedCommand['ack']; // null: no answer within the bound
      const recorded = { command, actorId: actor.id, payload, ack, ms: Date.now() - started };
      commands.push(recorded);
      return recorded;
    };
    return {
      panelId,
      commands,
      everyone: [moderator, ...delegates],
      moderates: (command: string, payload: Record<string, unknown> = {}) =>
        send(moderator, f.moderator, command, { panelId, ...payload }),
      next: () => send(moderator, f.moderator, 'floor:next', { panelId }),
      ask: (i: number, requestId: string) =>
        send(delegates[i], f.delegates[i], 'floor:request', { panelId, kind: 'statement', requestId }),
      rejoin: (i: number) => send(delegates[i], f.delegates[i], 'panel:join', { panelId }),
      /** GET the panel over REST: its status and error code, or 'no answer' within the bound. */
      getPanel: () =>
        request(api.url)
          .get(`/api/panels/${panelId}`)
          .set('Authorization', `Bearer ${api.tokenFor(f.moderator)}`)
          .timeout(bound)
          .then(
            (res) => ({ status: res.status as number | 'no answer', code: res.body.code as string }),
            () => ({ status: 'no answer' as const, code: undefined }),
          ),
    };
  }
  type Scene = Awaited<ReturnType<typeof floorScene>>;

  /** Each command was answered SERVICE_UNAVAILABLE within the bound: never a hang, never INTERNAL_ERROR. */
  function expectRefused(refused: Recorded[], bound: number) {
    for (const c of refused) {
      expect({ command: c.command, ack: c.ack }).toEqual({ command: c.command, ack: UNAVAILABLE });
      expect(c.ms).toBeLessThanOrEqual(bound);
    }
  }

  /**
   * The same API, without a restart: healthy again within the bound; the refused requests retried with
   * their requestId go through once; everyone re-joins at the latest version; the floor log and the rows
   * agree, and every acknowledged request exists exactly once.
   */
  async function expectRecovered(scene: Scene, retried: [number, string][], requests: number) {
    await eventually(
      async () => (await request(api.url).get('/api/health')).status === 200,
      RECOVERY_BOUND_MS,
      'GET /api/health to answer 200 once PostgreSQL is back',
    );

    for (const [i, requestId] of retried) {
      const retry = await scene.ask(i, requestId);
      expect({ delegate: i, requestId, ok: retry.ack?.ok }).toEqual({ delegate: i, requestId, ok: true });
    }
    expect((await scene.next()).ack?.ok).toBe(true);

    const [{ version }]: { version: number }[] = await api.db.query(
      'SELECT version FROM panels WHERE id = $1',
      [scene.panelId],
    );
    const rejoined = await Promise.all(
      scene.everyone.map((c) => c.ok('panel:join', { panelId: scene.panelId })),
    );
    expect(rejoined.map((s) => s.version)).toEqual(scene.everyone.map(() => version));
    await allReach(scene.everyone, scene.panelId, version);

    expectFloorInvariants({ ...(await readFloorHistory(api.db, scene.panelId)), commands: scene.commands });
    const stored: { delegateId: string; clientRequestId: string }[] = await api.db.query(
      `SELECT delegate_id AS "delegateId", client_request_id AS "clientRequestId"
       FROM interventions WHERE panel_id = $1`,
      [scene.panelId],
    );
    const acknowledged = new Set(
      scene.commands
        .filter((c) => c.command === 'floor:request' && c.ack?.ok)
        .map((c) => `${c.actorId}/${String(c.payload.requestId)}`),
    );
    expect(stored.map((r) => `${r.delegateId}/${r.clientRequestId}`).sort()).toEqual(
      [...acknowledged].sort(),
    );
    expect(acknowledged.size).toBe(requests);
  }

  it('should answer SERVICE_UNAVAILABLE at once while connections are refused, and recover without a restart', async () => {
    const scene = await floorScene(6, ANSWER_BOUND_MS);
    const { panelId } = scene;

    // Before: three delegates in the queue, the first one speaking.
    for (const i of [0, 1, 2]) expect((await scene.ask(i, `before-${i}`)).ack?.ok).toBe(true);
    expect((await scene.next()).ack?.ok).toBe(true);

    // In flight as the database goes away: one command inside its transaction (held on the panel's row lock
    // by another session), two in line behind it. None can commit; each is answered.
    const blocker = await lockPanelRow(api.database.url, panelId);
    const inFlight = [scene.ask(3, 'during-3'), scene.ask(4, 'during-4'), scene.next()];
    await eventually(
      async () => (await lockWaiters(blocker)) > 0,
      5_000,
      'a command to wait for the row lock',
    );
    await proxy.cut();
    const cutAt = Date.now();
    await blocker.query('COMMIT');
    await blocker.end();

    // During the outage: commands, REST and health all say the service is unavailable.
    const during = await Promise.all([
      scene.ask(5, 'during-5'),
      scene.moderates('floor:extend', { seconds: 30 }),
      scene.rejoin(1),
    ]);
    const rest = await scene.getPanel();
    const health = await request(api.url).get('/api/health');
    const again = await Promise.all([scene.ask(3, 'during-3'), scene.next()]);

    const refused = [...(await Promise.all(inFlight)), ...during, ...again];
    expectRefused(refused, ANSWER_BOUND_MS);
    expect(rest).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect({ status: health.status, body: health.body }).toEqual({
      status: 503,
      body: { status: 'error', checks: { database: 'down', redis: 'up' } },
    });

    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - cutAt)));
    await proxy.start(); // PostgreSQL is back, at the same address
    await expectRecovered(
      scene,
      [
        [3, 'during-3'],
        [4, 'during-4'],
        [5, 'during-5'],
      ],
      6,
    );
  }, 40_000);

  it('should answer SERVICE_UNAVAILABLE within a bound while PostgreSQL is silent (a partition), and recover', async () => {
    const scene = await floorScene(3, SILENT_ANSWER_BOUND_MS);

    expect((await scene.ask(0, 'before-0')).ack?.ok).toBe(true);
    expect((await scene.next()).ack?.ok).toBe(true);
    expect((await scene.ask(1, 'before-1')).ack?.ok).toBe(true);

    // A command inside its transaction when the network goes silent: it holds the row lock on the server,
    // its answers never arrive. Commands sent during the partition queue behind it or wait on their own.
    const blocker = await lockPanelRow(api.database.url, scene.panelId);
    const inFlight = scene.next();
    await eventually(
      async () => (await lockWaiters(blocker)) > 0,
      5_000,
      'floor:next to wait for the row lock',
    );
    proxy.blackHole();
    await blocker.query('COMMIT');
    await blocker.end();

    const silentAt = Date.now();
    const health = await request(api.url).get('/api/health');
    const healthMs = Date.now() - silentAt;
    const [rest, ...refused] = await Promise.all([
      scene.getPanel(),
      inFlight,
      scene.ask(2, 'silent-2'),
      scene.next(),
      scene.rejoin(0),
    ]);

    expect({ status: health.status, body: health.body }).toEqual({
      status: 503,
      body: { status: 'error', checks: { database: 'down', redis: 'up' } },
    });
    expect(healthMs).toBeLessThan(ANSWER_BOUND_MS);
    expectRefused(refused, SILENT_ANSWER_BOUND_MS);
    expect(rest).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });

    proxy.heal();
    await expectRecovered(scene, [[2, 'silent-2']], 3);
  }, 50_000);
});

/** Another session (straight to PostgreSQL, not through the proxy) holding the panel's row lock. */
async function lockPanelRow(databaseUrl: string, panelId: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM panels WHERE id = $1 FOR UPDATE', [panelId]);
  return client;
}

/** Sessions of this database waiting for a lock (other than the one asking). */
async function lockWaiters(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows[0].n;
}
