import type { Browser, BrowserContext } from 'playwright-core';
import type { DelegationView } from '@rostrum/contracts';
import {
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import { PanelEntity, type UserEntity } from '@rostrum/database';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';
import type { CommandHandler } from './support/live-stand-in';
import { ScriptedPanel, type Person } from './support/scripted-panel';
import { WIPO_PANEL, wipoScenario } from './support/wipo-scenario';

/**
 * The live pages — delegate floor, moderator console, public watch page — in Chromium, on the real API (REST,
 * sign-in, panels) with the /live socket played by a scripted stand-in that follows CONTRACT.md. It produces
 * floor states on cue (a grant, a time-up, a dropped connection) and checks what the pages send. The same flows
 * against the real floor gateway are in live-flows.e2e-spec.pending.ts.
 */
describe('web app: live pages on a scripted /live socket (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let panelId: string;
  let people: { moderator: Person; ana: Person; omar: Person; panelists: Person[] };
  let tokens: Record<'moderator' | 'ana' | 'omar', string>;
  let script: ScriptedPanel;
  let ids: Record<string, string>;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    const egypt = await makeDelegation(api.db, { name: 'Egypt', code: 'EGY' });
    const moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    const ana = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    const omar = await makeUser(api.db, 'delegate', { name: 'Omar Haddad', delegationId: egypt.id });
    const panelists = [
      await makeUser(api.db, 'panelist', { name: 'Dr. Amara Okafor' }),
      await makeUser(api.db, 'panelist', { name: 'Prof. Jean Moreau' }),
    ];
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    const panel = await makePanel(api.db, {
      event,
      title: WIPO_PANEL.title,
      moderators: [moderator],
      panelists,
      status: 'live',
      settings: { interactionWindowSeconds: 1200 },
    });
    await api.db
      .getRepository(PanelEntity)
      .update(panel.id, { theme: WIPO_PANEL.theme, guidingQuestions: WIPO_PANEL.guidingQuestions });
    panelId = panel.id;
    const asPerson = (u: UserEntity, d: DelegationView | null): Person => ({
      id: u.id,
      name: u.name,
      role: u.role,
      delegation: d,
    });
    const view = (d: typeof brazil): DelegationView => ({
      id: d.id,
      name: d.name,
      code: d.code,
      kind: d.kind,
    });
    people = {
      moderator: asPerson(moderator, null),
      ana: asPerson(ana, view(brazil)),
      omar: asPerson(omar, view(egypt)),
      panelists: panelists.map((p) => asPerson(p, null)),
    };
    tokens = { moderator: api.tokenFor(moderator), ana: api.tokenFor(ana), omar: api.tokenFor(omar) };
  });

  beforeEach(() => {
    const scenario = wipoScenario(panelId, people);
    script = new ScriptedPanel(scenario.state, scenario.questions, scenario.people);
    ids = scenario.ids;
  });

  afterEach(() => actors.closeAll());

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** An actor whose socket talks to the stand-in, and whose webcast token answers 503 WEBCAST_DISABLED. */
  const actor = async (who: string, options: Parameters<ActorPool['open']>[0] = {}) => {
    const created = await actors.open(options);
    await script.live.attach(created.context, who);
    await webcastNotConfigured(created.context);
    return created;
  };

  it('should show the delegate their place and wait, then "You have the floor" with their own clock when granted', async () => {
    const { page } = await actor('delegate', { token: tokens.ana });
    await page.goto(`/panels/${panelId}/floor`);
    await eventually(async () => expect(await page.getByTestId('my-position').textContent()).toBe('2'));
    expect(await page.getByTestId('my-wait').textContent()).toMatch(/Estimated wait: about \d+:\d\d/);
    expect(await page.getByTestId('speaker-delegation').textContent()).toBe('KenyaKEN');
    const own = page.getByTestId('queue-item').filter({ hasText: 'Ana Pereira' });
    expect(await own.getAttribute('class')).toContain('queue__item--own');
    expect(await page.getByTestId('webcast-disabled').textContent()).toContain('Webcast not configured');
    expect(await page.getByTestId('approved-questions').getByTestId('question').count()).toBe(2);
    expect(await page.getByTestId('my-pending-questions').textContent()).toContain(
      'published with interpretation',
    );
    expect(await page.getByText('Should training data be disclosed').count()).toBe(0); // someone else's, pending
    await screenshot(page, 'delegate-floor');

    script.grant(ids.ana);
    await page.getByTestId('you-have-the-floor').waitFor();
    expect(await page.getByRole('heading', { name: 'You have the floor' }).isVisible()).toBe(true);
    await eventually(async () =>
      expect(await page.getByTestId('announce-assertive').textContent()).toContain('You have the floor.'),
    );
    const clock = page.getByTestId('you-have-the-floor').getByRole('timer');
    const first = await clock.textContent();
    expect(first).toMatch(/^(3:00|2:5\d)$/);
    await eventually(async () => expect(await clock.textContent()).not.toBe(first), 3000); // it runs
    await screenshot(page, 'delegate-has-floor');

    await page.getByRole('button', { name: 'Yield the floor' }).click();
    await eventually(() => expect(script.live.commands('floor:end', 'delegate')).toHaveLength(1));
    await page.getByTestId('request-form').waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('announce-assertive').textContent()).toContain(
        'Your speaking time has ended.',
      ),
    );
  });

  it('should request the floor with a fresh requestId and, when the answer is lost, resend the same one after reconnecting', async () => {
    const { page } = await actor('omar', { token: tokens.omar });
    await page.goto(`/panels/${panelId}/floor`);
    await page.getByTestId('request-form').waitFor();
    await page.getByLabel(/Point of order/).check();
    await page
      .getByLabel('Short note for the moderator (optional)')
      .fill('Interpretation into French has stopped');

    // The first request is lost with the connection, before the server takes it.
    const answer = script['answer'].bind(script);
    let dropped = false;
    script['answer'] = (command) => {
      if (command.name === 'floor:request' && !dropped) {
        dropped = true;
        void script.live.dropAll();
        return undefined;
      }
      return answer(command);
    };
    await page.getByRole('button', { name: 'Request the floor' }).click();
    await page.getByTestId('connection-lost').waitFor();
    await eventually(async () => expect(await page.getByTestId('my-position').textContent()).toBe('1'));

    const requests = script.live.commands('floor:request', 'omar');
    expect(requests).toHaveLength(2);
    expect(requests[0].payload).toEqual({
      panelId,
      kind: 'point_of_order',
      note: 'Interpretation into French has stopped',
      requestId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
    });
    expect(requests[1].payload.requestId).toBe(requests[0].payload.requestId);
    expect(requests[0].auth).toEqual({}); // signed in by the session cookie sent with the upgrade, not a token
    expect(script.live.commands('panel:join', 'omar').length).toBeGreaterThanOrEqual(2);
    await page.getByTestId('connection-recovered').waitFor();

    // A new action gets a new id.
    await page.getByRole('button', { name: 'Withdraw my request' }).click();
    await page.getByTestId('request-form').waitFor();
    await page.getByRole('button', { name: 'Request the floor' }).click();
    await eventually(() => expect(script.live.commands('floor:request', 'omar')).toHaveLength(3));
    const third = script.live.commands('floor:request', 'omar')[2].payload;
    expect(third.requestId).not.toBe(requests[0].payload.requestId);
  });

  it('should keep the kind shown chosen while the panel is joining, and send the one the delegate picks', async () => {
    const { page } = await actor('omar', { token: tokens.omar });
    // The join's answer is held: the page knows the panel is live, not yet whether the list is open.
    let letJoin!: () => void;
    const joinHeld = new Promise<void>((resolve) => (letJoin = resolve));
    const answer = script['answer'].bind(script);
    (script as unknown as { answer: CommandHandler }).answer = async (command) => {
      if (command.name === 'panel:join') await joinHeld;
      return answer(command);
    };
    await page.goto(`/panels/${panelId}/floor`);
    await page.getByTestId('request-form').waitFor();
    await eventually(() => expect(script.live.commands('panel:join', 'omar')).toHaveLength(1));
    const request = page.getByRole('button', { name: 'Request the floor' });
    expect(await request.isDisabled()).toBe(true);
    const chosenWhileJoining = await page.getByRole('radio', { checked: true }).inputValue();
    await screenshot(page, 'delegate-floor-joining');

    letJoin();
    await eventually(async () => expect(await request.isEnabled()).toBe(true));
    expect(await page.getByRole('radio', { checked: true }).inputValue()).toBe(chosenWhileJoining);

    await page.getByLabel(/Point of order/).check();
    await request.click();
    await eventually(async () => expect(await page.getByTestId('my-position').textContent()).toBe('1'));
    expect(script.live.commands('floor:request', 'omar')[0].payload.kind).toBe('point_of_order');
  });

  it('should run the floor from the moderator console: reorder by keyboard, grant, clock controls, time-up and Q&A', async () => {
    const { page } = await actor('moderator', { token: tokens.moderator });
    await page.goto(`/panels/${panelId}/console`);
    await eventually(async () => expect(await page.getByTestId('queue-count').textContent()).toBe('4'));
    script.live.emit('panel:presence', {
      panelId,
      online: { moderators: 2, panelists: 4, delegates: 137, public: 1284 },
    });
    await eventually(async () => expect(await page.getByTestId('presence').textContent()).toContain('1,284'));
    expect(await page.getByTestId('interaction-window').textContent()).toContain(
      'overruns the window by 3:15',
    );
    expect(await page.getByTestId('speaker-clock').getAttribute('data-tone')).toBe('normal');
    expect(await page.getByRole('tab', { name: /Pending/ }).textContent()).toContain('2');
    await screenshot(page, 'moderator-console');

    // Keyboard reorder: China from fourth to first
    await page.getByRole('button', { name: 'Reorder China' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await eventually(() =>
      expect(script.live.commands('queue:move')[0]?.payload).toEqual({
        panelId,
        interventionId: ids.china,
        toIndex: 0,
      }),
    );
    await eventually(async () =>
      expect(await page.getByTestId('queue-item').first().textContent()).toContain('China'),
    );

    // Grant Japan with a time override; the webcast did not follow: a warning, not an error
    script.webcastError = 'LiveKit did not answer';
    await page.getByLabel('Time to give (s)').fill('120');
    await page.getByRole('button', { name: 'Give the floor — Japan' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('speaker-delegation').textContent()).toBe('JapanJPN'),
    );
    expect(script.live.commands('floor:grant')[0].payload).toEqual({
      panelId,
      interventionId: ids.japan,
      seconds: 120,
    });
    expect(await page.getByTestId('webcast-warning').textContent()).toContain('LiveKit did not answer');
    script.webcastError = null;

    const timer = page.getByTestId('speaker-clock').getByRole('timer');
    await page.getByRole('button', { name: 'Pause' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('speaker-clock').getAttribute('data-paused')).toBe('true'),
    );
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: '+1 min' }).click();
    await eventually(async () => expect(await timer.textContent()).toMatch(/^2:5\d|3:00$/));
    expect(script.live.commands('floor:extend')[0].payload).toEqual({ panelId, seconds: 60 });

    // Time-up: the alert, announced
    script.live.emit('floor:timeup', {
      panelId,
      interventionId: script.state.speaker!.id,
      version: script.state.version,
    });
    await page.getByTestId('time-up-alert').waitFor();
    expect(await page.getByTestId('time-up-alert').textContent()).toBe('Time is up for the current speaker.');

    // Q&A: approve the pending question
    await page
      .getByTestId('qa-moderation')
      .getByTestId('question')
      .filter({ hasText: 'training data' })
      .getByRole('button', { name: 'Approve' })
      .click();
    await eventually(() =>
      expect(script.live.commands('qa:approve')[0]?.payload).toEqual({
        panelId,
        questionId: ids.pendingChina,
      }),
    );
    await page.getByRole('tab', { name: /Approved/ }).click();
    await page.getByTestId('qa-moderation').getByText('Should training data be disclosed').waitFor();

    await page.getByRole('button', { name: 'End speech' }).click();
    await eventually(async () => expect(await page.getByTestId('no-speaker').isVisible()).toBe(true));
  });

  it('should fit the moderator console on a tablet with large touch targets', async () => {
    const { page } = await actor('moderator', { token: tokens.moderator, tablet: true });
    await page.goto(`/panels/${panelId}/console`);
    await eventually(async () => expect(await page.getByTestId('queue-count').textContent()).toBe('4'));
    const next = await page.getByRole('button', { name: 'Next speaker' }).boundingBox();
    expect(next!.height).toBeGreaterThanOrEqual(48);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1024); // no sideways scrolling
    await screenshot(page, 'moderator-console-tablet');
  });

  it('should show the public who speaks, the clock, who waits and published questions, with live vote counts', async () => {
    const watcher = await actor('public');
    await watcher.page.goto(`/watch/${panelId}`);
    const page = watcher.page;
    await eventually(async () =>
      expect(await page.getByTestId('speaker-delegation').textContent()).toBe('KenyaKEN'),
    );
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(WIPO_PANEL.title),
    );
    expect(await page.getByTestId('waiting-count').textContent()).toBe('4');
    await page.getByTestId('webcast-disabled').waitFor();
    const published = page.getByTestId('question');
    expect(await published.count()).toBe(3); // approved and answered, never pending
    expect(await published.first().textContent()).toContain('moral rights');
    expect(script.live.commands('panel:join', 'public')[0].auth).toEqual({});
    await screenshot(page, 'watch');

    // A delegate upvotes: the public count follows
    const delegate = await actor('delegate', { token: tokens.ana });
    await delegate.page.goto(`/panels/${panelId}/floor`);
    const kenyaQuestion = delegate.page
      .getByTestId('approved-questions')
      .getByTestId('question')
      .filter({ hasText: 'sui generis' });
    await kenyaQuestion.getByRole('button', { name: 'Upvote' }).click();
    await eventually(async () =>
      expect(await kenyaQuestion.getByTestId('vote-count').textContent()).toBe('8'),
    );
    expect(await kenyaQuestion.getByRole('button', { name: 'Upvoted' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const onWatch = page.getByTestId('question').filter({ hasText: 'sui generis' }).getByTestId('vote-count');
    await eventually(async () => expect(await onWatch.textContent()).toBe('8'));
  });

  it('should show a lost connection, then re-join and take the fresh snapshot', async () => {
    const { page } = await actor('public');
    await page.goto(`/watch/${panelId}`);
    await eventually(async () =>
      expect(await page.getByTestId('speaker-delegation').textContent()).toBe('KenyaKEN'),
    );

    // While the viewer is cut off, the floor moves on without them hearing of it.
    const answer = script['answer'].bind(script);
    let holdJoins = true;
    script['answer'] = (command) =>
      command.name === 'panel:join' && holdJoins ? undefined : answer(command);
    await script.live.dropAll();
    await page.getByTestId('connection-lost').waitFor();
    expect(await page.getByTestId('connection-lost').textContent()).toContain('Connection lost.');
    script.state = { ...script.state, version: script.state.version + 5 };
    script.grant(ids.france);
    holdJoins = false;
    await script.live.dropAll(); // the held join got no answer: reconnect once more

    await eventually(async () =>
      expect(await page.getByTestId('speaker-delegation').textContent()).toBe('FranceFRA'),
    );
    await page.getByTestId('connection-recovered').waitFor();
    expect(await page.getByTestId('connection-recovered').textContent()).toBe(
      'Reconnected. Everything is up to date.',
    );
    expect(await page.getByTestId('waiting-count').textContent()).toBe('3');
  });
});

/** The webcast token route as it answers without LiveKit (CONTRACT.md: 503 WEBCAST_DISABLED). */
async function webcastNotConfigured(context: BrowserContext): Promise<void> {
  await context.route(/\/api\/(public\/)?panels\/[^/]+\/webcast\/token$/, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({
        statusCode: 503,
        code: 'WEBCAST_DISABLED',
        message: 'LiveKit is not configured',
      }),
    }),
  );
}
