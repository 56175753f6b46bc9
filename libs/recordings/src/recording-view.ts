import type { RecordingView } from '@rostrum/contracts';
import type { RecordingEntity } from '@rostrum/database';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A recording row as CONTRACT.md's `recording`; the API's routes and the worker's events both send this. */
export function toRecordingView(r: RecordingEntity): RecordingView {
  return {
    id: r.id,
    panelId: r.panelId,
    eventId: r.eventId,
    title: r.title,
    status: r.status,
    error: r.error,
    durationSeconds: r.durationSeconds,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
    published: r.published,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    // Only what the contract names: the intervention ids stay in the row.
    chapters: (r.chapters ?? []).map(({ startSeconds, endSeconds, title }) => ({
      startSeconds,
      endSeconds,
      title,
    })),
    transcripts: (r.transcripts ?? [])
      .map((t) => ({ language: t.language, status: t.status, engine: t.engine }))
      .sort((a, b) => a.language.localeCompare(b.language)),
    audioTracks: (r.audioTracks ?? []).map(({ language, title }) => ({ language, title })),
    createdAt: r.createdAt.toISOString(),
  };
}
