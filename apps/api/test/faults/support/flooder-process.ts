import { ChildProcess } from 'node:child_process';
import { spawnAppProcess } from '@rostrum/test-harness';

/** What the flooder got during one flood. */
export interface FloodReport {
  /** Commands it wrote to the socket. */
  sent: number;
  /** Answers RATE_LIMITED. */
  rateLimited: number;
  /** Other answers (the one command let through is mostly still running when it is cut off: unanswered). */
  answered: number;
  /** Connections it tried to open during the flood (one again each time it is cut off or refused). */
  attempts: number;
  /** Connections the server let in. */
  connections: number;
  /** Times the server disconnected it. */
  disconnectedByServer: number;
  /** Handshakes the server refused. */
  refusedConnections: number;
}

export interface Flooder {
  /** Connects as `token`'s user and joins the panel, as any participant. */
  join(token: string): Promise<void>;
  /** Starts flooding (on that connection); resolves once it is at it. */
  start(): Promise<void>;
  /** Stops flooding and resolves with what it got meanwhile. */
  stop(): Promise<FloodReport>;
  kill(): void;
}

/** Starts flooder.ts in a process of its own, for `panelId` on the API at `url`. */
export async function startFlooder(url: string, panelId: string): Promise<Flooder> {
  const flooder = spawnAppProcess(
    'apps/api/test/faults/support/flooder.ts',
    { FLOOD_URL: url, FLOOD_PANEL_ID: panelId },
    { ipc: true },
  );
  const { child, output } = flooder;
  await nextMessage(child, 'ready', 30_000, output);
  return {
    join: async (token) => {
      child.send({ join: token });
      await nextMessage(child, 'joined', 10_000, output);
    },
    start: async () => {
      child.send({ flood: true });
      await nextMessage(child, 'flooding', 5000, output);
    },
    stop: async () => {
      child.send({ flood: false });
      return (await nextMessage(child, 'report', 5000, output)) as FloodReport;
    },
    kill: flooder.kill,
  };
}

function nextMessage(child: ChildProcess, key: string, timeoutMs: number, output: () => string) {
  return new Promise<unknown>((resolve, reject) => {
    const done = (err: Error | null, value?: unknown) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value);
    };
    const onMessage = (m: Record<string, unknown>) => {
      if (key in m) done(null, m[key]);
      else if ('error' in m) done(new Error(`the flooder, waiting for "${key}": ${String(m.error)}`));
    };
    const onExit = () => done(new Error(`the flooder exited before "${key}":\n${output()}`));
    const timer = setTimeout(
      () => done(new Error(`no "${key}" from the flooder within ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
