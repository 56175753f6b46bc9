import { InjectQueue } from '@nestjs/bullmq';
import { archiveJobOptions } from '@rostrum/recordings';
import { RecordingStatusPublisher } from '../recordings/recording-status.publisher';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { EgressInfo, EgressStatus } from 'livekit-server-sdk';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import {
  ArchiveRecordingJob,
  JOB_NAMES,
  QUEUES,
  WEBCAST_JOB_NAMES,
  WebcastPanelJob,
} from '@rostrum/contracts';
import type { StoredRecordingChannel } from '@rostrum/contracts';
import { EventEntity, PanelEntity, RecordingEntity } from '@rostrum/database';
import { describeLiveKitError, isGone, LiveKitService } from './livekit.service';
import {
  channelEgressOutputs,
  channelLayout,
  egressOutputs,
  egressPageUrl,
  insideDir,
  mediaStartOf,
  recordedSourcePath,
} from './recording-paths';
import { roomNameOf } from './webcast-grants';
import { AppEvents } from '../common/app-events';
import { withTimeout } from '../common/with-timeout';
import { RETRY_JOB } from './webcast-queues';

const FINISHED = [EgressStatus.EGRESS_COMPLETE, EgressStatus.EGRESS_LIMIT_REACHED];
const BROKEN = [EgressStatus.EGRESS_FAILED, EgressStatus.EGRESS_ABORTED];

/**
 * A live panel's room and its recording: started with the panel, stopped when it ends, and settled from
 * what LiveKit reports of the egress (its webhook, or the reconciler when a webhook was lost).
 */
@Injectable()
export class WebcastRecordingService implements OnModuleInit {
  private readonly logger = new Logger(WebcastRecordingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly livekit: LiveKitService,
    @InjectQueue(QUEUES.archive) private readonly archive: Queue<ArchiveRecordingJob>,
    @InjectQueue(QUEUES.webcastSync) private readonly sync: Queue<WebcastPanelJob>,
    private readonly statusPublisher: RecordingStatusPublisher,
    private readonly events: AppEvents,
  ) {}

  /** The panel's start and end (`panel:changed`): after commit, the room's recording starts or stops. */
  onModuleInit(): void {
    this.events.on('panel:changed', 'webcast', ({ change, what }) => {
      const panelId = change.panel.id;
      if (what === 'start') return [() => this.panelStarted(panelId)];
      if (what === 'end') return [() => this.panelEnded(panelId)];
    });
  }

  /** After commit: `recording:status` to staff and the panel's moderators, on every instance. */
  announce(recording: RecordingEntity | null): void {
    if (recording) this.statusPublisher.publish(recording);
  }

  /** After the panel went live. A failure (LiveKit down) is retried in the background. */
  async panelStarted(panelId: string): Promise<void> {
    if (!this.livekit.enabled) return;
    try {
      const recording = await this.ensureRecording(panelId);
      if (recording) this.announce(recording);
    } catch (err) {
      this.logger.warn(
        { panelId, err: describeLiveKitError(err) },
        'could not start the recording; retrying',
      );
      await this.retry(WEBCAST_JOB_NAMES.startRecording, panelId);
    }
  }

  /** After the panel ended. */
  async panelEnded(panelId: string): Promise<void> {
    if (!this.livekit.enabled) return;
    try {
      await this.stopRecordings(panelId);
    } catch (err) {
      this.logger.warn({ panelId, err: describeLiveKitError(err) }, 'could not stop the recording; retrying');
      await this.retry(WEBCAST_JOB_NAMES.stopRecording, panelId);
    }
  }

