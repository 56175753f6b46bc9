import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { PARTICIPANT_STATUSES, ParticipantStatus } from '@rostrum/contracts';
import { oneOf } from './columns';
import { EventEntity } from './event.entity';
import { UserEntity } from './user.entity';

/**
 * A person's accreditation to one event: a delegate takes part in an event's panels only while accredited.
 * Revoking keeps the row (status `revoked`), so the participants list still shows who was accredited.
 */
@Entity('participants')
@Check('CHK_participants_status', oneOf('status', PARTICIPANT_STATUSES))
@Unique('UQ_participants_event_user', ['eventId', 'userId'])
@Index('IDX_participants_user', ['userId'])
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 20, default: 'accredited' })
  status: ParticipantStatus;

  /** Their delegation's focal point for this event: may invite and revoke its delegates, within the quota. */
  @Column({ type: 'boolean', default: false })
  focalPoint: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
