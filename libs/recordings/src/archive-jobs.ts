import type { JobsOptions, Queue } from 'bullmq';
import type { ArchiveQueueConfig } from '@rostrum/config';
import { ArchiveRecordingJob, JOB_NAMES } from '@rostrum/contracts';

/**
 * Options every archive job is queued with, whoever queues it (the LiveKit webhook with the egress id as
 * `jobId`, import and reprocess with `archiveRunJobId`): retries with exponential backoff, and finished jobs
 * kept a while so a redelivered webhook with the same id is recognised instead of archiving twice.
 */
export function archiveJobOptions(config: ArchiveQueueConfig, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 5000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/** The job id of one archive run of a recording: import is run 0, each reprocess the next number. */
export const archiveRunJobId = (recordingId: string, run: number) => `archive-${recordingId}-${run}`;

/** The job of a recording's latest run: the LiveKit webhook's (named by the egress) until a reprocess. */
export const latestArchiveJobId = (recording: { id: string; egressId: string | null; attempts: number }) =>
  recording.attempts === 0 && recording.egressId
    ? recording.egressId
    : archiveRunJobId(recording.id, recording.attempts);

/** Queues the archive of one recording; a job id already queued (or kept after finishing) adds nothing. */
export async function enqueueArchive(
  queue: Queue,
  config: ArchiveQueueConfig,
  recordingId: string,
  jobId: string,
): Promise<void> {
  const data: ArchiveRecordingJob = { recordingId };
  await queue.add(JOB_NAMES.archiveRecording, data, archiveJobOptions(config, jobId));
}
