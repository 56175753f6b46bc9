import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TranscriptSearchHit, TranscriptSegment, TranscriptSpeaker } from '@rostrum/contracts';
import {
  TranscriptEntity,
  TranscriptSegmentEntity,
  textSearchConfig,
  transcriptConfigSql,
} from '@rostrum/database';
import { conflict, notFound } from '../common/app-error';
import { Page } from '../common/list-query';
import { PublicTranscriptSearchDto } from './dto/recording.dto';
import { Audience, RecordingsService } from './recordings.service';

/** Stemming configurations a search without `lang` tries: English, French and plain words. */
const SEARCH_CONFIGS = ['english', 'french', 'simple'];

/** Transcripts made by the worker, as lines, captions and full-text search. */
@Injectable()
export class TranscriptsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recordings: RecordingsService,
  ) {}

  /** A ready transcript's lines, in time order; 404 when the language is not transcribed, 409 until ready. */
  async segments(recordingId: string, language: string, audience: Audience): Promise<TranscriptSegment[]> {
    await this.recordings.find(recordingId, audience);
    const transcript = await this.db.getRepository(TranscriptEntity).findOneBy({ recordingId, language });
    if (!transcript) throw notFound('Transcript');
    if (transcript.status !== 'ready') throw conflict(`The transcript is ${transcript.status}`);
    const rows = await this.db.getRepository(TranscriptSegmentEntity).find({
      where: { recordingId, language },
      order: { startSeconds: 'ASC' },
    });
    return rows.map((r) => ({
      startSeconds: r.startSeconds,
      endSeconds: r.endSeconds,
      text: r.text,
      interventionId: r.interventionId,
      speaker: speakerOf(r),
    }));
  }

  /**
   * Best match first (ts_rank), over ready transcripts of recordings this audience may see. The match is
   * answered from the GIN index on the stored `search_vector`, ranked from it too; `highlight` (ts_headline,
   * which re-parses the text) is made for the returned page only, and marks the words with <b>…</b>.
   */
  async search(query: PublicTranscriptSearchDto, audience: Audience): Promise<Page<TranscriptSearchHit>> {
    const configs = query.lang ? [textSearchConfig(query.lang)] : SEARCH_CONFIGS;
    const params: unknown[] = [query.q];
    const tsquery = configs.map((c) => `websearch_to_tsquery('${c}', $1)`).join(' || ');
    const where = [`t.status = 'ready'`];
    if (audience === 'public') where.push(`r.published AND r.status = 'ready'`);
    const filter = (sql: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    filter('s.language = ?', query.lang);
    filter('r.event_id = ?', query.eventId);
    filter('r.panel_id = ?', query.panelId);
    params.push(query.limit, query.offset);
    const rows: (SearchRow & { total: string })[] = await this.db.query(
      // The lines matched come from the GIN index first (MATERIALIZED: so the planner never walks the recordings
      // first and tests every line of each), then only those are joined, ranked and counted.
      `WITH q AS (SELECT ${tsquery} AS query),
       matched AS MATERIALIZED (
         SELECT s.id, s.recording_id, s.language, s.start_seconds, ts_rank(s.search_vector, q.query) AS rank
           FROM q, transcript_segments s
          WHERE s.search_vector @@ q.query),
       page AS (
         SELECT s.id, s.rank, r.started_at, count(*) OVER () AS total
           FROM matched s
           JOIN recordings r ON r.id = s.recording_id
           JOIN recording_transcripts t ON t.recording_id = s.recording_id AND t.language = s.language
          WHERE ${where.join(' AND ')}
          ORDER BY s.rank DESC, r.started_at DESC NULLS LAST, s.start_seconds
          LIMIT $${params.length - 1} OFFSET $${params.length})
       SELECT s.recording_id AS "recordingId", r.title, r.panel_id AS "panelId",
              s.start_seconds AS "startSeconds", s.end_seconds AS "endSeconds", s.text,
              ts_headline(${transcriptConfigSql('s')}, s.text, q.query, 'HighlightAll=true') AS highlight,
              s.speaker_name AS "speakerName", s.delegation_code AS "delegationCode",
              s.delegation_name AS "delegationName", page.total
         FROM q, page
         JOIN transcript_segments s ON s.id = page.id
         JOIN recordings r ON r.id = s.recording_id
        ORDER BY page.rank DESC, page.started_at DESC NULLS LAST, s.start_seconds`,
      params,
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        recordingId: r.recordingId,
        title: r.title,
        panelId: r.panelId,
        startSeconds: r.startSeconds,
        endSeconds: r.endSeconds,
        text: r.text,
        highlight: r.highlight,
        speaker: speakerOf(r),
      })),
    };
  }
}

interface SearchRow {
  recordingId: string;
  title: string;
  panelId: string;
  startSeconds: number;
  endSeconds: number;
  text: string;
  highlight: string;
  speakerName: string | null;
  delegationCode: string | null;
  delegationName: string | null;
}

function speakerOf(r: {
  speakerName: string | null;
  delegationCode: string | null;
  delegationName: string | null;
}): TranscriptSpeaker | null {
  if (!r.speakerName) return null;
  return {
    name: r.speakerName,
    delegation: r.delegationName ? { code: r.delegationCode ?? '', name: r.delegationName } : null,
  };
}
