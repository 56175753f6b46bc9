import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, createWriteStream, mkdtempSync, openSync, rmSync, WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PocketSphinxModel,
  parsePocketSphinxTimes,
  pocketSphinxArgs,
} from '../transcribe/pocketsphinx-engine';
import { RecognisedWord } from '../transcribe/speech-engine';
import { PCM_BYTES_PER_SECOND } from './caption-audio';

/**
 * Silence heard after each piece of audio: longer than PocketSphinx's end-of-speech wait (50 frames, 0.5 s),
 * so the utterance in progress ends and is printed before the next piece comes.
 */
const PAD_SECONDS = 0.8;
/** pocketsphinx_continuous reads 2048 samples at a time: a piece is padded to whole reads, or its end waits. */
const READ_BYTES = 2048 * 2;
/** How often the process is checked for having heard everything written to it. */
const IDLE_CHECK_MS = 20;
/** A piece not heard within this is given up (the process is then restarted). */
const HEAR_TIMEOUT_MS = 60_000;
const FIFO_NAME = 'audio.pcm';

/**
 * One `pocketsphinx_continuous` kept running, fed raw 16 kHz PCM through a named pipe (its `-infile` must be a
 * file or a pipe; Node gives a child's stdin as a socket, which it cannot open): it decodes the stream as it
 * comes and prints each utterance (with `-time yes`, word times from the start of the stream) when its voice
 * detector hears it end. Keeping it saves loading the model (about 0.34 CPU s) for every segment.
 *
 * A piece of audio is heard once the process waits for input again, as Linux shows in /proc/<pid>/wchan:
 * everything written has then been read and decoded (the piece is padded to whole reads) and every
 * utterance it held has been printed (its silence pad ends it).
 */
export class StreamRecogniser {
  private child: ChildProcess | null = null;
  private input: WriteStream | null = null;
  private dir: string | null = null;
  private output = '';
  /** Seconds of audio written so far: where the next piece begins in the recogniser's times. */
  private streamSeconds = 0;

  constructor(private readonly model: PocketSphinxModel) {}

  /** The words heard in `pcm`, their times from its start. Calls must not overlap (the caller queues them). */
  async hear(pcm: Buffer): Promise<RecognisedWord[]> {
    const padded = Math.ceil((pcm.length + PAD_SECONDS * PCM_BYTES_PER_SECOND) / READ_BYTES) * READ_BYTES;
    const piece = Buffer.concat([pcm, Buffer.alloc(padded - pcm.length)]);
    let from: number;
    try {
      const child = this.child ?? this.start();
      const input = this.input!;
      from = this.streamSeconds;
      this.streamSeconds += piece.length / PCM_BYTES_PER_SECOND;
      await new Promise<void>((resolve, reject) =>
        input.write(piece, (err) => (err ? reject(err) : resolve())),
      );
      await waitUntilReading(child);
    } catch (err) {
      this.close();
      throw err;
    }
    // What the process printed before it blocked is in our pipe: let the event loop read it first.
    await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
    const printed = this.output;
    this.output = '';
    return parsePocketSphinxTimes(printed)
      .flatMap((u) => u.words)
      .map((w) => ({ ...w, startSeconds: w.startSeconds - from, endSeconds: w.endSeconds - from }));
  }

  close(): void {
    this.child?.kill();
    this.child = null;
    const input = this.input;
    if (input && this.dir) {
      // Opening a pipe to write waits for a reader, in one of libuv's few threads: when the process never
      // opened it (it did not start), a reader of our own lets that open end before the pipe is removed.
      try {
        const reader = openSync(join(this.dir, FIFO_NAME), constants.O_RDONLY | constants.O_NONBLOCK);
        input.once('close', () => closeSync(reader));
      } catch {
        // no pipe left to open: nothing waits on it
      }
      input.destroy();
    }
    this.input = null;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private start(): ChildProcess {
    this.dir = mkdtempSync(join(tmpdir(), 'rostrum-caption-'));
    const fifo = join(this.dir, FIFO_NAME);
    execFileSync('mkfifo', ['-m', '600', fifo]);
    const child = spawn('pocketsphinx_continuous', pocketSphinxArgs(this.model, fifo), {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    this.child = child;
    this.output = '';
    this.streamSeconds = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (this.child === child) this.output += chunk.toString();
    });
    child.on('error', () => undefined); // a process that did not start is seen by waitUntilReading
    child.on('exit', () => {
      if (this.child === child) this.close();
    });
    // Opening the pipe waits for the process to open it (after loading its model): writes queue meanwhile.
    this.input = createWriteStream(fifo);
    this.input.on('error', () => undefined); // a dead reader is seen by waitUntilReading
    return child;
  }
}

/** Resolves once the process is blocked reading its input; rejects when it ended or took too long. */
async function waitUntilReading(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + HEAR_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
      throw new Error('pocketsphinx_continuous stopped');
    }
    const wchan = await readFile(`/proc/${child.pid}/wchan`, 'utf8').catch(() => '');
    // `anon_pipe_read` on recent kernels, `pipe_read` or `pipe_wait` on older ones.
    if (/pipe_(read|wait)/.test(wchan)) return;
    if (Date.now() > deadline) throw new Error('pocketsphinx_continuous did not hear the audio in time');
    await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
  }
}
