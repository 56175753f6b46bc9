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

/** Who got and who lost the floor in one committed change (both set when one speech replaced another). */
export interface SpeakerChange {
  panelId: string;
  granted: { userId: string; interventionId: string } | null;
  revoked: { userId: string; interventionId: string } | null;
}
/** What the webcast made of a speaker change; the floor tells the moderator when it did not follow. */
export interface SpeakerChangeOutcome {
  webcastError: string | null;
}
type SpeakerChanged = (change: SpeakerChange) => Promise<SpeakerChangeOutcome | void>;
type SettingsChanged = (panel: PanelEntity) => Promise<void> | void;

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
  private readonly speakerChanged: SpeakerChanged[] = [];
  private readonly settingsChanged: SettingsChanged[] = [];

  onTransaction(hook: InTransaction): void {
    this.inTransaction.push(hook);
  }

  onCommitted(hook: AfterCommit): void {
    this.afterCommit.push(hook);
  }

  /** Called after a commit that gave or took the floor: the webcast follows (publish rights). */
  onSpeakerChanged(hook: SpeakerChanged): void {
    this.speakerChanged.push(hook);
  }

  /** Called after a commit that changed a panel's settings (and so its version): the floor broadcasts. */
  onSettingsChanged(hook: SettingsChanged): void {
    this.settingsChanged.push(hook);
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

  async runSettingsChanged(panel: PanelEntity): Promise<void> {
    for (const hook of this.settingsChanged) {
      try {
        await hook(panel);
      } catch (err) {
        this.logger.error({ err, panelId: panel.id }, 'settings-changed hook failed');
      }
    }
  }

  /** Never throws: a hook's failure becomes the outcome's webcastError. */
  async runSpeakerChanged(change: SpeakerChange): Promise<SpeakerChangeOutcome> {
    let webcastError: string | null = null;
    for (const hook of this.speakerChanged) {
      try {
        const outcome = await hook(change);
        if (outcome?.webcastError) webcastError = outcome.webcastError;
      } catch (err) {
        this.logger.error({ err, panelId: change.panelId }, 'speaker-changed hook failed');
        webcastError = (err as Error).message;
      }
    }
    return { webcastError };
  }
}
