import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from '@rostrum/contracts';
import { PanelEntity } from './panel.entity';

/**
 * The record of proceedings: every action on the floor and on Q&A, written in the action's own transaction
 * and chained by hash (see libs/record). The database refuses UPDATE, DELETE and TRUNCATE on it; a panel with
 * entries cannot be deleted, and the actor is kept as they were (no foreign key to users).
 */
@Entity('floor_log')
export class FloorLogEntity {
  @PrimaryColumn({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  /** 1, 2, 3 … per panel, without gaps (assigned under the panel's lock). */
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** The actor's name when the entry was written. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: Role | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'uuid', nullable: true })
  interventionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  questionId: string | null;

  /** The panel version this action produced (null for actions that do not change the floor snapshot). */
  @Column({ type: 'integer', nullable: true })
  version: number | null;

  /** before/after and any parameters of the action. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  detail: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
