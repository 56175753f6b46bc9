import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ROLES, Role } from '@rostrum/contracts';
import { oneOf } from './columns';
import { DelegationEntity } from './delegation.entity';

@Entity('users')
@Check('CHK_users_role', oneOf('role', ROLES))
@Check('CHK_users_delegate_has_delegation', `"role" <> 'delegate' OR "delegation_id" IS NOT NULL`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** argon2id; never leaves the auth service. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  delegationId: string | null;

  @ManyToOne(() => DelegationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: DelegationEntity | null;

  /** A deactivated account cannot sign in; deactivating it also revokes its tokens. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Moves on each time the user's tokens are revoked (password change, role change, deactivation, sign-out):
   * a token is accepted only while it carries the current version.
   */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
