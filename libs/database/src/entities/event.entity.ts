import { Check, Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { EVENT_STATUSES, EventStatus, Translations } from '@rostrum/contracts';
import { oneOf } from './columns';
import type { PanelEntity } from './panel.entity';

/** One session of the Conversation, e.g. "Third session, 4 November 2020". */
@Entity('events')
@Check('CHK_events_status', oneOf('status', EVENT_STATUSES))
@Check('CHK_events_dates', `"ends_at" >= "starts_at"`)
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  languages: string[];

  /** IANA time zone the event is shown in; times are stored and sent in UTC. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** Accredited + pending delegates per delegation; null = no limit (focal points are held to it). */
  @Column({ type: 'integer', nullable: true, default: 5 })
  delegateQuota: number | null;

  /** Regional groups delegations belong to, e.g. "GRULAC". */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  groups: string[];

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: EventStatus;

  /** `{[language]: {title?, description?}}`, validated by the DTO. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  translations: Translations;

  @OneToMany('PanelEntity', 'event')
  panels?: PanelEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
