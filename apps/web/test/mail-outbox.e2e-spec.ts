import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { MAIL_OFF_ERROR, type MailStatus } from '@rostrum/contracts';
import { MailOutboxEntity } from '@rostrum/database';
import { makeUser, startTestApi, type TestApi } from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

/** The staff page of the mail outbox: every mail, a status filter, and the reason of each failure. */
describe('web app: mail outbox page (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let staffToken: string;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  const mail = (to: string, status: MailStatus, fields: Partial<MailOutboxEntity> = {}) => {
    const id = randomUUID();
    return api.db.getRepository(MailOutboxEntity).insert({
      id,
      kind: 'invitation',
      to,
      language: 'en',
      subject: `Invitation: Third Session <${to}>`,
      messageId: `<${id}@rostrum.test>`,
      status,
      attempts: status === 'queued' ? 0 : 1,
      sentAt: status === 'sent' ? new Date() : null,
      ...fields,
    });
  };

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    staffToken = api.tokenFor(await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' }));
    await mail('amelie@example.org', 'sent');
    await mail('bao@example.org', 'queued');
    await mail('carlos@example.org', 'failed', {
      attempts: 8,
      lastError: 'EENVELOPE: 550 5.1.1 <carlos@example.org>: Recipient address rejected',
    });
    await mail('dana@example.org', 'failed', {
      kind: 'password_reset',
      subject: 'Reset your Rostrum password',
      attempts: 0,
      lastError: MAIL_OFF_ERROR,
    });
  }, 60_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('should list every mail and, filtered to failures, show the reason of each', async () => {
    const { page } = await actors.open({ token: staffToken, viewport: { width: 1280, height: 800 } });
    await page.goto('/');
    await page.getByRole('link', { name: 'Mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mail outbox' }).waitFor();
    const rows = page.getByTestId('mail-row');
    await eventually(async () => expect(await rows.count()).toBe(4));
    // A subject with markup shows as text.
    expect(await rows.filter({ hasText: 'amelie@example.org' }).textContent()).toContain(
      'Invitation: Third Session <amelie@example.org>',
    );
    expect(
      await rows.filter({ hasText: 'amelie@example.org' }).getByTestId('mail-status').textContent(),
    ).toBe('Sent');
    expect(await rows.filter({ hasText: 'bao@example.org' }).getByTestId('mail-status').textContent()).toBe(
      'Queued',
    );
    await screenshot(page, 'mail-outbox-desktop');

    await page.getByLabel('Status').selectOption('failed');
    await eventually(async () => expect(await rows.count()).toBe(2));
    expect(
      await rows.filter({ hasText: 'carlos@example.org' }).getByTestId('mail-reason').textContent(),
    ).toContain('550 5.1.1 <carlos@example.org>: Recipient address rejected');
    const off = rows.filter({ hasText: 'dana@example.org' });
    expect(await off.getByTestId('mail-reason').textContent()).toContain(
      'Mail is off (SMTP_URL is not set): this mail was recorded but not sent.',
    );
    expect(await off.textContent()).toContain('Password reset');
    await screenshot(page, 'mail-outbox-failed-desktop');
  });

  it('should show the outbox in French on a phone, the mail-off reason in French', async () => {
    const { page } = await actors.open({
      token: staffToken,
      language: 'fr',
      viewport: { width: 390, height: 844 },
    });
    await page.goto('/staff/mail');
    await page.getByRole('heading', { level: 1, name: 'Boîte d’envoi' }).waitFor();
    await page.getByLabel('État').selectOption('failed');
    const rows = page.getByTestId('mail-row');
    await eventually(async () => expect(await rows.count()).toBe(2));
    expect(
      await rows.filter({ hasText: 'dana@example.org' }).getByTestId('mail-reason').textContent(),
    ).toContain('L’envoi de courriels est désactivé');
    await screenshot(page, 'mail-outbox-phone-fr');
  });
});