  /**
   * Creates the room and starts a room-composite egress for a live panel that is not being recorded.
   * Returns the new recording, or null when there was nothing to do.
   */
  async ensureRecording(panelId: string): Promise<RecordingEntity | null> {
    const { rooms, egress } = this.livekit.require();
    const panel = await this.db.getRepository(PanelEntity).findOneBy({ id: panelId });
    if (panel?.status !== 'live') return null;
    const recordings = this.db.getRepository(RecordingEntity);
    if (await recordings.existsBy({ panelId, status: 'recording' })) return null;

    const room = roomNameOf(panelId);
    await rooms.createRoom({
      name: room,
      emptyTimeout: 10 * 60,
      departureTimeout: 60,
      metadata: JSON.stringify({ panelId, title: panel.title }),
    });
    // Our own page mixes only the floor (LiveKit's default template would mix the interpreters in too).
    const customBaseUrl = egressPageUrl(this.config.mail.publicUrl, panelId);
    const outputs = egressOutputs(this.config.recordingsDir, panelId, this.config.webcastHls);
    const info = await egress.startRoomCompositeEgress(room, outputs, { layout: 'speaker', customBaseUrl });
    const event = await this.db.getRepository(EventEntity).findOneBy({ id: panel.eventId });
    const channels = await this.startChannels(room, panelId, customBaseUrl, event?.languages ?? []);
    const recording = await recordings.save(
      recordings.create({
        panelId,
        eventId: panel.eventId,
        title: panel.title,
        status: 'recording',
        source: 'egress',
        egressId: info.egressId,
        startedAt: new Date(),
        channels,
      }),
    );
    this.logger.log(
      { panelId, egressId: info.egressId, recordingId: recording.id, channels: channels.length },
      'recording started',
    );
    return recording;
  }

  /**
   * One audio-only egress of the egress page per event language, in that language's layout: it plays
   * whichever interpreter is live in the booth, so a handover needs no new egress. A channel that cannot
   * start is kept as failed (the archive leaves it out) rather than failing the floor's recording.
   */
  private async startChannels(
    room: string,
    panelId: string,
    customBaseUrl: string,
    languages: string[],
  ): Promise<StoredRecordingChannel[]> {
    const { egress } = this.livekit.require();
    const channels: StoredRecordingChannel[] = [];
    for (const language of languages) {
      const channel: StoredRecordingChannel = {
        language,
        egressId: null,
        status: 'recording',
        sourcePath: null,
        mediaStartedAt: null,
        offsetSeconds: null,
        error: null,
      };
      try {
        const outputs = channelEgressOutputs(
          this.config.recordingsDir,
          panelId,
          language,
          this.config.webcastHls,
        );
        const info = await egress.startRoomCompositeEgress(room, outputs, {
          layout: channelLayout(language),
          audioOnly: true,
          customBaseUrl,
        });
        channel.egressId = info.egressId;
      } catch (err) {
        channel.status = 'failed';
        channel.error = describeLiveKitError(err);
        this.logger.warn({ panelId, language, err: channel.error }, 'could not start a channel recording');
      }
      channels.push(channel);
    }
    return channels;
  }

  /** Asks LiveKit to stop every egress of the panel still recording; the webhook settles each one. */
  async stopRecordings(panelId: string): Promise<void> {
    const { egress } = this.livekit.require();
    const live = await this.db
      .getRepository(RecordingEntity)
      .findBy({ panelId, status: 'recording', source: 'egress' });
    for (const recording of live) {
      const channels = recording.channels.filter((c) => c.status === 'recording' && c.egressId);
      for (const egressId of [recording.egressId!, ...channels.map((c) => c.egressId!)]) {
        try {
          await egress.stopEgress(egressId);
          this.logger.log({ panelId, egressId }, 'recording stopping');
        } catch (err) {
          if (!isGone(err)) throw err; // already ended: its webhook (or the reconciler) settles it
        }
      }
    }
  }

  /**
   * Applies an egress's state to its recording inside the caller's transaction (row locked, so a webhook and
   * the reconciler never both act). Ended well → `processing` + the archive job; failed → `failed`.
   * Returns the recording when it changed.
   */
  async applyEgressInfo(tx: EntityManager, info: EgressInfo): Promise<RecordingEntity | null> {
    if (!FINISHED.includes(info.status) && !BROKEN.includes(info.status)) return null;
    const repo = tx.getRepository(RecordingEntity);
    const recording = await repo
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.egress_id = :egressId', { egressId: info.egressId })
      .getOne();
    if (!recording) return this.applyChannelEgressInfo(tx, info);
    if (recording.status !== 'recording') return null;

    recording.endedAt = nanosToDate(info.endedAt) ?? new Date();
    if (BROKEN.includes(info.status)) {
      recording.status = 'failed';
      recording.error =
        info.error || `The recording was ${EgressStatus[info.status].replace('EGRESS_', '').toLowerCase()}`;
    } else {
      const source = await this.checkedSource(info, recording.panelId);
      if ('error' in source) {
        recording.status = 'failed';
        recording.error = source.error;
      } else {
        recording.status = 'processing';
        recording.sourcePath = source.path;
        recording.mediaStartedAt = mediaStartOf(info);
      }
    }
    await repo.update(recording.id, {
      status: recording.status,
      error: recording.error,
      sourcePath: recording.sourcePath,
      endedAt: recording.endedAt,
      mediaStartedAt: recording.mediaStartedAt,
    });
    // The archive waits for every channel's file (the last channel to end queues it otherwise).
    if (recording.status === 'processing' && channelsSettled(recording)) {
      await this.queueArchive(recording, recording.egressId!);
    }
    this.logger.log(
      { recordingId: recording.id, egressId: info.egressId, status: recording.status },
      'recording ended',
    );
    return recording;
  }

