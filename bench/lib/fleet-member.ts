// One process of a client fleet (see fleet.ts): holds a share of the benchmark's socket.io clients, runs
// commands on all of them, and records when each receives `panel:state`.
import type { Socket } from 'socket.io-client';
import { connectMany, inBatches, type TokenVia } from './clients';
import { answerAsks } from './processes';

/** What a member reports after a measurement. */
export interface FleetReport {
  /** Milliseconds from each `panel:state`'s serverTime to its receipt, one per delivery. */
  latencies: number[];
  deliveries: number;
}

let sockets: Socket[] = [];
let latencies: number[] = [];
let deliveries = 0;
/** Clients that received each version, to say (once) when all of this member's clients have it. */
const received = new Map<number, number>();

const onState = (state: { version: number; serverTime: string }) => {
  latencies.push(Date.now() - Date.parse(state.serverTime));
  deliveries += 1;
  const count = (received.get(state.version) ?? 0) + 1;
  received.set(state.version, count);
  if (count === sockets.length) {
    received.delete(state.version);
    process.send?.({ reached: state.version });
  }
};

answerAsks(async (request) => {
  switch (request.op) {
    case 'connect': {
      const { url, tokens, via } = request as unknown as {
        url: string;
        tokens: (string | null)[];
        via?: TokenVia;
      };
      const added = await connectMany(
        url,
        tokens.map((t) => t ?? undefined),
        25,
        via,
      );
      for (const s of added) s.on('panel:state', onState);
      sockets.push(...added);
      return sockets.length;
    }
    case 'command': {
      // Every client sends the command; answers the number of `ok` acknowledgements and the first error.
      const { event, payload } = request as { event: string; payload: unknown };
      let ok = 0;
      let firstError: string | null = null;
      await inBatches(sockets, 50, async (s) => {
        const answer = await s.timeout(60_000).emitWithAck(event, payload);
        if (answer.ok) ok += 1;
        else firstError ??= `${answer.error.code}: ${answer.error.message}`;
      });
      return { ok, firstError };
    }
    case 'measure':
      latencies = [];
      deliveries = 0;
      received.clear();
      return null;
    case 'report': {
      const report: FleetReport = { latencies, deliveries };
      latencies = [];
      deliveries = 0;
      return report;
    }
    case 'disconnect': {
      for (const s of sockets) s.disconnect();
      sockets = [];
      received.clear();
      return null;
    }
    default:
      throw new Error(`unknown op ${String(request.op)}`);
  }
});
process.on('message', (m: { stop?: boolean }) => {
  if (m.stop) process.exit(0);
});
process.send?.({ ready: 0 });
