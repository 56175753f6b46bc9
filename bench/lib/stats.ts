/** A fan-out measurement: delivery latency percentiles, deliveries seen and those that never came. */
export interface FanoutFigures {
  p50: number;
  p95: number;
  p99: number;
  deliveries: number;
  missing: number;
}

/** Percentiles by nearest rank over a sample (sorted in place). */
export function percentiles(sample: number[], ps: number[] = [50, 95, 99]): Record<string, number> {
  sample.sort((a, b) => a - b);
  const out: Record<string, number> = {};
  for (const p of ps) {
    const rank = Math.max(1, Math.ceil((p / 100) * sample.length));
    out[`p${p}`] = sample.length ? sample[rank - 1] : NaN;
  }
  return out;
}

export const ms = (n: number) => `${Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '–'} ms`;
export const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
