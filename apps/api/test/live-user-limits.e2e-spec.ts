import { randomUUID } from 'node:crypto';
import {
  connectLive,
  eventually,
  LiveTestClient,
  makeUser,
  startTestApi,
  TestApi,
} from '@rostrum/test-harness';
import { disconnected } from './support/floor-fixture';

describe('the /live socket: per-user socket cap and command budget (e2e)', () => {
  let api: TestApi;
  let other: TestApi;
  const clients: LiveTestClient[] = [];
  const track = (c: LiveTestClient) => (clients.push(c), c);

  beforeAll(async () => {
    api = await startTestApi();
    other = await startTestApi({ shareWith: api });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await other.stop();
    await api.close();
  });

  it('should refuse the 11th socket of one user, across instances, with TOO_MANY_CONNECTIONS', async () => {
    const user = await makeUser(api.db, 'delegate');
    const token = api.tokenFor(user);
    for (let i = 0; i < 10; i++) track(await connectLive(i % 2 ? other.url : api.url, { token }));

    for (const on of [api, other]) {
      await expect(connectLive(on.url, { token })).rejects.toMatchObject({
        message: 'TOO_MANY_CONNECTIONS',
        data: { code: 'TOO_MANY_CONNECTIONS' },
      });
    }
    // Someone else, and public viewers, are not affected.
    track(await connectLive(api.url, { token: api.tokenFor(await makeUser(api.db, 'delegate')) }));
    track(await connectLive(api.url));

    // Closing one gives its place back.
    const closing = clients[0];
    const gone = disconnected(closing);
    closing.close();
    await gone;
    const eleventh = track(
      await eventually(() => connectLive(other.url, { token }).catch(() => null), 5000, 'the freed place'),
    );
    expect(eleventh.socket.connected).toBe(true);
  });

  it('should limit a user spreading 100 commands a second over 5 sockets as one', async () => {
    const user = await makeUser(api.db, 'delegate');
    const token = api.tokenFor(user);
    const sockets = [];
    for (let i = 0; i < 5; i++) sockets.push(track(await connectLive(api.url, { token })));
    const answers: { ok: boolean; code?: string }[] = [];
    const allGone = Promise.all(sockets.map(disconnected));

    // 20 a second on each socket (within the old per-socket budget), 100 a second for the user.
    for (let round = 0; round < 20; round++) {
      for (const s of sockets) {
        s.socket.emit(
          'panel:leave',
          { panelId: randomUUID() },
          (answer: { ok: boolean; error?: { code: string } }) =>
            answers.push({ ok: answer.ok, code: answer.error?.code }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (sockets.every((s) => s.socket.disconnected)) break;
    }
    await allGone; // a user who goes on flooding is cut off, every socket of theirs

    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(20);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
  });

  it('should give each user their own budget', async () => {
    const [a, b] = [await makeUser(api.db, 'delegate'), await makeUser(api.db, 'delegate')];
    const ca = track(await connectLive(api.url, { token: api.tokenFor(a) }));
    const cb = track(await connectLive(api.url, { token: api.tokenFor(b) }));
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => (i % 2 ? ca : cb).send('panel:leave', { panelId: randomUUID() })),
    );
    const more = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? ca : cb).send('panel:leave', { panelId: randomUUID() })),
    );
    expect([...results, ...more].every((r) => r.ok)).toBe(true);
  });
});
