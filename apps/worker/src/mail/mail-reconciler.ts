import { InjectQueue } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { mailJobId, QUEUES, SendMailJob } from '@rostrum/contracts';
import { enqueueMail } from '@rostrum/database';
import { MailSenderService } from './mail-sender.service';

const SWEEP_EVERY_MS = 60_000;
/** A row younger than this may still be waiting for its API's after-commit enqueue: left alone. */
const GRACE_MS = 30_000;
/** Rows looked at per sweep, oldest first; the rest wait for the next minute. */
const BATCH = 500;
const SHUTDOWN_WAIT_MS = 5000;

/**
 * The safety net that keeps a mail from staying `queued` for ever (as ArchiveReconciler does for
 * recordings). At start and every minute, each queued row older than 30 s
 * - without a job in Redis (the API's enqueue failed after COMMIT, or Redis lost its data) is queued again;
 * - whose job has failed is marked failed with the job's reason (a worker killed before writing the row);
 * - whose job completed while the row is still queued (should not happen) is queued afresh.
 * A job id already queued adds nothing, so a sweep racing the API's own enqueue is harmless.
 */
@Injectable()
export class MailReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailReconciler.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: MailSenderService,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue<SendMailJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([this.sweeping, new Promise((r) => (bound = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(bound);
  }

  private tick(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((err: unknown) => this.logger.warn({ err }, 'mail reconcile skipped'))
      .finally(() => (this.sweeping = undefined));
  }

  async sweep(graceMs = GRACE_MS): Promise<void> {
    const stuck = await this.db.query<{ id: string }[]>(
      `SELECT id FROM mail_outbox
        WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1::float / 1000)
        ORDER BY created_at LIMIT $2`,
      [graceMs, BATCH],
    );
    for (const { id } of stuck) {
      const job = await this.queue.getJob(mailJobId(id));
      if (!job) {
        this.logger.warn({ outboxId: id }, 'queued mail without a job: queued again');
        await enqueueMail(this.queue, this.config.mail, id);
      } else if (await job.isFailed()) {
        await this.sender.markFailed(id, `Sending failed: ${job.failedReason || 'no reason given'}`);
      } else if (await job.isCompleted()) {
        this.logger.warn({ outboxId: id }, 'queued mail whose job completed: queued afresh');
        await job.remove();
        await enqueueMail(this.queue, this.config.mail, id);
      }
    }
  }
}
