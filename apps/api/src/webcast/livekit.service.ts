import { Inject, Injectable } from '@nestjs/common';
import {
  AccessToken,
  EgressClient,
  RoomServiceClient,
  ServerError,
  VideoGrant,
  WebhookReceiver,
} from 'livekit-server-sdk';
import { APP_CONFIG, AppConfig, LiveKitConfig } from '@rostrum/config';
import { AppError } from '../common/app-error';

/** Server API calls give up after this long: a moderator's floor command waits on them. */
const REQUEST_TIMEOUT_SECONDS = 3;
/** Join tokens are short-lived: LiveKit refreshes a connected client's token itself. */
export const JOIN_TOKEN_TTL = '10m';

export interface LiveKitClients {
  config: LiveKitConfig;
  rooms: RoomServiceClient;
  egress: EgressClient;
  webhooks: WebhookReceiver;
}

/** The LiveKit server SDK clients, built once from the config; absent when LIVEKIT_* is unset. */
@Injectable()
export class LiveKitService {
  private readonly clients: LiveKitClients | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const lk = config.livekit;
    const options = { requestTimeout: REQUEST_TIMEOUT_SECONDS, failover: false };
    this.clients = lk && {
      config: lk,
      rooms: new RoomServiceClient(lk.url, lk.apiKey, lk.apiSecret, options),
      egress: new EgressClient(lk.url, lk.apiKey, lk.apiSecret, options),
      webhooks: new WebhookReceiver(lk.apiKey, lk.apiSecret),
    };
  }

  get enabled(): boolean {
    return this.clients !== null;
  }

  /** The clients, or 503 WEBCAST_DISABLED. */
  require(): LiveKitClients {
    if (!this.clients) {
      throw new AppError('WEBCAST_DISABLED', 'The webcast is not configured on this server');
    }
    return this.clients;
  }

  async joinToken(
    identity: string,
    fields: { name: string; metadata: string; attributes?: Record<string, string>; grant: VideoGrant },
  ): Promise<string> {
    const { config } = this.require();
    const token = new AccessToken(config.apiKey, config.apiSecret, {
      identity,
      name: fields.name,
      metadata: fields.metadata,
      attributes: fields.attributes,
      ttl: JOIN_TOKEN_TTL,
    });
    token.addGrant(fields.grant);
    return token.toJwt();
  }
}

/** LiveKit answered that the room, participant or egress does not exist (or is no longer active). */
export function isGone(err: unknown): boolean {
  return err instanceof ServerError && (err.status === 404 || err.status === 412);
}

/** One line for logs and for the moderator. */
export function describeLiveKitError(err: unknown): string {
  if (err instanceof ServerError)
    return `LiveKit answered ${err.status} ${err.code ?? ''} ${err.message}`.trim();
  const cause = (err as { cause?: { code?: string } })?.cause?.code;
  return `LiveKit is unreachable (${cause ?? (err as Error)?.message ?? String(err)})`;
}
