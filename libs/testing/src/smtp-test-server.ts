import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the test server accepted (answered 250 to its DATA). */
export interface ReceivedMail {
  messageId: string;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpTestServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Messages accepted, in order. A message whose client went away before the answer is not here. */
  received: ReceivedMail[];
  /** How many messages were accepted (with `parse: false`, the only record of them). */
  readonly accepted: number;
  /** How many DATA commands were answered with an error (see `refuseNext`). */
  refused: number;
  /** The next `count` messages get a temporary failure (451) after their DATA, as a busy relay answers. */
  refuseNext(count: number): void;
  /** Holds every message after its DATA, unanswered, until `release` (a worker can be killed meanwhile). */
  hold(): void;
  release(): void;
  /** Messages held right now, waiting for an answer. */
  readonly waiting: number;
  /** SMTP sessions open right now. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free port, no TLS and no auth, keeping what it accepts
 * parsed with `mailparser`. Tests use it as the relay behind SMTP_URL. `parse: false` (benchmarks) only
 * counts what it accepts, so the parsing does not slow down what is measured.
 */
export async function startSmtpTestServer({ parse = true } = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const closedSessions = new Set<string>();
  let refuse = 0;
  let held: (() => void)[] | null = null;
  const state = { refused: 0, connections: 0, accepted: 0 };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onClose(session) {
      state.connections -= 1;
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const answer = async () => {
          if (refuse > 0) {
            refuse -= 1;
            state.refused += 1;
            const err = new Error('4.3.0 Try again later (test relay refusing)') as Error & {
              responseCode: number;
            };
            err.responseCode = 451;
            return callback(err);
          }
          // A client that went away before the answer never heard "accepted": it was not delivered.
          if (closedSessions.has(session.id)) return;
          state.accepted += 1;
          if (!parse) return callback();
          const parsed = await simpleParser(raw);
          received.push({
            messageId: parsed.messageId ?? '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          });
          callback();
        };
        if (held) held.push(() => void answer());
        else void answer();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // a client killed mid-session is not the server's failure
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refused() {
      return state.refused;
    },
    get accepted() {
      return state.accepted;
    },
    refuseNext: (count) => void (refuse = count),
    hold: () => void (held = held ?? []),
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const answer of waiting) answer();
    },
    get waiting() {
      return held?.length ?? 0;
    },
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
