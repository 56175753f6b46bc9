/*
 * Bulk invitations (CONTRACT.md → "Bulk invitations"): `POST /api/events/:id/invitations/import` with a CSV
 * as spreadsheets export it; a dry run reports every bad row; any error creates nothing; a second import of
 * the same file creates nothing; over 2 MB → 413. With mail on, `send` queues one invitation mail per row
 * (and `send: true` / resend on the single routes do too).
 */
import request from 'supertest';
import type { ImportReport, InvitationView } from '@rostrum/contracts';
import { InvitationEntity, MailOutboxEntity, UserEntity } from '@rostrum/database';
import { accredit, makeDelegation, makeEvent, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

const HEADER = 'name,email,role,delegation_code,language,focal_point';

describe('bulk invitations from CSV (e2e)', () => {
  let api: TestApi;
  let staff: UserEntity;

  beforeAll(async () => {
    api = await startTestApi();
    staff = await makeUser(api.db, 'staff');
    await makeDelegation(api.db, { name: 'China', code: 'CHN' });
    await makeDelegation(api.db, { name: 'France', code: 'FRA' });
    await makeDelegation(api.db, { name: 'Egypt', code: 'EGY' });
  });
  afterAll(() => api.close());

  const upload = (eventId: string, csv: string | Buffer, query = '', user: UserEntity = staff) =>
    request(api.url)
      .post(`/api/events/${eventId}/invitations/import${query}`)
      .set('Authorization', `Bearer ${api.tokenFor(user)}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
  const invitationsOf = (eventId: string) =>
    api.db.getRepository(InvitationEntity).find({ where: { eventId }, order: { email: 'ASC' } });

  it('should import names in any script, with a BOM and semicolons, and skip everything the second time', async () => {
    const event = await makeEvent(api.db);
    const csv = Buffer.from(
      '\uFEFF' +
        [
          'name;email;role;delegation_code;language;focal_point',
          '王秀英;wang.xiuying@example.cn;delegate;CHN;zh;yes',
          '"Dubois; Claire";Claire.Dubois@Example.fr;delegate;fra;fr;',
          'محمد عبد الله;m.abdallah@example.eg;Delegate;EGY;;no',
          'Pavel Novák;pavel@example.org;panelist;;en;',
          '',
        ].join('\r\n'),
      'utf8',
    );
    const dry = await upload(event.id, csv, '?dryRun=true').expect(200);
    expect(dry.body).toEqual({ rows: 4, valid: 4, created: 0, skipped: 0, errors: [] });
    expect(await invitationsOf(event.id)).toEqual([]);

    const done = await upload(event.id, csv, '?dryRun=false').expect(200);
    expect(done.body).toEqual({ rows: 4, valid: 4, created: 4, skipped: 0, errors: [] });
    const rows = await invitationsOf(event.id);
    expect(
      rows.map((r) => [r.email, r.name, r.role, r.language, r.focalPoint, r.delegationId !== null]),
    ).toEqual([
      ['claire.dubois@example.fr', 'Dubois; Claire', 'delegate', 'fr', false, true],
      ['m.abdallah@example.eg', 'محمد عبد الله', 'delegate', null, false, true],
      ['pavel@example.org', 'Pavel Novák', 'panelist', 'en', false, false],
      ['wang.xiuying@example.cn', '王秀英', 'delegate', 'zh', true, true],
    ]);
    expect(new Set(rows.map((r) => r.codeHash)).size).toBe(4);

    const again = await upload(event.id, csv).expect(200);
    expect(again.body).toEqual({ rows: 4, valid: 4, created: 0, skipped: 4, errors: [] });
    expect(await invitationsOf(event.id)).toHaveLength(4);

    // Listed like any invitation, and the invitee registers into the event.
    const listed = await request(api.url)
      .get(`/api/invitations?eventId=${event.id}&status=pending`)
      .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
      .expect(200);
    expect((listed.body as InvitationView[]).map((i) => i.email).sort()).toEqual(rows.map((r) => r.email));
  });

  it('should report exactly the bad rows (unknown delegation, bad email, unknown role) and create nothing', async () => {
    const event = await makeEvent(api.db);
    const csv = [
      HEADER,
      'Li Wei,li.wei@example.cn,delegate,CHN,zh,',
      'Nobody,nobody@example.org,delegate,XXX,en,',
      'Ana,not-an-email,delegate,FRA,fr,',
      'Li Na,li.na@example.cn,delegate,CHN,,',
      'Eve,eve@example.org,emperor,,en,',
      '',
    ].join('\n');
    const dry = await upload(event.id, csv, '?dryRun=true').expect(200);
    const expected: ImportReport = {
      rows: 5,
      valid: 2,
      created: 0,
      skipped: 0,
      errors: [
        { row: 3, field: 'delegation_code', message: expect.stringContaining('XXX') },
        { row: 4, field: 'email', message: expect.any(String) },
        { row: 6, field: 'role', message: expect.any(String) },
      ],
    };
    expect(dry.body).toEqual(expected);
    const real = await upload(event.id, csv).expect(400);
    expect(real.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      ...expected,
    });
    expect(await invitationsOf(event.id)).toEqual([]);
  });

  it('should skip emails already accredited, and refuse duplicates, wrong headers and bad flags', async () => {
    const event = await makeEvent(api.db);
    const known = await makeUser(api.db, 'delegate', { email: 'known@example.org', accreditedTo: [] });
    await accredit(api.db, known, event);
    const skipped = await upload(event.id, `${HEADER}\nKnown,known@example.org,delegate,FRA,,\n`).expect(200);
    expect(skipped.body).toMatchObject({ valid: 1, created: 0, skipped: 1 });

    const duplicate = await upload(
      event.id,
      `${HEADER}\nA,same@example.org,delegate,FRA,,\nB,SAME@example.org,delegate,FRA,,\nC,c@example.org,staff,FRA,,\nD,d@example.org,moderator,,,yes\n`,
      '?dryRun=true',
    ).expect(200);
    expect(duplicate.body.errors).toEqual([
      { row: 3, field: 'email', message: expect.stringContaining('line 2') },
      { row: 4, field: 'delegation_code', message: expect.any(String) },
      { row: 5, field: 'focal_point', message: expect.any(String) },
    ]);
    const header = await upload(event.id, 'name,email\nA,a@example.org\n', '?dryRun=true').expect(200);
    expect(header.body.errors).toEqual([
      { row: 1, field: 'header', message: expect.stringContaining(HEADER) },
    ]);
    const cells = await upload(event.id, `${HEADER}\nA,a@example.org,delegate\n`, '?dryRun=true').expect(200);
    expect(cells.body.errors).toEqual([{ row: 2, field: 'row', message: expect.any(String) }]);
    await upload(event.id, `${HEADER}\n`, '?dryRun=maybe').expect(400);
    await upload(crypto.randomUUID(), `${HEADER}\n`).expect(404);
    const json = await request(api.url)
      .post(`/api/events/${event.id}/invitations/import`)
      .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
      .send({ csv: HEADER })
      .expect(400);
    expect(json.body.message).toContain('text/csv');
    await upload(event.id, `${HEADER}\n`, '', await makeUser(api.db, 'moderator')).expect(403);
  });

  it('should refuse a file over 2 MB with 413 and more than 5,000 rows in the report', async () => {
    const event = await makeEvent(api.db);
    const big = `${HEADER}\n${'x'.repeat(2 * 1024 * 1024 + 1)}\n`;
    const res = await upload(event.id, big).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    const rows = Array.from({ length: 5001 }, (_, i) => `P ${i},p${i}@example.org,panelist,,,`);
    const many = await upload(event.id, `${HEADER}\n${rows.join('\n')}\n`, '?dryRun=true').expect(200);
    expect(many.body.errors).toEqual([
      { row: 5002, field: 'file', message: expect.stringContaining('5000') },
    ]);
  });

  it('should import 5,000 rows', async () => {
    const event = await makeEvent(api.db);
    const rows = Array.from({ length: 5000 }, (_, i) => `Délégué ${i},d${i}@example.org,delegate,FRA,fr,`);
    const res = await upload(event.id, `${HEADER}\n${rows.join('\n')}\n`).expect(200);
    expect(res.body).toEqual({ rows: 5000, valid: 5000, created: 5000, skipped: 0, errors: [] });
    expect(await api.db.getRepository(InvitationEntity).countBy({ eventId: event.id })).toBe(5000);
  });
});

describe('invitation mails through the outbox (e2e)', () => {
  let api: TestApi;
  let staff: UserEntity;

  beforeAll(async () => {
    // Mail on; no worker runs here, so each mail stays queued in the outbox, which is what is checked.
    api = await startTestApi({ env: { SMTP_URL: 'smtp://127.0.0.1:2', PUBLIC_URL: 'https://rostrum.test' } });
    staff = await makeUser(api.db, 'staff');
    await makeDelegation(api.db, { name: 'France', code: 'FRA' });
  });
  afterAll(() => api.close());

  const as = (path: string, body?: object) =>
    request(api.url)
      .post(path)
      .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
      .send(body);
  const mailsOf = (invitationId: string) =>
    api.db.getRepository(MailOutboxEntity).find({ where: { invitationId }, order: { createdAt: 'ASC' } });

  it('should queue the mail with the link on send: true, and again with the new code on resend', async () => {
    const event = await makeEvent(api.db, { title: 'Mail session' });
    const france = await api.db.query(`SELECT id FROM delegations WHERE code = 'FRA'`);
    const created = await as('/api/invitations', {
      role: 'delegate',
      eventId: event.id,
      delegationId: france[0].id,
      email: 'claire@example.fr',
      language: 'fr',
      send: true,
    }).expect(201);
    expect(created.body.sentAt).toEqual(expect.any(String));
    const [first] = await mailsOf(created.body.id);
    expect(first).toMatchObject({
      kind: 'invitation',
      to: 'claire@example.fr',
      language: 'fr',
      status: 'queued',
    });
    expect(first.text).toContain(`https://rostrum.test/register?code=${created.body.code}`);

    const resent = await as(`/api/invitations/${created.body.id}/resend`).expect(200);
    const mails = await mailsOf(created.body.id);
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain(`register?code=${resent.body.code}`);

    const quiet = await as('/api/invitations', {
      role: 'panelist',
      eventId: event.id,
      email: 'p@example.org',
    }).expect(201);
    expect(quiet.body.sentAt).toBeNull();
    expect(await mailsOf(quiet.body.id)).toEqual([]);
  });

  it('should queue one mail per imported row with send=true, and none without', async () => {
    const event = await makeEvent(api.db);
    const csv = `${HEADER}\nA,a@example.org,delegate,FRA,fr,\nB,b@example.org,panelist,,zh,\n`;
    const upload = (query: string, text: string) =>
      request(api.url)
        .post(`/api/events/${event.id}/invitations/import${query}`)
        .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
        .set('Content-Type', 'text/csv')
        .send(text);
    await upload('?send=true', csv).expect(200);
    const rows = await api.db.getRepository(InvitationEntity).find({ where: { eventId: event.id } });
    for (const row of rows) {
      expect(row.sentAt).not.toBeNull();
      const mails = await mailsOf(row.id);
      expect(mails.map((m) => [m.to, m.language])).toEqual([[row.email, row.language]]);
    }
    await upload('?send=false', `${HEADER}\nC,c@example.org,panelist,,,\n`).expect(200);
    const c = await api.db
      .getRepository(InvitationEntity)
      .findOneByOrFail({ eventId: event.id, email: 'c@example.org' });
    expect(c.sentAt).toBeNull();
    expect(await mailsOf(c.id)).toEqual([]);
  });
});
