import { randomBytes } from 'node:crypto';
import type { BrowserContext, WebSocketRoute } from 'playwright-core';
import type { Ack, ClientCommandName, ServerEvents } from '@rostrum/contracts';

export interface ReceivedCommand {
  who: string;
  name: ClientCommandName;
  payload: Record<string, unknown>;
  /** The `auth` the client connected with (a token, or nothing for the public). */
  auth: Record<string, unknown>;
}

type Answer = Ack<unknown> | undefined | Promise<Ack<unknown> | undefined>;
export type CommandHandler = (command: ReceivedCommand) => Answer;

interface Connection {
  who: string;
  ws: WebSocketRoute;
  auth: Record<string, unknown>;
  joined: boolean;
}

/**
 * A scripted stand-in for the API's /live socket.io namespace, for browser tests that need floor states the
 * branch's real server cannot produce (before the floor gateway is merged) or cannot produce on cue (a dropped
 * connection). Playwright routes each page's websocket here; it speaks the engine.io v4 / socket.io v5 wire
 * format just far enough for the web app: namespace connect, events, and acknowledgements.
 */
export class LiveStandIn {
  readonly received: ReceivedCommand[] = [];
  private readonly connections = new Set<Connection>();

  constructor(private readonly handle: CommandHandler) {}

  /** Routes every socket.io websocket of this browser context (one actor) to the stand-in. */
  async attach(context: BrowserContext, who: string): Promise<void> {
    await context.routeWebSocket(/\/socket\.io\//, (ws) => this.accept(ws, who));
  }

  /** Sends a server event to every joined client (or only to one actor's). */
  emit<E extends keyof ServerEvents>(event: E, payload: Parameters<ServerEvents[E]>[0], who?: string): void {
    for (const c of this.connections) {
      if (c.joined && (!who || c.who === who)) c.ws.send(`42/live,${JSON.stringify([event, payload])}`);
    }
  }

  /** Drops every connection, as a network failure would; clients reconnect by themselves. */
  async dropAll(): Promise<void> {
    const all = [...this.connections];
    this.connections.clear();
    await Promise.all(all.map((c) => c.ws.close({ code: 1006 }).catch(() => undefined)));
  }

  joinedCount(who?: string): number {
    return [...this.connections].filter((c) => c.joined && (!who || c.who === who)).length;
  }

  commands(name: ClientCommandName, who?: string): ReceivedCommand[] {
    return this.received.filter((c) => c.name === name && (!who || c.who === who));
  }

  private accept(ws: WebSocketRoute, who: string): void {
    const connection: Connection = { who, ws, auth: {}, joined: false };
    this.connections.add(connection);
    // Long ping intervals: the test never needs the heartbeat.
    const open = {
      sid: id(),
      upgrades: [],
      pingInterval: 600_000,
      pingTimeout: 600_000,
      maxPayload: 1_000_000,
    };
    ws.send(`0${JSON.stringify(open)}`);
    ws.onClose(() => this.connections.delete(connection));
    ws.onMessage((raw) => void this.onPacket(connection, String(raw)));
  }

  private async onPacket(c: Connection, packet: string): Promise<void> {
    if (packet.startsWith('40/live')) {
      const body = packet.slice(packet.indexOf(',') + 1);
      c.auth = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      c.ws.send(`40/live,${JSON.stringify({ sid: id() })}`);
      return;
    }
    const event = /^42\/live,(\d*)(\[.*)$/s.exec(packet);
    if (!event) return; // pongs, disconnects
    const [name, payload] = JSON.parse(event[2]) as [ClientCommandName, Record<string, unknown>];
    const command: ReceivedCommand = { who: c.who, name, payload, auth: c.auth };
    this.received.push(command);
    if (name === 'panel:join') c.joined = true;
    const answer = await this.handle(command);
    if (event[1] && answer && this.connections.has(c))
      c.ws.send(`43/live,${event[1]}${JSON.stringify([answer])}`);
  }
}

const id = () => randomBytes(8).toString('base64url');
