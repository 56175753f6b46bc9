import { JwtService } from '@nestjs/jwt';
import { RecordingView } from '@rostrum/contracts';
import { connectLive, makeUser, TEST_JWT_SECRET } from '@rostrum/test-harness';
import { LivePublisher } from '../src/live/live-publisher';
import {
  disconnected,
  expectFloodCoolOff,
  floorLog,
  joined,
  livePanel,
  liveTestApi,
  sleep,
} from './support/floor-fixture';

const APP_ORIGIN = 'https://app.example.org';

describe('the /live socket: handshake, limits, validation and rooms (e2e)', () => {
  const t = liveTestApi({ env: { CORS_ORIGINS: APP_ORIGIN } });
  const jwt = new JwtService({
    secret: TEST_JWT_SECRET,
    signOptions: { algorithm: 'HS256', issuer: 'rostrum', audience: 'rostrum' },
  });

  describe('handshake', () => {
    it('should connect a public viewer without a token', async () => {
      const viewer = t.track(await connectLive(t.api.url));
      expect(viewer.socket.connected).toBe(true);
    });

    it('should refuse a bad token with connect_error UNAUTHENTICATED', async () => {
      await expect(connectLive(t.api.url, { token: 'not-a-token' })).rejects.toMatchObject({
        message: 'UNAUTHENTICATED',
        data: { code: 'UNAUTHENTICATED' },
      });
    });

    it('should refuse an expired token with connect_error UNAUTHENTICATED', async () => {
      const user = await makeUser(t.api.db, 'delegate');
      const expired = jwt.sign({
        sub: user.id,
        name: user.name,
        role: user.role,
        del: user.delegationId,
        ver: 0,
        exp: Math.floor(Date.now() / 1000) - 10,
      });
      await expect(connectLive(t.api.url, { token: expired })).rejects.toMatchObject({
        message: 'UNAUTHENTICATED',
        data: { message: expect.stringMatching(/expired/) },
      });
    });

    it('should end the connection when its token expires', async () => {
      const user = await makeUser(t.api.db, 'delegate');
      const token = jwt.sign(
        { sub: user.id, name: user.name, role: user.role, del: user.delegationId, ver: 0 },
        { expiresIn: 2 },
      );
      const client = t.track(await connectLive(t.api.url, { token }));
      const started = Date.now();
      expect(await disconnected(client)).toBe('io server disconnect');
      expect(Date.now() - started).toBeLessThan(3500);
    });

    it('should refuse a browser origin that is not configured, at the handshake', async () => {
      await expect(
        connectLive(t.api.url, { headers: { Origin: 'https://evil.example' } }),
      ).rejects.toBeDefined();
      await expect(
        connectLive(t.api.url, { headers: { Origin: 'https://evil.example' }, transports: ['polling'] }),
      ).rejects.toBeDefined();
    });

    it('should accept the configured origin, the same origin and clients without an origin', async () => {
      t.track(await connectLive(t.api.url, { headers: { Origin: APP_ORIGIN } }));
      t.track(await connectLive(t.api.url, { headers: { Origin: t.api.url } }));
      t.track(await connectLive(t.api.url));
    });
  });

  describe('commands', () => {
    it('should answer malformed payloads with VALIDATION_FAILED, changing and broadcasting nothing', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const panelId = f.panel.id;
      const mod = t.track(await joined(t.api, f.moderator, panelId));
      const del = t.track(await joined(t.api, f.delegates[0], panelId));
      const payloads: unknown[] = [
        undefined,
        null,
        'floor please',
        42,
        [panelId, 'statement'],
        {},
        { panelId: 'not-a-uuid', kind: 'statement' },
        { panelId, kind: 'speech' },
        { panelId, kind: 'statement', extra: true },
        { panelId, kind: 'statement', note: 'x'.repeat(281) },
        { panelId, kind: 'statement', requestId: '' },
        { panelId, kind: 'statement', note: { text: 'nested' } },
      ];
      for (const payload of payloads) {
        const answer = await del.send('floor:request', payload);
        expect(answer).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED', message: expect.any(String) },
        });
      }
      for (const payload of [{ panelId, seconds: '30' }, { panelId, seconds: 0 }, { panelId }]) {
        expect(await mod.send('floor:extend', payload)).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
      expect(await mod.send('queue:move', { panelId, interventionId: panelId, toIndex: -1 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
      await sleep(300);
      expect(del.states(panelId)).toEqual([]);
      expect(await floorLog(t.api, panelId)).toEqual([]);
    });

    it('should ignore a command sent without an acknowledgement callback', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
      del.socket.emit('floor:request', { panelId: f.panel.id, kind: 'statement' });
      await sleep(400);
      const [{ n }] = await t.api.db.query(
        'SELECT count(*)::int AS n FROM interventions WHERE panel_id = $1',
        [f.panel.id],
      );
      expect(n).toBe(0);
      expect(await del.send('panel:leave', { panelId: f.panel.id })).toEqual({ ok: true, data: {} });
    });

    it('should answer an unknown command with VALIDATION_FAILED', async () => {
      const viewer = t.track(await connectLive(t.api.url));
      expect(await viewer.send('floor:teleport' as never, {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/Unknown command/) },
      });
    });

    it('should answer NOT_JOINED for a panel the client has not joined', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const del = t.track(await connectLive(t.api.url, { token: t.api.tokenFor(f.delegates[0]) }));
      const mod = t.track(await connectLive(t.api.url, { token: t.api.tokenFor(f.moderator) }));
      expect(await del.send('floor:request', { panelId: f.panel.id, kind: 'statement' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_JOINED' },
      });
      expect(await mod.send('floor:next', { panelId: f.panel.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_JOINED' },
      });
    });

    it('should refuse to join a panel that does not exist', async () => {
      const viewer = t.track(await connectLive(t.api.url));
      expect(
        await viewer.send('panel:join', { panelId: '00000000-0000-4000-8000-000000000000' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await viewer.send('panel:join', { panelId: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    });

    it('should refuse to join more than 50 panels on one connection', async () => {
      const f = await livePanel(t.api, { delegates: 0 });
      const copies: { id: string }[] = await t.api.db.query(
        `INSERT INTO panels (event_id, title, starts_at, ends_at, settings)
         SELECT event_id, 'Copy ' || g, starts_at, ends_at, settings FROM panels, generate_series(1, 50) g
         WHERE id = $1 RETURNING id`,
        [f.panel.id],
      );
      const viewer = t.track(await connectLive(t.api.url));
      for (const { id } of copies) {
        expect(await viewer.send('panel:join', { panelId: id })).toMatchObject({ ok: true });
        await sleep(55); // within the command rate
      }
      expect(await viewer.send('panel:join', { panelId: f.panel.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(await viewer.send('panel:join', { panelId: copies[0].id })).toMatchObject({ ok: true }); // again: fine
    });

    it('should stop sending a panel’s state to a client that left it', async () => {
      const f = await livePanel(t.api, { delegates: 2 });
      const panelId = f.panel.id;
      const watcher = t.track(await joined(t.api, null, panelId));
      const del = t.track(await joined(t.api, f.delegates[0], panelId));
      expect(await watcher.send('panel:leave', { panelId })).toEqual({ ok: true, data: {} });
      await del.ok('floor:request', { panelId, kind: 'statement' });
      await del.waitFor('panel:state');
      await sleep(200);
      expect(watcher.states(panelId)).toEqual([]);
      expect(await watcher.send('panel:leave', { panelId })).toEqual({ ok: true, data: {} }); // idempotent
    });
  });

  describe('limits', () => {
    it('should close the connection when a payload is over 16 KiB', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
      const nearly = await del.send('floor:request', {
        panelId: f.panel.id,
        kind: 'statement',
        note: 'x'.repeat(15_000),
      });
      expect(nearly).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      const gone = disconnected(del);
      del.socket.emit(
        'floor:request',
        { panelId: f.panel.id, kind: 'statement', note: 'x'.repeat(17 * 1024) },
        () => undefined,
      );
      expect(await gone).toMatch(/transport/);
      const [{ n }] = await t.api.db.query(
        'SELECT count(*)::int AS n FROM interventions WHERE panel_id = $1',
        [f.panel.id],
      );
      expect(n).toBe(0);
    });

    it('should answer RATE_LIMITED over 20 commands a second and disconnect a client that keeps on', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const flooder = t.track(await joined(t.api, f.delegates[0], f.panel.id));
      const bystander = t.track(await joined(t.api, null, f.panel.id));
      const gone = disconnected(flooder);
      const answers = await Promise.all(
        Array.from({ length: 45 }, () =>
          flooder
            .send('panel:leave', { panelId: '00000000-0000-4000-8000-000000000000' }, 2000)
            .catch(() => null),
        ),
      );
      // The join was the first command of this second: 19 more pass (answered, unless still running when the
      // connection was cut), the next 20 are refused, and the one after that ends the connection.
      expect(answers.slice(0, 19).every((a) => a === null || a.ok)).toBe(true);
      expect(answers.filter((a) => a?.ok).length).toBeGreaterThan(0);
      expect(answers.slice(19, 39).every((a) => a?.ok === false && a.error.code === 'RATE_LIMITED')).toBe(
        true,
      );
      expect(await gone).toBe('io server disconnect');
      expect(await bystander.send('panel:leave', { panelId: f.panel.id })).toEqual({ ok: true, data: {} });
    });

    it('should run a connection’s commands one at a time, answering them in the order sent', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const client = t.track(await connectLive(t.api.url, { token: t.api.tokenFor(f.delegates[0]) }));
      const answered: string[] = [];
      // The join reads the database; leaving a panel never joined does not: alone, it would answer first.
      await Promise.all([
        client.send('panel:join', { panelId: f.panel.id }).then(() => answered.push('join')),
        client
          .send('panel:leave', { panelId: '00000000-0000-4000-8000-000000000000' })
          .then(() => answered.push('leave')),
      ]);
      expect(answered).toEqual(['join', 'leave']);
    });

    it('should keep a user cut off for flooding out for the cool-off, then let them in again', async () => {
      const f = await livePanel(t.api, { delegates: 2 });
      await expectFloodCoolOff([t.api, t.api], f.panel.id, f.delegates, t.track);
    }, 20_000);
  });

  describe('rooms', () => {
    it('should count who is connected to a panel in panel:presence', async () => {
      const f = await livePanel(t.api, { delegates: 2 });
      const panelId = f.panel.id;
      const mod = t.track(await joined(t.api, f.moderator, panelId));
      const dels = [
        t.track(await joined(t.api, f.delegates[0], panelId)),
        t.track(await joined(t.api, f.delegates[1], panelId)),
      ];
      t.track(await joined(t.api, null, panelId));
      const full = { moderators: 1, panelists: 0, delegates: 2, public: 1 };
      await mod.waitFor('panel:presence', (p) => p.panelId === panelId && sameCounts(p.online, full), 10_000);
      dels[1].close();
      await mod.waitFor('panel:presence', (p) => sameCounts(p.online, { ...full, delegates: 1 }), 10_000);
      const times = mod.received.filter((r) => r.event === 'panel:presence').map((r) => r.at);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1900);
    });

    it('should reach staff and one user’s connections through their rooms', async () => {
      const staff = await makeUser(t.api.db, 'staff');
      const delegate = await makeUser(t.api.db, 'delegate');
      const staffClient = t.track(await connectLive(t.api.url, { token: t.api.tokenFor(staff) }));
      const delegateClient = t.track(await connectLive(t.api.url, { token: t.api.tokenFor(delegate) }));
      const recording = { id: 'r1', status: 'ready' } as RecordingView;
      t.api.app.get(LivePublisher).toStaff().emit('recording:status', recording);
      expect(await staffClient.waitFor('recording:status')).toEqual(recording);
      t.api.app.get(LivePublisher).toUser(delegate.id).emit('recording:status', recording);
      expect(await delegateClient.waitFor('recording:status')).toEqual(recording);
      expect(staffClient.received.filter((r) => r.event === 'recording:status')).toHaveLength(1);
    });
  });
});

function sameCounts(a: Record<string, number>, b: Record<string, number>) {
  return Object.keys(b).every((k) => a[k] === b[k]);
}
