import { Ack, FloorRequestAnswer, PanelSnapshot } from '@rostrum/contracts';
import { LiveTestClient, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';
import { expectFloorInvariants, readFloorHistory } from './support/floor-invariants';
import { floorLog, joined, livePanel, sleep } from './support/floor-fixture';

const COMMANDS_PER_MODERATOR = 50;
// Moderators of the panel on each instance: 50 commands at once would trip the 20-a-second budget of one
// (a user's, whatever their number of connections), so each side's 50 come from 5 moderators.
const TABS = 5;
// Each tab's ten commands wait their turn on its connection: on a busy machine that is more than the
// client's default 10 s. What this test checks is correctness, so it waits as long as it takes.
const ACK_MS = 60_000;

describe('the floor under concurrent moderators on two instances (e2e)', () => {
  let a: TestApi;
  let b: TestApi;
  const clients: LiveTestClient[] = [];

  beforeAll(async () => {
    a = await startTestApi();
    b = await startTestApi({ shareWith: a });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await b.close();
    await a.close();
  });

  it('should keep one speaker, every version once and every request once, as the floor log shows', async () => {
    const f = await livePanel(a, { delegates: 20 });
    const panelId = f.panel.id;
    const more = await Promise.all(Array.from({ length: 2 * TABS - 1 }, () => makeUser(a.db, 'moderator')));
    for (const m of more) {
      await a.db.query('INSERT INTO panel_moderators (panel_id, user_id) VALUES ($1, $2)', [panelId, m.id]);
    }
    const [sideA, sideB] = [[f.moderator, ...more.slice(0, TABS - 1)], more.slice(TABS - 1)];
    const join = async (api: TestApi, user: Parameters<typeof joined>[1]) => {
      const c = await joined(api, user, panelId);
      clients.push(c);
      return c;
    };
    const moderators = [
      await Promise.all(sideA.map((m) => join(a, m))),
      await Promise.all(sideB.map((m) => join(b, m))),
    ];
    const delegates = await Promise.all(f.delegates.map((d, i) => join(i % 2 ? b : a, d)));

    // Delegates keep asking (and sometimes retry the same request) until the moderators are done.
    const requestAcks: { delegate: number; requestId: string; answer: Ack<FloorRequestAnswer> }[] = [];
    let racing = true;
    const asking = delegates.map(async (c, i) => {
      for (let n = 0; racing; n++) {
        const requestId = `d${i}-r${n}`;
        const answer = await c.send(
          'floor:request',
          {
            panelId,
            kind: n % 7 === 3 ? 'point_of_order' : 'statement',
            requestId,
          },
          ACK_MS,
        );
        requestAcks.push({ delegate: i, requestId, answer });
        if (answer.ok && n % 3 === 0) {
          requestAcks.push({
            delegate: i,
            requestId,
            answer: await c.send('floor:request', { panelId, kind: 'statement', requestId }, ACK_MS),
          });
        }
        await sleep(60 + Math.random() * 60);
      }
    });
    await sleep(500); // let a queue build up

    // Each instance's moderators fire 50 next/grant, all at once.
    const known = (tabs: Awaited<ReturnType<typeof joined>>[]) => {
      const states = tabs.flatMap((t) => t.states(panelId));
      return states.reduce((x, y) => (y.version > x.version ? y : x), tabs[0].joinedAt);
    };
    const modAcks = (
      await Promise.all(
        moderators.map((tabs) =>
          Promise.all(
            Array.from({ length: COMMANDS_PER_MODERATOR }, (_, k) => {
              const tab = tabs[k % TABS];
              const queue = known(tabs).queue;
              const target = queue[Math.floor(Math.random() * queue.length)];
              return k % 2 === 0 || !target
                ? tab.send('floor:next', { panelId }, ACK_MS)
                : tab.send('floor:grant', { panelId, interventionId: target.id }, ACK_MS);
            }),
          ),
        ),
      )
    ).flat();
    racing = false;
    await Promise.all(asking);

    // Every command was answered, with a result or a floor rule, never anything else.
    expect(modAcks).toHaveLength(2 * COMMANDS_PER_MODERATOR);
    for (const ack of modAcks) {
      if (!ack.ok) expect(['QUEUE_EMPTY', 'NOT_IN_QUEUE']).toContain(ack.error.code);
      else expect(ack.data.speaker).not.toBeNull();
    }
    expect(modAcks.filter((x) => x.ok).length).toBeGreaterThan(10); // the rest found the queue emptied by the other
    for (const { answer } of requestAcks) {
      if (!answer.ok) expect(answer.error.code).toBe('ALREADY_QUEUED');
    }

    // The shared checker's verdict too: one speaker at a time, gap-free versions, every row explained by the log.
    expectFloorInvariants(await readFloorHistory(a.db, panelId));

    const log = await floorLog(a, panelId);
    const [panel] = await a.db.query('SELECT version FROM panels WHERE id = $1', [panelId]);

    // Never two speakers: replaying the log, a speech starts only when none is running.
    let current: string | null = null;
    let speeches = 0;
    for (const row of log) {
      if (row.action === 'speech:started') {
        expect(current).toBeNull();
        current = row.interventionId;
        speeches += 1;
      } else if (row.action === 'speech:ended') {
        expect(row.interventionId).toBe(current);
        current = null;
      }
    }
    expect(speeches).toBe(modAcks.filter((x) => x.ok).length);
    const speakingNow = await a.db.query(
      "SELECT id FROM interventions WHERE panel_id = $1 AND status = 'speaking'",
      [panelId],
    );
    expect(speakingNow.map((r: { id: string }) => r.id)).toEqual(current ? [current] : []);

    // Every version exactly once, in commit order, up to the panel's.
    const versions = log.filter((r) => r.version !== null).map((r) => r.version!);
    expect(versions).toEqual(Array.from({ length: panel.version }, (_, i) => i + 1));
    for (const ack of modAcks) {
      if (ack.ok)
        expect(log.find((r) => r.version === ack.data.version)?.action).toMatch(/^floor:(next|grant)$/);
    }

    // No request lost or duplicated: one intervention and one log row per acknowledged request, and no others.
    const acked = new Map<string, string>();
    for (const { delegate, requestId, answer } of requestAcks) {
      if (!answer.ok) continue;
      const key = `${delegate}/${requestId}`;
      expect(acked.get(key) ?? answer.data.intervention.id).toBe(answer.data.intervention.id); // retry: same one
      acked.set(key, answer.data.intervention.id);
    }
    const stored: { id: string }[] = await a.db.query('SELECT id FROM interventions WHERE panel_id = $1', [
      panelId,
    ]);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(acked.values()));
    const logged = log.filter((r) => r.action === 'floor:request').map((r) => r.interventionId);
    expect(logged.sort()).toEqual([...acked.values()].sort());

    // And every client, on either instance, ends up at the final version.
    await Promise.all(
      [...moderators.flat(), ...delegates].map((c) =>
        c.waitFor('panel:state', (s: PanelSnapshot) => s.version === panel.version, 15_000),
      ),
    );
  }, 240_000);
});
