import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTool } from './ffmpeg';
import { boxType, children, findBox, looksLikeMp4, readTopLevelBoxes } from './mp4-boxes';

/** Samples per AAC-LC frame. */
const FRAME_SAMPLES = 1024;
/** The sampling frequency index of an AudioSpecificConfig (ISO 14496-3, 1.6.3.4). */
const SAMPLE_RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

export interface AacTrack {
  sampleRate: number;
  channels: number;
  /** The track's sample descriptions (`stsd`: `mp4a` and its `esds`), to copy into the archive's track. */
  stsd: Buffer;
  /** The track's samples: each raw AAC frame is `sizes[i]` bytes at `offsets[i]`, in the file's order. */
  data: Buffer;
  offsets: number[];
  sizes: number[];
  /** Each frame's presentation time in seconds (edit list applied: the priming frame is before 0). */
  times: number[];
}

/**
 * The first audio track of an MP4/M4A file when it is AAC-LC (what Egress writes) in at most two channels,
 * read from its sample tables: no ffprobe, nothing decoded. Null for anything else (another codec, a
 * fragmented or broken file): such a channel is decoded and encoded instead.
 */
export async function readAacTrack(file: string): Promise<AacTrack | null> {
  if (!(await looksLikeMp4(file))) return null;
  const { boxes, problem } = await readTopLevelBoxes(file);
  const moovAt = boxes.find((b) => b.type === 'moov');
  if (problem || !moovAt) return null;
  const handle = await fs.open(file, 'r');
  try {
    const moov = Buffer.alloc(moovAt.size);
    await handle.read(moov, 0, moovAt.size, moovAt.offset);
    const trak = children(moov)
      .filter((b) => boxType(b) === 'trak')
      .find((t) => findBox(t, ['mdia', 'hdlr'])?.toString('latin1', 16, 20) === 'soun');
    const mdhd = trak && findBox(trak, ['mdia', 'mdhd']);
    const stbl = trak && findBox(trak, ['mdia', 'minf', 'stbl']);
    const stsd = stbl && findBox(stbl, ['stsd']);
    const mvhd = findBox(moov, ['mvhd']);
    if (!trak || !mdhd || !stbl || !stsd || !mvhd || stsd.toString('latin1', 20, 24) !== 'mp4a') return null;
    const config = audioSpecificConfig(stsd);
    if (!config || config.objectType !== 2 || config.channels < 1 || config.channels > 2) return null;

    const timescale = mdhd.readUInt32BE(mdhd[8] === 1 ? 28 : 20);
    const samples = sampleTable(stbl);
    if (!samples || !samples.sizes.length || !timescale) return null;
    const audio = await readSamples(handle, samples.offsets, samples.sizes);
    if (!audio) return null;
    const { emptySeconds, mediaTime } = editList(trak, mvhd.readUInt32BE(mvhd[8] === 1 ? 28 : 20));
    return {
      sampleRate: config.sampleRate,
      channels: config.channels,
      stsd,
      data: audio.data,
      offsets: audio.offsets,
      sizes: samples.sizes,
      times: samples.decodeTimes.map((t) => emptySeconds + (t - mediaTime) / timescale),
    };
  } finally {
    await handle.close();
  }
}

/**
 * The samples' bytes, one read per contiguous run (an M4A's are all one run; a video file's audio is
 * interleaved with its video, which is not read), and their offsets in what was read. Null if one lies
 * past the end of the file.
 */
async function readSamples(
  handle: fs.FileHandle,
  offsets: number[],
  sizes: number[],
): Promise<{ data: Buffer; offsets: number[] } | null> {
  const runs: { from: number; to: number; at: number }[] = [];
  const inData: number[] = [];
  let total = 0;
  for (const [i, offset] of offsets.entries()) {
    const last = runs[runs.length - 1];
    if (last?.to === offset) last.to += sizes[i];
    else runs.push({ from: offset, to: offset + sizes[i], at: total });
    inData.push(total);
    total += sizes[i];
  }
  const data = Buffer.allocUnsafe(total);
  for (const run of runs) {
    const { bytesRead } = await handle.read(data, run.at, run.to - run.from, run.from);
    if (bytesRead < run.to - run.from) return null;
  }
  return { data, offsets: inData };
}

