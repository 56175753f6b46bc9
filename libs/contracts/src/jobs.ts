/**
 * BullMQ queue names and job payloads. Renaming a queue strands the jobs already in Redis: add a new name
 * and drain the old one instead.
 */
export const QUEUES = {
  floorTimers: 'floor-timers',
  archive: 'recording-archive',
  webcastSync: 'webcast-sync',
} as const;

/** Time-up for one clock state of one intervention; the job id makes the same state schedule once. */
export interface FloorTimeUpJob {
  panelId: string;
  interventionId: string;
  /** The clock state this job was scheduled for; a handler seeing another state does nothing. */
  clockKey: string;
}

/** Archive one recording: the worker re-reads the row and returns early if it is already ready. */
export interface ArchiveRecordingJob {
  recordingId: string;
}

export const JOB_NAMES = {
  floorTimeUp: 'floor-time-up',
  archiveRecording: 'archive-recording',
} as const;
