// node -r @swc-node/register bench/live-captions.bench.ts: live captions end to end. FFmpeg plays flite speech
// in real time (-re) into a live panel's HLS folder in 4-second segments, as the egress does with WEBCAST_HLS;
// a worker (LIVE_CAPTIONS) captions it and a socket.io client of an API process receives `caption:segment`.
// The delay of a caption is its arrival less the moment its first word was said (the panel's start plus the
// caption's startSeconds): the oldest word of each caption, so the longest wait. Writes its section of
// docs/benchmarks.md. BENCH_CAPTION_SENTENCES (default 24) sizes the speech.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { loadConfig } from '@rostrum/config';
import { CaptionSegment, LIVE_NAMESPACE } from '@rostrum/contracts';
import { HLS_DIR, HLS_LIVE_PLAYLIST, panelDirName } from '@rostrum/recordings';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { FliteVoice, makeSpeechVideo, wordErrorRate } from '../libs/testing/src/speech-media';
import { createBenchSetup } from './lib/bench-setup';
import { startChild } from './lib/processes';
import { writeSection } from './lib/report';

const SENTENCES = Number(process.env.BENCH_CAPTION_SENTENCES ?? 24);
const SEGMENT_SECONDS = 4;
const VOICES: FliteVoice[] = ['slt', 'rms', 'awb', 'kal16'];
const TOPICS = [
  'patents and copyright',
  'the ownership of data',
  'open source software',
  'access to medicines',
];
const DELEGATIONS = ['Brazil', 'Kenya', 'France', 'Canada', 'India', 'Japan'];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main() {
  const loadAtStart = loadavg()[0];
  const setup = await createBenchSetup();
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-bench-captions-'));
  const env = {
    ...setup.env,
    RECORDINGS_DIR: join(dir, 'recordings'),
    ARCHIVE_DIR: join(dir, 'archive'),
    WEBCAST_HLS: 'true',
    LIVE_CAPTIONS: 'true',
  };
  const api = await startChild('api-process.ts', env);
  const worker = await createWorkerApp(loadConfig(env));
  try {
    const [panel]: { id: string }[] = await setup.db.query(`
      WITH e AS (INSERT INTO events (title, starts_at, ends_at)
                 VALUES ('Bench', now(), now() + interval '1 day') RETURNING id)
      INSERT INTO panels (event_id, title, starts_at, ends_at, settings, status, started_at)
      SELECT id, 'Captions', now(), now() + interval '1 hour', '{}'::jsonb, 'live', now() FROM e RETURNING id`);
    const hls = join(env.RECORDINGS_DIR, panelDirName(panel.id), HLS_DIR);
    mkdirSync(hls, { recursive: true });
    const floor = join(dir, 'floor.mp4');
    const spoken = await makeSpeechVideo(floor, [
      { silence: 1 },
      ...Array.from({ length: SENTENCES }, (_, i) => [
        {
          say: `The delegation of ${DELEGATIONS[i % DELEGATIONS.length]} speaks about ${TOPICS[i % TOPICS.length]}.`,
          voice: VOICES[i % VOICES.length],
        },
        { silence: 0.6 },
      ]).flat(),
      { silence: 2 },
    ]);

    const socket = io(`http://127.0.0.1:${api.port}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      forceNew: true,
    });
    const received: { caption: CaptionSegment; at: number }[] = [];
    socket.on('caption:segment', (caption: CaptionSegment) => received.push({ caption, at: Date.now() }));
    await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
    const joined = await socket.timeout(10_000).emitWithAck('panel:join', { panelId: panel.id });
    if (!joined.ok) throw new Error(`panel:join: ${joined.error.code}`);

    const startedAt = Date.now();
    await setup.db.query('UPDATE panels SET started_at = $2 WHERE id = $1', [panel.id, new Date(startedAt)]);
    await new Promise<void>((resolve, reject) => {
      const ffmpeg = spawn('ffmpeg', [
        ...['-nostdin', '-v', 'error', '-re', '-i', floor, '-vn', '-c:a', 'aac', '-f', 'hls'],
        ...['-hls_time', String(SEGMENT_SECONDS), '-hls_list_size', '6'],
        ...['-hls_segment_filename', join(hls, 'segment_%05d.ts'), join(hls, HLS_LIVE_PLAYLIST)],
      ]);
      ffmpeg.on('error', reject);
      ffmpeg.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`)),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, (SEGMENT_SECONDS + 5) * 1000));
    socket.close();

    const firstWord = received
      .map((r) => (r.at - (startedAt + r.caption.startSeconds * 1000)) / 1000)
      .sort((a, b) => a - b);
    const lastWord = received
      .map((r) => (r.at - (startedAt + r.caption.endSeconds * 1000)) / 1000)
      .sort((a, b) => a - b);
    const bound = SEGMENT_SECONDS + 3;
    const within = firstWord.filter((d) => d <= bound).length;
    const wer = wordErrorRate(
      spoken.map((s) => s.text).join(' '),
      received.map((r) => r.caption.text).join(' '),
    );
    const audioSeconds = spoken[spoken.length - 1].endSeconds + 2;
    console.log({ captions: received.length, firstWord, wer });
    const file = writeSection(
      'Live captions',
      `\`bench/live-captions.bench.ts\` plays ${audioSeconds.toFixed(0)} s of flite speech (${SENTENCES} sentences, ${VOICES.length}
voices) in real time (\`ffmpeg -re\`) into a live panel's HLS folder in ${SEGMENT_SECONDS}-second segments, as the egress
does with \`WEBCAST_HLS\`; one worker (\`LIVE_CAPTIONS=true\`) captions it, and a socket.io client of an API
process receives \`caption:segment\`. A caption's delay is its arrival less the moment its first (oldest) word
was said — the panel's start plus the caption's \`startSeconds\` — and, for its last word, \`endSeconds\`.
On ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start.

| measure | figure | target |
| --- | --- | --- |
| captions received | ${received.length} | |
| delay from the first word of a caption, median | ${percentile(firstWord, 0.5).toFixed(2)} s | |
| delay from the first word, p95 | ${percentile(firstWord, 0.95).toFixed(2)} s | |
| delay from the first word, max | ${firstWord[firstWord.length - 1].toFixed(2)} s (${within} of ${firstWord.length} within ${bound} s) | every caption ≤ ${bound} s (segment + 3 s) ${within === firstWord.length ? '(met)' : '(**not met**)'} |
| delay from the last word, median / p95 | ${percentile(lastWord, 0.5).toFixed(2)} s / ${percentile(lastWord, 0.95).toFixed(2)} s | |
| word error of the captions (each half segment heard alone) | ${(wer * 100).toFixed(1)} % | |

Word times are as the worker places them: the segment file's time less its length, plus the recogniser's
times inside it (the e2e test checks the first sentence lands within 2.5 s of where the script has it).

Where the time goes: a segment's file is written whole when it ends (FFmpeg's HLS muxer, like the egress), so
its first word is already up to 4 s old when it is listed, and a word held back at the previous boundary
(at most 1 s of audio) up to 5 s. The worker hears the playlist change at once (fs.watch), FFmpeg decodes
the segment to memory (0.1–0.3 s), and it is cut in two at its quietest 0.2 s near the middle: the panel's two
PocketSphinx processes, kept loaded and fed through named pipes, hear the halves at once (with 0.8 s of
silence after each, which ends the utterance in progress), and the first half's words, the oldest, leave as
soon as they are heard (0.4–0.7 s at load 2–3), the second's right after. The recognisers and the decoding run
at nice −10 in sessions of their own where the worker may raise a priority (as here: root), so the tests and
jobs beside them do not delay them; without the flat second pass (−25 % CPU for about one point of word error).
Shorter segments would lower the floor.

The caption's first word waits for its segment's end (up to 4 s, 5 s for a word carried over) plus about
0.5–1.2 s. Before (one recogniser hearing each whole segment, the model loaded at the first segment, the
playlist read every 150 ms, up to 2.5 s carried over, normal priority), the same bench gave median 5.77 s,
p95 7.17 s, max 7.32 s at load 3.4; one process per segment before that, median 5.84 s, p95 7.01 s, max 9.46 s
at load 3.4.`,
    );
    console.log(`wrote ${file}`);
  } finally {
    await worker.close();
    await api.stop();
    await setup.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
