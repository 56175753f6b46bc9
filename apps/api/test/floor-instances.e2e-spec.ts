import { PanelSnapshot } from '@rostrum/contracts';
import { LiveTestClient, startTestApi, TestApi } from '@rostrum/testing';
import { joined, livePanel } from './support/floor-fixture';

describe('the floor across API instances (e2e)', () => {
  let first: TestApi;
  let second: TestApi;
  const clients: LiveTestClient[] = [];
  const track = <T extends LiveTestClient>(c: T) => (clients.push(c), c);

  beforeAll(async () => {
    first = await startTestApi();
    second = await startTestApi({ shareWith: first });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('should deliver a change made on one instance to clients of the other, both ways', async () => {
    const f = await livePanel(first, { delegates: 2 });
    const panelId = f.panel.id;
    const mod = track(await joined(first, f.moderator, panelId));
    const delOnSecond = track(await joined(second, f.delegates[0], panelId));
    const viewerOnSecond = track(await joined(second, null, panelId));
    const delOnFirst = track(await joined(first, f.delegates[1], panelId));

    const asked = await delOnSecond.ok('floor:request', { panelId, kind: 'statement', note: 'from B' });
    const seenOnFirst = await mod.waitFor('panel:state', (s: PanelSnapshot) => s.queue.length === 1);
    expect(seenOnFirst.queue[0]).toMatchObject({ id: asked.intervention.id, note: 'from B' });

    const granted = (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
    for (const c of [delOnSecond, viewerOnSecond, delOnFirst]) {
      const s = await c.waitFor('panel:state', (x: PanelSnapshot) => x.version === granted.version);
      expect(s.speaker).toMatchObject({ id: asked.intervention.id, note: null });
    }
  });

  it('should count presence over both instances', async () => {
    const f = await livePanel(first, { delegates: 2 });
    const panelId = f.panel.id;
    const mod = track(await joined(first, f.moderator, panelId));
    track(await joined(second, f.delegates[0], panelId));
    track(await joined(first, f.delegates[1], panelId));
    track(await joined(second, null, panelId));
    track(await joined(second, null, panelId));
    const online = { moderators: 1, panelists: 0, delegates: 2, public: 2 };
    expect(
      await mod.waitFor('panel:presence', (p) => JSON.stringify(p.online) === JSON.stringify(online), 8000),
    ).toEqual({
      panelId,
      online,
    });
  });

  it('should announce time-up from the surviving instance when the one that granted the floor stops', async () => {
    const granting = await startTestApi({ shareWith: first });
    try {
      const f = await livePanel(first, { delegates: 1 });
      const panelId = f.panel.id;
      const mod = track(await joined(granting, f.moderator, panelId));
      const watcher = track(await joined(second, f.delegates[0], panelId));
      const asked = await watcher.ok('floor:request', { panelId, kind: 'statement' });
      const granted = (await mod.ok('floor:grant', {
        panelId,
        interventionId: asked.intervention.id,
        seconds: 2,
      })) as PanelSnapshot;
      await granting.stop();
      const timeUp = await watcher.waitFor('floor:timeup', undefined, 6000);
      expect(timeUp).toEqual({ panelId, interventionId: asked.intervention.id, version: granted.version });
      const deadline = Date.parse(granted.clock!.startedAt) + 2000;
      const at = watcher.received.find((r) => r.event === 'floor:timeup')!.at;
      expect(at - deadline).toBeLessThan(1000);
      expect(at).toBeGreaterThanOrEqual(deadline - 50);
    } finally {
      await granting.close();
    }
  });
});
