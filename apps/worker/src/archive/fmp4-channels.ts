import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { LaidChannel } from './aac-channel';
import { ArchiveError } from './archive-error';
import { ChunkSource, ffmpegToSocket } from './ffmpeg-socket';
import { FRAGMENTED_MP4 } from './hls-package';
import { box, boxHeader, boxType, children, findBox, fullBox, u32, u64 } from './mp4-boxes';

/** A channel's track as the archive carries it. */
export interface ChannelTrack extends LaidChannel {
  /** ISO 639-2/T language tag. */
  tag: string;
  title: string;
}

/** Written to disk in batches of this much, one write at a time. */
const BATCH_BYTES = 4 << 20;

/**
 * Writes ffmpeg's fragmented MP4 (as `FRAGMENTED_MP4` makes it, read box by box from `input`) to `target`
 * with one more audio track per channel: their `trak` and `trex` in the index, and after each video
 * fragment, one fragment per channel covering the same time (so the file stays interleaved, and every
 * track's fragment is a byte range of its own for the HLS package). The channels may still be being read
 * when ffmpeg's output starts: it waits for them here (up to a limit, then ffmpeg waits). The fragments'
 * sequence numbers are renumbered in file order and the random-access index (`mfra`) is written anew for
 * the new offsets. Resolves the file's SHA-256 and size, taken as it is written (in order, once: no second
 * read is needed).
 */
async function writeWithChannels(
  input: ChunkSource,
  target: string,
  channels: Promise<ChannelTrack[]>,
): Promise<{ sha256: string; size: number }> {
  let muxer: ChannelMuxer | null = null;
  let handle: fs.FileHandle | null = null;
  const hash = createHash('sha256');
  let size = 0;
  let queue: Buffer[] = [];
  let queued = 0;
  let inFlight = 0;
  let writing: Promise<void> = Promise.resolve();
  let failed: { error: unknown } | null = null;
  // A failure stops the reading (at its next chunk, so no longer paused) with its error.
  const fail = (error: unknown) => {
    failed ??= { error };
    input.release(Infinity);
  };
  const flush = () => {
    const batch = queue;
    // What of the input this batch holds or was copied from: reusable once it is written.
    const consumed = splitter.consumed;
    queue = [];
    queued = 0;
    inFlight++;
    writing = writing.then(async () => {
      await writeAll(handle!, batch);
      inFlight--;
      input.release(consumed);
    });
    writing.catch(fail);
  };
  const emit = (buffers: Buffer[]) => {
    for (const b of buffers) {
      queue.push(b);
      queued += b.length;
      size += b.length;
      hash.update(b);
    }
    if (queued >= BATCH_BYTES) flush();
  };
  const splitter = new BoxSplitter((type, parts) => emit(muxer!.box(type, parts)));
  // ffmpeg starts reading its input while the channels are read: its first output waits for them here.
  const held: Buffer[] = [];
  const ready = channels.then(async (laid) => {
    handle = await fs.open(target, 'w');
    muxer = new ChannelMuxer(laid);
    for (const chunk of held.splice(0)) splitter.push(chunk);
    input.release(0); // reading paused while waiting goes on, unless a write is now under way to resume it
  });
  ready.catch(fail);
  try {
    await input.read(
      (chunk) => {
        if (failed) throw failed.error;
        if (muxer) splitter.push(chunk);
        else held.push(chunk);
      },
      () => inFlight > 0 || !muxer,
    );
    await ready;
    splitter.end();
    emit(muxer!.end());
    flush();
    await writing;
    return { sha256: hash.digest('hex'), size };
  } finally {
    await ready.catch(() => undefined);
    await (handle as fs.FileHandle | null)?.close();
  }
}

/** ffmpeg's output (`args`: all but the output) with the channels added, written to `target`. */
export function remuxWithChannels(
  args: string[],
  target: string,
  channels: Promise<ChannelTrack[]>,
  slabs?: Parameters<typeof ffmpegToSocket>[2],
): Promise<{ sha256: string; size: number }> {
  return ffmpegToSocket(
    [...args, ...FRAGMENTED_MP4, '-f', 'mp4'],
    (input) => writeWithChannels(input, target, channels),
    slabs,
  );
}

