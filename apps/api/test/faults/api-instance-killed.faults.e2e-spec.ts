import { FloorRequestAnswer } from '@rostrum/contracts';
import {
  ApiProcess,
  FailoverProxy,
  FollowingClient,
  followPanel,
  LiveTestClient,
  startApiProcess,
  startTestApi,
  TestApi,
} from '@rostrum/test-harness';
import { expectFloorInvariants, readFloorHistory, RecordedCommand } from '../support/floor-invariants';
import { joined, livePanel } from '../support/floor-fixture';

const CLIENTS = 500;
const DELEGATES = 20;
const CONNECT_BATCH = 50;
/** What the issue asks: every client at the latest version within 10 s of the instance's death. */
const CONVERGE_WITHIN_MS = 10_000;

/**
 * An API instance (a real process) dies with 500 clients on it. Behind a load balancer they reconnect, with
 * the web app's jittered backoff, to the surviving instance, and all reach the latest version within 10 s;
 * delegates whose request was in flight retry it with the same requestId, and none is queued twice.
 */
describe('fault: an API instance killed with 500 clients on it (e2e)', () => {
  /** In this process: the database, tokens and the moderator's connection (all off the clients' path). */
  let control: TestApi;
  let doomed: ApiProcess;
  let survivor: ApiProcess;
  let balancer: FailoverProxy;
  let moderator: LiveTestClient;
  const clients: FollowingClient[] = [];

  beforeAll(async () => {
    control = await startTestApi();
    [doomed, survivor] = await Promise.all([
      startApiProcess(control.config),
      startApiProcess(control.config),
    ]);
    // Every new connection goes to the doomed instance while it lives, then to the survivor.
    balancer = await new FailoverProxy([doomed.port, survivor.port]).start();
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    moderator?.close();
    doomed?.kill();
    survivor?.kill();
    await balancer?.stop();
    await control?.close();
  });

  it('should bring every client to the latest version on the other instance, with no request twice', async () => {
    const f = await livePanel(control, { delegates: DELEGATES });
    const panelId = f.panel.id;
    moderator = await joined(control, f.moderator, panelId); // on a third instance: it keeps working throughout

    for (let i = 0; i < CLIENTS; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, CLIENTS - i) }, (_, k) => {
        const delegate = f.delegates[i + k];
        return followPanel(balancer.url, panelId, { token: delegate && control.tokenFor(delegate) });
      });
      clients.push(...(await Promise.all(batch)));
    }
    expect(balancer.routed.get(doomed.port)).toBe(CLIENTS);
    const delegateClients = clients.slice(0, DELEGATES);

    // A speech is running and every client has seen it.
    const first = await delegateClients[0].send('floor:request', {
      panelId,
      kind: 'statement',
      requestId: 'warm-up',
    });
    expect(first.ok).toBe(true);
    const granted = await moderator.ok('floor:next', { panelId });
    await Promise.all(clients.map((c) => c.reaches(granted.version)));

    // Every other delegate asks for the floor; the instance dies with those requests in flight.
    const commands: RecordedCommand[] = [];
    const inFlight = delegateClients.slice(1).map((c, i) => {
      const entry: RecordedCommand = {
        command: 'floor:request',
        actorId: f.delegates[i + 1].id,
        payload: { panelId, kind: 'question', requestId: `ask-${i + 1}` },
        ack: null,
      };
      commands.push(entry);
      void c
        .send('floor:request', entry.payload, 3000)
        .then((ack) => (entry.ack = ack as RecordedCommand['ack']))
        .catch(() => undefined); // no answer: the instance died first
      return entry;
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // some reach the instance, some do not
    const killedAt = Date.now();
    doomed.kill();
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // The floor goes on on the other instance meanwhile.
    await moderator.ok('floor:extend', { panelId, seconds: 30 });
    await moderator.ok('floor:pause', { panelId });

    // Each delegate, once joined again, retries its request with the same requestId, as the web app does.
    await Promise.all(
      delegateClients.slice(1).map(async (c, i) => {
        while (c.joins < 2) await new Promise((resolve) => setTimeout(resolve, 50));
        const retry: RecordedCommand = { ...inFlight[i], ack: null };
        retry.ack = (await c.send('floor:request', retry.payload)) as RecordedCommand['ack'];
        commands.push(retry);
      }),
    );
    const [{ version: latest }] = await control.db.query('SELECT version FROM panels WHERE id = $1', [
      panelId,
    ]);
    const left = CONVERGE_WITHIN_MS - (Date.now() - killedAt);
    const behind = () => clients.filter((c) => c.version < latest).length;
    await Promise.all(clients.map((c) => c.reaches(latest, Math.max(0, left)))).catch((err: Error) => {
      throw new Error(
        `${behind()} of ${CLIENTS} clients not at version ${latest} 10 s after the kill: ${err.message}`,
      );
    });

    // All 500 came back through the balancer to the survivor, spread out by the backoff's jitter.
    expect(balancer.routed.get(survivor.port)).toBe(CLIENTS);
    const firstAttempts = clients.map((c) => c.reconnectAttempts[0] - c.lostAt);
    expect(Math.max(...firstAttempts) - Math.min(...firstAttempts)).toBeGreaterThan(200);
    expect(new Set(firstAttempts.map((ms) => Math.floor(ms / 10))).size).toBeGreaterThan(20);

    // Every retry was answered with the request, and none is queued twice.
    for (const c of commands) if (c.ack && !c.ack.ok) throw new Error(`${c.command}: ${c.ack.error.code}`);
    const rows: { delegateId: string; n: number }[] = await control.db.query(
      `SELECT delegate_id AS "delegateId", count(*)::int AS n FROM interventions WHERE panel_id = $1 GROUP BY 1`,
      [panelId],
    );
    expect(rows).toHaveLength(DELEGATES);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const c of commands.filter((x) => x.ack?.ok)) {
      const { intervention } = (c.ack as { data: FloorRequestAnswer }).data;
      expect(intervention.delegate.id).toBe(c.actorId);
    }
    expectFloorInvariants({ ...(await readFloorHistory(control.db, panelId)), commands });
  }, 120_000);
});
