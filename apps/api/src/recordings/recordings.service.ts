import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { Chapter, InterventionKind, QUEUES, RecordingView, StoredRecordingChannel } from '@rostrum/contracts';
import { PanelEntity, RecordingEntity, TranscriptEntity } from '@rostrum/database';
import {
  archiveRunJobId,
  chapterTitleIn,
  enqueueArchive,
  resolveSourcePath,
  SourcePathError,
  toRecordingView,
} from '@rostrum/recordings';
import { AppError, conflict, notFound, validationFailed } from '../common/app-error';
import { Page } from '../common/list-query';
import { ImportRecordingDto, RecordingsQueryDto, UpdateRecordingDto } from './dto/recording.dto';
import { RecordingStatusPublisher } from './recording-status.publisher';

/** Who is looking: staff see every recording, the public only published, ready ones. */
export type Audience = 'staff' | 'public';

@Injectable()
export class RecordingsService {
  private readonly logger = new Logger(RecordingsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.archive) private readonly archiveQueue: Queue,
    private readonly publisher: RecordingStatusPublisher,
  ) {}

  /** Newest first (by recording time, else by when it was added); `q` searches recording, panel and event titles. */
  async list(query: RecordingsQueryDto, audience: Audience): Promise<Page<RecordingView>> {
    const qb = this.recordings
      .createQueryBuilder('r')
      .innerJoin('r.panel', 'p')
      .innerJoin('r.event', 'e')
      .orderBy('COALESCE(r.started_at, r.created_at)', 'DESC')
      .addOrderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'ASC');
    if (audience === 'public') qb.andWhere("r.published AND r.status = 'ready'");
    if (query.eventId) qb.andWhere('r.event_id = :eventId', { eventId: query.eventId });
    if (query.panelId) qb.andWhere('r.panel_id = :panelId', { panelId: query.panelId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.q) {
      qb.andWhere('(r.title ILIKE :q OR p.title ILIKE :q OR e.title ILIKE :q)', {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    // offset/limit, not skip/take: the joins select nothing, and skip/take cannot order by an expression.
    const [rows, total] = await qb.offset(query.offset).limit(query.limit).getManyAndCount();
    // The eager relation is only loaded by find*: one query for the page's transcripts.
    const transcripts = rows.length
      ? await this.db.getRepository(TranscriptEntity).findBy({ recordingId: In(rows.map((r) => r.id)) })
      : [];
    for (const r of rows) r.transcripts = transcripts.filter((t) => t.recordingId === r.id);
    return { items: rows.map(toRecordingView), total };
  }

  async get(id: string, audience: Audience): Promise<RecordingView> {
    return toRecordingView(await this.find(id, audience));
  }

  /** The row, if this audience may see it; the media routes find its files by its id. */
  async find(id: string, audience: Audience): Promise<RecordingEntity> {
    const recording = await this.recordings.findOneBy(
      audience === 'public' ? { id, published: true, status: 'ready' } : { id },
    );
    if (!recording) throw notFound('Recording');
    return recording;
  }

  /**
   * The chapters with their titles in `language`, made again from each chapter's intervention (its kind, its
   * delegation's ISO code); a chapter whose intervention is unknown keeps its archived title.
   */
  async chaptersIn(recording: RecordingEntity, language: string | undefined): Promise<Chapter[]> {
    const chapters = toRecordingView(recording).chapters;
    const ids = (recording.chapters ?? []).map((c) => c.interventionId).filter((id) => id !== undefined);
    if (!language || ids.length === 0) return chapters;
    const rows: ChapterInterventionRow[] = await this.db.query(
      `SELECT i.id, i.kind, u.name AS "delegateName",
              d.name AS "delegationName", d.code AS "delegationCode", d.kind AS "delegationKind"
         FROM interventions i
         LEFT JOIN users u ON u.id = i.delegate_id
         LEFT JOIN delegations d ON d.id = i.delegation_id
        WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return chapters.map((chapter, i) => {
      const row = byId.get(recording.chapters[i].interventionId ?? '');
      if (!row) return chapter;
      const delegation = row.delegationName
        ? { name: row.delegationName, code: row.delegationCode, kind: row.delegationKind }
        : null;
      return {
        ...chapter,
        title: chapterTitleIn({ kind: row.kind, delegateName: row.delegateName, delegation }, language),
      };
    });
  }

  async update(id: string, dto: UpdateRecordingDto): Promise<RecordingView> {
    const recording = await this.find(id, 'staff');
    const changes = {
      ...(dto.title !== undefined && { title: dto.title }),
      ...(dto.published !== undefined && { published: dto.published }),
    };
    if (Object.keys(changes).length === 0) return toRecordingView(recording);
    await this.recordings.update(id, changes);
    return this.changed(id);
  }

  /**
   * Runs the archive again from the source (e.g. after the floor log was corrected, or a failure).
   * `attempts` counts the runs; its new value names the job, so a new run is queued even when an
   * earlier run's job is still kept in Redis.
   */
  async reprocess(id: string): Promise<RecordingView> {
    const recording = await this.find(id, 'staff');
    if (recording.status === 'recording') throw conflict('This recording is still being recorded');
    await this.requireSource(recording.sourcePath, (why) => conflict(`Cannot reprocess: ${why}`));
    const { raw } = await this.recordings
      .createQueryBuilder()
      .update()
      .set({ status: 'processing', error: null, attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .returning('attempts')
      .execute();
    const run = (raw as { attempts: number }[])[0].attempts;
    try {
      await enqueueArchive(this.archiveQueue, this.config.archive, id, archiveRunJobId(id, run));
    } catch (err) {
      await this.recordings.update(id, { status: recording.status, error: recording.error });
      throw queueUnavailable(err, this.logger);
    }
    return this.changed(id);
  }

  /** A file recorded elsewhere, put through the same pipeline as the webcast's recordings. */
  async import(dto: ImportRecordingDto): Promise<RecordingView> {
    const panel = await this.db.getRepository(PanelEntity).findOneBy({ id: dto.panelId });
    if (!panel) throw notFound('Panel');
    const source = await this.requireSource(dto.sourcePath, validationFailed);
    const channels = await this.importedChannels(dto);
    const saved = await this.recordings.save(
      this.recordings.create({
        panelId: panel.id,
        eventId: panel.eventId,
        title: dto.title ?? panel.title,
        status: 'processing',
        source: 'import',
        sourcePath: source,
        attempts: 0,
        channels,
      }),
    );
    try {
      await enqueueArchive(this.archiveQueue, this.config.archive, saved.id, archiveRunJobId(saved.id, 0));
    } catch (err) {
      await this.recordings.delete(saved.id);
      throw queueUnavailable(err, this.logger);
    }
    return this.changed(saved.id);
  }

  private get recordings() {
    return this.db.getRepository(RecordingEntity);
  }

  /** An import's channels, each file checked like the video's; one channel per language. */
  private async importedChannels(dto: ImportRecordingDto): Promise<StoredRecordingChannel[]> {
    const channels: StoredRecordingChannel[] = [];
    for (const [i, c] of (dto.channels ?? []).entries()) {
      if (channels.some((other) => other.language === c.language)) {
        throw validationFailed(`channels: "${c.language}" is given twice`);
      }
      const sourcePath = await this.requireSource(c.sourcePath, (why) =>
        validationFailed(`channels[${i}] (${c.language}): ${why}`),
      );
      channels.push({
        language: c.language,
        egressId: null,
        status: 'ended',
        sourcePath,
        mediaStartedAt: null,
        offsetSeconds: c.offsetSeconds,
        error: null,
      });
    }
    return channels;
  }

  /** The source's path relative to RECORDINGS_DIR, or `refuse` saying why it cannot be used. */
  private async requireSource(sourcePath: string | null, refuse: (why: string) => AppError): Promise<string> {
    if (!sourcePath) throw refuse('the recording has no source file');
    try {
      return (await resolveSourcePath(this.config.recordingsDir, sourcePath)).relative;
    } catch (err) {
      if (err instanceof SourcePathError) throw refuse(err.message);
      throw err;
    }
  }

  /** Re-reads the row after a change, tells staff and moderators, and answers it. */
  private async changed(id: string): Promise<RecordingView> {
    const recording = await this.recordings.findOneByOrFail({ id });
    this.publisher.publish(recording);
    return toRecordingView(recording);
  }
}

interface ChapterInterventionRow {
  id: string;
  kind: InterventionKind;
  delegateName: string | null;
  delegationName: string | null;
  delegationCode: string | null;
  delegationKind: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function queueUnavailable(err: unknown, logger: Logger): AppError {
  logger.error({ err }, 'could not queue the archive job');
  return new AppError('SERVICE_UNAVAILABLE', 'The archive queue is unavailable; try again shortly');
}
