import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import {
  DEFAULT_PANEL_SETTINGS,
  PANEL_STATUSES,
  PanelSettings,
  PanelStatus,
  Translations,
} from '@rostrum/contracts';
import { ValueTransformer } from 'typeorm';
import { oneOf } from './columns';

const settingsWithDefaults: ValueTransformer = {
  to: (v: PanelSettings | undefined) => v,
  from: (v: Partial<PanelSettings> | null) => (v ? { ...DEFAULT_PANEL_SETTINGS, ...v } : v),
};
import { EventEntity } from './event.entity';
import { UserEntity } from './user.entity';

/** A themed panel within an event. Its row is also the lock every floor and Q&A change takes. */
@Entity('panels')
@Check('CHK_panels_status', oneOf('status', PANEL_STATUSES))
@Check('CHK_panels_dates', `"ends_at" >= "starts_at"`)
@Check('CHK_panels_version', `"version" >= 0`)
@Index('IDX_panels_event', ['eventId'])
export class PanelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, (e) => e.panels, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  theme: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  guidingQuestions: string[];

  /** `{[language]: {title?, theme?, description?, guidingQuestions?}}`, validated by the DTO. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  translations: Translations;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: PanelStatus;

  @Column({ type: 'boolean', default: false })
  queueOpen: boolean;

  /** +1 per change of the floor, the queue or the status; clients detect gaps with it. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  /** Read over the defaults, so a panel stored before a setting existed has its default value. */
  @Column({ type: 'jsonb', transformer: settingsWithDefaults })
  settings: PanelSettings;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @ManyToMany(() => UserEntity)
  @JoinTable({
    name: 'panel_moderators',
    joinColumn: { name: 'panel_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  moderators?: UserEntity[];

  @ManyToMany(() => UserEntity)
  @JoinTable({
    name: 'panel_panelists',
    joinColumn: { name: 'panel_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  panelists?: UserEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
