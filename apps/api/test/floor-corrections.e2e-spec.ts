/*
 * The floor corrections of issue 12 (CONTRACT.md → "Corrections: floor, Q&A, people"), with real socket.io
 * clients: `floor:next` takes `seconds`; one open request of each sort per delegate (a point of order beside
 * another request, on a closed list too).
 */
import { FloorRequestAnswer, PanelSnapshot } from '@rostrum/contracts';
import { LiveTestClient } from '@rostrum/testing';
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
});
