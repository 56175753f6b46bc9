import { INestApplication, Logger, WsMessageHandler } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Observable } from 'rxjs';
import { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '@rostrum/config';
import { socketIoRedisKey } from '@rostrum/contracts';
import type { AppEvents } from '../common/app-events';
import { LIVE_LIMITS } from './live-socket';
import { isOriginAllowed } from './origin-policy';

/** Leaves time for the re-subscription to reach Redis before the app reads what its clients missed. */
const RESYNC_DELAY_MS = 200;

/**
 * socket.io over the Redis adapter, so every API instance serves every panel: a broadcast made on one
 * instance reaches the clients of all. Also where the transport-level limits live (payload size, origins).
 * The worker emits into the same rooms with @socket.io/redis-emitter, sharing the key and the default parser.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger(RedisIoAdapter.name);
  private adapterConstructor: ReturnType<typeof createAdapter> | null = null;
  private clients: Redis[] = [];
  constructor(
    app: INestApplication,
    private readonly config: AppConfig,
    private readonly events: AppEvents,
  ) {
    super(app);
  }

  /** Connects the publisher and subscriber; call before `app.useWebSocketAdapter`. */
  async connectToRedis(): Promise<void> {
    // Unlimited retries: the adapter publishes without awaiting, so a rejected command would go unhandled.
    const pub = new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    this.clients = [pub, sub];
    for (const client of this.clients) client.on('error', (err) => this.log.warn(`redis: ${err.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    // After a lost connection ioredis subscribes again by itself, but what other instances published in the
    // meantime never arrives: tell the app (`redis:resubscribed`), so it can refresh its clients (after the
    // SUBSCRIBE went out).
    sub.on('ready', () =>
      setTimeout(() => void this.events.notify('redis:resubscribed', undefined), RESYNC_DELAY_MS).unref(),
    );
    this.adapterConstructor = createAdapter(pub, sub, { key: socketIoRedisKey(this.config.redisPrefix) });
  }

  /**
   * Builds the server from this app's socket.io (the platform package pins a copy of its own; one copy
   * for the server, the adapter and our types keeps them from disagreeing).
   */
  override createIOServer(port: number, options?: object): any {
    const cors = this.config.corsOrigins;
    const opts: Partial<ServerOptions> = {
      ...(options as Partial<ServerOptions>),
      serveClient: false,
      // A bigger frame closes the connection (engine.io answers 413 / websocket close 1009).
      maxHttpBufferSize: LIVE_LIMITS.maxPayloadBytes,
      pingInterval: LIVE_LIMITS.pingIntervalMs,
      pingTimeout: LIVE_LIMITS.pingTimeoutMs,
      allowRequest: (req, callback) =>
        callback(null, isOriginAllowed(req.headers.origin, req.headers.host, cors)),
      cors: cors.length ? { origin: cors, credentials: true } : undefined,
    };
    const server = this.httpServer && port === 0 ? new Server(this.httpServer, opts) : new Server(port, opts);
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }

  /**
   * One plain listener per command, where the platform builds an rxjs pipeline per command per connection:
   * the same handling (each message on its own, answered through its acknowledgement) for a fraction of
   * the memory an idle connection holds — which is what thousands of connections per instance cost.
   */
  override bindMessageHandlers(
    socket: {
      on(event: string, listener: (...args: unknown[]) => void): unknown;
      emit(event: string, ...args: unknown[]): unknown;
    },
    handlers: (WsMessageHandler & { isAckHandledManually?: boolean })[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        try {
          transform(callback(data, ack)).subscribe({
            next: (response) => {
              if (response === null || response === undefined) return;
              const { event, data: eventData } = response as { event?: string; data?: unknown };
              if (event) socket.emit(event, eventData);
              else if (!isAckHandledManually && typeof ack === 'function') ack(response);
            },
            error: (err: unknown) => this.log.error(err),
          });
        } catch (err) {
          this.log.error(err);
        }
      });
    }
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
    this.clients = [];
  }
}
