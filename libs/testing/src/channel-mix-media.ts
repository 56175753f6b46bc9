import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The marker's pitch: far from every tone the tests use, so a band-pass finds only the beeps. */
export const BEEP_HZ = 2000;
const BEEP_SECONDS = 0.2;

export interface ToneMediaOptions {
  seconds: number;
  /** The steady tone standing for speech. */
  toneHz: number;
  /** When (in the file's own time) a short marker beep sounds. */
  beepsAt: number[];
  /** Holes in the file's timestamps (no media at all, as when nobody was live): [from, to] seconds. */
  gaps?: [number, number][];
  /** A test-pattern video track too (otherwise audio only, AAC in MP4). */
  video?: { width: number; height: number; fps: number };
  /** Audio only: Opus in Ogg instead of AAC in MP4 (a recorder that is not Egress). */
  opus?: boolean;
}

/** Generates a tone with marker beeps (and optionally a video and timestamp gaps) from ffmpeg's lavfi. */
export async function makeToneMedia(file: string, options: ToneMediaOptions): Promise<void> {
  const { seconds, toneHz, beepsAt, gaps = [], video } = options;
  const beeps = beepsAt
    .map((at) => `between(t\\,${at}\\,${at + BEEP_SECONDS})*0.8*sin(2*PI*${BEEP_HZ}*t)`)
    .join('+');
  const expr = `0.2*sin(2*PI*${toneHz}*t)${beeps ? `+${beeps}` : ''}`;
  const args = ['-nostdin', '-v', 'error', '-y'];
  if (video) {
    const { width, height, fps } = video;
    args.push('-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`);
  }
  args.push('-f', 'lavfi', '-i', `aevalsrc=${expr}:s=48000:d=${seconds}`);
  // aselect drops the frames but keeps the others' timestamps: a real hole, not silence.
  if (gaps.length) {
    const drop = gaps.map(([from, to]) => `between(t,${from},${to})`).join('+');
    args.push('-af', `aselect='not(${drop})'`);
  }
  if (video)
    args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', String(video.fps * 2));
  if (options.opus && !video) args.push('-c:a', 'libopus', '-b:a', '48k', '-f', 'ogg', file);
  else args.push('-c:a', 'aac', '-b:a', '96k', '-f', 'mp4', file);
  await run('ffmpeg', args, { maxBuffer: 1 << 20 });
}

/** Where marker beeps start in one audio stream of a file (seconds), found through a band-pass. */
export async function beepOnsets(file: string, audioIndex: number): Promise<number[]> {
  const filter = `bandpass=f=${BEEP_HZ}:width_type=h:w=300,silencedetect=n=-30dB:d=0.05`;
  const { stderr } = await run(
    'ffmpeg',
    ['-nostdin', '-hide_banner', '-i', file, '-map', `0:a:${audioIndex}`, '-af', filter, '-f', 'null', '-'],
    { maxBuffer: 16 << 20 },
  );
  const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
  // The last "end" is the end of the file, not a beep.
  return ends.slice(0, -1);
}

/** Stretches of silence (at least `minSeconds`) in one audio stream: [start, end] seconds. */
export async function silences(
  file: string,
  audioIndex: number,
  minSeconds = 1,
): Promise<[number, number][]> {
  const { stderr } = await run(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-i', file, '-map', `0:a:${audioIndex}`],
      ...['-af', `silencedetect=n=-40dB:d=${minSeconds}`, '-f', 'null', '-'],
    ],
    { maxBuffer: 16 << 20 },
  );
  const starts = [...stderr.matchAll(/silence_start: ([\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
  return starts.map((start, i) => [start, ends[i] ?? Infinity]);
}

/** Every stream's type, language tag and default flag, in order. */
export async function streamTags(
  file: string,
): Promise<{ type: string; language: string | null; title: string | null; isDefault: boolean }[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file]);
  const streams = (JSON.parse(stdout) as { streams: FfprobeStream[] }).streams;
  return streams.map((s) => ({
    type: s.codec_type,
    language: s.tags?.language ?? null,
    title: s.tags?.title ?? s.tags?.handler_name ?? null,
    isDefault: s.disposition?.default === 1,
  }));
}

interface FfprobeStream {
  codec_type: string;
  tags?: { language?: string; title?: string; handler_name?: string };
  disposition?: { default?: number };
}
