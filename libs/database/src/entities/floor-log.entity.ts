import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@rostrum/contracts';
import { PanelEntity } from './panel.entity';
import { UserEntity } from './user.entity';

/** Append-only record of every action on the floor and on Q&A, written in the action's own transaction. */
@Entity('floor_log')
@Index('IDX_floor_log_panel_seq', ['panelId', 'seq'])
export class FloorLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: number;

  @Column({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity | null;

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
}
