import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import {
  EgressInfo,
  EgressStatus,
  ParticipantInfo,
  Room,
  TokenVerifier,
  VideoGrant,
  WebhookEvent,
  WebhookEventNames,
} from 'livekit-server-sdk';
import { permissionDenied, SERVICES } from './fake-livekit-services';
import { ACTIVE_EGRESS, FakeLiveKitState, nowNanos, TwirpFailure } from './fake-livekit-state';
import { DeliverOptions, deliverWebhook, WebhookDelivery } from './fake-livekit-webhooks';

export interface TwirpCall {
  service: string;
  method: string;
  body: Record<string, any>;
  grant: VideoGrant;
}

export interface FakeLiveKitOptions {
  apiKey?: string;
  apiSecret?: string;
  /** Where Egress says it wrote a file, given the path it was asked for (its own container path, say). */
  reportLocation?: (requestedPath: string) => string;
}

export type EgressEnd = 'complete' | 'limit_reached' | 'failed' | 'aborted';

const END_STATUS: Record<EgressEnd, EgressStatus> = {
  complete: EgressStatus.EGRESS_COMPLETE,
  limit_reached: EgressStatus.EGRESS_LIMIT_REACHED,
  failed: EgressStatus.EGRESS_FAILED,
  aborted: EgressStatus.EGRESS_ABORTED,
};

/**
 * A loopback stand-in for LiveKit's server API, for tests: Twirp JSON at `/twirp/livekit.RoomService/*` and
 * `/twirp/livekit.Egress/*`, bearer tokens verified with the API secret and their grants checked like the
 * real server, rooms, participants and egresses kept in memory, answers in protobuf JSON built with the SDK's
 * own classes. It can be stopped and resumed (LiveKit down), let clients "join" with their tokens, and drive
 * an egress to its end, posting the webhook signed exactly as LiveKit signs it.
 */
export class FakeLiveKitServer {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly state = new FakeLiveKitState();
  /** Every authorised call, in order. */
  readonly calls: TwirpCall[] = [];
  webhookUrl: string | null = null;
  /** Where Egress says it wrote a file, given the path it was asked for; by default that same path. */
  reportLocation: (requestedPath: string) => string;
  private server: Server | null = null;
  private port = 0;
  private readonly verifier: TokenVerifier;

  private constructor(options: FakeLiveKitOptions) {
    this.apiKey = options.apiKey ?? 'APIfakekey';
    this.apiSecret = options.apiSecret ?? 'fake-livekit-secret-0123456789abcdefghij';
    this.verifier = new TokenVerifier(this.apiKey, this.apiSecret);
    this.reportLocation = options.reportLocation ?? ((requested) => requested);
  }

  static async start(options: FakeLiveKitOptions = {}): Promise<FakeLiveKitServer> {
    const fake = new FakeLiveKitServer(options);
    await fake.resume();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment that points the API at this server. */
  env(): Record<string, string> {
    return { LIVEKIT_URL: this.url, LIVEKIT_API_KEY: this.apiKey, LIVEKIT_API_SECRET: this.apiSecret };
  }

  /** Listens again (on the same port after a stop). */
  async resume(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Simulates LiveKit going down: connections are refused until `resume()`. State is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  callsTo(method: string): Record<string, any>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.body);
  }

  participant(room: string, identity: string): ParticipantInfo | undefined {
    return this.state.rooms.get(room)?.participants.get(identity);
  }

  egress(egressId: string): EgressInfo | undefined {
    return this.state.egresses.get(egressId)?.info;
  }

  /** A browser connecting with a join token: verified like the server does, then `participant_joined`. */
  async join(token: string): Promise<ParticipantInfo> {
    const claims = await this.verifier.verify(token);
    const grant = claims.video ?? {};
    if (!grant.roomJoin || !grant.room || !claims.sub) throw new Error('not a join token');
    const participant = this.state.addParticipant(grant.room, claims.sub, {
      name: claims.name,
      metadata: claims.metadata,
      attributes: claims.attributes,
      grant,
    });
    await this.notify('participant_joined', { room: grant.room, participant });
    return participant;
  }

  /**
   * A client whose connection dropped and came back with the same token: LiveKit sees it leave and join
   * again, with the rights its token grants (not those the API set meanwhile), and says so in webhooks.
   */
  async reconnect(room: string, identity: string, token: string): Promise<ParticipantInfo> {
    await this.leave(room, identity);
    return this.join(token);
  }

  /** Participants of a room that may publish now (as LiveKit's permission says), by identity. */
  publishers(room: string): string[] {
    const participants = [...(this.state.rooms.get(room)?.participants.values() ?? [])];
    return participants.filter((p) => p.permission?.canPublish).map((p) => p.identity);
  }

  async leave(room: string, identity: string): Promise<void> {
    const participant = this.state.participantOrFail(room, identity);
    this.state.rooms.get(room)?.participants.delete(identity);
    await this.notify('participant_left', { room, participant });
  }

