import { FLOOR_LOG_ACTIONS, InterventionKind, StoredChapter } from '@rostrum/contracts';
import { chapterTitleIn } from '@rostrum/recordings';

/** A `speech:started` / `speech:ended` floor-log row, with the intervention's people as a fallback. */
export interface SpeechLogRow {
  interventionId: string;
  action: string;
  at: Date;
  detail: Record<string, unknown>;
  kind: InterventionKind | null;
  delegateName: string | null;
  delegationName: string | null;
  delegationCode: string | null;
}

/** One intervention's time on the floor, in seconds from the recording's start, clipped to the recording. */
export interface SpeechSpan {
  interventionId: string;
  startSeconds: number;
  endSeconds: number;
  row: SpeechLogRow;
}

/** Less overlap than this with the recording is clock skew between the floor and the recorder, not a chapter. */
const MIN_CHAPTER_SECONDS = 0.5;

/**
 * Each intervention that overlapped the recording, from the floor log: from its first `speech:started` to its
 * last `speech:ended` (a speech still open ends where the next one starts, or with the recording), in seconds
 * from the recording's start, clipped to its duration, in order.
 */
export function speechSpans(
  rows: SpeechLogRow[],
  recordingStart: Date,
  durationSeconds: number,
): SpeechSpan[] {
  const speeches = new Map<string, { start: Date; end: Date | null; row: SpeechLogRow }>();
  const ordered = [...rows].sort((a, b) => a.at.getTime() - b.at.getTime());
  let open: { start: Date; end: Date | null } | null = null;
  for (const row of ordered) {
    if (row.action === FLOOR_LOG_ACTIONS.speechStarted) {
      if (open && open.end === null) open.end = row.at; // one speaker at a time
      const speech = speeches.get(row.interventionId) ?? { start: row.at, end: null, row };
      speech.end = null;
      speeches.set(row.interventionId, speech);
      open = speech;
    } else if (row.action === FLOOR_LOG_ACTIONS.speechEnded) {
      const speech = speeches.get(row.interventionId);
      if (speech) speech.end = row.at;
    }
  }
  const origin = recordingStart.getTime();
  const seconds = (d: Date) => (d.getTime() - origin) / 1000;
  return [...speeches.entries()]
    .map(([interventionId, s]) => ({
      interventionId,
      startSeconds: round(Math.max(0, seconds(s.start))),
      endSeconds: round(Math.min(durationSeconds, s.end ? seconds(s.end) : durationSeconds)),
      row: s.row,
    }))
    .filter((c) => c.endSeconds - c.startSeconds >= MIN_CHAPTER_SECONDS)
    .sort((a, b) => a.startSeconds - b.startSeconds);
}

/** One chapter per intervention that overlapped the recording (see speechSpans), with its intervention. */
export function buildChapters(
  rows: SpeechLogRow[],
  recordingStart: Date,
  durationSeconds: number,
): StoredChapter[] {
  return speechSpans(rows, recordingStart, durationSeconds).map((s) => ({
    startSeconds: s.startSeconds,
    endSeconds: s.endSeconds,
    title: chapterTitle(s.row),
    interventionId: s.interventionId,
  }));
}

/**
 * "Brazil — Statement"; the speaker's name when they speak for no delegation. Names as the floor log wrote
 * them at the time, in English (`chapters.vtt?lang=` gives the others).
 */
export function chapterTitle(row: SpeechLogRow): string {
  const { delegateName, delegationName } = speakerOf(row);
  return chapterTitleIn({
    kind: (detailText(row, 'kind') as InterventionKind | null) ?? row.kind,
    delegateName,
    delegation: delegationName ? { name: delegationName, code: null, kind: null } : null,
  });
}

/** Who spoke, as the floor log wrote it at the time, else as the intervention's people read now. */
export function speakerOf(row: SpeechLogRow) {
  return {
    delegateName: detailText(row, 'delegateName') ?? row.delegateName,
    delegationName: detailText(row, 'delegationName') ?? row.delegationName,
    delegationCode: detailText(row, 'delegationCode') ?? row.delegationCode,
  };
}

const detailText = (row: SpeechLogRow, key: string) =>
  typeof row.detail[key] === 'string' ? (row.detail[key] as string) : null;

const round = (n: number) => Math.round(n * 1000) / 1000;
