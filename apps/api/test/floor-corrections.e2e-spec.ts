/*
 * The floor corrections of issue 12 (CONTRACT.md → "Corrections: floor, Q&A, people"), with real socket.io
 * clients: `floor:next` takes `seconds`; one open request of each sort per delegate (a point of order beside
 * another request, on a closed list too).
 */
import { FloorRequestAnswer, PanelSnapshot } from '@rostrum/contracts';
import { LiveTestClient, makeDelegation, makeUser } from '@rostrum/testing';
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
});