  /**
   * Ends an egress as Egress would: status, times and, when it produced a file, `fileResults` with the file
   * name expanded from the requested `filepath`. Posts `egress_ended` unless `notify` is false (a lost webhook).
   */
  async finishEgress(
    egressId: string,
    options: {
      end?: EgressEnd;
      error?: string;
      notify?: boolean;
      /** Also write this content where the file was asked to go. */
      fileContent?: Buffer;
      /**
       * When the file's media started (`fileResults[0].startedAt`, ns): Egress reports it apart from the
       * request's `startedAt`, and the archive aligns channels by it. By default the egress's start.
       */
      mediaStartedAt?: bigint;
      deliver?: DeliverOptions;
    } = {},
  ): Promise<{ info: EgressInfo; delivery: WebhookDelivery | null }> {
    const { info, request } = this.state.egressOrFail(egressId);
    const end = options.end ?? 'complete';
    const now = nowNanos();
    info.status = END_STATUS[end];
    info.startedAt ||= info.updatedAt;
    info.endedAt = now;
    info.updatedAt = now;
    info.error = options.error ?? (end === 'failed' ? 'pipeline failed' : '');
    const requested = request.fileOutputs[0]?.filepath;
    if ((end === 'complete' || end === 'limit_reached') && requested !== undefined) {
      const path = expandFilepath(requested, info.roomName, info.roomId);
      if (options.fileContent) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, options.fileContent);
      }
      // FileInfo is not re-exported by the SDK: built through its parent message.
      info.fileResults = new EgressInfo({
        fileResults: [
          {
            filename: path,
            location: this.reportLocation(path),
            startedAt: options.mediaStartedAt ?? info.startedAt,
            endedAt: now,
            duration: now - (options.mediaStartedAt ?? info.startedAt),
            size: BigInt(options.fileContent?.length ?? 1_048_576),
          },
        ],
      }).fileResults;
    }
    const room = this.state.rooms.get(info.roomName);
    if (room && ![...this.state.egresses.values()].some((e) => ACTIVE_EGRESS.includes(e.info.status))) {
      room.room.activeRecording = false;
    }
    const delivery =
      options.notify === false
        ? null
        : await this.notify('egress_ended', { egressInfo: info }, options.deliver);
    return { info, delivery };
  }

  /** Sends any event to the webhook URL, signed like LiveKit (or not, with `options`). */
  async sendWebhook(event: WebhookEvent, options: DeliverOptions = {}): Promise<WebhookDelivery> {
    if (!this.webhookUrl) throw new Error('FakeLiveKitServer: set webhookUrl first');
    return deliverWebhook(
      this.webhookUrl,
      event,
      { apiKey: this.apiKey, apiSecret: this.apiSecret },
      options,
    );
  }

  private async notify(
    event: WebhookEventNames,
    fields: { room?: string; participant?: ParticipantInfo; egressInfo?: EgressInfo },
    options?: DeliverOptions,
  ): Promise<WebhookDelivery | null> {
    if (!this.webhookUrl) return null;
    const room = fields.room ? this.state.rooms.get(fields.room)?.room : undefined;
    return this.sendWebhook(
      webhookEvent(event, { room, participant: fields.participant, egressInfo: fields.egressInfo }),
      options,
    );
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const match = /^\/twirp\/([\w.]+)\/(\w+)$/.exec(req.url ?? '');
      const method = match ? SERVICES[match[1]]?.[match[2]] : undefined;
      if (!match || !method || req.method !== 'POST') {
        throw new TwirpFailure('bad_route', `no handler for ${req.method} ${req.url}`, 404);
      }
      const raw = await readBody(req);
      const grant = await this.authorise(req.headers.authorization);
      const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
      if (!method.allowed(grant, body)) throw permissionDenied();
      this.calls.push({ service: match[1], method: match[2], body, grant });
      send(res, 200, method.handle(this.state, body));
    } catch (err) {
      const failure =
        err instanceof TwirpFailure
          ? err
          : new TwirpFailure('malformed', (err as Error).message, err instanceof SyntaxError ? 400 : 500);
      send(res, failure.status, { code: failure.code, msg: failure.message });
    }
  }

  private async authorise(header: string | undefined): Promise<VideoGrant> {
    const [scheme, token] = (header ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new TwirpFailure('unauthenticated', 'no authorization header', 401);
    }
    try {
      return (await this.verifier.verify(token)).video ?? {};
    } catch (err) {
      throw new TwirpFailure('unauthenticated', `invalid token: ${(err as Error).message}`, 401);
    }
  }
}

/**
 * A webhook event. (The SDK's WebhookEvent subclass resets `event` after its constructor ran, so the name is
 * set afterwards.)
 */
export function webhookEvent(
  name: WebhookEventNames,
  fields: { room?: Room; participant?: ParticipantInfo; egressInfo?: EgressInfo } = {},
): WebhookEvent {
  const event = new WebhookEvent(fields);
  event.event = name;
  return event;
}

/** Egress's file name rules: templates, and a directory path gets `{room_name}-{time}.mp4`. */
export function expandFilepath(filepath: string, roomName: string, roomId: string): string {
  const time = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/:/g, ''); // 2006-01-02T150405
  let path = filepath
    .replaceAll('{room_name}', roomName)
    .replaceAll('{room_id}', roomId)
    .replaceAll('{time}', time);
  if (path === '' || path.endsWith('/')) path = `${path}${roomName}-${time}.mp4`;
  else if (!path.endsWith('.mp4')) path = `${path}.mp4`;
  return path;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
