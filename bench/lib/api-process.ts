// A Rostrum API instance in its own process, for benchmarks: the clients' work must not share its CPU time,
// and its memory is its own. The benchmark probes it over IPC (nothing is added to the product's routes):
//   {probe: 'memory'} → process.memoryUsage() after forced collections (start it with --expose-gc);
//   {probe: 'rooms'}  → the /live namespace's sockets and the rooms its adapter holds;
//   {probe: 'gc'}     → garbage-collection pauses since the previous such probe;
//   {probe: 'heap-snapshot', path} → a heap snapshot written to `path` (for finding what a leak keeps).
import 'reflect-metadata';
import { writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '@rostrum/config';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { LivePublisher } from '../../apps/api/src/live/live-publisher';
import { answerAsks, collectedMemory, gcPauses } from './processes';

export interface RoomsProbe {
  /** Sockets connected to /live on this instance, and engine.io connections on its server. */
  sockets: number;
  engineClients: number;
  /** Rooms in the adapter other than a connected socket's own room (panels, moderators, users, staff). */
  namedRooms: number;
  /** A few of their names, to say what was left behind. */
  sample: string[];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const nsp = app.get(LivePublisher).namespace;
  answerAsks(async (request) => {
    const { probe } = request;
    if (probe === 'memory') return collectedMemory();
    if (probe === 'rooms') return rooms(nsp);
    if (probe === 'gc') return gcPauses();
    if (probe === 'heap-snapshot') {
      await collectedMemory();
      return writeHeapSnapshot(String(request.path));
    }
    throw new Error(`unknown probe ${String(probe)}`);
  });
  process.on('message', (m: { stop?: boolean }) => {
    if (m.stop) void app.close().then(() => process.exit(0));
  });
  process.send?.({ ready: port });
}

function rooms(nsp: LivePublisher['namespace']): RoomsProbe {
  const { adapter } = nsp;
  const named = [...adapter.rooms.keys()].filter((room) => !adapter.sids.has(room));
  return {
    sockets: nsp.sockets.size,
    engineClients: nsp.server.engine.clientsCount,
    namedRooms: named.length,
    sample: named.slice(0, 5),
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
