// The baseline for the fan-out benchmark: a bare socket.io server that only broadcasts what it is given.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { answerAsks, collectedMemory, gcPauses } from './processes';

const http = createServer();
const io = new Server(http, { serveClient: false });
const live = io.of('/live');
live.on('connection', (socket) => {
  socket.on('panel:join', (_payload: unknown, ack: (a: unknown) => void) => {
    void socket.join('panel');
    ack({ ok: true });
  });
  // The driver hands over a payload; the server stamps the time and broadcasts it, as a floor change would.
  socket.on('bench:broadcast', (payload: Record<string, unknown>, ack: (a: unknown) => void) => {
    live
      .to('panel')
      .except(socket.id)
      .emit('panel:state', { ...payload, serverTime: new Date().toISOString() });
    ack({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as { port: number };
  process.send?.({ ready: port });
});
answerAsks(async ({ probe }) => {
  if (probe === 'memory') return collectedMemory();
  if (probe === 'gc') return gcPauses();
  throw new Error(`unknown probe ${String(probe)}`);
});
process.on('message', (m: { stop?: boolean }) => {
  if (m.stop) io.close(() => process.exit(0));
});
