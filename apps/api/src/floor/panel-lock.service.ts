import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PanelEntity } from '@rostrum/database';
import { AppError } from '../common/app-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { withPanelLock } from '../panels/panel-transaction';

/**
 * A command that waited this long for its turn (here, or on its connection: CommandQueue) is answered at once
 * instead of run: when the database is away, each command ahead of it could take seconds to fail, and a line
 * of them must not become a hang.
 */
export const MAX_WAIT_IN_LINE_MS = 10_000;

/**
 * A panel's changes, one at a time: first in line within this instance, then under the panel row's lock
 * across instances. Waiting in line here rather than in PostgreSQL keeps a burst of commands on one panel
 * from holding every pooled connection while they wait for the same row lock.
 */
@Injectable()
export class PanelLockService {
  private readonly line = new KeyedMutex();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(panelId: string, work: (tx: EntityManager, panel: PanelEntity) => Promise<T>): Promise<T> {
    const queuedAt = Date.now();
    return this.line.run(panelId, () => {
      if (Date.now() - queuedAt > MAX_WAIT_IN_LINE_MS) {
        throw new AppError('SERVICE_UNAVAILABLE', 'The panel is busy or the database is slow; try again');
      }
      return withPanelLock(this.db, panelId, work);
    });
  }
}
