import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { EventEntity } from './event.entity';
import { UserEntity } from './user.entity';

/** An interpretation booth: one per event language, with the interpreters who may work in it. */
@Entity('booths')
@Unique('UQ_booths_event_language', ['eventId', 'language'])
export class BoothEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** One of the event's `languages` (ISO 639-1): the channel this booth speaks into. */
  @Column({ type: 'varchar', length: 16 })
  language: string;

  @ManyToMany(() => UserEntity)
  @JoinTable({
    name: 'booth_interpreters',
    joinColumn: { name: 'booth_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  interpreters?: UserEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
