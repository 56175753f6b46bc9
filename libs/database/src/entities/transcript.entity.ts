import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { TRANSCRIPT_STATUSES, TranscriptStatus } from '@rostrum/contracts';
import { oneOf } from './columns';
import { RecordingEntity } from './recording.entity';

/** A stretch of the recording transcribed as one unit, cut at a silence. */
export interface TranscriptChunk {
  startSeconds: number;
  endSeconds: number;
}

/**
 * One language of one recording's transcript and the progress of its job. The chunk plan is saved before the
 * first chunk is transcribed, and `chunksDone` moves in the same transaction as that chunk's segments: a
 * job that starts again after a crash carries on from the first chunk not done.
 */
@Entity('recording_transcripts')
@Check('CHK_recording_transcripts_status', oneOf('status', TRANSCRIPT_STATUSES))
export class TranscriptEntity {
  @PrimaryColumn({ type: 'uuid' })
  recordingId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  language: string;

  @ManyToOne(() => RecordingEntity, (r) => r.transcripts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recording_id' })
  recording?: Relation<RecordingEntity>;

  @Column({ type: 'varchar', length: 20 })
  status: TranscriptStatus;

  @Column({ type: 'varchar', length: 50, nullable: true })
  engine: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** null until the job has cut the recording at its silences. */
  @Column({ type: 'jsonb', nullable: true })
  chunks: TranscriptChunk[] | null;

  @Column({ type: 'integer', default: 0 })
  chunksDone: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The text search configuration of a segment's language: stemming for English and French, plain words
 * otherwise. `alias` qualifies the columns in a query with joins.
 */
export const transcriptConfigSql = (alias?: string) => {
  const column = alias ? `${alias}."language"` : '"language"';
  return `CASE ${column} WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig ELSE 'simple'::regconfig END`;
};

/**
 * One line of a transcript, with who had the floor when it was said (copied from the floor log when it was
 * transcribed, so it reads the same after a delegation is renamed). Searched through `searchVector`, a stored
 * tsvector a trigger keeps up to date, and its GIN index.
 */
@Entity('transcript_segments')
@Index('IDX_transcript_segments_recording', ['recordingId', 'language', 'startSeconds'])
// GIN: TypeORM cannot declare the access method, so the migration makes it and sync leaves it alone.
@Index('IDX_transcript_segments_search_vector', { synchronize: false })
export class TranscriptSegmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recordingId: string;

  @ManyToOne(() => RecordingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recording_id' })
  recording?: Relation<RecordingEntity>;

  @Column({ type: 'varchar', length: 10 })
  language: string;

  @Column({ type: 'integer' })
  chunkIndex: number;

  @Column({ type: 'double precision' })
  startSeconds: number;

  @Column({ type: 'double precision' })
  endSeconds: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'uuid', nullable: true })
  interventionId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  speakerName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  delegationCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  delegationName: string | null;

  /**
   * The searched document, stemmed by the segment's language. A trigger keeps it (see the migration): a
   * generated column would need TypeORM's metadata row, which is keyed by database name and so breaks in
   * databases cloned from a template.
   */
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  searchVector?: string;
}

/** The configuration a query in `language` is parsed with (the same mapping as the index). */
export const textSearchConfig = (language: string) =>
  language === 'en' ? 'english' : language === 'fr' ? 'french' : 'simple';
