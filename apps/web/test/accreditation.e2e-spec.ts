import type { Browser, Page } from 'playwright-core';
import { EventEntity, type UserEntity } from '@rostrum/database';
import {
  accredit,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * Accreditation in Chromium against the real API: times in the event's zone, the staff's CSV import (dry
 * run, then import) and participants, a focal point inviting a colleague within the quota, and a newcomer
 * registering from an invitation link. (The browser's own zone is Europe/Zurich: see support/browser.ts.)
 */
describe('web app: accreditation (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let staff: UserEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    staff = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
  });
  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** A REST call as someone (scripts' bearer token), failing the test on an error answer. */
  const call = async <T>(as: UserEntity, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${api.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${api.tokenFor(as)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const zonedEvent = (title: string, timezone: string, fields: Partial<EventEntity> = {}) =>
    makeEvent(api.db, {
      title,
      startsAt: new Date('2026-12-03T01:00:00Z'),
      endsAt: new Date('2026-12-04T10:00:00Z'),
      ...fields,
      timezone,
    });
  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()!.width,
    );
  /** Intl separates with narrow and no-break spaces: compare as plain spaces. */
  const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');

  it("should show every time in the event's zone, named, with the visitor's own time beside it", async () => {
    const event = await zonedEvent('Shanghai Regional Dialogue', 'Asia/Shanghai', {
      endsAt: new Date('2026-12-03T02:30:00Z'),
    });
    await makePanel(api.db, { event, title: 'Data across borders', moderators: [] });
    const { page } = await actors.open({ viewport: DESKTOP });
    await page.goto('/');
    const panel = page.getByTestId('programme-panel').filter({ hasText: 'Data across borders' });
    const slot = panel.getByTestId('zoned-time');
    // 09:00 in Shanghai (GMT+8), 02:00 for a visitor in Geneva (GMT+1).
    await eventually(async () =>
      expect(plain(await slot.textContent())).toBe(
        'Thursday, December 3, 2026, 9:00 – 10:30 AM GMT+8 (Asia/Shanghai) · 2:00 – 3:30 AM GMT+1 your time',
      ),
    );
    await screenshot(page, 'zones-programme-desktop');

    await page.getByTestId('language-switch').selectOption('fr');
    await eventually(async () =>
      expect(plain(await slot.textContent())).toBe(
        'jeudi 3 décembre 2026, 09:00 – 10:30 UTC+8 (Asia/Shanghai) · 02:00 – 03:30 UTC+1 à votre heure',
      ),
    );
    await page.getByTestId('language-switch').selectOption('zh');
    await eventually(async () => {
      const text = plain(await slot.textContent());
      expect(text).toContain('09:00–10:30 (Asia/Shanghai)');
      expect(text).toContain('您当地时间');
    });
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page);
    await screenshot(page, 'zones-programme-phone-zh');

    // An event in the visitor's own zone: named, and no second time.
    const geneva = await zonedEvent('Geneva Session', 'Europe/Zurich');
    await makePanel(api.db, { event: geneva, title: 'Standards and patents', moderators: [] });
    const visitor = await actors.open();
    await visitor.page.goto('/');
    const local = visitor.page.getByTestId('programme-panel').filter({ hasText: 'Standards and patents' });
    await eventually(async () =>
      expect(await local.getByTestId('zoned-time').textContent()).toContain('(Europe/Zurich)'),
    );
    expect(await local.getByTestId('visitor-time').count()).toBe(0);
  });

  it('should let staff create an event in its zone, typing the times of the venue', async () => {
    const { page } = await actors.open({ token: api.tokenFor(staff), viewport: DESKTOP });
    await page.goto('/staff/events');
    const form = page.getByTestId('create-event-form');
    await form.getByLabel('Title').fill('Tokyo Round Table');
    await form.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await form.getByLabel('Delegates per delegation').fill('3');
    await form.getByLabel('Regional groups').fill('Asia and the Pacific Group\nGroup B');
    await form.getByLabel('Starts').fill('2026-12-10T10:00');
    await form.getByLabel('Ends').fill('2026-12-11T17:00');
    await screenshot(page, 'zones-staff-event-form');
    await form.getByRole('button', { name: 'Create event' }).click();
    const card = page.getByTestId('staff-event').filter({ hasText: 'Tokyo Round Table' });
    await card.waitFor();
    expect(plain(await card.getByTestId('event-accreditation').textContent())).toBe(
      'Time zone: Asia/Tokyo · Delegates per delegation: 3 · Regional groups: Asia and the Pacific Group, Group B',
    );
    expect(plain(await card.getByTestId('zoned-time').first().textContent())).toContain(
      'Dec 10, 2026, 10:00 AM GMT+9 – Dec 11, 2026, 5:00 PM GMT+9 (Asia/Tokyo)',
    );
    const saved = await api.db.getRepository(EventEntity).findOneByOrFail({ title: 'Tokyo Round Table' });
    expect(saved.startsAt.toISOString()).toBe('2026-12-10T01:00:00.000Z'); // 10:00 in Tokyo
  });

  it('should import invitations from a CSV: a dry run listing every bad row, then the import', async () => {
    await zonedEvent('Import Session', 'Europe/Zurich');
    await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    await makeDelegation(api.db, { name: 'India', code: 'IND' });
    const { page } = await actors.open({ token: api.tokenFor(staff), viewport: DESKTOP });
    await page.goto('/staff/events');
    await page
      .getByTestId('staff-event')
      .filter({ hasText: 'Import Session' })
      .getByRole('link', { name: /Import invitations/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Import invitations' }).waitFor();

    const header = 'name,email,role,delegation_code,language,focal_point';
    const bad = [
      header,
      'Wanjiru Kamau,wanjiru@example.org,delegate,KEN,en,yes',
      'Priya Sharma,not-an-email,delegate,IND,en,no',
      'Ana Souza,ana@example.org,delegate,XXX,fr,no',
      'Ravi Kumar,ravi@example.org,emperor,IND,en,no',
    ].join('\n');
    const file = page.getByLabel('CSV file');
    await file.setInputFiles({ name: 'delegates.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const rows = await page.getByTestId('import-errors').locator('tbody tr').allTextContents();
    expect(rows.map((r) => r.slice(0, 1))).toEqual(['3', '4', '5']);
    expect(rows[0]).toContain('email');
    expect(rows[1]).toContain('delegation_code');
    expect(rows[2]).toContain('role');
    expect(await report.getByRole('alert').textContent()).toContain('3 rows have problems');
    expect(await page.getByRole('button', { name: 'Import now' }).count()).toBe(0);
    await screenshot(page, 'import-dry-run-errors-desktop');
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page);
    await screenshot(page, 'import-dry-run-errors-phone');
    await page.setViewportSize(DESKTOP);

    // Semicolons and a BOM, as spreadsheets export: every row good, then imported.
    const good = [
      header,
      'Wanjiru Kamau;wanjiru@example.org;delegate;KEN;en;yes',
      'Priya Sharma;priya@example.org;delegate;IND;en;no',
    ]
      .join('\r\n')
      .replace(/,/g, ';');
    await file.setInputFiles({
      name: 'delegates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import now' }).click();
    await eventually(async () => expect(await page.getByTestId('report-created').textContent()).toBe('2'));
    await page.getByRole('heading', { name: 'Import done' }).waitFor();
    await screenshot(page, 'import-done-desktop');

    // The participants: counts by status, filters, search, resend and revoke.
    await page.getByTestId('import-report').getByRole('link', { name: 'Participants' }).click();
    const participants = page.getByTestId('participant');
    await eventually(async () => expect(await participants.count()).toBe(2));
    await eventually(async () =>
      expect(plain(await page.getByTestId('count-invited').textContent())).toBe('Invited 2'),
    );
    await page.getByLabel('Search').fill('wanjiru');
    await eventually(async () => expect(await participants.count()).toBe(1));
    expect(await participants.first().textContent()).toContain('Focal point');
    await page.getByLabel('Search').fill('');
    await eventually(async () => expect(await participants.count()).toBe(2));
    const li = participants.filter({ hasText: 'Priya Sharma' });
    await li.getByRole('button', { name: /Resend/ }).click();
    await eventually(async () =>
      expect(await li.getByTestId('invitation-link').inputValue()).toMatch(/\/register\?code=/),
    );
    await li.getByRole('button', { name: /^Revoke/ }).click();
    await li.getByRole('button', { name: 'Yes, revoke' }).click();
    // A withdrawn invitation leaves the list (revoked rows are withdrawn accreditations).
    await eventually(async () =>
      expect(plain(await page.getByTestId('count-invited').textContent())).toBe('Invited 1'),
    );
    expect(await li.count()).toBe(0);
    await screenshot(page, 'participants-desktop');
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page);
    await screenshot(page, 'participants-phone');
  });

  it('should import delegations with their regional groups and edit a region in place', async () => {
    const { page } = await actors.open({ token: api.tokenFor(staff), viewport: DESKTOP });
    await page.goto('/staff/delegations');
    await page.getByText('Import delegations').click();
    const form = page.getByTestId('delegation-import-form');
    const csv = (rows: string[]) => ({
      name: 'delegations.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['name,kind,code,region', ...rows].join('\n')),
    });
    await form
      .getByLabel('CSV file')
      .setInputFiles(csv(['Ghana,member_state,GHA,Africa Group', 'Nowhere,planet,ZZZ,']));
    await form.getByRole('button', { name: 'Check the file' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('import-errors').locator('tbody tr').allTextContents()).toEqual([
        expect.stringMatching(/^3kind/),
      ]),
    );
    await form.getByLabel('CSV file').setInputFiles(csv(['Ghana,member_state,GHA,Africa Group']));
    await form.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import now' }).click();
    // The report speaks of delegations, not of invitations.
    await page.getByText('1 delegations created, 0 unchanged.').waitFor();
    expect(await page.getByText('Already invited (skipped)').count()).toBe(0);
    const ghana = page.getByTestId('delegation-table').getByRole('row', { name: /Ghana GHA/ });
    await eventually(async () => expect(await ghana.textContent()).toContain('Africa Group'));

    await ghana.getByRole('button', { name: /Edit/ }).click();
    await ghana.getByLabel('Regional group, Ghana').fill('GRULAC');
    await ghana.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => expect(await ghana.textContent()).toContain('GRULAC'));
    await screenshot(page, 'delegations-import-desktop');
  });

  it('should let a focal point invite a colleague within the quota, and say clearly when it is full', async () => {
    const tanzania = await makeDelegation(api.db, { name: 'Tanzania', code: 'TZA' });
    const event = await zonedEvent('Focal Session', 'Africa/Dar_es_Salaam', { delegateQuota: 2 });
    const focal = await makeUser(api.db, 'delegate', { name: 'Amani Focal', delegationId: tanzania.id });
    await accredit(api.db, focal, event, { focalPoint: true });

    const { page } = await actors.open({ token: api.tokenFor(focal), viewport: PHONE });
    await page.goto('/');
    await page.getByRole('link', { name: 'My delegation' }).click();
    await page.getByRole('heading', { level: 2, name: 'Focal Session' }).waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('quota-line').textContent()).toContain('1 of 2 places used'),
    );
    const form = page.getByTestId('invitation-form');
    await form.getByLabel('Name (optional)').fill('Baraka Colleague');
    await form.getByLabel('Email (optional)').fill('baraka@example.org');
    await form.getByRole('button', { name: 'Create invitation' }).click();
    await form.getByTestId('issued-link').waitFor();
    const colleague = page.getByTestId('participant').filter({ hasText: 'Baraka Colleague' });
    await eventually(async () =>
      expect(await colleague.getByTestId('participant-status').textContent()).toBe('Invited'),
    );
    await eventually(async () =>
      expect(await page.getByTestId('quota-line').textContent()).toContain('2 of 2 places used'),
    );
    await noSidewaysScroll(page);
    await screenshot(page, 'focal-point-phone');

    await form.getByLabel('Email (optional)').fill('third@example.org');
    await form.getByRole('button', { name: 'Create invitation' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('quota-exceeded').textContent()).toContain(
        'Your delegation has no places left for this event',
      ),
    );
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'focal-point-quota-desktop');
  });

  it('should register a newcomer from an invitation link, prefilled, and refuse a revoked one in their language', async () => {
    const china = await makeDelegation(api.db, { name: 'China', code: 'CHN' });
    const event = await zonedEvent('Beijing Forum', 'Asia/Shanghai');
    const invited = await call<{ id: string; code: string }>(staff, 'POST', '/invitations', {
      role: 'delegate',
      eventId: event.id,
      delegationId: china.id,
      email: 'liwei@example.org',
      name: 'Li Wei',
      language: 'zh',
    });
    const { page } = await actors.open({ viewport: PHONE });
    await page.goto(`/register?code=${invited.code}`);
    const summary = page.getByTestId('invitation-summary');
    await summary.waitFor();
    expect(await summary.getByTestId('invitation-event').textContent()).toContain('Beijing Forum');
    expect(await summary.getByTestId('invitation-event').textContent()).toContain('(Asia/Shanghai)');
    expect(await summary.textContent()).toContain('China (CHN)');
    expect(await summary.textContent()).toContain('Delegate');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Li Wei');
    const email = page.getByLabel('Email');
    expect(await email.inputValue()).toBe('liwei@example.org');
    expect(await email.getAttribute('readonly')).not.toBeNull();
    await noSidewaysScroll(page);
    await screenshot(page, 'register-from-invitation-phone');
    await page.getByLabel('Password').fill('long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('account-name').textContent()).toBe('Li WeiDelegate'),
    );

    const revoked = await call<{ id: string; code: string }>(staff, 'POST', '/invitations', {
      role: 'delegate',
      eventId: event.id,
      delegationId: china.id,
    });
    await call(staff, 'POST', `/invitations/${revoked.id}/revoke`);
    const other = await actors.open({ language: 'fr', viewport: DESKTOP });
    await other.page.goto(`/register?code=${revoked.code}`);
    await eventually(async () =>
      expect(await other.page.getByTestId('invitation-unusable').textContent()).toContain(
        'Cette invitation a été retirée.',
      ),
    );
    await screenshot(other.page, 'register-revoked-fr-desktop');
  });
});