/** The AudioSpecificConfig's object type, rate and channels, from the first `esds` of a sample description. */
function audioSpecificConfig(
  stsd: Buffer,
): { objectType: number; sampleRate: number; channels: number } | null {
  const esds = stsd.indexOf('esds', 16, 'latin1');
  if (esds < 0) return null;
  const end = esds - 4 + stsd.readUInt32BE(esds - 4);
  let at = esds + 8; // past the type, version and flags
  /** A descriptor's tag and the length that follows it (1–4 bytes of 7 bits). */
  const descriptor = (tag: number) => {
    if (stsd[at++] !== tag) return false;
    for (let i = 0; i < 4 && stsd[at++] & 0x80; i++);
    return at < end;
  };
  if (!descriptor(0x03)) return null; // ES_Descriptor
  const flags = stsd[at + 2];
  at += 3 + (flags & 0x80 ? 2 : 0);
  if (flags & 0x40) at += 1 + stsd[at]; // a URL
  if (flags & 0x20) at += 2;
  if (!descriptor(0x04) || stsd[at] !== 0x40) return null; // DecoderConfigDescriptor, MPEG-4 audio
  at += 13;
  if (!descriptor(0x05) || at + 2 > end) return null; // DecoderSpecificInfo: the AudioSpecificConfig
  let bits = at * 8;
  const read = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++, bits++) v = (v << 1) | ((stsd[bits >> 3] >> (7 - (bits & 7))) & 1);
    return v;
  };
  let objectType = read(5);
  if (objectType === 31) objectType = 32 + read(6);
  const index = read(4);
  const sampleRate = index === 15 ? read(24) : SAMPLE_RATES[index];
  const channels = read(4);
  return sampleRate ? { objectType, sampleRate, channels } : null;
}

/** Each sample's size, file offset and decode time (in the track's timescale), from `stbl`. */
function sampleTable(stbl: Buffer): { sizes: number[]; offsets: number[]; decodeTimes: number[] } | null {
  const stts = findBox(stbl, ['stts']);
  const stsz = findBox(stbl, ['stsz']);
  const stsc = findBox(stbl, ['stsc']);
  const stco = findBox(stbl, ['stco']);
  const co64 = findBox(stbl, ['co64']);
  if (!stts || !stsz || !stsc || !(stco || co64)) return null;

  const count = stsz.readUInt32BE(16);
  const fixed = stsz.readUInt32BE(12);
  const sizes = Array.from({ length: count }, (_, i) => fixed || stsz.readUInt32BE(20 + 4 * i));

  const decodeTimes: number[] = [];
  for (let e = 0, t = 0; e < stts.readUInt32BE(12); e++) {
    const [n, delta] = [stts.readUInt32BE(16 + 8 * e), stts.readUInt32BE(20 + 8 * e)];
    for (let i = 0; i < n; i++, t += delta) decodeTimes.push(t);
  }

  const chunks = co64
    ? Array.from({ length: co64.readUInt32BE(12) }, (_, i) => Number(co64.readBigUInt64BE(16 + 8 * i)))
    : Array.from({ length: stco!.readUInt32BE(12) }, (_, i) => stco!.readUInt32BE(16 + 4 * i));
  const runs = Array.from({ length: stsc.readUInt32BE(12) }, (_, e) => ({
    firstChunk: stsc.readUInt32BE(16 + 12 * e),
    perChunk: stsc.readUInt32BE(20 + 12 * e),
  }));
  const offsets: number[] = [];
  for (let c = 0, r = 0; c < chunks.length && offsets.length < count; c++) {
    while (r + 1 < runs.length && runs[r + 1].firstChunk <= c + 1) r++;
    let at = chunks[c];
    for (let i = 0; i < (runs[r]?.perChunk ?? 0) && offsets.length < count; i++) {
      offsets.push(at);
      at += sizes[offsets.length - 1];
    }
  }
  if (offsets.length !== count || decodeTimes.length !== count) return null;
  return { sizes, offsets, decodeTimes };
}

