import { promises as fs } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pipeTool } from './ffmpeg';

/** The memory ffmpeg's output is read into: slabs reused once written; reading pauses past the maximum. */
const SLABS = { bytes: 4 << 20, max: 16 };
/** A read takes up to this much (Node's own size): a slab with less room left is done. */
const MIN_ROOM = 64 << 10;

/** A stream of chunks read into memory the reader reuses once told it is no longer needed. */
export interface ChunkSource {
  /**
   * Hands each chunk over in order and resolves at the end. `writesPending` says whether a release is
   * coming (reading only waits for one then).
   */
  read(onChunk: (chunk: Buffer) => void, writesPending: () => boolean): Promise<void>;
  /**
   * Everything before this position of the stream has been written or copied: its memory may be reused,
   * and reading paused for it goes on when nothing else is pending.
   */
  release(position: number): void;
}

/**
 * Runs ffmpeg with `args` (all but the output) writing to a Unix socket the worker reads, and resolves
 * what `consume` makes of it. Not its stdout: Node gives every read from a child's pipe a buffer of its
 * own, and for a 700 MB remux those allocations, their page faults and the garbage collection cost the
 * worker more CPU than ffmpeg's whole work; from a socket it connects to, the worker reads into buffers it
 * hands out (`onread`), reused here.
 */
export async function ffmpegToSocket<T>(
  args: string[],
  consume: (source: ChunkSource) => Promise<T>,
  slabs = SLABS,
): Promise<T> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'rostrum-ffmpeg-'));
  const socketPath = path.join(dir, 'out.sock');
  try {
    let result: T | undefined;
    await pipeTool('ffmpeg', [...args, '-listen', '1', `unix:${socketPath}`], async ({ exited }) => {
      result = await consume(new SocketInput(socketPath, exited, slabs));
    });
    return result as T;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

class SocketInput implements ChunkSource {
  private slab: Buffer;
  private at = 0;
  private position = 0;
  /** Filled slabs not yet released, with the stream position where each ends. */
  private readonly used: { slab: Buffer; end: number }[] = [];
  private readonly free: Buffer[] = [];
  private socket: Socket | null = null;
  private paused = false;
  private writesPending = () => false;

  constructor(
    private readonly socketPath: string,
    private readonly exited: Promise<void>,
    private readonly slabs: typeof SLABS,
  ) {
    this.slab = Buffer.allocUnsafeSlow(slabs.bytes);
  }

  async read(onChunk: (chunk: Buffer) => void, writesPending: () => boolean): Promise<void> {
    this.writesPending = writesPending;
    let gone = false;
    void this.exited.then(() => (gone = true));
    // ffmpeg listens once it has read its input's headers: until then, connecting fails.
    for (;;) {
      const socket = await this.connect(onChunk).catch((err: NodeJS.ErrnoException) => {
        if (gone || (err.code !== 'ENOENT' && err.code !== 'ECONNREFUSED')) throw err;
        return null;
      });
      if (socket) return this.drain(socket);
      await delay(5);
    }
  }

  release(position: number): void {
    while (this.used.length && this.used[0].end <= position) this.free.push(this.used.shift()!.slab);
    if (this.paused && (this.used.length < this.slabs.max || !this.writesPending())) {
      this.paused = false;
      this.socket?.resume();
    }
  }

  private connect(onChunk: (chunk: Buffer) => void): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket: Socket = connect({
        path: this.socketPath,
        onread: {
          // Called before every read: where the next bytes go.
          buffer: () => this.slab.subarray(this.at),
          callback: (bytes: number): boolean => this.received(socket, bytes, onChunk),
        },
      });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  private received(socket: Socket, bytes: number, onChunk: (chunk: Buffer) => void): boolean {
    const chunk = this.slab.subarray(this.at, this.at + bytes);
    this.at += bytes;
    this.position += bytes;
    try {
      onChunk(chunk);
    } catch (err) {
      socket.destroy(err as Error);
      return false;
    }
    if (this.slabs.bytes - this.at < MIN_ROOM) {
      this.used.push({ slab: this.slab, end: this.position });
      this.slab = this.free.pop() ?? Buffer.allocUnsafeSlow(this.slabs.bytes);
      this.at = 0;
    }
    // The disk is behind: wait until some of what was read has been written.
    this.paused = this.used.length >= this.slabs.max && this.writesPending();
    return !this.paused;
  }

  private drain(socket: Socket): Promise<void> {
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.on('error', reject);
      socket.on('end', () => resolve());
      socket.on('close', () => resolve());
    });
  }
}
