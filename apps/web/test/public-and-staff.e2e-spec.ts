import type { Browser } from 'playwright-core';
import { DelegationEntity, PanelEntity, UserEntity } from '@rostrum/database';
import {
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TEST_PASSWORD,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

/**
 * The web app in Chromium against the real API: the public programme, sign-in, registration from an
 * invitation link, the staff pages, and the language switch. (The floor, Q&A and archive flows against the
 * real gateway are in live-flows.e2e-spec.pending.ts.)
 */
describe('web app: programme, accounts and staff pages (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let staff: UserEntity;
  let moderator: UserEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    staff = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Moderator' });
    const event = await makeEvent(api.db, {
      title: 'WIPO Conversation on IP and AI — Third Session',
      description: 'Themed expert panels on intellectual property and artificial intelligence.',
    });
    await makePanel(api.db, {
      event,
      title: 'AI-generated works and copyright',
      moderators: [moderator],
      status: 'live',
    });
    await makePanel(api.db, { event, title: 'Data in a fully connected world', moderators: [moderator] });
  });

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const actor = (options: Parameters<ActorPool['open']>[0] = {}) => actors.open(options);

  it('should show the programme with the live panel, its theme, guiding questions and slot when signed out', async () => {
    const { page } = await actor();
    await page.goto('/');
    const panel = page.getByTestId('programme-panel').filter({ hasText: 'AI-generated works and copyright' });
    await panel.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Programme');
    expect(await page.getByRole('heading', { level: 2, name: /Third Session/ }).isVisible()).toBe(true);
    expect(await panel.textContent()).toContain('Test theme');
    expect(await panel.getByRole('listitem').filter({ hasText: 'Who owns the output?' }).count()).toBe(1);
    expect(await panel.getByTestId('panel-status').textContent()).toBe('Live now');
    expect(await panel.textContent()).toMatch(/\d{1,2}:\d{2}/); // the slot, in local time
    const liveNow = page.getByRole('region', { name: 'Live now' });
    expect(await liveNow.getByRole('link', { name: /AI-generated works/ }).getAttribute('href')).toMatch(
      /^\/watch\//,
    );
    await screenshot(page, 'programme');
  });

  it('should sign a user in with email and password and show their name and role', async () => {
    // An account of its own: signing out ends every session of the account, the other tests' too.
    const signingIn = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
    const { page } = await actor();
    await page.goto('/login');
    await page.getByLabel('Email').fill(signingIn.email.toUpperCase());
    await page.getByLabel('Password').fill('wrong-password-123');
    await page.locator('form').getByRole('button', { name: 'Sign in' }).click();
    await eventually(async () =>
      expect(await page.getByRole('alert').textContent()).toBe('The email or password is wrong.'),
    );

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await screenshot(page, 'sign-in');
    await page.locator('form').getByRole('button', { name: 'Sign in' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('account-name').textContent()).toBe('Sofia SecretariatSecretariat'),
    );
    expect(await page.getByRole('link', { name: 'Invitations' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
  });

  it('should let staff create an event, a panel, a delegation and an invitation that registers a delegate', async () => {
    const { page } = await actor({ token: api.tokenFor(staff) });
    const panelist = await makeUser(api.db, 'panelist', { name: 'Pavel Panelist' });
    const kenya = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    await makeUser(api.db, 'delegate', { name: 'Wanjiru Kamau', delegationId: kenya.id });

    // An event
    await page.goto('/staff/events');
    const eventForm = page.getByTestId('create-event-form');
    await eventForm.getByLabel('Title').fill('Fourth Session: Data in a fully connected world');
    await eventForm.getByLabel('Time zone').selectOption('Europe/Zurich'); // times typed are Geneva's
    await eventForm.getByLabel('Starts').fill('2026-09-22T13:00');
    await eventForm.getByLabel('Ends').fill('2026-09-23T17:00');
    await screenshot(page, 'staff-events');
    await eventForm.getByRole('button', { name: 'Create event' }).click();
    const eventCard = page.getByTestId('staff-event').filter({ hasText: 'Fourth Session' });
    await eventCard.waitFor();

    // A panel in it: the moderator and a newly registered panelist found by name, email, role and delegation
    await eventCard.getByRole('link', { name: /Add a panel/ }).click();
    const panelForm = page.getByTestId('panel-form');
    // exact: the form also has the translations' fields ("Title · Translation (French)"…)
    await panelForm.getByLabel('Title', { exact: true }).fill('Data as an IP asset');
    await panelForm.getByLabel('Theme', { exact: true }).fill('Beyond artificial intelligence');
    await panelForm
      .getByLabel('Guiding questions', { exact: true })
      .fill('Should data be protected?\nWho owns machine data?');
    await eventually(async () =>
      expect(await panelForm.getByLabel('Starts').inputValue()).toBe('2026-09-22T13:00'),
    );
    const moderators = panelForm.getByRole('group', { name: 'Moderators' });
    await moderators.getByLabel('Find by name or email').fill('marta');
    await moderators.getByRole('button', { name: 'Add Marta Moderator' }).click();
    const panelists = panelForm.getByRole('group', { name: 'Panelists' });
    // Searched as typed, by email too; each match shows its name, email, role and delegation.
    await panelists.getByLabel('Find by name or email').fill(panelist.email.slice(0, 12).toUpperCase());
    const found = panelists.getByTestId('person-result').filter({ hasText: 'Pavel Panelist' });
    expect(await found.textContent()).toContain(panelist.email);
    expect(await found.textContent()).toContain('Panelist');
    await panelists.getByLabel('Role').selectOption('');
    await panelists.getByLabel('Delegation').selectOption({ label: 'Kenya (KEN)' });
    await panelists.getByLabel('Find by name or email').fill('');
    await eventually(async () =>
      expect(await panelists.getByTestId('person-result').allTextContents()).toEqual([
        expect.stringMatching(/^Wanjiru Kamau delegate-.*Delegate · Kenya \(KEN\)Add$/),
      ]),
    );
    await panelists.getByLabel('Find by name or email').fill('nobody at all');
    await panelists.getByText('No one matches.').waitFor();
    await panelists.getByLabel('Delegation').selectOption('');
    await panelists.getByLabel('Find by name or email').fill('pavel');
    await panelists.getByRole('button', { name: 'Add Pavel Panelist' }).click();
    expect(await panelists.getByTestId('chosen-person').textContent()).toContain('Pavel Panelist');
    await panelForm.getByLabel('Speaking time (s)').fill('240');
    await screenshot(page, 'staff-panel-form');
    await panelForm.getByRole('button', { name: 'Create panel' }).click();
    await page.getByTestId('staff-panel').filter({ hasText: 'Data as an IP asset' }).waitFor();
    const saved = await api.db.getRepository(PanelEntity).findOneOrFail({
      where: { title: 'Data as an IP asset' },
      relations: { moderators: true, panelists: true },
    });
    expect(saved.moderators!.map((m) => m.id)).toEqual([moderator.id]);
    expect(saved.panelists!.map((p) => p.id)).toEqual([panelist.id]);
    expect(saved.guidingQuestions).toEqual(['Should data be protected?', 'Who owns machine data?']);
    expect(saved.settings.speakingSeconds).toBe(240);
    expect(saved.startsAt.toISOString()).toBe('2026-09-22T11:00:00.000Z'); // 13:00 in Geneva (CEST)

    // A delegation: a bad code is refused with the reason, then a good one is listed
    await page.getByRole('link', { name: 'Delegations' }).click();
    const delegationForm = page.getByTestId('delegation-form');
    await delegationForm.getByLabel('Name').fill('Brazil');
    await delegationForm.getByLabel('Code').fill('BR1');
    await delegationForm.getByRole('button', { name: 'Add delegation' }).click();
    await eventually(async () =>
      expect(await delegationForm.getByRole('alert').textContent()).toContain('alpha-3'),
    );
    await delegationForm.getByLabel('Code').fill('bra');
    await delegationForm.getByRole('button', { name: 'Add delegation' }).click();
    await page
      .getByTestId('delegation-table')
      .getByRole('row', { name: /Brazil BRA Member state/ })
      .waitFor();
    await screenshot(page, 'staff-delegations');
    const brazil = await api.db.getRepository(DelegationEntity).findOneByOrFail({ code: 'BRA' });

    // An invitation for a Brazilian delegate, with a copyable link
    await page.getByRole('link', { name: 'Invitations' }).click();
    const invitationForm = page.getByTestId('invitation-form');
    await invitationForm.getByLabel('Role').selectOption('delegate');
    await invitationForm
      .getByLabel('Event')
      .selectOption({ label: 'Fourth Session: Data in a fully connected world' });
    await invitationForm.getByLabel('Delegation').selectOption({ label: 'Brazil (BRA)' });
    await invitationForm.getByRole('button', { name: 'Create invitation' }).click();
    const link = await eventually(async () => {
      const value = await page.getByTestId('invitation-link').first().inputValue();
      expect(value).toMatch(new RegExp(`^${api.url}/register\\?code=[\\w-]+$`));
      return value;
    });
    await screenshot(page, 'staff-invitations');

    // The invited delegate opens the link, signed out, and registers
    const invited = await actor();
    await invited.page.goto(link.replace(api.url, ''));
    const code = new URL(link).searchParams.get('code')!;
    // What the invitation is for, and no editable code
    const summary = invited.page.getByTestId('invitation-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('You are invited as Delegate.');
    expect(await summary.textContent()).toContain('Brazil (BRA)');
    expect(await invited.page.getByLabel('Invitation code').count()).toBe(0);
    const inputs = await invited.page
      .locator('input')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(inputs).not.toContain(code);
    await invited.page.getByLabel('Full name').fill('Ana Pereira');
    await invited.page.getByLabel('Email').fill('ana.pereira@example.org');
    await invited.page.getByLabel('Password').fill('long-enough-password');
    await screenshot(invited.page, 'register');
    await invited.page.getByRole('button', { name: 'Create account' }).click();
    await eventually(async () =>
      expect(await invited.page.getByTestId('account-name').textContent()).toBe('Ana PereiraDelegate'),
    );
    const ana = await api.db.getRepository(UserEntity).findOneByOrFail({ email: 'ana.pereira@example.org' });
    expect(ana).toMatchObject({ role: 'delegate', delegationId: brazil.id });
    // A delegate sees "Take part" on a panel that is not over
    await invited.page.getByTestId('take-part').first().waitFor();

    // The same link a second time is refused in words, before anyone types anything
    const again = await actor();
    await again.page.goto(link.replace(api.url, ''));
    await eventually(async () =>
      expect(await again.page.getByRole('alert').textContent()).toBe(
        'This invitation has already been used.',
      ),
    );
  });

  it('should switch the whole UI to French and to Chinese and keep the choice after a reload', async () => {
    const { page } = await actor();
    await page.goto('/');
    await page.getByTestId('programme-panel').first().waitFor();

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('.lead').first().textContent()).toContain('tables rondes thématiques');
    expect(await page.getByRole('link', { name: 'Archives' }).isVisible()).toBe(true);
    const livePanel = page.getByTestId('programme-panel').filter({ hasText: 'AI-generated works' });
    expect(await livePanel.getByTestId('panel-status').textContent()).toBe('En direct');
    expect(await page.getByText('Questions directrices').first().isVisible()).toBe(true);
    await screenshot(page, 'programme-fr');

    await page.getByLabel('Langue').selectOption('zh');
    await page.getByRole('link', { name: '登录' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('日程');
    expect(await page.getByText('提示性问题').first().isVisible()).toBe(true);

    await page.reload();
    await page.getByRole('link', { name: '登录' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('日程');
    await screenshot(page, 'programme-zh');

    await page.goto('/login');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('登录');
    expect(await page.getByLabel('电子邮件').isVisible()).toBe(true);
  });
});
