import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PanelEntity } from '@rostrum/database';
import { KeyedMutex } from '../common/keyed-mutex';
import { withPanelLock } from '../panels/panel-transaction';

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
    return this.line.run(panelId, () => withPanelLock(this.db, panelId, work));
  }
}
