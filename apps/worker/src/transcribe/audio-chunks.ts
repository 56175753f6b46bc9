import type { TranscriptChunk } from '@rostrum/database';
import { runTool } from '../archive/ffmpeg';

export interface Silence {
  startSeconds: number;
  endSeconds: number;
}

/** Quieter than this for this long is a pause between sentences (speech in a room sits well above it). */
const SILENCE_NOISE = '-35dB';
const SILENCE_MIN_SECONDS = 0.4;

/** The pauses in a file's first audio stream, by ffmpeg's silencedetect filter; none when it has no audio. */
export async function detectSilences(file: string): Promise<Silence[]> {
  const log = await runTool(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-nostats', '-i', file, '-map', '0:a:0?', '-vn'],
      ...['-af', `silencedetect=noise=${SILENCE_NOISE}:d=${SILENCE_MIN_SECONDS}`, '-f', 'null', '-'],
    ],
    'stderr',
  );
  return parseSilences(log);
}

/** silencedetect's `silence_start: 12.3` / `silence_end: 14.1 | …` lines → pauses (one still open at the end runs to Infinity). */
export function parseSilences(log: string): Silence[] {
  const silences: Silence[] = [];
  let start: number | null = null;
  for (const m of log.matchAll(/silence_(start|end): (-?\d+(?:\.\d+)?)/g)) {
    const t = Math.max(0, Number(m[2]));
    if (m[1] === 'start') start = t;
    else if (start !== null) {
      silences.push({ startSeconds: start, endSeconds: t });
      start = null;
    }
  }
  if (start !== null) silences.push({ startSeconds: start, endSeconds: Infinity });
  return silences;
}

/**
 * Cuts a recording into chunks of about `target` seconds, each cut in the middle of the pause nearest to
 * the target length (between half and one and a half times it), so no word is split; where there is no
 * pause in that window (continuous sound), at the target length itself.
 */
export function planChunks(durationSeconds: number, silences: Silence[], target: number): TranscriptChunk[] {
  const middles = silences
    .filter((s) => Number.isFinite(s.endSeconds))
    .map((s) => (s.startSeconds + s.endSeconds) / 2);
  const cuts: number[] = [];
  let position = 0;
  while (durationSeconds - position > target * 1.5) {
    const wanted = position + target;
    const inWindow = middles.filter((m) => m > position + target / 2 && m < position + target * 1.5);
    const cut = inWindow.length
      ? inWindow.reduce((best, m) => (Math.abs(m - wanted) < Math.abs(best - wanted) ? m : best))
      : wanted;
    cuts.push(round(cut));
    position = cut;
  }
  const edges = [0, ...cuts, round(durationSeconds)];
  return edges.slice(1).map((end, i) => ({ startSeconds: edges[i], endSeconds: end }));
}

/** Whether a chunk lies wholly inside one pause: nothing to recognise there. */
export function isSilent(chunk: TranscriptChunk, silences: Silence[]): boolean {
  return silences.some((s) => s.startSeconds <= chunk.startSeconds && s.endSeconds >= chunk.endSeconds);
}

/** One chunk of a file's first audio stream as the 16 kHz mono WAV the recogniser's models expect. */
export async function extractChunkWav(file: string, chunk: TranscriptChunk, wavFile: string): Promise<void> {
  await runTool('ffmpeg', [
    ...['-nostdin', '-v', 'error', '-y', '-ss', String(chunk.startSeconds)],
    ...['-t', String(chunk.endSeconds - chunk.startSeconds), '-i', file, '-map', '0:a:0', '-vn'],
    ...['-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', wavFile],
  ]);
}

const round = (n: number) => Math.round(n * 1000) / 1000;
