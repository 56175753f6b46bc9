import { Child, startChild } from './processes';
import type { TokenVia } from './clients';
import type { FleetReport } from './fleet-member';

/** How many client processes a benchmark spreads its clients over (BENCH_CLIENT_PROCESSES). */
export const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);

/**
 * Benchmark clients spread over a few processes. Thousands of sockets in one event loop would queue their
 * own receipts behind each other and measure the benchmark rather than the server; split over processes, the
 * operating system runs them side by side, as separate machines would. Each member holds a contiguous share of
 * the clients and can be pointed at its own server (for the two-instance runs).
 */
export class Fleet {
  /** For each version being waited for, how many members have all their clients holding it. */
  private readonly reached = new Map<number, number>();
  private readonly waiters = new Set<() => void>();
  /** Each member's clients, by token, and the server they are connected to. */
  private readonly shares = new Map<Child, (string | null)[]>();
  private readonly urls = new Map<Child, string | null>();

  private constructor(readonly members: Child[]) {
    for (const m of members) {
      m.process.on('message', (msg: { reached?: number }) => {
        if (msg.reached === undefined) return;
        this.reached.set(msg.reached, (this.reached.get(msg.reached) ?? 0) + 1);
        for (const wake of this.waiters) wake();
      });
    }
  }

  static async start(size: number): Promise<Fleet> {
    return new Fleet(await Promise.all(Array.from({ length: size }, () => startChild('fleet-member.ts'))));
  }

  /**
   * Connects the clients: member i takes the i-th share of `tokens` (null: a public viewer) to `urlOf(i)`,
   * presenting them `via` the handshake's `auth` (default) or the session cookie.
   */
  async connect(
    tokens: (string | null)[],
    urlOf: (member: number) => string,
    via: TokenVia = 'auth',
  ): Promise<void> {
    const share = Math.ceil(tokens.length / this.members.length);
    await Promise.all(
      this.members.map((m, i) => {
        this.shares.set(m, tokens.slice(i * share, (i + 1) * share));
        this.urls.set(m, urlOf(i));
        return m.ask({ op: 'connect', url: urlOf(i), tokens: this.shares.get(m), via });
      }),
    );
  }

  /**
   * Points member i's clients at `urlOf(i)`: those connected elsewhere close their connections and open new
   * ones, with the same tokens. Answers the members that moved.
   */
  async place(urlOf: (member: number) => string): Promise<Child[]> {
    const moving = this.members.filter((m, i) => this.urls.get(m) !== urlOf(i));
    await this.disconnect(moving);
    await Promise.all(
      moving.map((m) => {
        const url = urlOf(this.members.indexOf(m));
        this.urls.set(m, url);
        return m.ask({ op: 'connect', url, tokens: this.shares.get(m) ?? [] });
      }),
    );
    return moving;
  }

  /** Every client of the given members (all by default) sends the command; throws unless all answer `ok`. */
  async command(event: string, payload: unknown, members = this.members): Promise<void> {
    const answers = await Promise.all(
      members.map((m) => m.ask<{ ok: number; firstError: string | null }>({ op: 'command', event, payload })),
    );
    const failed = answers.find((a) => a.firstError);
    if (failed) throw new Error(`${event}: ${failed.firstError}`);
  }

  async disconnect(members = this.members): Promise<void> {
    for (const m of members) this.urls.set(m, null);
    await Promise.all(members.map((m) => m.ask({ op: 'disconnect' })));
  }

  /** Starts recording `panel:state` receipts afresh. */
  async measure(): Promise<void> {
    this.reached.clear();
    await Promise.all(this.members.map((m) => m.ask({ op: 'measure' })));
  }

  /** Resolves true once every client has received `version`, false after `timeoutMs`. */
  async waitFor(version: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((this.reached.get(version) ?? 0) < this.members.length) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
    this.reached.delete(version);
    return true;
  }

  /** Every receipt since `measure()`, from all members. */
  async report(): Promise<FleetReport> {
    const reports = await Promise.all(this.members.map((m) => m.ask<FleetReport>({ op: 'report' })));
    return {
      latencies: reports.flatMap((r) => r.latencies),
      deliveries: reports.reduce((n, r) => n + r.deliveries, 0),
    };
  }

  /** Stops the members: their clients close their connections as a browser closing its tab would. */
  async stop(members = this.members): Promise<void> {
    await Promise.all(members.map((m) => m.stop()));
  }

  /** Kills the members outright: their connections end with no goodbye (the process is gone). */
  async kill(members: Child[]): Promise<void> {
    await Promise.all(
      members.map(
        (m) =>
          new Promise<void>((resolve) => {
            if (m.process.exitCode !== null || m.process.signalCode !== null) return resolve();
            m.process.removeAllListeners('exit'); // killed on purpose: not worth a line on stderr
            m.process.once('exit', () => resolve());
            m.process.kill('SIGKILL');
          }),
      ),
    );
  }
}
