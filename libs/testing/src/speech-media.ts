import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probeTestVideo } from './media';

const run = promisify(execFile);

/** flite's voices in Debian's FFmpeg. */
export type FliteVoice = 'slt' | 'kal' | 'kal16' | 'awb' | 'rms';

/** A sentence said by a synthetic voice, or a pause. */
export type SpeechPart = { say: string; voice: FliteVoice } | { silence: number };

/** Where each said part landed in the file, in seconds. */
export interface SpokenPart {
  text: string;
  voice: FliteVoice;
  startSeconds: number;
  endSeconds: number;
}

/**
 * A video whose sound is known speech: each part synthesised by FFmpeg's flite source (or silence), one after
 * the other, over a small plain picture, in H.264/AAC MP4. Answers where each sentence starts and ends.
 */
export async function makeSpeechVideo(
  file: string,
  parts: SpeechPart[],
  options: { creationTime?: Date } = {},
): Promise<SpokenPart[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rostrum-speech-'));
  try {
    const spoken: SpokenPart[] = [];
    const list: string[] = [];
    let at = 0;
    for (const [i, part] of parts.entries()) {
      const wav = join(dir, `${i}.wav`);
      const source =
        'say' in part
          ? `flite=text='${part.say.replace(/[':\\]/g, '')}':voice=${part.voice}`
          : `anullsrc=r=16000:cl=mono:d=${part.silence}`;
      await run('ffmpeg', [
        '-nostdin',
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        source,
        '-ar',
        '16000',
        '-ac',
        '1',
        wav,
      ]);
      const seconds = (await probeTestVideo(wav)).durationSeconds;
      if ('say' in part)
        spoken.push({ text: part.say, voice: part.voice, startSeconds: at, endSeconds: at + seconds });
      at += seconds;
      list.push(`file '${wav}'`);
    }
    await writeFile(join(dir, 'list.txt'), list.join('\n'));
    await run('ffmpeg', [
      ...['-nostdin', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', join(dir, 'list.txt')],
      ...['-f', 'lavfi', '-i', `color=c=navy:s=160x90:r=5:d=${at}`],
      ...['-map', '1:v', '-map', '0:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-b:a', '64k', '-shortest'],
      ...(options.creationTime ? ['-metadata', `creation_time=${options.creationTime.toISOString()}`] : []),
      file,
    ]);
    return spoken;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Word error rate of `heard` against `said`: word-level edit distance over the words said (case and punctuation ignored). */
export function wordErrorRate(said: string, heard: string): number {
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9' ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const a = words(said);
  const b = words(heard);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return a.length ? previous[b.length] / a.length : 0;
}