async function writeAll(handle: fs.FileHandle, buffers: Buffer[]): Promise<void> {
  while (buffers.length) {
    let { bytesWritten } = await handle.writev(buffers);
    // A short write: go on from where it stopped.
    while (buffers.length && bytesWritten >= buffers[0].length) bytesWritten -= buffers.shift()!.length;
    if (buffers.length && bytesWritten) buffers[0] = buffers[0].subarray(bytesWritten);
  }
}

/** Cuts a byte stream into top-level boxes; a box comes out as the chunks it spans (no copy). */
export class BoxSplitter {
  private parts: Buffer[] = [];
  private have = 0;
  private size = 0;
  /** How much of the stream has come out as whole boxes. */
  consumed = 0;

  constructor(private readonly onBox: (type: string, parts: Buffer[]) => void) {}

  push(chunk: Buffer): void {
    this.parts.push(chunk);
    this.have += chunk.length;
    for (;;) {
      if (!this.size) {
        if (this.have < 8) return;
        const head = this.head(Math.min(16, this.have));
        let size = head.readUInt32BE(0);
        if (size === 1) {
          if (head.length < 16) return;
          size = Number(head.readBigUInt64BE(8));
        }
        if (size < 8) throw new ArchiveError('The remux wrote an MP4 box of an invalid size');
        this.size = size;
      }
      if (this.have < this.size) return;
      const out: Buffer[] = [];
      for (let left = this.size; left > 0;) {
        const p = this.parts[0];
        if (p.length <= left) {
          out.push(p);
          this.parts.shift();
          left -= p.length;
        } else {
          out.push(p.subarray(0, left));
          this.parts[0] = p.subarray(left);
          left = 0;
        }
      }
      this.have -= this.size;
      this.consumed += this.size;
      this.size = 0;
      this.onBox(boxType(out[0].length >= 8 ? out[0] : Buffer.concat(out)), out);
    }
  }

  end(): void {
    if (this.have) throw new ArchiveError('The remux’s output ends inside an MP4 box');
  }

  private head(n: number): Buffer {
    const parts: Buffer[] = [];
    for (let got = 0; got < n; got += parts[parts.length - 1].length) parts.push(this.parts[parts.length]);
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
}

interface Placed {
  trackId: number;
  decodeTime: number;
  offset: number;
}

/** Rewrites the boxes of ffmpeg's fragmented MP4 one by one, the channels' tracks added. */
class ChannelMuxer {
  private written = 0;
  private sequence = 0;
  private video: { id: number; timescale: number; defaultDuration: number } | null = null;
  private channelIds: number[] = [];
  /** The next slot (1024-sample frame) of each channel to write. */
  private next: number[];
  private lastMoof: { trackId: number; endTime: number } | null = null;
  private readonly placed: Placed[] = [];

  constructor(private readonly channels: ChannelTrack[]) {
    this.next = channels.map(() => 0);
  }

  box(type: string, parts: Buffer[]): Buffer[] {
    switch (type) {
      case 'moov':
        return this.out([this.moov(Buffer.concat(parts))]);
      case 'moof':
        return this.out([this.moof(Buffer.concat(parts))]);
      case 'mdat': {
        const out = this.out(parts);
        const done = this.lastMoof;
        this.lastMoof = null;
        if (!this.video || done?.trackId !== this.video.id) return out;
        return out.concat(this.channelFragments(done.endTime / this.video.timescale));
      }
      case 'mfra':
        return []; // its offsets are ffmpeg's; written anew at the end
      default:
        return this.out(parts);
    }
  }

  /** What the channels still hold (up to the video's length), then the random-access index. */
  end(): Buffer[] {
    if (!this.video) throw new ArchiveError('The remux wrote no MP4 index');
    return this.channelFragments(Infinity).concat(this.out([this.mfra()]));
  }

  private out(buffers: Buffer[]): Buffer[] {
    for (const b of buffers) this.written += b.length;
    return buffers;
  }

