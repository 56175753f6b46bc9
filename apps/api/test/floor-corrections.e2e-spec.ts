/*
 * The floor corrections of issue 12 (CONTRACT.md → "Corrections: floor, Q&A, people"), with real socket.io
 * clients: `floor:next` takes `seconds`; one open request of each sort per delegate (a point of order beside
 * another request, on a closed list too).
 */
import { FloorRequestAnswer, PanelSnapshot } from '@rostrum/contracts';
import { LiveTestClient, makeDelegation, makeUser } from '@rostrum/test-harness';
import { joined, livePanel, liveTestApi } from './support/floor-fixture';

describe('the floor: corrections from the walkthrough (e2e)', () => {
  const t = liveTestApi();

  async function room(delegates = 2, settings = {}) {
    const f = await livePanel(t.api, { delegates, settings });
    const mod = t.track(await joined(t.api, f.moderator, f.panel.id));
    const dels = await Promise.all(f.delegates.map(async (d) => t.track(await joined(t.api, d, f.panel.id))));
    return { ...f, panelId: f.panel.id, mod, dels };
  }
  const request = (c: LiveTestClient, panelId: string, kind = 'statement') =>
    c.ok('floor:request', { panelId, kind }) as Promise<FloorRequestAnswer>;
  const refusal = async (c: LiveTestClient, payload: Record<string, unknown>) => {
    const answer = await c.send('floor:request', payload);
    return answer.ok ? null : answer.error.code;
  };

  describe('floor:next {panelId, seconds?}', () => {
    it('should give the head of the queue the time the moderator typed', async () => {
      const { panelId, mod, dels } = await room(2);
      const first = await request(dels[0], panelId);
      await request(dels[1], panelId);
      const state = (await mod.ok('floor:next', { panelId, seconds: 45 })) as PanelSnapshot;
      expect(state.speaker?.id).toBe(first.intervention.id);
      expect(state.clock?.allottedSeconds).toBe(45);
      // Without seconds, the kind's time from the panel settings.
      const second = (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
      expect(second.clock?.allottedSeconds).toBe(180);
    });

    it('should refuse seconds outside 1–3600 with VALIDATION_FAILED and change nothing', async () => {
      const { panelId, mod, dels } = await room(1);
      await request(dels[0], panelId);
      const before = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
      for (const seconds of [0, 3601, 12.5, '60']) {
        expect(await mod.send('floor:next', { panelId, seconds })).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
      const after = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
      expect(after.version).toBe(before.version);
      expect(after.speaker).toBeNull();
    });
  });

  describe('one open request of each sort per delegate', () => {
    it('should take a point of order from a delegate whose statement is waiting, then refuse a second of each sort', async () => {
      const { panelId, dels } = await room(1);
      const statement = await request(dels[0], panelId);
      const order = await request(dels[0], panelId, 'point_of_order');
      expect(order).toMatchObject({ position: 1, intervention: { kind: 'point_of_order' } });
      expect(await refusal(dels[0], { panelId, kind: 'question' })).toBe('ALREADY_QUEUED');
      expect(await refusal(dels[0], { panelId, kind: 'point_of_order' })).toBe('ALREADY_QUEUED');

      const state = (await dels[0].ok('panel:join', { panelId })) as PanelSnapshot;
      expect(state.queue.map((q) => q.id)).toEqual([order.intervention.id, statement.intervention.id]);
    });

    it('should take a point of order from the speaker and on a closed list', async () => {
      const { panelId, mod, dels } = await room(2);
      await request(dels[0], panelId);
      await mod.ok('floor:next', { panelId });
      await mod.ok('queue:close', { panelId });
      expect(await refusal(dels[1], { panelId, kind: 'statement' })).toBe('QUEUE_CLOSED');
      // The speaker (a statement) and the other delegate both raise a point of order on the closed list.
      expect(await request(dels[0], panelId, 'point_of_order')).toMatchObject({ position: 1 });
      expect(await request(dels[1], panelId, 'point_of_order')).toMatchObject({ position: 2 });
    });

    it('should apply the same two sorts per delegation with onePerDelegation', async () => {
      const delegation = await makeDelegation(t.api.db);
      const [x, y] = [
        await makeUser(t.api.db, 'delegate', { delegationId: delegation.id }),
        await makeUser(t.api.db, 'delegate', { delegationId: delegation.id }),
      ];
      const f = await livePanel(t.api, { delegates: 0, settings: { onePerDelegation: true } });
      const panelId = f.panel.id;
      const cx = t.track(await joined(t.api, x, panelId));
      const cy = t.track(await joined(t.api, y, panelId));
      await request(cx, panelId);
      expect(await refusal(cy, { panelId, kind: 'question' })).toBe('ALREADY_QUEUED');
      await request(cy, panelId, 'point_of_order');
      expect(await refusal(cx, { panelId, kind: 'point_of_order' })).toBe('ALREADY_QUEUED');
    });

    it('should take only one of two simultaneous points of order by the same delegate', async () => {
      const { panelId, dels } = await room(1);
      const answers = await Promise.all(
        [1, 2, 3].map(() => dels[0].send('floor:request', { panelId, kind: 'point_of_order' })),
      );
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual([
        'ALREADY_QUEUED',
        'ALREADY_QUEUED',
      ]);
    });
  });
  describe('estimated waits from the server', () => {
    /** Whole seconds against a clock read to a tenth: within a second. */
    const expectAbout = (actual: number[], expected: number[]) => {
      expect(actual).toHaveLength(expected.length);
      actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(1));
    };
    /** Finished speeches of this panel, as if they had been given and ended (spoken of allotted seconds). */
    async function finishedSpeeches(panelId: string, delegateId: string, speeches: [number, number][]) {
      for (const [spoken, allotted] of speeches) {
        await t.api.db.query(
          `INSERT INTO interventions (panel_id, delegate_id, kind, status, started_at, ended_at, allotted_seconds,
             spoken_seconds, end_reason)
           VALUES ($1, $2, 'statement', 'done', now() - interval '1 hour', now() - interval '1 hour', $3, $4, 'cut_off')`,
          [panelId, delegateId, allotted, spoken],
        );
      }
    }

    it('should give each waiting request the speaker’s time left plus the allotted times ahead, uncorrected before 3 speeches', async () => {
      const { panelId, mod, dels } = await room(4);
      await request(dels[0], panelId);
      await mod.ok('floor:next', { panelId });
      await mod.ok('floor:pause', { panelId }); // the clock stands still: the figures are exact
      await request(dels[1], panelId);
      const mine = await request(dels[2], panelId);
      await request(dels[3], panelId);
      const state = (await dels[2].ok('panel:join', { panelId })) as PanelSnapshot;
      // Position 2 of 3 behind a 3:00 statement: about 6:00 (what the clock had left when paused + 3:00).
      const left = state.clock!.remainingSeconds;
      expect(left).toBeGreaterThan(170);
      expectAbout(
        state.queue.map((q) => q.estimatedWaitSeconds!),
        [left, left + 180, left + 360],
      );
      expect(mine.position).toBe(2);
      expect(mine.estimatedWaitSeconds).toBe(state.queue[1].estimatedWaitSeconds);
    });

    it('should correct the allotted times ahead by the median of finished speeches, clamped to [0.5, 1.5]', async () => {
      const { panelId, mod, dels, delegates } = await room(3);
      await finishedSpeeches(panelId, delegates[0].id, [
        [3, 180],
        [4, 180],
      ]);
      await request(dels[0], panelId);
      await request(dels[1], panelId);
      // Two finished speeches: no correction yet.
      expect((await request(dels[2], panelId)).estimatedWaitSeconds).toBe(360);
      await finishedSpeeches(panelId, delegates[0].id, [[2, 180]]);
      // Three that were cut off at once: the factor would be 0.02, it is held at 0.5.
      const state = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
      expect(state.queue.map((q) => q.estimatedWaitSeconds)).toEqual([0, 90, 180]);

      await finishedSpeeches(panelId, delegates[0].id, [
        [600, 180],
        [600, 180],
        [600, 180],
        [600, 180],
      ]);
      const long = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
      expect(long.queue.map((q) => q.estimatedWaitSeconds)).toEqual([0, 270, 540]);
    });

    it('should give two tabs of one delegate the same wait, and the floor:request answer the snapshot’s figure', async () => {
      const { panelId, mod, dels, delegates } = await room(3);
      await finishedSpeeches(panelId, delegates[2].id, [
        [90, 180],
        [120, 180],
        [60, 180],
      ]);
      await request(dels[0], panelId);
      await mod.ok('floor:next', { panelId });
      await mod.ok('floor:pause', { panelId });
      await request(dels[1], panelId);
      const answer = await request(dels[2], panelId);
      const secondTab = t.track(await joined(t.api, delegates[2], panelId));
      const firstTab = (await dels[2].ok('panel:join', { panelId })) as PanelSnapshot;
      const waitIn = (s: PanelSnapshot) =>
        s.queue.find((q) => q.id === answer.intervention.id)?.estimatedWaitSeconds;
      // What the clock had left (paused) + 3:00 × the median 0.5, the same in both tabs and the answer.
      expectAbout([answer.estimatedWaitSeconds], [firstTab.clock!.remainingSeconds + 90]);
      expect(waitIn(firstTab)).toBe(answer.estimatedWaitSeconds);
      expect(waitIn(secondTab.joinedAt)).toBe(answer.estimatedWaitSeconds);
    });
  });
});
