import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DELEGATION_KINDS, DelegationKind } from '@rostrum/contracts';
import { oneOf } from './columns';

/** A member state (ISO 3166-1 alpha-3 code) or an accredited observer organisation. */
@Entity('delegations')
@Check('CHK_delegations_kind', oneOf('kind', DELEGATION_KINDS))
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: DelegationKind;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  /** The regional group it belongs to (one of an event's groups, or free text); the reports group by it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  region: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
