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
}

/** Less overlap than this with the recording is clock skew between the floor and the recorder, not a chapter. */
const MIN_CHAPTER_SECONDS = 0.5;

/**
 * One chapter per intervention that overlapped the recording, from the floor log: from its first
 * `speech:started` to its last `speech:ended` (a speech still open ends where the next one starts, or with the
 * recording), in seconds from the recording's start, clipped to its duration.
 */
export function buildChapters(
  rows: SpeechLogRow[],
  recordingStart: Date,
  durationSeconds: number,
): StoredChapter[] {
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
  return [...speeches.values()]
    .map((s) => ({
      startSeconds: round(Math.max(0, seconds(s.start))),
      endSeconds: round(Math.min(durationSeconds, s.end ? seconds(s.end) : durationSeconds)),
      title: chapterTitle(s.row),
      interventionId: s.row.interventionId,
    }))
    .filter((c) => c.endSeconds - c.startSeconds >= MIN_CHAPTER_SECONDS)
    .sort((a, b) => a.startSeconds - b.startSeconds);
}

/**
 * "Brazil — Statement"; the speaker's name when they speak for no delegation. Names as the floor log wrote
 * them at the time, in English (`chapters.vtt?lang=` gives the others).
 */
export function chapterTitle(row: SpeechLogRow): string {
  const text = (key: string) => (typeof row.detail[key] === 'string' ? (row.detail[key] as string) : null);
  const delegation = text('delegationName') ?? row.delegationName;
  return chapterTitleIn({
    kind: (text('kind') as InterventionKind | null) ?? row.kind,
    delegateName: text('delegateName') ?? row.delegateName,
    delegation: delegation ? { name: delegation, code: null, kind: null } : null,
  });
}

const round = (n: number) => Math.round(n * 1000) / 1000;
