// The baseline for the fan-out benchmark: a bare socket.io server that only broadcasts what it is given.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

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
process.on('message', (m: { stop?: boolean; memory?: boolean }) => {
  if (m.stop) io.close(() => process.exit(0));
  if (m.memory) {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ memory: process.memoryUsage() });
  }
});
