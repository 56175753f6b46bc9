import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PanelEntity } from './panel.entity';
import { UserEntity } from './user.entity';

/**
 * How many followed a live panel at one sampling instant, by role. One row per panel and interval
 * (`minute` is the start of the interval): the primary key makes a second instance's sample of the same
 * interval a no-op, so there is one sample per panel per minute however many API instances run.
 */
@Entity('attendance_samples')
export class AttendanceSampleEntity {
  @PrimaryColumn({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @PrimaryColumn({ type: 'timestamptz' })
  minute: Date;

  @Column({ type: 'integer' })
  moderators: number;

  @Column({ type: 'integer' })
  panelists: number;

  @Column({ type: 'integer' })
  delegates: number;

  @Column({ type: 'integer' })
  public: number;
}

/** Who joined a panel signed in, once per person: the report's unique delegates and delegations. */
@Entity('panel_attendees')
@Index('IDX_panel_attendees_delegation', ['panelId', 'delegationId'])
export class PanelAttendeeEntity {
  @PrimaryColumn({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The audience they joined as: moderator, panelist, delegate or public (a signed-in non-delegate). */
  @Column({ type: 'varchar', length: 20 })
  audience: string;

  @Column({ type: 'uuid', nullable: true })
  delegationId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstJoinedAt: Date;
}
