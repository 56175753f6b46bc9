import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  constants,
  createWriteStream,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  WriteStream,
} from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../archive/ffmpeg';
import {
  PocketSphinxModel,
  parsePocketSphinxTimes,
  pocketSphinxArgs,
} from '../transcribe/pocketsphinx-engine';
import { RecognisedWord } from '../transcribe/speech-engine';
import { PCM_BYTES_PER_SECOND } from './caption-audio';

/** Hears pieces of live audio one after another; `close` lets its process go. */
export interface LiveRecogniser {
  /** The words heard in `pcm` (16 kHz mono s16le), their times from its start. Calls must not overlap. */
  hear(pcm: Buffer): Promise<RecognisedWord[]>;
  close(): void;
}

/** Tells whether /proc/<pid>/wchan shows a process blocked reading a pipe (Linux, with kernel symbols shown). */
export type WchanProbe = () => Promise<boolean>;

/**
 * The panel's recogniser: one kept loaded (StreamRecogniser) where /proc/<pid>/wchan tells when it has heard
 * its input, else a process per piece (PieceRecogniser: slower by the model's load, but needs nothing more).
 */
export async function createLiveRecogniser(
  model: PocketSphinxModel,
  probe: WchanProbe = wchanShowsPipeReads,
): Promise<LiveRecogniser> {
  return (await probe()) ? new StreamRecogniser(model) : new PieceRecogniser(model);
}

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
 * Live audio skips the flat second pass, which runs when an utterance ends, so after the last word: about a
 * quarter less CPU per segment for about one point more word error (measured on the bench's speech cut in
 * 4-second segments: 29.7 → 30.6 %).
 */
const LIVE_OPTIONS = ['-fwdflat', 'no'];
/** The recogniser's nice value where it may be raised: ahead of the worker's other processes and jobs. */
const LIVE_PRIORITY = -10;
/** How long the wchan probe's `cat` may take to start and wait on its pipe. */
const PROBE_TIMEOUT_MS = 5000;

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
export class StreamRecogniser implements LiveRecogniser {
  private child: ChildProcess | null = null;
  private input: WriteStream | null = null;
  private dir: string | null = null;
  private output = '';
  /** Seconds of audio written so far: where the next piece begins in the recogniser's times. */
  private streamSeconds = 0;

  /** Starts the process at once: its model loads while the first piece is still to come. */
  constructor(private readonly model: PocketSphinxModel) {
    this.start();
  }

  async hear(pcm: Buffer): Promise<RecognisedWord[]> {
    const piece = padWithSilence(pcm);
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
    return wordsFrom(printed, from);
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
    const child = spawnLive('pocketsphinx_continuous', liveArgs(this.model, fifo), [
      'ignore',
      'pipe',
      'ignore',
    ]);
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

/**
 * A `pocketsphinx_continuous` per piece, reading it from a file: for systems where /proc/<pid>/wchan cannot
 * tell when a kept process has heard its input (not Linux, or kernel symbols hidden: it reads "0").
 */
export class PieceRecogniser implements LiveRecogniser {
  constructor(private readonly model: PocketSphinxModel) {}

  async hear(pcm: Buffer): Promise<RecognisedWord[]> {
    const dir = await mkdtemp(join(tmpdir(), 'rostrum-caption-'));
    try {
      const file = join(dir, FIFO_NAME);
      await writeFile(file, padWithSilence(pcm));
      return wordsFrom(await runTool('pocketsphinx_continuous', liveArgs(this.model, file)), 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  close(): void {
    // nothing kept between pieces
  }
}

/**
 * Whether this kernel shows a process blocked reading a pipe in /proc/<pid>/wchan, as StreamRecogniser needs:
 * `cat` is started on a named pipe that is opened and left empty, and must be seen waiting on it.
 */
export const wchanShowsPipeReads: WchanProbe = () => (probed ??= probeWchan());
let probed: Promise<boolean> | undefined;

async function probeWchan(): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-wchan-'));
  const fifo = join(dir, 'probe');
  let fd: number | null = null;
  let child: ChildProcess | null = null;
  try {
    execFileSync('mkfifo', ['-m', '600', fifo]);
    // Held open for reading and writing (Linux opens a pipe so without waiting): `cat` opens it at once and
    // then waits for data that never comes.
    fd = openSync(fifo, constants.O_RDWR);
    child = spawn('cat', [fifo], { stdio: 'ignore' });
    child.on('error', () => undefined); // seen by waitUntilReading
    await waitUntilReading(child, PROBE_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  } finally {
    child?.kill();
    if (fd !== null) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resolves once the process is blocked reading its input; rejects when it ended or took too long. */
async function waitUntilReading(child: ChildProcess, timeoutMs = HEAR_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
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

/** A piece followed by PAD_SECONDS of silence, in whole reads of the recogniser. */
function padWithSilence(pcm: Buffer): Buffer {
  const padded = Math.ceil((pcm.length + PAD_SECONDS * PCM_BYTES_PER_SECOND) / READ_BYTES) * READ_BYTES;
  return Buffer.concat([pcm, Buffer.alloc(padded - pcm.length)]);
}

/** The words printed, their times made relative to `fromSeconds` of the stream. */
function wordsFrom(printed: string, fromSeconds: number): RecognisedWord[] {
  return parsePocketSphinxTimes(printed)
    .flatMap((u) => u.words)
    .map((w) => ({
      ...w,
      startSeconds: w.startSeconds - fromSeconds,
      endSeconds: w.endSeconds - fromSeconds,
    }));
}

/** The archive's command line plus the live options. */
function liveArgs(model: PocketSphinxModel, input: string): string[] {
  return [...pocketSphinxArgs(model, input), ...LIVE_OPTIONS];
}

/**
 * Starts a process of the live captions ahead of the others: they are due within seconds, the archive's
 * work is not. Where the worker may raise a priority (root, or CAP_SYS_NICE) the process runs at nice
 * LIVE_PRIORITY, in a session of its own whose autogroup gets that nice too: with autogroups on (Linux's
 * default on desktops, and on this project's CI machine), a nice only orders the processes of one session,
 * and each session gets an even share of the CPU. Elsewhere it runs as any other.
 */
export function spawnLive(
  command: string,
  args: string[],
  stdio: ['ignore', 'pipe', 'ignore' | 'pipe'],
): ChildProcess {
  const child = spawn(command, args, { stdio, detached: true });
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, LIVE_PRIORITY);
      writeFileSync(`/proc/${child.pid}/autogroup`, String(LIVE_PRIORITY));
    } catch {
      // not allowed here, no autogroups, or ended already: as any other process
    }
  }
  return child;
}
