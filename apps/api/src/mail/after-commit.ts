import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

type Work = () => void;

/**
 * Runs work once the transaction a manager belongs to has committed (never if it rolls back): the mail job
 * must not reach the worker before the outbox row is visible to it. Added to the DataSource's subscribers
 * once, by the mail module.
 */
export class AfterCommit implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Work[]>();

  static attach(db: DataSource): AfterCommit {
    const existing = db.subscribers.find((s): s is AfterCommit => s instanceof AfterCommit);
    if (existing) return existing;
    const hook = new AfterCommit();
    db.subscribers.push(hook);
    return hook;
  }

  /** Now, when the manager is not in a transaction; else after its outermost COMMIT. */
  run(manager: EntityManager | undefined, work: Work): void {
    const runner = manager?.queryRunner;
    if (!runner?.isTransactionActive) return work();
    const list = this.pending.get(runner) ?? [];
    list.push(work);
    this.pending.set(runner, list);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return; // a savepoint released: the transaction goes on
    const list = this.pending.get(queryRunner);
    this.pending.delete(queryRunner);
    for (const work of list ?? []) work();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.pending.delete(queryRunner);
  }
}
