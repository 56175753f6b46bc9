import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import { appendRecordEntries, RecordEntryInput } from '@rostrum/record';
import { AppError, notFound } from '../../common/app-error';

/**
 * A change that waited this long for its turn (here, or on its connection: CommandQueue) is answered at once
 * instead of run: when the database is away, each change ahead of it could take seconds to fail, and a line
 * of them must not become a hang.
 */
export const MAX_WAIT_IN_LINE_MS = 10_000;

export type Actor = { id: string; role: Role } | null;
/** Work to do once the change has committed (broadcast, move a timer, tell the webcast). */
export type AfterCommit = () => unknown;
/** What a change's work gives back: its answer, and what must happen after commit (in this order). */
export interface Changed<T> {
  answer: T;
  afterCommit?: AfterCommit[];
}
/** A record entry of a change; the actor is the change's unless given (a batch has one actor per entry). */
export type ChangeEntry = Omit<RecordEntryInput, 'actor'> & { actor?: Actor };

/**
 * One change of one panel, inside its transaction and under its row lock. The work writes its rows through
 * `tx`; the panel's version and record entries go through here and are written together when the work is
 * done: one UPDATE of the version, one INSERT of every entry (in the order they were added).
 */
export class PanelChange {
  readonly now = new Date();
  private readonly entries: RecordEntryInput[] = [];
  private readonly versionBefore: number;

  constructor(
    readonly tx: EntityManager,
    readonly panel: PanelEntity,
    readonly actor: Actor,
  ) {
    this.versionBefore = panel.version;
  }

  requireLive(): void {
    if (this.panel.status !== 'live') throw new AppError('PANEL_NOT_LIVE', 'This panel is not live');
  }

  /** The panel's next version (the panel entity follows); each visible change takes exactly one. */
  nextVersion(): number {
    this.panel.version += 1;
    return this.panel.version;
  }

  /** Adds an entry to the panel's record. */
  log(entry: ChangeEntry): void {
    this.entries.push({ ...entry, actor: entry.actor === undefined ? this.actor : entry.actor });
  }

  /** A command's usual end: the next version, and the command's entry carrying it. Returns the version. */
  record(
    action: string,
    detail: Record<string, unknown>,
    refs: Pick<ChangeEntry, 'interventionId' | 'questionId'> = {},
  ): number {
    const version = this.nextVersion();
    this.log({ action, detail, version, ...refs });
    return version;
  }

  /** Whether the work took a new version. */
  get versioned(): boolean {
    return this.panel.version !== this.versionBefore;
  }

  /** Called once the work is done, still in the transaction. */
  async write(): Promise<void> {
    if (this.versioned) {
      await this.tx.query('UPDATE panels SET version = $2 WHERE id = $1', [
        this.panel.id,
        this.panel.version,
      ]);
    }
    await appendRecordEntries(this.tx, this.panel.id, this.entries);
  }
}

/**
 * The one way to change a panel: its floor, queue, Q&A, status or settings. A change
 *
 * 1. waits its turn in this instance's line for the panel (so a burst on one panel does not hold every
 *    pooled connection waiting for the same row lock; refused `SERVICE_UNAVAILABLE` after 10 s),
 * 2. opens a transaction and locks the panel row (`SELECT … FOR UPDATE`: one change at a time across every
 *    API instance) and re-reads the panel under it,
 * 3. runs the work (rules and writes) with a `PanelChange`, then writes the version and record entries,
 * 4. commits, runs the after-commit work the change returned, in order (a failure there is logged: it
 *    never undoes the change nor fails the answer), and answers.
 *
 * `run` is all four; `commit` is 1–3 plus the commit, for callers that run the after-commit work themselves
 * (`PanelBatch`).
 */
@Injectable()
export class PanelChanges {
  private readonly log = new Logger(PanelChanges.name);
  private readonly line = new KeyedMutex();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run<T>(
    panelId: string,
    actor: Actor,
    work: (change: PanelChange) => Promise<Changed<T>>,
  ): Promise<T> {
    const done = await this.commit(panelId, actor, work);
    await this.afterCommit(panelId, done.afterCommit);
    return done.answer;
  }

  commit<T>(panelId: string, actor: Actor, work: (change: PanelChange) => Promise<T>): Promise<T> {
    const queuedAt = Date.now();
    return this.line.run(panelId, () => {
      if (Date.now() - queuedAt > MAX_WAIT_IN_LINE_MS) {
        throw new AppError('SERVICE_UNAVAILABLE', 'The panel is busy or the database is slow; try again');
      }
      return this.db.transaction('READ COMMITTED', async (tx) => {
        const panel = await tx
          .getRepository(PanelEntity)
          .createQueryBuilder('p')
          .setLock('pessimistic_write')
          .where('p.id = :panelId', { panelId })
          .getOne();
        if (!panel) throw notFound('Panel');
        const change = new PanelChange(tx, panel, actor);
        const outcome = await work(change);
        await change.write();
        return outcome;
      });
    });
  }

  async afterCommit(panelId: string, work: AfterCommit[] = []): Promise<void> {
    for (const step of work) {
      try {
        await step();
      } catch (err) {
        this.log.error({ err, panelId }, 'after-commit work failed');
      }
    }
  }
}

/**
 * Runs tasks one at a time per key, in arrival order, within this process (the panels' line). Tasks for
 * different keys run concurrently. Settled keys are forgotten, so memory follows only the keys in use.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
