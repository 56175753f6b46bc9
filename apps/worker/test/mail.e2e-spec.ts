import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { JOB_NAMES, MailView, QUEUES } from '@rostrum/contracts';
import { InvitationEntity, MailOutboxEntity } from '@rostrum/database';
import {
  eventually,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  SmtpTestServer,
  startSmtpTestServer,
  startTestApi,
  startTestWorker,
  TestApi,
} from '@rostrum/test-harness';
import { MailOutboxService } from '../../api/src/mail/mail-outbox.service';

/**
 * The outbox end to end: the API writes the row and queues the job, the worker sends it over SMTP to a real
 * SMTP server run by the test, which parses what arrives.
 */
describe('mail outbox → worker → SMTP (e2e)', () => {
  let smtp: SmtpTestServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let outbox: MailOutboxService;
  let staffToken: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    api = await startTestApi({
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Rostrum <no-reply@rostrum.test>',
        PUBLIC_URL: 'https://rostrum.test/',
        MAIL_ATTEMPTS: '5',
        MAIL_BACKOFF_MS: '100',
      },
    });
    worker = await startTestWorker(api.config);
    outbox = api.app.get(MailOutboxService);
    const staff = await makeUser(api.db, 'staff');
    staffToken = api.tokenFor(staff);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  const row = (id: string) => api.db.getRepository(MailOutboxEntity).findOneByOrFail({ id });
  const sentRow = (id: string, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const r = await row(id);
        if (r.status === 'failed') throw new Error(`mail failed: ${r.lastError}`);
        return r.status === 'sent' && r;
      },
      timeoutMs,
      'the mail to be sent',
    );
  const arrivals = (messageId: string) => smtp.received.filter((m) => m.messageId === messageId);

  it('should deliver an invitation once, in the invitee’s language, with the link, the event’s zone and the programme', async () => {
    // The event's `timezone` column comes with the accreditation migration; until then this file adds it.
    await api.db.query(
      `ALTER TABLE events ADD COLUMN IF NOT EXISTS timezone varchar(64) NOT NULL DEFAULT 'UTC'`,
    );
    const event = await makeEvent(api.db, {
      title: 'Session <Quatre> & “AI”',
      startsAt: new Date('2030-11-04T01:00:00Z'),
      endsAt: new Date('2030-11-06T10:00:00Z'),
      languages: ['en', 'fr', 'zh'],
    });
    await api.db.query(`UPDATE events SET timezone = 'Asia/Shanghai' WHERE id = $1`, [event.id]);
    const moderator = await makeUser(api.db, 'moderator');
    for (const [i, title] of ['Opening', 'Data & trust', 'Closing'].entries()) {
      const panel = await makePanel(api.db, { event, moderators: [moderator], title });
      const startsAt = new Date(Date.UTC(2030, 10, 4 + i, 2, 0));
      await api.db.query('UPDATE panels SET starts_at = $2, ends_at = $3 WHERE id = $1', [
        panel.id,
        startsAt,
        new Date(startsAt.getTime() + 90 * 60_000),
      ]);
    }
    const delegation = await makeDelegation(api.db, { name: 'République de Test' });
    const created = await request(api.url)
      .post('/api/invitations')
      .set('Authorization', `Bearer ${staffToken}`)
      .send({ role: 'delegate', delegationId: delegation.id, email: 'amelie@example.org' })
      .expect(201);
    const invitation = await api.db.getRepository(InvitationEntity).findOneByOrFail({ id: created.body.id });

    // In a transaction, as the invitation routes do: the job goes out only after COMMIT.
    const outboxId = await api.db.transaction((tx) =>
      outbox.queueInvitation(
        { ...invitation, eventId: event.id, name: 'Amélie <Dupont>', language: 'fr' },
        created.body.code,
        tx,
      ),
    );

    const sent = await sentRow(outboxId);
    expect(sent).toMatchObject({ attempts: 1, lastError: null, text: null, html: null, attachments: null });
    const [mail] = arrivals(sent.messageId);
    expect(arrivals(sent.messageId)).toHaveLength(1);
    expect(mail.envelopeTo).toEqual(['amelie@example.org']);
    const { parsed } = mail;
    expect(parsed.subject).toBe('Invitation : Session <Quatre> & “AI”');
    expect(parsed.from?.value).toEqual([{ name: 'Rostrum', address: 'no-reply@rostrum.test' }]);
    expect(parsed.headers.get('content-language')).toBe('fr');

    const text = parsed.text ?? '';
    expect(text).toContain('Bonjour Amélie <Dupont>,');
    expect(text).toContain('en tant que délégué·e de la délégation République de Test');
    expect(text).toContain('Asia/Shanghai (UTC+08:00)');
    expect(text).toContain('4 novembre 2030 à 09:00'); // 01:00 UTC in Shanghai
    const link = /https:\/\/rostrum\.test\/register\?code=[^\s]+/.exec(text)?.[0];
    expect(link).toBe(`https://rostrum.test/register?code=${encodeURIComponent(created.body.code)}`);

    const html = String(parsed.html);
    expect(html).toContain('Amélie &lt;Dupont&gt;');
    expect(html).toContain('Session &lt;Quatre&gt; &amp; “AI”');
    expect(html).not.toContain('<Dupont>');
    expect(html).toContain(`href="${link}"`);

    const calendars = parsed.attachments.filter((a) => a.contentType === 'text/calendar');
    expect(calendars).toHaveLength(1);
    const ics = calendars[0].content.toString('utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('DTSTART:20301104T020000Z');
    expect(ics).toContain('SUMMARY:Data & trust');

    // The link works: the invitee registers with its code.
    const code = new URL(link!).searchParams.get('code');
    await request(api.url)
      .post('/api/auth/register')
      .send({
        invitationCode: code,
        name: 'Amélie Dupont',
        email: 'amelie@example.org',
        password: 'a-long-password-1',
      })
      .expect(201);
  }, 60_000);

  it('should name each invitee’s own delegation when one transaction queues many invitations to one event', async () => {
    const event = await makeEvent(api.db, { title: 'Bulk session', languages: ['zh', 'en'] });
    const delegations = [
      await makeDelegation(api.db, { name: 'Kenya' }),
      await makeDelegation(api.db, { name: 'Brazil' }),
    ];
    const ids = await api.db.transaction(async (tx) => {
      const out: string[] = [];
      for (const [i, d] of delegations.entries()) {
        const invitation = {
          id: randomUUID(),
          role: 'delegate' as const,
          email: `bulk-${i}@example.org`,
          delegationId: d.id,
          expiresAt: new Date(Date.now() + 86_400_000),
          eventId: event.id,
        };
        out.push(await outbox.queueInvitation(invitation, `code-${i}`, tx));
      }
      return out;
    });
    for (const [i, id] of ids.entries()) {
      const [mail] = arrivals((await sentRow(id)).messageId);
      expect(mail.parsed.subject).toBe('邀请：Bulk session'); // no language on the invitation: the event's first
      expect(mail.parsed.text).toContain(`以${delegations[i].name}代表身份参加Bulk session`);
    }
  }, 60_000);

  it('should retry while the relay refuses, then deliver exactly once', async () => {
    const user = await makeUser(api.db, 'delegate', { name: 'Retry Person' });
    smtp.refuseNext(3);
    const refusedBefore = smtp.refused;
    const outboxId = await outbox.queuePasswordReset(
      user,
      'https://rostrum.test/reset-password?token=t0k3n',
      undefined,
      'zh',
    );

    const sent = await sentRow(outboxId);
    expect(smtp.refused - refusedBefore).toBe(3);
    expect(sent.attempts).toBe(4);
    expect(arrivals(sent.messageId)).toHaveLength(1);
    const [mail] = arrivals(sent.messageId);
    expect(mail.parsed.subject).toBe('重置您的 Rostrum 密码');
    expect(mail.parsed.text).toContain('https://rostrum.test/reset-password?token=t0k3n');

    // A late duplicate job (another id, so BullMQ cannot fold it) finds the row sent and sends nothing.
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.mail));
    const late = await queue.add(JOB_NAMES.sendMail, { outboxId }, { jobId: `late-${outboxId}` });
    const done = await eventually(async () => {
      const job = await queue.getJob(late.id!);
      return job?.finishedOn && job;
    });
    expect(done.returnvalue).toBe('already-done');
    expect(arrivals(sent.messageId)).toHaveLength(1);
  }, 60_000);

  it('should mark a mail failed with the relay’s reason once the attempts run out, and list it for staff', async () => {
    const user = await makeUser(api.db, 'delegate');
    smtp.refuseNext(5);
    const outboxId = await outbox.queuePasswordReset(user, 'https://rostrum.test/reset-password?token=x');
    const failed = await eventually(async () => {
      const r = await row(outboxId);
      return r.status === 'failed' && r;
    }, 20_000);
    expect(failed.attempts).toBe(5);
    expect(failed.lastError).toMatch(/451.*Try again later/);
    expect(failed.text).toBeNull(); // the reset link is not kept once the mail is given up on

    const res = await request(api.url)
      .get('/api/mail?status=failed')
      .set('Authorization', `Bearer ${staffToken}`)
      .expect(200);
    expect(res.body as MailView[]).toEqual([
      {
        id: outboxId,
        kind: 'password_reset',
        to: user.email,
        subject: 'Reset your Rostrum password',
        status: 'failed',
        attempts: 5,
        lastError: failed.lastError,
        createdAt: failed.createdAt.toISOString(),
        sentAt: null,
      },
    ]);
    expect(res.headers['x-total-count']).toBe('1');
  }, 60_000);

  it('should write nothing and queue nothing when the caller’s transaction rolls back', async () => {
    const user = await makeUser(api.db, 'delegate');
    const before = await api.db.getRepository(MailOutboxEntity).count();
    await expect(
      api.db.transaction(async (tx) => {
        await outbox.queuePasswordReset(user, 'https://rostrum.test/reset-password?token=gone', tx);
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await api.db.getRepository(MailOutboxEntity).count()).toBe(before);
  });
});
