// A flooding client, run in a process of its own (see flooder-process.ts) so that its sending costs the
// test's observers nothing but what it costs the server. On {join: token} it connects as that user and joins
// the panel, as any participant; on {flood: true} it sends commands as fast as it can without waiting for
// answers and, like a bot, each time the server cuts it off it connects again at once and goes on; on
// {flood: false} it stops and reports what it got.
import { io, Socket } from 'socket.io-client';
import { LIVE_NAMESPACE } from '@rostrum/contracts';
import type { FloodReport } from './flooder-process';

const url = `${process.env.FLOOD_URL}${LIVE_NAMESPACE}`;
let token = '';
const panelId = process.env.FLOOD_PANEL_ID;
/** Commands written per turn of the event loop: as fast as it can, yet still reading the server's answers. */
const BURST = 50;

let report: FloodReport | null = null;
let socket: Socket | null = null;
let sequence = 0;

/** What it floods with: commands that reach the database if let through. */
const nextCommand = (): [string, object] =>
  ++sequence % 2
    ? ['floor:request', { panelId, kind: 'statement', requestId: `flood-${sequence}` }]
    : ['panel:join', { panelId }];

/** Connects and joins the panel; then floods if a flood is on. */
function connect(onJoined?: () => void): void {
  const s = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  socket = s;
  if (report) report.attempts += 1;
  s.on('connect', () => {
    if (report) report.connections += 1;
    s.emit('panel:join', { panelId }, () => {
      onJoined?.();
      flood(s);
    });
  });
  s.on('connect_error', (err) => {
    if (report) report.refusedConnections += 1;
    else process.send!({ error: `connect_error ${err.message}` });
    again(s, 20);
  });
  s.on('disconnect', (reason) => {
    if (report && reason === 'io server disconnect') report.disconnectedByServer += 1;
    again(s, 0);
  });
}

/** While a flood is on, connects again: at once after a disconnection, shortly after a refusal. */
function again(s: Socket, delayMs: number): void {
  s.removeAllListeners();
  s.disconnect();
  if (socket !== s) return;
  socket = null;
  if (report) setTimeout(() => report && !socket && connect(), delayMs);
}

function flood(s: Socket): void {
  const answer = (ack: { ok: boolean; error?: { code: string } }) => {
    if (!report) return;
    if (!ack.ok && ack.error?.code === 'RATE_LIMITED') report.rateLimited += 1;
    else report.answered += 1;
  };
  const burst = () => {
    if (!report || !s.connected) return;
    for (let i = 0; i < BURST; i++) {
      const [command, payload] = nextCommand();
      report.sent += 1;
      s.emit(command, payload, answer);
    }
    setImmediate(burst);
  };
  burst();
}

process.on('message', (m: { join?: string; flood?: boolean }) => {
  if (m.join && !socket) {
    token = m.join;
    connect(() => process.send!({ joined: true }));
  } else if (m.flood && !report) {
    report = {
      sent: 0,
      rateLimited: 0,
      answered: 0,
      attempts: 0,
      connections: 0,
      disconnectedByServer: 0,
      refusedConnections: 0,
    };
    if (socket?.connected) {
      report.connections = 1; // the one it joined on
      flood(socket);
    } else if (!socket) connect();
    process.send!({ flooding: true });
  } else if (m.flood === false && report) {
    const done = report;
    report = null;
    const s = socket;
    socket = null;
    s?.removeAllListeners();
    s?.disconnect();
    process.send!({ report: done });
  }
});
process.on('disconnect', () => process.exit(0)); // the test went away
process.send!({ ready: true });
