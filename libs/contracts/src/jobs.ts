/**
 * BullMQ queue names and job payloads. Renaming a queue strands the jobs already in Redis: add a new name
 * and drain the old one instead.
 */
export const QUEUES = {
  floorTimers: 'floor-timers',
  archive: 'recording-archive',
  webcastSync: 'webcast-sync',
  mail: 'mail',
  transcribe: 'transcribe',
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

/** Transcribe one language of one archived recording; resumable (chunks already done are skipped). */
export interface TranscribeRecordingJob {
  recordingId: string;
  language: string;
}

/** Send one mail of the outbox: the worker re-reads the row and does nothing unless it is still queued. */
export interface SendMailJob {
  outboxId: string;
}

/** The job of one outbox row: one id per row, so a re-enqueue of a row already queued adds nothing. */
export const mailJobId = (outboxId: string) => `mail-${outboxId}`;

export const JOB_NAMES = {
  floorTimeUp: 'floor-time-up',
  archiveRecording: 'archive-recording',
  sendMail: 'send-mail',
  transcribeRecording: 'transcribe-recording',
} as const;

/** Jobs of the `webcast-sync` queue: bring LiveKit in line with the database (retries and the reconciler). */
export const WEBCAST_JOB_NAMES = {
  /** Re-apply publish rights for these users from who holds the floor *now*. */
  syncFloor: 'webcast-sync-floor',
  /** Re-apply an interpretation booth's publish rights from who is live in it *now*. */
  syncBooth: 'webcast-sync-booth',
  /** Start the room and its recording for a live panel that has none (a failed start, retried). */
  startRecording: 'webcast-start-recording',
  /** Stop the recordings of an ended panel (a failed stop, retried). */
  stopRecording: 'webcast-stop-recording',
  /** Periodic: ask LiveKit about recordings still marked `recording` and catch up on lost webhooks. */
  reconcile: 'webcast-reconcile',
} as const;

export interface WebcastSyncFloorJob {
  panelId: string;
  userIds: string[];
}

export interface WebcastSyncBoothJob {
  panelId: string;
  language: string;
}

export interface WebcastPanelJob {
  panelId: string;
}
