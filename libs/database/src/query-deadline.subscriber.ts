import type { Client } from 'pg';
import {
  AfterQueryEvent,
  BeforeQueryEvent,
  DataSourceOptions,
  EntitySubscriberInterface,
  EventSubscriber,
  QueryRunner,
} from 'typeorm';

/** Beyond the server's own statement_timeout: a server that is there cancels a slow statement first. */
const MARGIN_MS = 2000;

interface Watch {
  pending: number;
  timer?: NodeJS.Timeout;
}

/**
 * A server gone silent (a network partition, a host that vanished without closing its sockets) leaves every
 * query on its connections waiting for ever — and with it the command that sent it, the panel's line of
 * commands and the pooled connection. When a connection has had a query outstanding without a word for
 * longer than the server's statement_timeout could explain, this closes it: the query fails with
 * "Connection terminated" (answered SERVICE_UNAVAILABLE), an open transaction is lost, never half-applied,
 * and the pool opens a fresh connection next time. No statement_timeout (e.g. migrations): no deadline.
 */
@EventSubscriber()
export class QueryDeadlineSubscriber implements EntitySubscriberInterface {
  private readonly watches = new WeakMap<QueryRunner, Watch>();

  beforeQuery(event: BeforeQueryEvent): void {
    const deadline = deadlineOf(event.dataSource.options);
    if (!deadline) return;
    const watch = this.watches.get(event.queryRunner) ?? { pending: 0 };
    this.watches.set(event.queryRunner, watch);
    watch.pending += 1;
    if (!watch.timer) this.arm(event.queryRunner, watch, deadline);
  }

  afterQuery(event: AfterQueryEvent): void {
    const watch = this.watches.get(event.queryRunner);
    if (!watch) return;
    watch.pending -= 1;
    clearTimeout(watch.timer);
    watch.timer = undefined;
    // The connection answered: any query still queued on it gets a full deadline of its own.
    if (watch.pending > 0) this.arm(event.queryRunner, watch, deadlineOf(event.dataSource.options)!);
  }

  private arm(runner: QueryRunner, watch: Watch, deadline: number): void {
    watch.timer = setTimeout(() => {
      watch.timer = undefined;
      if (watch.pending > 0) closeConnection(runner);
    }, deadline);
    watch.timer.unref();
  }
}

function deadlineOf(options: DataSourceOptions): number | null {
  const timeout = Number((options.extra as { statement_timeout?: unknown } | undefined)?.statement_timeout);
  return timeout > 0 ? timeout + MARGIN_MS : null;
}

/** pg's end() on a connection with a query outstanding destroys the socket rather than wait for an answer. */
function closeConnection(runner: QueryRunner): void {
  const client = (runner as unknown as { databaseConnection?: Client }).databaseConnection;
  client?.end().catch(() => undefined);
}
