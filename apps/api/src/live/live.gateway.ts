import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import { LIVE_NAMESPACE, ROOMS } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppEvents } from '../common/app-events';
import { AppError } from '../common/app-error';
import { readHandshakeCredentials } from '../auth/session-cookie';
import { SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';
import { MAX_WAIT_IN_LINE_MS } from '../panels/change/panel-changes';
import { FloodCoolOffService } from './flood-cool-off.service';
import { PanelRefDto } from './dto/panel-ref.dto';
import { LiveCommand } from './live-command';
import { LivePublisher } from './live-publisher';
import { ackError, LIVE_LIMITS, LiveNamespace, LiveSocket } from './live-socket';
import { PanelRoomsService } from './panel-rooms.service';
import { UserSocketsService } from './user-sockets.service';

/**
 * The /live namespace: who connects (token at the handshake, or a public viewer), for how long (until the
 * token expires), how often they may send commands, and joining panels. Feature gateways on the same
 * namespace (the floor, Q&A) declare their commands with `@LiveCommand`.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly log = new Logger(LiveGateway.name);
  /** Signed-in users' command budgets, one per user whatever their number of sockets. */
  private readonly userBudgets = new SharedRateLimiters(
    () => new CommandRateLimiter(LIVE_LIMITS.commandsPerSecond),
  );

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly publisher: LivePublisher,
    private readonly rooms: PanelRoomsService,
    /** Signed-in users cut off for flooding, kept out for a few seconds (public viewers have no stable key). */
    private readonly coolOff: FloodCoolOffService,
    private readonly userSockets: UserSocketsService,
    private readonly events: AppEvents,
  ) {
    // Revocations announced while the adapter's subscriber was away were missed: check the open sockets.
    events.on('redis:resubscribed', 'sessions', () => this.recheckSessions());
  }

  afterInit(nsp: LiveNamespace): void {
    void this.events.notify('live:ready', nsp);
    nsp.use((socket, next) => {
      socket.data.panels = {};
      const { token } = readHandshakeCredentials(socket.handshake);
      if (!token) {
        socket.data.user = null; // a public viewer
        return next();
      }
      try {
        socket.data.user = this.tokens.verify(token);
      } catch (err) {
        return next(refusal('UNAUTHENTICATED', messageOf(err)));
      }
      void this.admit(socket.data.user, socket.id).then(next);
    });
    // Revoked sessions: closed here at once, and on every other instance through the adapter.
    this.sessions.onRevoked((userId, version) => {
      this.disconnectRevoked(userId, version);
      nsp.serverSideEmit(SESSIONS_REVOKED, userId, version);
    });
    nsp.on(SESSIONS_REVOKED, (userId: string, version: number) => this.disconnectRevoked(userId, version));
  }

  /**
   * A signed-in handshake's checks that need Redis, made together (one round trip's wait): the token was not
   * revoked, the user is not cooling off after flooding, and holds fewer than the cap of sockets (the place
   * taken is given back when another check refuses).
   */
  private async admit(user: AuthUser, socketId: string): Promise<Error | undefined> {
    const [current, coolingOff, placed] = await Promise.all([
      this.sessions.ensureCurrent(user).then(
        () => null,
        (err: unknown) => err,
      ),
      this.coolOff.remaining(user.id, Date.now()),
      this.userSockets.admit(user.id, socketId),
    ]);
    if (placed && (current || coolingOff > 0)) this.userSockets.release(user.id, socketId);
    if (current) return refusal('UNAUTHENTICATED', messageOf(current));
    if (!placed) {
      return refusal(
        'TOO_MANY_CONNECTIONS',
        `At most ${LIVE_LIMITS.socketsPerUser} connections per user; close another page first`,
      );
    }
    if (coolingOff === 0) return undefined;
    // Answered when the cool-off ends: a bot that connects again at once then costs one handshake per
    // cool-off rather than one every few milliseconds.
    const refused = refusal('RATE_LIMITED', 'Disconnected for flooding commands; connect again later');
    return new Promise((resolve) => setTimeout(() => resolve(refused), coolingOff).unref());
  }

  /**
   * Re-checks every signed-in socket of this instance against the current token versions: a revocation
   * announced while this instance had lost Redis never reached it.
   */
  async recheckSessions(): Promise<void> {
    const sockets = [...this.publisher.namespace.sockets.values()].filter((s) => s.data.user);
    const versions = await this.sessions.currentVersions([...new Set(sockets.map((s) => s.data.user!.id))]);
    for (const socket of sockets) {
      const user = socket.data.user!;
      if (versions.get(user.id) !== user.tokenVersion) socket.disconnect(true);
    }
  }

  /** Closes this instance's sockets of the user opened with a token older than `version`. */
  private disconnectRevoked(userId: string, version: number): void {
    const ids = [...(this.publisher.namespace.adapter.rooms.get(ROOMS.user(userId)) ?? [])];
    for (const id of ids) {
      const socket = this.publisher.namespace.sockets.get(id);
      if (socket?.data.user && socket.data.user.tokenVersion < version) socket.disconnect(true);
    }
  }

  handleConnection(socket: LiveSocket): void {
    const user = socket.data.user;
    if (user) {
      void socket.join(ROOMS.user(user.id));
      if (user.role === 'staff' || user.role === 'admin') void socket.join(ROOMS.staff);
      this.disconnectAtExpiry(socket, user.expiresAt);
    }
    socket.use(this.commandGate(socket));
  }

  handleDisconnect(socket: LiveSocket): void {
    this.rooms.disconnected(socket);
    const user = socket.data.user;
    if (user) {
      this.userSockets.release(user.id, socket.id);
      this.userBudgets.release(user.id);
    }
  }

  @LiveCommand('panel:join', 'anyone')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: PanelRefDto) {
    return this.rooms.join(socket, dto.panelId);
  }

  @LiveCommand('panel:leave', 'anyone')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: PanelRefDto) {
    return this.rooms.leave(socket, dto.panelId);
  }

  /**
   * Runs before any command handler, cheapest refusals first: the rate limit (the user's, shared by their
   * sockets, or the public viewer's own; RATE_LIMITED, then disconnection for a client that keeps flooding), commands without a callback (ignored), unknown commands
   * (answered VALIDATION_FAILED rather than left hanging); then the connection's commands run one at a time.
   */
  private commandGate(socket: LiveSocket) {
    const user = socket.data.user;
    const limiter = user
      ? this.userBudgets.acquire(user.id)
      : new CommandRateLimiter(LIVE_LIMITS.commandsPerSecond);
    const queue = new CommandQueue(LIVE_LIMITS.commandsPerSecond, MAX_WAIT_IN_LINE_MS);
    return (packet: unknown[], next: (err?: Error) => void) => {
      // socket.io still runs this for the packets already read when the connection was cut off: they cost
      // nothing more (no answer, no log line each).
      if (!socket.connected) return;
      const [event] = packet;
      const last = packet[packet.length - 1];
      const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : null;
      const now = Date.now();
      const verdict = limiter.take(now);
      if (verdict !== 'ok') {
        ack?.(ackError('RATE_LIMITED', 'Too many commands; slow down'));
        if (verdict === 'disconnect') {
          const userId = socket.data.user?.id;
          if (userId) this.coolOff.cutOff(userId, now);
          this.log.warn({ socketId: socket.id, userId }, 'disconnected a flooding client');
          socket.disconnect(true);
        }
        return;
      }
      if (!ack) return; // every command is answered through its callback: without one, it is not run
      if (typeof event !== 'string' || socket.listenerCount(event) === 0) {
        ack(ackError('VALIDATION_FAILED', `Unknown command ${String(event)}`));
        return;
      }
      // Its answer (exactly one, see LiveCommand) ends its turn.
      let answered = false;
      packet[packet.length - 1] = (answer: unknown) => {
        if (answered) return;
        answered = true;
        ack(answer);
        queue.done();
      };
      // A turn that comes after the connection is gone is skipped: nobody is left to answer.
      const start = () => (socket.connected ? next() : queue.done());
      const tooLate = () => ack(ackError('SERVICE_UNAVAILABLE', 'The server is slow to answer; try again'));
      if (!queue.enter(start, tooLate)) ack(ackError('RATE_LIMITED', 'Too many commands waiting; slow down'));
    };
  }

  private disconnectAtExpiry(socket: LiveSocket, expiresAt: number): void {
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt * 1000 - Date.now()));
    socket.once('disconnect', () => clearTimeout(timer));
  }
}