  /**
   * An interpretation channel's egress ended: its file and media start time, or failed (the archive leaves
   * it out). When it was the last one the ended video waited for, the archive is queued.
   */
  private async applyChannelEgressInfo(tx: EntityManager, info: EgressInfo): Promise<RecordingEntity | null> {
    const repo = tx.getRepository(RecordingEntity);
    const recording = await repo
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where(`r.channels @> jsonb_build_array(jsonb_build_object('egressId', :egressId::text))`, {
        egressId: info.egressId,
      })
      .getOne();
    const channel = recording?.channels.find((c) => c.egressId === info.egressId);
    if (!recording || channel?.status !== 'recording') return null;
    if (BROKEN.includes(info.status)) {
      channel.status = 'failed';
      channel.error = info.error || 'The channel’s recording failed';
    } else {
      const source = await this.checkedSource(info, recording.panelId);
      if ('error' in source) {
        channel.status = 'failed';
        channel.error = source.error;
      } else {
        channel.status = 'ended';
        channel.sourcePath = source.path;
        channel.mediaStartedAt = mediaStartOf(info)?.toISOString() ?? null;
      }
    }
    await repo.update(recording.id, { channels: recording.channels });
    this.logger.log(
      {
        recordingId: recording.id,
        egressId: info.egressId,
        language: channel.language,
        status: channel.status,
      },
      'channel recording ended',
    );
    if (recording.status === 'processing' && recording.sourcePath && channelsSettled(recording)) {
      await this.queueArchive(recording, recording.egressId!);
      return recording;
    }
    return null;
  }

  /**
   * Queued inside the caller's transaction: if Redis refuses, nothing commits and the reconciler tries again.
   * The short delay lets that transaction commit before the worker reads the row.
   */
  private async queueArchive(recording: RecordingEntity, egressId: string): Promise<void> {
    await withTimeout(
      this.archive.add(
        JOB_NAMES.archiveRecording,
        { recordingId: recording.id },
        // The archive's own retry policy; the egress id as job id makes a redelivered webhook add nothing.
        { ...archiveJobOptions(this.config.archive, egressId), delay: 2000 },
      ),
      5000,
      'queueing the archive job',
    );
  }

  /** The reported MP4, relative to RECORDINGS_DIR, checked to stay inside it (links followed). */
  private async checkedSource(
    info: EgressInfo,
    panelId: string,
  ): Promise<{ path: string } | { error: string }> {
    const relative = recordedSourcePath(info, panelId);
    const absolute = relative && insideDir(this.config.recordingsDir, relative);
    if (!relative || !absolute) {
      const reported = info.fileResults[0]?.location || info.fileResults[0]?.filename || 'no file';
      return { error: `Egress reported a file outside the panel's recordings directory (${reported})` };
    }
    const real = await realpath(absolute).catch(() => null); // not visible yet: the worker checks again
    const root = await realpath(this.config.recordingsDir).catch(() => this.config.recordingsDir);
    if (real && !real.startsWith(root + path.sep)) {
      return { error: `The recorded file resolves outside RECORDINGS_DIR (${relative})` };
    }
    return { path: relative };
  }

  private async retry(name: string, panelId: string): Promise<void> {
    try {
      await withTimeout(
        this.sync.add(name, { panelId }, { ...RETRY_JOB, jobId: `${name}-${panelId}` }),
        2000,
        'queueing a webcast retry',
      );
    } catch (err) {
      this.logger.error({ err, panelId, job: name }, 'could not queue the webcast retry');
    }
  }
}

/** No channel still recording: the archive has every file it will get. */
export const channelsSettled = (recording: RecordingEntity) =>
  (recording.channels ?? []).every((c) => c.status !== 'recording');

function nanosToDate(nanos: bigint): Date | null {
  return nanos > 0n ? new Date(Number(nanos / 1_000_000n)) : null;
}
