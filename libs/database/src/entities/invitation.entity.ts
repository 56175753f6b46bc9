import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { INVITABLE_ROLES, InvitableRole, MAIL_LANGUAGES, MailLanguage } from '@rostrum/contracts';
import { oneOf } from './columns';
import { DelegationEntity } from './delegation.entity';
import { EventEntity } from './event.entity';
import { UserEntity } from './user.entity';

/** Issued by staff for one role; redeemed once, before it expires, to create the account. */
@Entity('invitations')
@Check('CHK_invitations_role', oneOf('role', INVITABLE_ROLES))
@Check('CHK_invitations_delegate_has_delegation', `"role" <> 'delegate' OR "delegation_id" IS NOT NULL`)
@Check('CHK_invitations_language', `"language" IS NULL OR ${oneOf('language', MAIL_LANGUAGES)}`)
@Index('IDX_invitations_event_email', ['eventId', 'email'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 (hex) of the code: the code itself is shown once, when the invitation is created. */
  @Column({ type: 'varchar', length: 64, unique: true })
  codeHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: InvitableRole;

  @Column({ type: 'uuid', nullable: true })
  delegationId: string | null;

  @ManyToOne(() => DelegationEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: DelegationEntity | null;

  /** The event redeeming it accredits to (required for delegates since accreditation; older rows have none). */
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @ManyToOne(() => EventEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity | null;

  /** When set, only this address may redeem the invitation. Stored lower-cased. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  /** The invitee's name as the inviter wrote it (prefills registration). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  /** The language of the invitation mail (null: the event's first language). */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: MailLanguage | null;

  /** Redeeming it makes the new delegate their delegation's focal point for the event. */
  @Column({ type: 'boolean', default: false })
  focalPoint: boolean;

  /** When the invitation mail was last queued (null: never sent; the link was copied by hand). */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Withdrawn: redeeming it answers INVITATION_REVOKED. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  usedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'used_by_id' })
  usedBy?: UserEntity | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
