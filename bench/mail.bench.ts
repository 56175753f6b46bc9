// `npm run bench:mail`: mail throughput through the outbox (row + BullMQ job + one worker process + SMTP) to a
// local SMTP server, against nodemailer sending the same messages straight to the same server in the same run.
// Target: at least 100 messages a second. Writes its section of docs/benchmarks.md.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { createTransport } from 'nodemailer';
import { loadConfig, queueRootOptions } from '@rostrum/config';
import { QUEUES } from '@rostrum/contracts';
import { enqueueMail, MailOutboxEntity } from '@rostrum/database';
import { startSmtpTestServer } from '@rostrum/testing';
import { renderInvitationMail } from '../apps/api/src/mail/templates/invitation-mail';
import { MAIL_CONCURRENCY } from '../apps/worker/src/mail/mail-transport';
import { createBenchSetup } from './lib/bench-setup';
import { writeSection } from './lib/report';

const MESSAGES = Number(process.env.BENCH_MAIL_MESSAGES ?? 2000);
const WARM_UP = 20;
const TARGET_PER_SECOND = 100;
const FROM = 'Rostrum <no-reply@rostrum.bench>';

/** A real invitation: HTML and text in French, a programme of 6 panels as an iCalendar attachment. */
function invitation() {
  const start = Date.UTC(2030, 10, 4, 8);
  return renderInvitationMail({
    language: 'fr',
    name: 'Amélie Dupont',
    role: 'delegate',
    delegation: 'République de Test',
    event: {
      id: randomUUID(),
      title: 'Dialogue sur la propriété intellectuelle et l’IA — troisième session',
      startsAt: new Date(start),
      endsAt: new Date(start + 3 * 86_400_000),
      timezone: 'Europe/Zurich',
    },
    panels: Array.from({ length: 6 }, (_, i) => ({
      id: randomUUID(),
      title: `Table ronde ${i + 1}`,
      description: 'Questions directrices, intervenants et modération.',
      startsAt: new Date(start + i * 4 * 3_600_000),
      endsAt: new Date(start + (i * 4 + 2) * 3_600_000),
    })),
    link: `https://rostrum.bench/register?code=${randomUUID()}`,
    expiresAt: new Date(start - 86_400_000),
    publicHost: 'rostrum.bench',
  });
}