/** Sent between API instances (socket.io server-side emit) when a user's tokens are revoked. */
const SESSIONS_REVOKED = 'sessions:revoked';

const refusal = (code: 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'TOO_MANY_CONNECTIONS', message: string) =>
  Object.assign(new Error(code), { data: { code, message } });

const messageOf = (err: unknown) => (err instanceof AppError ? err.message : 'Invalid token');

/*
 * How a connection's commands are let in (`commandGate` above): at most so many a second
 * (CommandRateLimiter, and the cool-off for a client cut off for flooding), then one at a time in arrival
 * order (CommandQueue).
 */

export type RateVerdict = 'ok' | 'limited' | 'disconnect';

/**
 * Per-connection command budget in fixed one-second windows. Over the limit a command is refused; a client
 * that goes on — twice the limit within one window, or over it in several windows running — is cut off.
 */
export class CommandRateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;
  /** Windows in a row, just before the current one, in which the client went over the limit. */
  private strikes = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly maxStrikes = 2,
  ) {}

  take(now: number): RateVerdict {
    if (now - this.windowStart >= this.windowMs) {
      const previousWasLast = now - this.windowStart < 2 * this.windowMs;
      this.strikes = previousWasLast && this.count > this.limit ? this.strikes + 1 : 0;
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    if (this.count <= this.limit) return 'ok';
    if (this.count > 2 * this.limit || this.strikes >= this.maxStrikes) return 'disconnect';
    return 'limited';
  }
}

