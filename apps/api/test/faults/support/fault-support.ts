import { ClientCommandName } from '@rostrum/contracts';
import { LiveTestClient } from '@rostrum/test-harness';
import { RecordedCommand } from '../../support/floor-invariants';

/**
 * A small seeded PRNG (mulberry32): a randomized run prints its seed, and `FAULT_SEED=<seed>` replays the
 * same choices (the interleaving across processes still varies, which is the point of the run).
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T | undefined {
      return items.length ? items[Math.floor(next() * items.length)] : undefined;
    },
    chance: (p: number) => next() < p,
  };
}

export function seedFromEnv(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 2 ** 31);
}

/**
 * Sends commands through `client` as `actorId` and records each with its acknowledgement (null when none
 * came in time), in the shape the floor invariant checker takes.
 */
export function recorder(log: RecordedCommand[]) {
  return async (
    client: LiveTestClient,
    actorId: string,
    command: ClientCommandName,
    payload: Record<string, unknown>,
    timeoutMs = 10_000,
  ): Promise<RecordedCommand['ack']> => {
    const entry: RecordedCommand = { command, actorId, payload, ack: null };
    log.push(entry);
    try {
      entry.ack = (await client.send(command, payload, timeoutMs)) as RecordedCommand['ack'];
    } catch {
      entry.ack = null; // no answer within the timeout (or the connection dropped)
    }
    return entry.ack;
  };
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