/** A process's CPU time so far (user + system), in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const setup = await createBenchSetup();
  const smtp = await startSmtpTestServer({ parse: false });
  const env = {
    ...setup.env,
    SMTP_URL: smtp.url,
    MAIL_FROM: FROM,
    PUBLIC_URL: 'https://rostrum.bench',
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  const queue = new Queue(QUEUES.mail, queueRootOptions(config));
  let worker: ChildProcess | undefined;
  const mail = invitation();
  const size =
    Buffer.byteLength(mail.html) + Buffer.byteLength(mail.text) + mail.attachments[0].content.length;
  const sentCount = async () =>
    Number((await setup.db.query(`SELECT count(*) AS n FROM mail_outbox WHERE status = 'sent'`))[0].n);

  /** Writes `n` outbox rows and queues their jobs, as MailOutboxService does (rows in batches, a job each). */
  const queueMails = async (n: number) => {
    for (let done = 0; done < n; done += 200) {
      const rows = Array.from({ length: Math.min(200, n - done) }, (_, i) => {
        const id = randomUUID();
        return {
          id,
          kind: 'invitation' as const,
          to: `delegate-${done + i}@example.org`,
          language: 'fr',
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments,
          messageId: `<${id}@rostrum.bench>`,
        };
      });
      await setup.db.getRepository(MailOutboxEntity).insert(rows);
      await Promise.all(rows.map((r) => enqueueMail(queue, config.mail, r.id)));
    }
  };

  try {
    worker = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Warm-up: the worker is up, its SMTP pool and database connections open.
    await queueMails(WARM_UP);
    await until(async () => (await sentCount()) === WARM_UP, 'the warm-up mails');

    const workerCpu0 = cpuMsOf(worker.pid!);
    const t0 = performance.now();
    await queueMails(MESSAGES);
    const queuedMs = performance.now() - t0;
    await until(async () => (await sentCount()) === WARM_UP + MESSAGES, 'every mail sent');
    const outboxMs = performance.now() - t0;
    const workerCpuPerMail = (cpuMsOf(worker.pid!) - workerCpu0) / MESSAGES;
    const acceptedByOutbox = smtp.accepted;

    // The same messages straight through nodemailer: same pool size, no outbox, no queue, no worker.
    const direct = createTransport({
      url: smtp.url,
      pool: true,
      maxConnections: MAIL_CONCURRENCY,
    } as Parameters<typeof createTransport>[0]);
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: MESSAGES }, (_, i) =>
        direct.sendMail({
          from: FROM,
          to: `delegate-${i}@example.org`,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${randomUUID()}@rostrum.bench>`,
          attachments: mail.attachments.map((a) => ({ ...a })),
        }),
      ),
    );
    const directMs = performance.now() - t1;
    direct.close();

    const outboxRate = (MESSAGES / outboxMs) * 1000;
    const directRate = (MESSAGES / directMs) * 1000;
    const loadAtEnd = loadavg()[0];
    const met = outboxRate >= TARGET_PER_SECOND;
    const duplicates = acceptedByOutbox - (WARM_UP + MESSAGES);
    console.log(
      `outbox: ${MESSAGES} mails in ${(outboxMs / 1000).toFixed(2)} s = ${outboxRate.toFixed(0)}/s ` +
        `(queued in ${(queuedMs / 1000).toFixed(2)} s); nodemailer direct: ${(directMs / 1000).toFixed(2)} s = ` +
        `${directRate.toFixed(0)}/s; ratio ${(outboxRate / directRate).toFixed(2)}; worker CPU ${workerCpuPerMail.toFixed(2)} ms/mail; extra copies ${duplicates}`,
    );
    writeSection(
      'Mail throughput',
      `\`npm run bench:mail\` (\`bench/mail.bench.ts\`) sends ${MESSAGES.toLocaleString('en')} invitation mails (French, HTML and
text, the programme of 6 panels attached as iCalendar: ${(size / 1024).toFixed(1)} kB each) to an SMTP server on the same
machine (\`smtp-server\`, accepting without parsing) in two ways, in the same run: through the outbox — a row
and a BullMQ job per mail, **one worker process** sending with ${MAIL_CONCURRENCY} pooled SMTP connections, each row locked
for its SMTP exchange and marked sent in the same transaction — from the first row written to the last row
marked sent; and nodemailer alone sending the same messages with the same pool (no outbox, no queue).
${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end; PostgreSQL and Redis
on the same machine. Wall-clock rates move with the machine's load; the ratio and the worker's CPU time per
mail much less.

| measure | figure | target |
| --- | --- | --- |
| through the outbox, one worker | ${outboxRate.toFixed(0)} mails/s (${(outboxMs / 1000).toFixed(2)} s) | ≥ ${TARGET_PER_SECOND}/s ${met ? '(met)' : '(**not met** at this load)'} |
| nodemailer directly | ${directRate.toFixed(0)} mails/s (${(directMs / 1000).toFixed(2)} s) | |
| ratio (outbox / direct) | ${(outboxRate / directRate).toFixed(2)} × | |
| the worker's CPU time per mail (what one idle core would allow) | ${workerCpuPerMail.toFixed(2)} ms (${(1000 / workerCpuPerMail).toFixed(0)} mails/s) | |
| mails accepted more than once | ${duplicates} | 0 |`,
    );
    console.log('written to docs/benchmarks.md (## Mail throughput)');
    if (!met || duplicates !== 0) process.exitCode = 1;
  } finally {
    worker?.kill('SIGTERM');
    await new Promise((r) => (worker && worker.exitCode === null ? worker.once('exit', r) : r(null)));
    await queue.close();
    await smtp.close();
    await setup.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
