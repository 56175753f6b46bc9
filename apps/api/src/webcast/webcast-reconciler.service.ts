import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { EgressInfo, EgressStatus } from 'livekit-server-sdk';
import { DataSource } from 'typeorm';
import { QUEUES, WEBCAST_JOB_NAMES } from '@rostrum/contracts';
import { RecordingEntity } from '@rostrum/database';
import { describeLiveKitError, isGone, LiveKitService } from './livekit.service';
import { withTimeout } from '../common/with-timeout';
import { WebcastRecordingService } from './webcast-recording.service';

export const RECONCILE_EVERY_MS = 60_000;
/** An egress LiveKit has not heard of this long after we started it is not coming back. */
const MISSING_AFTER_MS = 5 * 60_000;
const ACTIVE = [EgressStatus.EGRESS_STARTING, EgressStatus.EGRESS_ACTIVE, EgressStatus.EGRESS_ENDING];

export interface ReconcileReport {
  checked: number;
  settled: number;
}

/**
 * LiveKit drops webhooks when its queue is full, and the API may be down when one arrives. Every minute
 * (a BullMQ job scheduler, so one instance runs it per tick) this asks LiveKit about every recording still
 * marked `recording` and settles it exactly as the webhook would have; an egress still running for an ended
 * panel (its stop was lost) is stopped.
 */
@Injectable()
export class WebcastReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebcastReconciler.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly livekit: LiveKitService,
    private readonly recordings: WebcastRecordingService,
    @InjectQueue(QUEUES.webcastSync) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.livekit.enabled) return;
    try {
      // Every instance upserts the same scheduler id: one schedule, whatever the number of replicas.
      await withTimeout(
        this.queue.upsertJobScheduler(
          WEBCAST_JOB_NAMES.reconcile,
          { every: RECONCILE_EVERY_MS },
          { name: WEBCAST_JOB_NAMES.reconcile, opts: { removeOnComplete: true, removeOnFail: 50 } },
        ),
        5000,
        'scheduling the webcast reconciler',
      );
    } catch (err) {
      this.logger.error({ err }, 'could not schedule the webcast reconciler');
    }
  }

  async reconcile(): Promise<ReconcileReport> {
    if (!this.livekit.enabled) return { checked: 0, settled: 0 };
    const { egress } = this.livekit.require();
    // Still recording, or ended but waiting for an interpretation channel's file.
    const open = await this.db
      .getRepository(RecordingEntity)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.panel', 'panel')
      .where(`r.source = 'egress'`)
      .andWhere(
        `(r.status = 'recording' OR (r.status = 'processing' AND r.channels @> '[{"status": "recording"}]'))`,
      )
      .orderBy('r.started_at', 'ASC')
      .take(200)
      .getMany();
    let settled = 0;
    for (const recording of open) {
      try {
        const channels = recording.channels.filter((c) => c.status === 'recording' && c.egressId);
        const egressIds = [
          ...(recording.status === 'recording' ? [recording.egressId!] : []),
          ...channels.map((c) => c.egressId!),
        ];
        for (const egressId of egressIds) {
          const [info] = await egress.listEgress({ egressId });
          if (!info) {
            settled +=
              egressId === recording.egressId
                ? await this.markMissing(recording)
                : await this.settle(this.missingChannel(recording, egressId));
          } else if (ACTIVE.includes(info.status)) {
            if (recording.panel?.status === 'ended') await this.stopLost(egressId);
          } else {
            settled += await this.settle(info);
          }
        }
      } catch (err) {
        this.logger.warn(
          { recordingId: recording.id, err: describeLiveKitError(err) },
          'could not reconcile a recording',
        );
      }
    }
    if (settled) this.logger.log({ settled, checked: open.length }, 'reconciled recordings with LiveKit');
    return { checked: open.length, settled };
  }

  private async settle(info: EgressInfo | null): Promise<number> {
    if (!info) return 0;
    const changed = await this.db.transaction((tx) => this.recordings.applyEgressInfo(tx, info));
    this.recordings.announce(changed);
    return changed ? 1 : 0;
  }

  /** A channel's egress LiveKit forgot: failed (the archive leaves it out), once it is clearly gone. */
  private missingChannel(recording: RecordingEntity, egressId: string): EgressInfo | null {
    if (Date.now() - (recording.startedAt ?? recording.createdAt).getTime() < MISSING_AFTER_MS) return null;
    return new EgressInfo({
      egressId,
      status: EgressStatus.EGRESS_FAILED,
      error: `LiveKit has no record of egress ${egressId}`,
    });
  }

  private async markMissing(recording: RecordingEntity): Promise<number> {
    if (Date.now() - (recording.startedAt ?? recording.createdAt).getTime() < MISSING_AFTER_MS) return 0;
    const result = await this.db.getRepository(RecordingEntity).update(
      { id: recording.id, status: 'recording' },
      {
        status: 'failed',
        error: `LiveKit has no record of egress ${recording.egressId}`,
        endedAt: new Date(),
      },
    );
    if (!result.affected) return 0;
    this.recordings.announce(await this.db.getRepository(RecordingEntity).findOneBy({ id: recording.id }));
    return 1;
  }

  private async stopLost(egressId: string): Promise<void> {
    const { egress } = this.livekit.require();
    await egress.stopEgress(egressId).catch((err: unknown) => {
      if (!isGone(err)) throw err;
    });
  }
}
