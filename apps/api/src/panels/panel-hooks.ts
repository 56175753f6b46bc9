import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PanelEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';

export type PanelChange = 'start' | 'end';
type InTransaction = (
  tx: EntityManager,
  panel: PanelEntity,
  change: PanelChange,
  actor: AuthUser,
) => Promise<void>;
type AfterCommit = (panel: PanelEntity, change: PanelChange, actor: AuthUser) => Promise<void> | void;

/**
 * Lets the floor and the webcast take part in a panel's start and end without the panels module knowing
 * them: in-transaction hooks run under the panel lock (end the speech, close the queue); after-commit hooks
 * broadcast and call LiveKit, and their failures are logged, never undo the status change.
 */
@Injectable()
export class PanelHooks {
  private readonly logger = new Logger(PanelHooks.name);
  private readonly inTransaction: InTransaction[] = [];
  private readonly afterCommit: AfterCommit[] = [];

  onTransaction(hook: InTransaction): void {
    this.inTransaction.push(hook);
  }

  onCommitted(hook: AfterCommit): void {
    this.afterCommit.push(hook);
  }

  async runInTransaction(
    tx: EntityManager,
    panel: PanelEntity,
    change: PanelChange,
    actor: AuthUser,
  ): Promise<void> {
    for (const hook of this.inTransaction) await hook(tx, panel, change, actor);
  }

  async runAfterCommit(panel: PanelEntity, change: PanelChange, actor: AuthUser): Promise<void> {
    for (const hook of this.afterCommit) {
      try {
        await hook(panel, change, actor);
      } catch (err) {
        this.logger.error({ err, panelId: panel.id, change }, 'panel after-commit hook failed');
      }
    }
  }
}
