import { WorkerHost } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { QueueBase } from 'bullmq';

/** The same error from the same queue is logged at most this often (an outage repeats it every retry). */
const REPEAT_MS = 10_000;

/**
 * Gives every BullMQ queue and worker of the app an `error` listener. Without one, BullMQ prints each
 * connection error of a Redis outage as a raw stack on stderr; with it, the outage is one warning per queue
 * every few seconds in the structured log. (BullMQ reconnects by itself; nothing else is needed.)
 */
@Injectable()
class QueueErrorLogger implements OnApplicationBootstrap {
  private readonly log = new Logger('Queues');
  private readonly lastLogged = new Map<string, number>();

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      const emitter =
        instance instanceof QueueBase ? instance : instance instanceof WorkerHost ? instance.worker : null;
      if (emitter) emitter.on('error', (err: Error) => this.warn(emitter.name, err));
    }
  }

  private warn(queue: string, err: Error): void {
    const key = `${queue}: ${err.message}`;
    const now = Date.now();
    if (now - (this.lastLogged.get(key) ?? 0) < REPEAT_MS) return;
    this.lastLogged.set(key, now);
    this.log.warn(`queue ${key} (BullMQ retries by itself)`);
  }
}

/** How long the API's job workers get to stop before shutdown goes on without them. */
const WORKER_STOP_MS = 5000;

/**
 * Stops the app's job workers without waiting for their jobs to finish, before Nest's own (graceful) close.
 * For the API only: its jobs (time-ups, LiveKit calls) are short and idempotent, and one cut off is taken up
 * again by another instance once its lock lapses. A graceful close there can wait for ever on a blocking
 * Redis connection parked between reconnection attempts (taskforcesh/bullmq#4656), holding up a rolling deploy.
 */
@Injectable()
class PromptWorkerStop implements BeforeApplicationShutdown {
  private readonly log = new Logger('Queues');

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .flatMap(({ instance }) => (instance instanceof WorkerHost ? [instance.worker] : []));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>(
      (resolve) => (timer = setTimeout(() => resolve('late'), WORKER_STOP_MS)),
    );
    const stopped = Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
    if ((await Promise.race([stopped, deadline])) === 'late') {
      this.log.warn(`job workers did not stop within ${WORKER_STOP_MS} ms; shutting down without them`);
    }
    clearTimeout(timer);
  }
}

/** Logs the queues' errors; with `promptWorkerStop`, stops the job workers without waiting at shutdown. */
@Module({})
export class QueueErrorsModule {
  static forRoot(options: { promptWorkerStop?: boolean } = {}): DynamicModule {
    return {
      module: QueueErrorsModule,
      imports: [DiscoveryModule],
      providers: [QueueErrorLogger, ...(options.promptWorkerStop ? [PromptWorkerStop] : [])],
    };
  }
}
