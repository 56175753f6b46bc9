import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * A loopback TCP load balancer in active/passive mode: each new connection goes to the first upstream that
 * accepts it. With the first API instance gone, clients reconnecting through it land on the next — what a
 * load balancer in front of N instances does when one dies. Websocket connections are long-lived TCP
 * connections, so this is all a test needs of nginx.
 */
export class FailoverProxy {
  private server?: Server;
  port = 0;
  /** How many client connections went to each upstream, by port. */
  readonly routed = new Map<number, number>();

  constructor(private readonly upstreamPorts: number[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((client) => {
      client.pause();
      client.on('error', () => client.destroy());
      this.connect(client, 0);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private connect(client: Socket, index: number): void {
    if (index >= this.upstreamPorts.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = this.upstreamPorts[index];
    const upstream = new Socket();
    upstream.once('error', () => {
      upstream.destroy();
      if (!connected)
        this.connect(client, index + 1); // refused: try the next upstream
      else client.destroy();
    });
    let connected = false;
    upstream.connect(port, '127.0.0.1', () => {
      connected = true;
      this.routed.set(port, (this.routed.get(port) ?? 0) + 1);
      client.pipe(upstream).pipe(client);
      client.resume();
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }
}
