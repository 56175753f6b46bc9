import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { PanelEntity } from './panel.entity';
import { UserEntity } from './user.entity';

/**
 * One interpreter's stint as the live voice of a booth during a panel: from `booth:take` to their release or
 * a booth mate's take. The open stint (no `endedAt`) is the booth's live interpreter.
 */
@Entity('booth_shifts')
// The last line of defence for "one live interpreter per booth and panel", whatever the races above it
// (like one speaker per panel on interventions).
@Index('UQ_booth_shifts_one_live_per_booth', ['panelId', 'language'], {
  unique: true,
  where: `"ended_at" IS NULL`,
})
export class BoothShiftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  /** The booth's channel (one of the event's languages). */
  @Column({ type: 'varchar', length: 16 })
  language: string;

  @Column({ type: 'uuid' })
  interpreterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interpreter_id' })
  interpreter?: UserEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}

/** Which channel a booth interprets from during a panel (`booth:relay`): "floor" or another booth's language. */
@Entity('booth_relays')
export class BoothRelayEntity {
  @PrimaryColumn({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  language: string;

  @Column({ type: 'varchar', length: 16, default: 'floor' })
  relayFrom: string;
}
