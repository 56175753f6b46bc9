import { promises as fs } from 'node:fs';
import { runTool } from './ffmpeg';

/** Samples per AAC-LC frame. */
const FRAME_SAMPLES = 1024;

export interface AacStream {
  sampleRate: number;
  channels: number;
  /** Each packet's presentation time in seconds, in the file's order. */
  times: number[];
}

/**
 * The channel's first audio stream when it is AAC-LC (what Egress writes): its format and every packet's
 * time. Null for anything else (the channel is then decoded and encoded instead).
 */
export async function probeAac(file: string): Promise<AacStream | null> {
  // The format as JSON; the packets' times as bare CSV lines (tens of thousands of them: JSON costs more).
  const [json, csv] = await Promise.all([
    runTool('ffprobe', [
      ...['-v', 'error', '-select_streams', 'a:0', '-print_format', 'json'],
      ...['-show_entries', 'stream=codec_name,profile,sample_rate,channels,time_base', file],
    ]),
    runTool('ffprobe', [
      ...['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts', '-of', 'csv=p=0', file],
    ]),
  ]);
  const stream = (
    JSON.parse(json) as {
      streams?: {
        codec_name?: string;
        profile?: string;
        sample_rate?: string;
        channels?: number;
        time_base?: string;
      }[];
    }
  ).streams?.[0];
  if (stream?.codec_name !== 'aac' || stream.profile !== 'LC' || !stream.time_base) return null;
  const times = packetTimes(csv, stream.time_base);
  if (!times) return null;
  return {
    sampleRate: Number(stream.sample_rate),
    channels: stream.channels ?? 1,
    times,
  };
}

/**
 * Packet times in seconds from ffprobe's `packet=pts` CSV: one line a packet, its pts first (side data,
 * such as the priming's skip, may follow on it or on a line of its own). Null if a pts is missing.
 */
export function packetTimes(csv: string, timeBase: string): number[] | null {
  const [num, den] = timeBase.split('/').map(Number);
  const pts = csv
    .split('\n')
    .map((line) => line.split(',')[0].trim())
    .filter((field) => field !== '');
  if (!pts.length || !num || !den || pts.some((p) => !/^-?\d+$/.test(p))) return null;
  return pts.map((p) => (Number(p) * num) / den);
}

/** Splits an ADTS stream into its frames (one per packet); null when it is not one. */
export function adtsFrames(data: Buffer): Buffer[] | null {
  const frames: Buffer[] = [];
  for (let at = 0; at < data.length;) {
    if (data[at] !== 0xff || (data[at + 1] & 0xf0) !== 0xf0 || at + 7 > data.length) return null;
    const length = ((data[at + 3] & 0x03) << 11) | (data[at + 4] << 3) | ((data[at + 5] & 0xe0) >> 5);
    if (length < 7 || at + length > data.length) return null;
    frames.push(data.subarray(at, at + length));
    at += length;
  }
  return frames;
}

/**
 * Lays a channel's AAC frames on the video's timeline without decoding them: each frame goes to the slot
 * its time (plus the channel's offset) gives, and every slot nothing fills (before the channel starts, its
 * holes, after it ends) gets the silent frame. A frame whose slot is taken already (overlapping times) or
 * falls outside the video is left out. Accurate to half a frame (about 10 ms at 48 kHz).
 */
export function layOnTimeline(
  frames: Buffer[],
  times: number[],
  silent: Buffer,
  offsetSeconds: number,
  durationSeconds: number,
  sampleRate: number,
): Buffer[] {
  const frameSeconds = FRAME_SAMPLES / sampleRate;
  const slots = Math.ceil(durationSeconds / frameSeconds);
  const out: Buffer[] = [];
  for (const [i, frame] of frames.entries()) {
    const slot = Math.round((times[i] + offsetSeconds) / frameSeconds);
    if (slot < out.length || slot >= slots) continue;
    while (out.length < slot) out.push(silent);
    out.push(frame);
  }
  while (out.length < slots) out.push(silent);
  return out;
}

/** One frame of digital silence in the channel's own format (taken past the encoder's start-up). */
export async function silentAdtsFrame(
  sampleRate: number,
  channels: number,
  scratch: string,
): Promise<Buffer> {
  await runTool('ffmpeg', [
    ...['-nostdin', '-hide_banner', '-v', 'error', '-f', 'lavfi'],
    ...['-i', `anullsrc=r=${sampleRate}:cl=${channels === 1 ? 'mono' : 'stereo'}`, '-t', '1'],
    ...['-c:a', 'aac', '-b:a', '32k', '-f', 'adts', '-y', scratch],
  ]);
  const frames = adtsFrames(await fs.readFile(scratch));
  if (!frames || frames.length < 12) throw new Error('no silent AAC frame could be made');
  return Buffer.from(frames[10]);
}

/**
 * A channel that is AAC-LC already, aligned without re-encoding: its frames (as ADTS) laid on the video's
 * timeline with silent frames where it has nothing. Returns false when the channel is not such a stream
 * (then it must be encoded).
 */
export async function alignAacChannel(
  source: string,
  offsetSeconds: number,
  durationSeconds: number,
  target: string,
): Promise<boolean> {
  const raw = `${target}.adts`;
  try {
    const aac = await probeAac(source);
    if (!aac || aac.channels > 2) return false;
    await runTool('ffmpeg', [
      ...['-nostdin', '-hide_banner', '-v', 'error', '-i', source],
      ...['-map', '0:a:0', '-c', 'copy', '-f', 'adts', '-y', raw],
    ]);
    const frames = adtsFrames(await fs.readFile(raw));
    if (!frames || frames.length !== aac.times.length) return false;
    const silent = await silentAdtsFrame(aac.sampleRate, aac.channels, `${target}.silence`);
    const laid = layOnTimeline(frames, aac.times, silent, offsetSeconds, durationSeconds, aac.sampleRate);
    await fs.writeFile(target, Buffer.concat(laid));
    return true;
  } finally {
    await Promise.all([raw, `${target}.silence`].map((f) => fs.rm(f, { force: true })));
  }
}