/**
 * One command budget per key (a signed-in user) shared by all its holders (the user's sockets on this
 * instance): a user who spreads commands over several sockets is limited as one. Dropped with the last holder.
 */
export class SharedRateLimiters {
  private readonly byKey = new Map<string, { limiter: CommandRateLimiter; holders: number }>();

  constructor(private readonly create: () => CommandRateLimiter) {}

  acquire(key: string): CommandRateLimiter {
    const entry = this.byKey.get(key) ?? { limiter: this.create(), holders: 0 };
    entry.holders += 1;
    this.byKey.set(key, entry);
    return entry.limiter;
  }

  release(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    entry.holders -= 1;
    if (entry.holders <= 0) this.byKey.delete(key);
  }
}

interface Waiting {
  start: () => void;
  refuse: () => void;
  since: number;
}

/**
 * A connection's commands, one at a time in arrival order. One client then holds at most one of the
 * database pool's connections however many commands it sends at once, and the commands still waiting when
 * it is cut off for flooding never run. At most `maxWaiting` wait; beyond, `enter` refuses. A command whose
 * turn comes after more than `maxWaitMs` is refused instead of run: behind commands that each waited out a
 * silent database, its own database work could take as long again, and a line must not become a hang.
 */
export class CommandQueue {
  private busy = false;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly maxWaiting: number,
    private readonly maxWaitMs = Infinity,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts the command now, or once those before it are done; false (not queued) when the line is full. */
  enter(start: () => void, refuse: () => void = () => undefined): boolean {
    if (!this.busy) {
      this.busy = true;
      start();
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    this.waiting.push({ start, refuse, since: this.now() });
    return true;
  }

  /** The running command is done: the next one starts (those that waited too long are refused). */
  done(): void {
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      if (this.now() - next.since <= this.maxWaitMs) return next.start();
      next.refuse();
    }
    this.busy = false;
  }
}
