import type { Browser, Page } from 'playwright-core';
import {
  makeDelegation,
  makeEvent,
  makeUser,
  startTestApi,
  TEST_PASSWORD,
  type TestApi,
} from '@rostrum/test-harness';
import type { UserEntity } from '@rostrum/database';
import { PasswordResetService } from '../../api/src/auth/password-reset.service';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const PHONE = { width: 390, height: 844 };

/**
 * The web session in Chromium against the real API: the HttpOnly cookie (nothing in the page's storage),
 * reload, sign-out, two tabs, changing and resetting a password, and registering from an invitation.
 */
describe('web app: the session cookie and the account pages (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
  });
  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const signInThroughForm = async (page: Page, user: UserEntity, password = TEST_PASSWORD) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(password);
    await page.locator('form').getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('account-name').waitFor();
  };
  const signedOut = (page: Page) => page.getByRole('link', { name: 'Sign in' }).waitFor();
  /** Every value the page's scripts can read: storage and document.cookie. */
  const readableByScripts = (page: Page) =>
    page.evaluate(() => [...Object.values(localStorage), ...Object.values(sessionStorage), document.cookie]);
  const meWith = (token: string) =>
    fetch(`${api.url}/api/auth/me`, { headers: { cookie: `rostrum_session=${token}` } }).then(
      (r) => r.status,
    );

  it('should keep the session in an HttpOnly cookie through a reload, and end it at sign-out', async () => {
    const user = await makeUser(api.db, 'moderator', { name: 'Marta Cookie' });
    const { page, context } = await actors.open();
    await signInThroughForm(page, user);

    const [cookie] = (await context.cookies()).filter((c) => c.name === 'rostrum_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect((await readableByScripts(page)).join(' ')).not.toMatch(/eyJ/); // no token anywhere a script sees

    await page.reload();
    await eventually(async () =>
      expect(await page.getByTestId('account-name').textContent()).toBe('Marta CookieModerator'),
    );

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signedOut(page);
    expect((await context.cookies()).filter((c) => c.name === 'rostrum_session')).toEqual([]);
    expect(await meWith(cookie.value)).toBe(401); // revoked, not only forgotten by this browser
    await page.reload();
    await signedOut(page);
  });

  it('should follow a sign-in and a sign-out made in another tab', async () => {
    const user = await makeUser(api.db, 'staff', { name: 'Tab Two' });
    const { page: first, context } = await actors.open();
    const second = await context.newPage();
    await second.goto('/');
    await signedOut(second);

    await signInThroughForm(first, user);
    await eventually(async () =>
      expect(await second.getByTestId('account-name').textContent()).toBe('Tab TwoSecretariat'),
    );

    await second.getByRole('button', { name: 'Sign out' }).click();
    await signedOut(second);
    await signedOut(first);
  });

  it('should change the password: a wrong current one is said so, then the others sessions end', async () => {
    const user = await makeUser(api.db, 'panelist');
    const elsewhere = api.tokenFor(user);
    const { page } = await actors.open({ token: api.tokenFor(user) });
    await page.goto('/');
    await page.getByRole('link', { name: 'Password' }).click();
    await page.getByLabel('Current password').fill('not-the-password');
    await page.getByLabel('New password', { exact: true }).fill('a-new-password-123');
    await page.getByLabel('New password again').fill('a-new-password-123');
    await page.getByRole('button', { name: 'Change password' }).click();
    await eventually(async () =>
      expect(await page.getByRole('alert').textContent()).toBe('The current password is wrong.'),
    );

    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
    await page.setViewportSize(PHONE);
    await screenshot(page, 'account-password-phone');
    expect(await meWith(elsewhere)).toBe(401);
    await page.reload();
    await page.getByTestId('account-name').waitFor(); // this browser got a new session
  });

  it('should reset a forgotten password with a single-use link', async () => {
    const user = await makeUser(api.db, 'delegate');
    const { page } = await actors.open();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'valid for 60 minutes' }).waitFor();

    // The mail outbox does not exist yet: the link's token is taken from the service, as the mail would carry it.
    const token = (await api.app.get(PasswordResetService).issueFor(user.email)) as string;
    await page.goto(`/reset-password?token=${token}`);
    await page.getByLabel('New password', { exact: true }).fill('reset-password-123');
    await page.getByLabel('New password again').fill('reset-password-124');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('The two new passwords are not the same.');
    await page.getByLabel('New password again').fill('reset-password-123');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'reset-password-phone');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
    await signInThroughForm(page, user, 'reset-password-123');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`/reset-password?token=${token}`);
    await page.getByLabel('New password', { exact: true }).fill('third-password-123');
    await page.getByLabel('New password again').fill('third-password-123');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await eventually(async () =>
      expect(await page.getByRole('alert').textContent()).toContain(
        'This link was already used or has expired.',
      ),
    );
  });

  it('should show what an invitation is for and fill in the invited email, on a phone', async () => {
    const staff = await makeUser(api.db, 'staff');
    const delegation = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    const event = await makeEvent(api.db);
    const res = await fetch(`${api.url}/api/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.tokenFor(staff)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        role: 'delegate',
        eventId: event.id,
        delegationId: delegation.id,
        email: 'wanjiru@example.org',
      }),
    });
    const { code } = (await res.json()) as { code: string };
    const { page } = await actors.open();
    await page.setViewportSize(PHONE);
    await page.goto(`/register?code=${code}`);
    const summary = page.getByTestId('invitation-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('You are invited as Delegate.');
    expect(await summary.textContent()).toContain('Kenya (KEN)');
    const email = page.getByLabel('Email');
    expect(await email.inputValue()).toBe('wanjiru@example.org');
    expect(await email.getAttribute('readonly')).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'register-invitation-phone');

    await page.getByLabel('Full name').fill('Wanjiru Kamau');
    await page.getByLabel('Password').fill('long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('account-name').textContent()).toBe('Wanjiru KamauDelegate'),
    );

    const unknown = await actors.open();
    await unknown.page.goto('/register?code=not-a-real-code');
    await eventually(async () =>
      expect(await unknown.page.getByRole('alert').textContent()).toContain(
        'This invitation link is not valid.',
      ),
    );
  });
});
