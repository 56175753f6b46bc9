import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { ParticipantInfo } from 'livekit-server-sdk';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { PresenceCounts } from '@rostrum/contracts';
import { AppEvents } from '../common/app-events';
import { PresenceService } from '../live/presence.service';
import { REDIS } from '../redis/redis.module';
import { participantRole } from './webcast-grants';

const BUCKETS = ['moderators', 'panelists', 'delegates', 'public'] as const;
type Bucket = (typeof BUCKETS)[number];

/** The role a join token put in the participant's metadata, counted in the presence bucket. */
const BUCKET_OF_ROLE: Record<string, Bucket> = {
  moderator: 'moderators',
  panelist: 'panelists',
  delegate: 'delegates',
  public: 'public',
};

/** Keys expire if LiveKit stops telling us (a room that vanished without `room_finished`). */
const TTL_SECONDS = 12 * 3600;

/**
 * Who is connected to each panel's LiveKit room, per presence bucket, from LiveKit's participant webhooks.
 * Sets of identities in Redis: a repeated or reordered join/leave cannot make a count drift, and every API
 * instance reads the same numbers.
 */
@Injectable()
export class WebcastPresenceService implements OnModuleInit {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly presence: PresenceService,
    private readonly events: AppEvents,
  ) {}

  /** The room's participants count in `panel:presence` alongside the panel's sockets. */
  onModuleInit(): void {
    this.events.on('presence:count', 'webcast', (panelId) => this.counts(panelId));
  }

  async counts(panelId: string): Promise<PresenceCounts> {
    const pipeline = this.redis.pipeline();
    for (const bucket of BUCKETS) pipeline.scard(this.key(panelId, bucket));
    const results = (await pipeline.exec()) ?? [];
    const counts = { moderators: 0, panelists: 0, delegates: 0, public: 0 };
    BUCKETS.forEach((bucket, i) => (counts[bucket] = Number(results[i]?.[1] ?? 0)));
    return counts;
  }

  async joined(panelId: string, participant: ParticipantInfo): Promise<void> {
    const bucket = bucketOf(participant);
    if (!bucket) return; // the recorder, or a staff viewer: not in the panel's presence
    const key = this.key(panelId, bucket);
    await this.redis.multi().sadd(key, participant.identity).expire(key, TTL_SECONDS).exec();
    this.presence.changed(panelId);
  }

  async left(panelId: string, participant: ParticipantInfo): Promise<void> {
    const bucket = bucketOf(participant);
    if (bucket) await this.redis.srem(this.key(panelId, bucket), participant.identity);
    this.presence.changed(panelId);
  }

  async clear(panelId: string): Promise<void> {
    await this.redis.del(...BUCKETS.map((b) => this.key(panelId, b)));
  }

  private key(panelId: string, bucket: Bucket): string {
    return `${this.config.redisPrefix}:webcast:presence:${panelId}:${bucket}`;
  }
}

function bucketOf(participant: ParticipantInfo): Bucket | null {
  const role = participantRole(participant.metadata);
  return role ? (BUCKET_OF_ROLE[role] ?? null) : null;
}
