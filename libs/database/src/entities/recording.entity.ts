import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  AudioTrackView,
  StoredChapter,
  StoredRecordingChannel,
  RECORDING_SOURCES,
  RECORDING_STATUSES,
  RecordingSource,
  RecordingStatus,
} from '@rostrum/contracts';
import { numberTransformer, oneOf } from './columns';
import { EventEntity } from './event.entity';
import { PanelEntity } from './panel.entity';
import { TranscriptEntity } from './transcript.entity';

/**
 * A recorded webcast segment and its archive. Files are named by the recording id inside ARCHIVE_DIR;
 * no path from a client is ever stored here.
 */
@Entity('recordings')
@Check('CHK_recordings_status', oneOf('status', RECORDING_STATUSES))
@Check('CHK_recordings_source', oneOf('source', RECORDING_SOURCES))
@Check('CHK_recordings_sha256', `"sha256" IS NULL OR "sha256" ~ '^[0-9a-f]{64}$'`)
@Index('IDX_recordings_panel', ['panelId'])
@Index('IDX_recordings_status', ['status'])
export class RecordingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  status: RecordingStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'varchar', length: 20 })
  source: RecordingSource;

  @Column({ type: 'varchar', length: 100, nullable: true, unique: true })
  egressId: string | null;

  /** The source file, relative to RECORDINGS_DIR (set by egress results or a validated import). */
  @Column({ type: 'text', nullable: true })
  sourcePath: string | null;

  /** The archived MP4's file name inside ARCHIVE_DIR. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  videoFile: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  posterFile: string | null;

  @Column({ type: 'double precision', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: numberTransformer })
  sizeBytes: number | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'integer', nullable: true })
  width: number | null;

  @Column({ type: 'integer', nullable: true })
  height: number | null;

  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  chapters: StoredChapter[];

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The interpretation channels recorded beside the video (issue 17). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  channels: StoredRecordingChannel[];

  /** When the video's media started (LiveKit's fileResults[0].startedAt): the channels align to it. */
  @Column({ type: 'timestamptz', nullable: true })
  mediaStartedAt: Date | null;

  /** The archive's audio tracks, floor first. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  audioTracks: AudioTrackView[];

  /** Loaded with the row (find*): every view of a recording lists its transcripts. */
  @OneToMany(() => TranscriptEntity, (t) => t.recording, { eager: true })
  transcripts?: TranscriptEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
