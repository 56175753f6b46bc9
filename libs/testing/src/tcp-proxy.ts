import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy to a real dependency (PostgreSQL, Redis). Cutting it makes the dependency really
 * unreachable for the app under test — open connections drop and new ones are refused — without stopping
 * the shared server other tests use.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** Each connection's two ends, while it is open. */
  private readonly pairs = new Set<[Socket, Socket]>();
  private silent = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Starts listening (on the same port as before when restarted). */
  async start(): Promise<this> {
    if (this.server) return this; // already listening
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const s of pair) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      if (!this.silent) forward(pair);
      else for (const s of pair) s.pause();
      client.on('close', () => {
        this.pairs.delete(pair);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /**
   * A network partition: nothing gets through any more, yet no connection is closed and new ones are still
   * accepted — the app hears nothing at all, as when a server's host vanishes. heal() lets it all through.
   */
  blackHole(): void {
    this.silent = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** Ends a partition: what was held is delivered, and both ends hear of what was closed meanwhile. */
  heal(): void {
    this.silent = false;
    for (const pair of this.pairs) forward(pair);
  }

  /** Drops every connection and stops accepting new ones. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.pairs.clear();
    this.silent = false;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Replaces the host:port of a URL with this proxy's. */
  route(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}

function forward([client, upstream]: [Socket, Socket]): void {
  client.pipe(upstream).pipe(client);
}

/** A proxy in front of the host:port of a dependency's URL. */
export function proxyFor(url: string): TcpProxy {
  const u = new URL(url);
  return new TcpProxy(u.hostname, Number(u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)));
}
