/*
 * A lost connection in the browser against the REAL API, through a TCP proxy that can silence the network
 * without closing anything (as when Wi-Fi drops): the console notices within 10 s, disables the live
 * commands, fails the command that was in flight, and that command never runs once the network is back.
 */
import type { Browser } from 'playwright-core';
import { InterventionEntity, type PanelEntity, type UserEntity } from '@rostrum/database';
import {
  connectLive,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TcpProxy,
  type LiveTestClient,
  type TestApi,
} from '@rostrum/test-harness';
import { LivePublisher } from '../../api/src/live/live-publisher';
import { eventually, launchBrowser, newActor, type Actor } from './support/browser';

describe('web app: a lost connection (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let proxy: TcpProxy;
  let moderator: UserEntity;
  let brazilian: UserEntity;
  let panel: PanelEntity;
  let delegate: LiveTestClient;
  let mod: Actor;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    proxy = await new TcpProxy('127.0.0.1', Number(new URL(api.url).port)).start();
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    brazilian = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    panel = await makePanel(api.db, { event, moderators: [moderator], status: 'live' });
    delegate = await connectLive(api.url, { token: api.tokenFor(brazilian) });
    await delegate.ok('panel:join', { panelId: panel.id });
    await delegate.ok('floor:request', { panelId: panel.id, kind: 'statement' });
  });

  beforeEach(async () => {
    // The moderator's browser reaches the API only through the proxy.
    mod = await newActor(browser, proxy.route(api.url).replace(/\/$/, ''), {
      token: api.tokenFor(moderator),
    });
    await mod.page.goto(`/panels/${panel.id}/console`);
    await eventually(async () =>
      expect(await mod.page.getByRole('button', { name: 'Next speaker' }).isEnabled()).toBe(true),
    );
  });

  afterEach(async () => {
    proxy.heal();
    await mod.context.close();
    expect(mod.errors).toEqual([]);
  });

  afterAll(async () => {
    delegate?.close();
    await proxy?.cut();
    await browser?.close();
    await api?.close();
  });

  /** The moderator's connections the server still holds. */
  const moderatorSockets = () =>
    [...api.app.get(LivePublisher).namespace.sockets.values()].filter((s) => s.data.user?.id === moderator.id)
      .length;

  it('should show a silent drop within 10 s, fail the command sent into it and never run it after the network is back', async () => {
    const next = mod.page.getByRole('button', { name: 'Next speaker' });
    proxy.blackHole();
    const cutAt = Date.now();
    await next.click();

    await mod.page.getByTestId('connection-lost').waitFor({ timeout: 15_000 });
    expect(Date.now() - cutAt).toBeLessThan(10_000);
    const failure = mod.page.getByRole('alert').filter({ hasText: 'connection was lost before the server' });
    await failure.waitFor();
    expect(await next.isDisabled()).toBe(true);
    expect(await mod.page.getByRole('button', { name: 'Close the list' }).isDisabled()).toBe(true);
    expect(await mod.page.getByRole('button', { name: 'Give the floor — Brazil' }).isDisabled()).toBe(true);

    // The server has given up the dead connection too: what it held back is never read.
    await eventually(() => expect(moderatorSockets()).toBe(0));
    proxy.heal();
    await mod.page.getByTestId('connection-recovered').waitFor({ timeout: 15_000 });
    await eventually(async () => expect(await failure.count()).toBe(0)); // stale once the state is fresh

    // One more command after the reconnection, to be sure anything held back would have arrived by now.
    await mod.page.getByRole('button', { name: 'Close the list' }).click();
    await eventually(async () =>
      expect(await mod.page.getByTestId('queue-state').textContent()).toBe('List closed'),
    );
    await mod.page.getByRole('button', { name: 'Open the list' }).click();
    const request = await api.db.getRepository(InterventionEntity).findOneByOrFail({ panelId: panel.id });
    expect(request.status).toBe('queued');
    expect(await mod.page.getByTestId('queue-count').textContent()).toBe('1');
  });

  it('should show the loss at once when the browser goes offline, and come back when it is online', async () => {
    await mod.context.setOffline(true);
    const offAt = Date.now();
    await mod.page.getByTestId('connection-lost').waitFor();
    expect(Date.now() - offAt).toBeLessThan(2000);
    expect(await mod.page.getByRole('button', { name: 'Next speaker' }).isDisabled()).toBe(true);
    await mod.context.setOffline(false);
    await mod.page.getByTestId('connection-recovered').waitFor({ timeout: 15_000 });
    expect(await mod.page.getByRole('button', { name: 'Next speaker' }).isEnabled()).toBe(true);
  });

  it('should clear the delegate\'s "connection lost" error when the fresh list shows their request went through', async () => {
    const kenya = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    const kenyan = await makeUser(api.db, 'delegate', { name: 'Wanjiru Kamau', delegationId: kenya.id });
    const delegate = await newActor(browser, api.url, { token: api.tokenFor(kenyan) });
    try {
      // The real server, except that the answer to the first floor:request is lost with the connection.
      let loseAnswer = true;
      await delegate.context.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((message) => {
          if (
            loseAnswer &&
            String(message).startsWith('43/live') &&
            String(message).includes('"intervention"')
          ) {
            loseAnswer = false;
            void ws.close({ code: 1006 });
            return;
          }
          ws.send(message);
        });
      });
      const { page } = delegate;
      await page.goto(`/panels/${panel.id}/floor`);
      const requestButton = page.getByRole('button', { name: 'Request the floor' });
      await eventually(async () => expect(await requestButton.isEnabled()).toBe(true));
      await requestButton.click();
      // Re-joined, the fresh list shows the request: the error about the lost answer must not stay beside it.
      await eventually(async () => expect(await page.getByTestId('my-position').textContent()).toBe('2'));
      await eventually(async () => expect(await page.getByRole('alert').count()).toBe(0));
      expect(delegate.errors).toEqual([]);
    } finally {
      await delegate.context.close();
    }
  });
});
