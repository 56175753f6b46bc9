import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PanelSnapshot, QUEUES } from '@rostrum/contracts';
import { FloorTimeUpSweeper } from '../src/floor/floor-timeup.sweeper';
import { LiveTestClient } from '@rostrum/test-harness';
import { floorLog, joined, livePanel, liveTestApi, sleep } from './support/floor-fixture';

/** When a snapshot's clock runs out (ms since epoch). */
const deadlineOf = (s: PanelSnapshot) =>
  Date.parse(s.clock!.startedAt) + (s.clock!.allottedSeconds + s.clock!.pausedSeconds) * 1000;

describe('the speaker’s clock and time-up (e2e)', () => {
  const t = liveTestApi();

  async function speaking(seconds: number, settings = {}) {
    const f = await livePanel(t.api, { delegates: 1, settings });
    const panelId = f.panel.id;
    const mod = t.track(await joined(t.api, f.moderator, panelId));
    const del = t.track(await joined(t.api, f.delegates[0], panelId));
    const viewer = t.track(await joined(t.api, null, panelId));
    const asked = await del.ok('floor:request', { panelId, kind: 'statement' });
    const granted = (await mod.ok('floor:grant', {
      panelId,
      interventionId: asked.intervention.id,
      seconds,
    })) as PanelSnapshot;
    return { panelId, mod, del, viewer, interventionId: asked.intervention.id, granted };
  }
  const timeUps = (c: LiveTestClient) => c.received.filter((r) => r.event === 'floor:timeup');

  it('should tell every client once, on time, when the speech reaches its allotted time', async () => {
    const { panelId, mod, del, viewer, interventionId, granted } = await speaking(1);
    const deadline = deadlineOf(granted);
    for (const c of [mod, del, viewer]) {
      expect(await c.waitFor('floor:timeup')).toEqual({
        panelId,
        interventionId,
        version: granted.version,
      });
      const at = timeUps(c)[0].at;
      expect(at).toBeGreaterThanOrEqual(deadline - 50);
      expect(at - deadline).toBeLessThan(1000);
    }
    await sleep(2000);
    for (const c of [mod, del, viewer]) expect(timeUps(c)).toHaveLength(1);

    const now = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(now.speaker?.id).toBe(interventionId); // no auto-end: still speaking, in overtime
    expect(now.clock!.remainingSeconds).toBeLessThan(-1.5);
    const log = await floorLog(t.api, panelId);
    expect(log.filter((r) => r.action === 'floor:timeup')).toEqual([
      expect.objectContaining({ actorId: null, interventionId, version: null }),
    ]);
  });

  it('should end the speech by itself at time-up when the panel auto-ends', async () => {
    const { panelId, mod, del, interventionId, granted } = await speaking(1, { autoEndOnTimeUp: true });
    const timeUp = await del.waitFor('floor:timeup');
    expect(timeUp).toEqual({ panelId, interventionId, version: granted.version + 1 });
    const state = await mod.waitFor('panel:state', (s: PanelSnapshot) => s.version === granted.version + 1);
    expect(state).toMatchObject({ speaker: null, clock: null });
    const [row] = await t.api.db.query(
      'SELECT status, end_reason AS "endReason", spoken_seconds AS "spokenSeconds" FROM interventions WHERE id = $1',
      [interventionId],
    );
    expect(row).toMatchObject({ status: 'done', endReason: 'time_up' });
    expect(row.spokenSeconds).toBeGreaterThanOrEqual(0.95);
    const log = await floorLog(t.api, panelId);
    expect(log.slice(-2).map((r) => [r.action, r.version, r.detail.reason])).toEqual([
      ['speech:ended', null, 'time_up'],
      ['floor:timeup', granted.version + 1, undefined],
    ]);
  });

  it('should hold time-up while the clock is paused and fire it after the time left once resumed', async () => {
    const { panelId, mod, del } = await speaking(2);
    await sleep(500);
    await mod.ok('floor:pause', { panelId });
    await sleep(2500);
    expect(timeUps(del)).toHaveLength(0);
    const resumed = (await mod.ok('floor:resume', { panelId })) as PanelSnapshot;
    await del.waitFor('floor:timeup');
    const lateness = timeUps(del)[0].at - deadlineOf(resumed);
    expect(lateness).toBeGreaterThanOrEqual(-50);
    expect(lateness).toBeLessThan(1000);
  });

  it('should move time-up to the new end when the speech is extended, and fire it once', async () => {
    const { panelId, mod, del } = await speaking(1);
    const extended = (await mod.ok('floor:extend', { panelId, seconds: 2 })) as PanelSnapshot;
    await del.waitFor('floor:timeup');
    expect(timeUps(del)[0].at).toBeGreaterThanOrEqual(deadlineOf(extended) - 50);
    await sleep(1500);
    expect(timeUps(del)).toHaveLength(1);
  });

  it('should announce time-up again at the new end when extended after it', async () => {
    const { panelId, mod, del } = await speaking(1);
    await del.waitFor('floor:timeup');
    const extended = (await mod.ok('floor:extend', { panelId, seconds: 1 })) as PanelSnapshot;
    expect(extended.clock!.remainingSeconds).toBeGreaterThan(0);
    await sleep(Math.max(0, deadlineOf(extended) - Date.now()) + 1000);
    expect(timeUps(del)).toHaveLength(2);
  });

  it('should still announce time-up, once, when its job was lost (Redis restarted without its data)', async () => {
    const { del, interventionId } = await speaking(1);
    const queue = t.api.app.get<Queue>(getQueueToken(QUEUES.floorTimers));
    await queue.obliterate({ force: true });
    await sleep(3200); // past the time and the sweeper's grace
    await t.api.app.get(FloorTimeUpSweeper).sweep();
    expect(await del.waitFor('floor:timeup')).toMatchObject({ interventionId });
    await sleep(1000);
    expect(timeUps(del)).toHaveLength(1);
  });
});