  /** The index with a `trak` per channel after ffmpeg's tracks, and a `trex` per channel in `mvex`. */
  private moov(moov: Buffer): Buffer {
    const kids = children(moov);
    const traks = kids.filter((b) => boxType(b) === 'trak');
    const handler = (t: Buffer) => findBox(t, ['mdia', 'hdlr'])?.toString('latin1', 16, 20);
    const videoTrak = traks.find((t) => handler(t) === 'vide');
    const floor = traks.find((t) => handler(t) === 'soun');
    const trexes = children(findBox(moov, ['mvex']) ?? Buffer.alloc(8));
    if (!videoTrak || !floor || !trexes.length) {
      throw new ArchiveError('The remux wrote no video or floor track to put the channels beside');
    }
    const videoId = trackId(videoTrak);
    const mdhd = findBox(videoTrak, ['mdia', 'mdhd'])!;
    this.video = {
      id: videoId,
      timescale: mdhd.readUInt32BE(mdhd[8] === 1 ? 28 : 20),
      defaultDuration: trexes.find((t) => t.readUInt32BE(12) === videoId)?.readUInt32BE(20) ?? 0,
    };
    const firstId = Math.max(...traks.map(trackId)) + 1;
    this.channelIds = this.channels.map((_, i) => firstId + i);
    const added = this.channels.map((c, i) => channelTrak(c, this.channelIds[i], floor));
    const out: Buffer[] = [];
    for (const kid of kids) {
      const type = boxType(kid);
      if (type === 'mvhd') {
        const mvhd = Buffer.from(kid);
        mvhd.writeUInt32BE(firstId + this.channels.length, mvhd.length - 4); // next_track_ID
        out.push(mvhd);
      } else if (type === 'mvex') {
        const trex = this.channelIds.map((id) => fullBox('trex', 0, 0, [u32(id, 1, 1024, 0, 0)]));
        out.push(box('mvex', [...children(kid), ...trex]));
      } else {
        out.push(kid);
      }
      if (kid === traks[traks.length - 1]) out.push(...added);
    }
    return box('moov', out);
  }

  /** ffmpeg's fragment header, its sequence number renumbered in file order; notes where its track ends. */
  private moof(moof: Buffer): Buffer {
    const mfhd = findBox(moof, ['mfhd']);
    const traf = findBox(moof, ['traf']);
    const tfhd = traf && findBox(traf, ['tfhd']);
    const tfdt = traf && findBox(traf, ['tfdt']);
    if (!mfhd || !tfhd || !tfdt) throw new ArchiveError('The remux wrote a fragment without its headers');
    mfhd.writeUInt32BE(++this.sequence, 12);
    const id = tfhd.readUInt32BE(12);
    const decodeTime = tfdt[8] === 1 ? Number(tfdt.readBigUInt64BE(12)) : tfdt.readUInt32BE(12);
    this.placed.push({ trackId: id, decodeTime, offset: this.written });
    const duration = id === this.video?.id ? fragmentDuration(traf, this.video.defaultDuration) : 0;
    this.lastMoof = { trackId: id, endTime: decodeTime + duration };
    return moof;
  }

  /** Each channel's frames up to `seconds` (the end of the video fragment just written), a fragment each. */
  private channelFragments(seconds: number): Buffer[] {
    const out: Buffer[] = [];
    this.channels.forEach((channel, i) => {
      const from = this.next[i];
      const to = Math.min(channel.slots, Math.round((seconds * channel.sampleRate) / 1024));
      if (to <= from) return;
      this.next[i] = to;
      const frames = Array.from({ length: to - from }, (_, k) => channel.frame(from + k));
      const trun = fullBox('trun', 0, 0x000201, [u32(frames.length, 0, ...frames.map((f) => f.length))]);
      const moof = box('moof', [
        fullBox('mfhd', 0, 0, [u32(++this.sequence)]),
        box('traf', [
          // default-base-is-moof, a default sample duration (1024); sample flags: trex's (sync)
          fullBox('tfhd', 0, 0x020008, [u32(this.channelIds[i], 1024)]),
          fullBox('tfdt', 1, 0, [u64(from * 1024)]),
          trun,
        ]),
      ]);
      // trun's data offset: from the moof's start to the first sample, past the mdat's header.
      moof.writeInt32BE(moof.length + 8, moof.length - 4 * frames.length - 4);
      const mdat = Buffer.concat(frames);
      this.placed.push({ trackId: this.channelIds[i], decodeTime: from * 1024, offset: this.written });
      out.push(...this.out([moof, boxHeader('mdat', mdat.length), mdat]));
    });
    return out;
  }

