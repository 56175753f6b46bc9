import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import {
  INTERVENTION_KINDS,
  INTERVENTION_STATUSES,
  InterventionKind,
  InterventionStatus,
} from '@rostrum/contracts';
import { oneOf } from './columns';
import { DelegationEntity } from './delegation.entity';
import { PanelEntity } from './panel.entity';
import { UserEntity } from './user.entity';

/**
 * One request for the floor and, once granted, its speech. The clock is data: startedAt, allottedSeconds
 * (extensions included), pausedSeconds and pausedAt are enough for any instance to know the time left.
 */
@Entity('interventions')
@Check('CHK_interventions_kind', oneOf('kind', INTERVENTION_KINDS))
@Check('CHK_interventions_status', oneOf('status', INTERVENTION_STATUSES))
@Check('CHK_interventions_note_length', `char_length("note") <= 280`)
@Check('CHK_interventions_allotted', `"allotted_seconds" IS NULL OR "allotted_seconds" > 0`)
@Check('CHK_interventions_speaking_started', `"status" <> 'speaking' OR "started_at" IS NOT NULL`)
// The last line of defence for the floor invariants, whatever the code above them does.
@Index('UQ_interventions_one_speaker_per_panel', ['panelId'], {
  unique: true,
  where: `"status" = 'speaking'`,
})
// One open request of each sort per delegate: one point of order, and one of any other kind.
@Index('UQ_interventions_one_open_point_of_order_per_delegate', ['panelId', 'delegateId'], {
  unique: true,
  where: `"status" IN ('queued', 'speaking') AND "kind" = 'point_of_order'`,
})
@Index('UQ_interventions_one_open_other_request_per_delegate', ['panelId', 'delegateId'], {
  unique: true,
  where: `"status" IN ('queued', 'speaking') AND "kind" <> 'point_of_order'`,
})
@Index('UQ_interventions_client_request', ['panelId', 'delegateId', 'clientRequestId'], {
  unique: true,
  where: `"client_request_id" IS NOT NULL`,
})
@Index('IDX_interventions_queue', ['panelId', 'status', 'queuePosition'])
export class InterventionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @Column({ type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id' })
  delegate?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  delegationId: string | null;

  @ManyToOne(() => DelegationEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: DelegationEntity | null;

  @Column({ type: 'varchar', length: 20 })
  kind: InterventionKind;

  @Column({ type: 'varchar', length: 280, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status: InterventionStatus;

  /** Order among the waiting requests of the panel (ascending); meaningless once no longer queued. */
  @Column({ type: 'integer', nullable: true })
  queuePosition: number | null;

  /** A client-chosen id that makes a retried `floor:request` return the first request, not a second one. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  clientRequestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Allotted speaking time, extensions included. */
  @Column({ type: 'integer', nullable: true })
  allottedSeconds: number | null;

  /** Paused time already accumulated (not counting a pause in progress). */
  @Column({ type: 'double precision', default: 0 })
  pausedSeconds: number;

  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ type: 'double precision', nullable: true })
  spokenSeconds: number | null;

  /** Why it left the floor or the queue: ended, yielded, cut_off, time_up, replaced, panel_ended, withdrawn, removed. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  endReason: string | null;

  /** A group statement: the regional group it is made for. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  onBehalfOf: string | null;

  /** A right of reply: the intervention of the same panel it answers. */
  @Column({ type: 'uuid', nullable: true })
  replyToId: string | null;

  @ManyToOne(() => InterventionEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reply_to_id' })
  replyTo?: InterventionEntity | null;

  /** The delegate said they are ready to speak (while waiting). */
  @Column({ type: 'boolean', default: false })
  ready: boolean;

  /** A moderator moved or skipped it: under the protocol order, later arrivals never go ahead of it. */
  @Column({ type: 'boolean', default: false })
  placedByModerator: boolean;

  /** Set when `floor:timeup` went out for this speech, so it goes out once. */
  @Column({ type: 'timestamptz', nullable: true })
  timeUpAt: Date | null;
}
