import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { INVITABLE_ROLES, InvitableRole } from '@rostrum/contracts';
import { oneOf } from './columns';
import { DelegationEntity } from './delegation.entity';
import { UserEntity } from './user.entity';

/** Issued by staff for one role; redeemed once, before it expires, to create the account. */
@Entity('invitations')
@Check('CHK_invitations_role', oneOf('role', INVITABLE_ROLES))
@Check('CHK_invitations_delegate_has_delegation', `"role" <> 'delegate' OR "delegation_id" IS NOT NULL`)
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

  /** When set, only this address may redeem the invitation. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

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