  /** The random-access index: every track's fragments by time, at their offsets in this file. */
  private mfra(): Buffer {
    const ids = [...new Set(this.placed.map((p) => p.trackId))];
    const tfras = ids.map((id) => {
      const entries = this.placed.filter((p) => p.trackId === id);
      return fullBox('tfra', 1, 0, [
        u32(id, 0, entries.length),
        ...entries.flatMap((p) => [u64(p.decodeTime), u64(p.offset), Buffer.from([1, 1, 1])]),
      ]);
    });
    const size = 8 + tfras.reduce((s, t) => s + t.length, 0) + 16;
    return box('mfra', [...tfras, fullBox('mfro', 0, 0, [u32(size)])]);
  }
}

const trackId = (trak: Buffer) => {
  const tkhd = findBox(trak, ['tkhd'])!;
  return tkhd.readUInt32BE(tkhd[8] === 1 ? 28 : 20);
};

/** A fragment's length in its track's timescale: its samples' durations, or their default. */
function fragmentDuration(traf: Buffer, trexDefault: number): number {
  const tfhd = findBox(traf, ['tfhd'])!;
  const tfhdFlags = tfhd.readUInt32BE(8) & 0xffffff;
  let at = 16 + (tfhdFlags & 0x01 ? 8 : 0) + (tfhdFlags & 0x02 ? 4 : 0);
  const defaultDuration = tfhdFlags & 0x08 ? tfhd.readUInt32BE(at) : trexDefault;
  let total = 0;
  for (const trun of children(traf).filter((b) => boxType(b) === 'trun')) {
    const flags = trun.readUInt32BE(8) & 0xffffff;
    const count = trun.readUInt32BE(12);
    if (!(flags & 0x100)) {
      total += count * defaultDuration;
      continue;
    }
    at = 16 + (flags & 0x01 ? 4 : 0) + (flags & 0x04 ? 4 : 0);
    const stride = [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length * 4;
    for (let i = 0; i < count; i++, at += stride) total += trun.readUInt32BE(at);
  }
  return total;
}

/**
 * A channel's track, modelled on the floor's (its `tkhd`, handler and data reference): not enabled (only
 * the floor plays by default), the channel's sample description, its language and title; no samples in
 * the index (they are all in fragments).
 */
function channelTrak(channel: ChannelTrack, id: number, floor: Buffer): Buffer {
  const tkhd = Buffer.from(findBox(floor, ['tkhd'])!);
  tkhd[11] &= ~0x01;
  tkhd.writeUInt32BE(id, tkhd[8] === 1 ? 28 : 20);
  const language = [...channel.tag].reduce((v, c) => (v << 5) | ((c.charCodeAt(0) - 0x60) & 0x1f), 0);
  const mdhd = fullBox('mdhd', 0, 0, [u32(0, 0, channel.sampleRate, 0), u32((language << 16) >>> 0)]);
  const empty = (type: string, fields: number) =>
    fullBox(type, 0, 0, [u32(...Array<number>(fields).fill(0))]);
  const stbl = box('stbl', [
    channel.stsd,
    empty('stts', 1),
    empty('stsc', 1),
    empty('stsz', 2),
    empty('stco', 1),
  ]);
  const minf = box('minf', [
    findBox(floor, ['mdia', 'minf', 'smhd']) ?? empty('smhd', 1),
    findBox(floor, ['mdia', 'minf', 'dinf'])!,
    stbl,
  ]);
  return box('trak', [
    tkhd,
    box('edts', [fullBox('elst', 0, 0, [u32(1, 0, 0, 0x10000)])]),
    box('mdia', [mdhd, findBox(floor, ['mdia', 'hdlr'])!, minf]),
    box('udta', [box('name', [Buffer.from(channel.title)])]),
  ]);
}