/** The edit list's leading empty edit (in seconds) and where the media starts (the encoder's priming). */
function editList(trak: Buffer, movieTimescale: number): { emptySeconds: number; mediaTime: number } {
  const elst = findBox(trak, ['edts', 'elst']);
  let emptySeconds = 0;
  if (!elst) return { emptySeconds, mediaTime: 0 };
  const wide = elst[8] === 1;
  const entry = wide ? 20 : 12;
  for (let e = 0; e < elst.readUInt32BE(12); e++) {
    const at = 16 + entry * e;
    const duration = wide ? Number(elst.readBigUInt64BE(at)) : elst.readUInt32BE(at);
    const mediaTime = wide ? Number(elst.readBigInt64BE(at + 8)) : elst.readInt32BE(at + 4);
    if (mediaTime !== -1) return { emptySeconds, mediaTime };
    emptySeconds += duration / movieTimescale;
  }
  return { emptySeconds, mediaTime: 0 };
}

/**
 * Lays a channel's AAC frames on the video's timeline without decoding them: each frame goes to the slot
 * its time (plus the channel's offset) gives, and every slot nothing fills (before the channel starts, its
 * holes, after it ends) gets the silent frame. A frame whose slot is taken already (overlapping times) or
 * falls outside the video is left out. Accurate to half a frame (about 10 ms at 48 kHz).
 */
export function layOnTimeline<T>(
  frames: T[],
  times: number[],
  silent: T,
  offsetSeconds: number,
  durationSeconds: number,
  sampleRate: number,
): T[] {
  const frameSeconds = FRAME_SAMPLES / sampleRate;
  const slots = Math.ceil(durationSeconds / frameSeconds);
  const out: T[] = [];
  for (const [i, frame] of frames.entries()) {
    const slot = Math.round((times[i] + offsetSeconds) / frameSeconds);
    if (slot < out.length || slot >= slots) continue;
    while (out.length < slot) out.push(silent);
    out.push(frame);
  }
  while (out.length < slots) out.push(silent);
  return out;
}

/** Made once per format for the worker's lifetime: an ffmpeg run per archive would cost more than the rest. */
const silentFrames = new Map<string, Promise<Buffer>>();

/** One raw AAC-LC frame of digital silence in a channel's format (taken past the encoder's start-up). */
function silentFrame(sampleRate: number, channels: number): Promise<Buffer> {
  const key = `${sampleRate}/${channels}`;
  let made = silentFrames.get(key);
  if (!made) {
    made = encodeSilence(sampleRate, channels);
    silentFrames.set(key, made);
    made.catch(() => silentFrames.delete(key)); // a later archive tries again
  }
  return made;
}

async function encodeSilence(sampleRate: number, channels: number): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'rostrum-silence-'));
  try {
    const file = path.join(dir, 'silence.m4a');
    await runTool('ffmpeg', [
      ...['-nostdin', '-hide_banner', '-v', 'error', '-f', 'lavfi'],
      ...['-i', `anullsrc=r=${sampleRate}:cl=${channels === 1 ? 'mono' : 'stereo'}`, '-t', '1'],
      ...['-c:a', 'aac', '-b:a', '32k', '-f', 'mp4', '-y', file],
    ]);
    const track = await readAacTrack(file);
    if (!track || track.sizes.length < 12) throw new Error('no silent AAC frame could be made');
    return Buffer.from(track.data.subarray(track.offsets[10], track.offsets[10] + track.sizes[10]));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A channel's track for the archive: its sample description and one frame per 1024 samples of the video. */
export interface LaidChannel {
  sampleRate: number;
  stsd: Buffer;
  /** The channel's frames, one per slot of the video's timeline: `frame(slot)`. */
  slots: number;
  frame: (slot: number) => Buffer;
}

/**
 * A channel that is AAC-LC in MP4 already, laid on the video's timeline without re-encoding: its own frames
 * with silent ones where it has nothing. Null when the channel is not such a file (it must be encoded).
 */
export async function layAacChannel(
  source: string,
  offsetSeconds: number,
  durationSeconds: number,
): Promise<LaidChannel | null> {
  const track = await readAacTrack(source);
  if (!track) return null;
  const silent = await silentFrame(track.sampleRate, track.channels);
  const { data, offsets, sizes } = track;
  // Frame numbers, not buffers: tens of thousands of Buffer views cost more than the rest of the reading.
  const numbers = Array.from(sizes, (_, i) => i);
  const laid = layOnTimeline(numbers, track.times, -1, offsetSeconds, durationSeconds, track.sampleRate);
  return {
    sampleRate: track.sampleRate,
    stsd: track.stsd,
    slots: laid.length,
    frame: (slot) => {
      const i = laid[slot];
      return i < 0 ? silent : data.subarray(offsets[i], offsets[i] + sizes[i]);
    },
  };
}
