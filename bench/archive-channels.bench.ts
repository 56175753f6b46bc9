/**
 * `npm run bench:archive-channels`: archives a generated 30-minute 720p recording with two interpretation
 * channels (French from 7.3 s, Chinese from 12 s, 20 s of nobody live in the French one) through the
 * worker's pipeline, and the same recording with the floor alone, alternating, in the same run. Targets:
 * at least 50 × realtime with the channels, and their cost against the floor alone (target ≤ 1.5 ×).
 * Writes the "## Archive with interpretation channels" section of docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveMedia } from '../apps/worker/src/archive/archive-pipeline';
import { makeToneMedia } from '../libs/testing/src/channel-mix-media';
import { makeTestVideo } from '../libs/testing/src/media';
import { writeSection } from './lib/report';

const SECONDS = 30 * 60;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_REALTIME = 50;
const TARGET_RATIO = 1.5;
const WORK = join(tmpdir(), 'rostrum-bench-archive-channels');
const SOURCE = join(WORK, `source-${SECONDS}s-720p.mp4`);
const CHANNELS = [
  { language: 'fr', offsetSeconds: 7.3, toneHz: 600, gaps: [[300, 320]] as [number, number][] },
  { language: 'zh', offsetSeconds: 12, toneHz: 800, gaps: [] },
];
const channelFile = (language: string) => join(WORK, `channel-${language}.m4a`);

/**
 * A minute of LiveKit's 720p preset (H.264 3 Mbps, AAC 128 kbps), repeated 30 times by stream copy: real
 * bitrates and sizes in seconds instead of half an hour of encoding. Channels: AAC mono tones, likewise.
 */
async function generate(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const repeat = (minute: string, target: string, seconds: number) => {
    const list = join(WORK, 'list.txt');
    writeFileSync(list, `file '${minute}'\n`.repeat(Math.ceil(seconds / 60)));
    execFileSync('ffmpeg', [
      ...['-nostdin', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list],
      ...['-c', 'copy', '-t', String(seconds), '-f', 'mp4', `${target}.part`],
    ]);
    execFileSync('mv', [`${target}.part`, target]);
  };
  if (!existsSync(SOURCE)) {
    console.log(`generating a ${SECONDS} s 1280x720 recording (once; kept in ${WORK})…`);
    const minute = join(WORK, 'minute.mp4');
    await makeTestVideo(minute, {
      seconds: 60,
      width: 1280,
      height: 720,
      fps: 30,
      videoBitrate: '3M',
      preset: 'ultrafast',
    });
    repeat(minute, SOURCE, SECONDS);
  }
  for (const c of CHANNELS) {
    if (existsSync(channelFile(c.language))) continue;
    const minute = join(WORK, `minute-${c.language}.m4a`);
    await makeToneMedia(minute, { seconds: 60, toneHz: c.toneHz, beepsAt: [] });
    const whole = join(WORK, `whole-${c.language}.m4a`);
    repeat(minute, whole, SECONDS - c.offsetSeconds);
    if (c.gaps.length) {
      // A hole in the timestamps, as when nobody was live.
      const drop = c.gaps.map(([from, to]) => `between(t,${from},${to})`).join('+');
      execFileSync('ffmpeg', [
        ...['-nostdin', '-v', 'error', '-y', '-i', whole, '-af', `aselect='not(${drop})'`],
        ...['-c:a', 'aac', '-b:a', '64k', '-f', 'mp4', channelFile(c.language)],
      ]);
    } else {
      execFileSync('mv', [whole, channelFile(c.language)]);
    }
  }
}

async function main(): Promise<void> {
  await generate();
  const size = statSync(SOURCE).size;
  const floorOnly: number[] = [];
  const withChannels: number[] = [];
  const cpu = { floor: [] as number[], channels: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    // Alternating, so that a busier moment of a shared machine does not fall on one side only.
    const order = run % 2 ? ['channels', 'floor'] : ['floor', 'channels'];
    for (const kind of order) {
      const out = join(WORK, `out-${kind}-${run}`);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      const started = process.hrtime.bigint();
      const cpuBefore = cpuSeconds();
      await archiveMedia({
        source: SOURCE,
        archiveDir: out,
        recordingId: `bench-${run}`,
        chapters: async () => [],
        floorLanguage: 'en',
        channels:
          kind === 'channels'
            ? CHANNELS.map((c) => ({
                language: c.language,
                source: channelFile(c.language),
                offsetSeconds: c.offsetSeconds,
              }))
            : [],
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      (kind === 'floor' ? floorOnly : withChannels).push(seconds);
      cpu[kind as 'floor' | 'channels'].push(cpuSeconds() - cpuBefore);
      rmSync(out, { recursive: true, force: true });
    }
  }
  const floor = median(floorOnly);
  const channels = median(withChannels);
  const realtime = SECONDS / channels;
  // Each run's two archives ran next to each other: their ratio is less exposed to the machine's other work.
  const ratios = withChannels.map((t, i) => t / floorOnly[i]);
  const ratio = median(ratios);
  const load = loadavg()[0];
  const cpuRatio = median(cpu.channels.map((t, i) => t / cpu.floor[i]));
  const lines = [
    `source: ${SECONDS} s, 1280x720, H.264 3 Mbps + AAC 128 kbps, ${(size / 1e6).toFixed(0)} MB; channels fr (+7.3 s, a 20 s hole) and zh (+12 s)`,
    `runs: ${RUNS} (median), alternating`,
    `floor alone:        ${floor.toFixed(2)} s  (runs: ${floorOnly.map((t) => t.toFixed(2)).join(', ')})`,
    `with two channels:  ${channels.toFixed(2)} s  (runs: ${withChannels.map((t) => t.toFixed(2)).join(', ')})`,
    `speed:              ${realtime.toFixed(0)} × realtime  (target ≥ ${TARGET_REALTIME} ×) ${verdict(realtime >= TARGET_REALTIME)}`,
    `against the floor:  ${ratio.toFixed(2)} ×, median of each run's ratio (${ratios.map((r) => r.toFixed(2)).join(', ')})  (target ≤ ${TARGET_RATIO} ×) ${verdict(ratio <= TARGET_RATIO)}`,
    `CPU time:           floor alone ${median(cpu.floor).toFixed(2)} s, with channels ${median(cpu.channels).toFixed(2)} s (${cpuRatio.toFixed(2)} ×; runs: ${cpu.floor.map((t) => t.toFixed(2)).join(', ')} / ${cpu.channels.map((t) => t.toFixed(2)).join(', ')})`,
    `load average:       ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  ];
  console.log(lines.join('\n'));
  const ffmpeg = execFileSync('ffmpeg', ['-version'])
    .toString()
    .split('\n')[0]
    .replace(/ Copyright.*/, '');
  const file = writeSection(
    'Archive with interpretation channels',
    `
\`npm run bench:archive-channels\` (\`bench/archive-channels.bench.ts\`) archives a generated 30-minute
1280x720 recording (H.264 3 Mbps + AAC 128 kbps, ${(size / 1e6).toFixed(0)} MB, index at the end) with two
interpretation channels — French starting 7.3 s after the video with a 20 s hole, Chinese starting 12 s
after — through the worker's pipeline (channels aligned, one per core; one remux pass putting
them beside the video with language tags, fragmented; SHA-256, poster, chapters; the HLS package with the
channels as audio renditions, pointing into the MP4; fsync and rename), and, alternating in the same run,
the same recording through the same pipeline with the floor alone (one remux with the index first; no
channel, so no HLS package, as in production). Median of ${RUNS} runs each.

| measure | result | target |
| --- | --- | --- |
| floor alone | ${floor.toFixed(2)} s | |
| with two channels | ${channels.toFixed(2)} s | |
| speed with two channels | ${realtime.toFixed(0)} × realtime | ≥ ${TARGET_REALTIME} × ${verdict(realtime >= TARGET_REALTIME)} |
| cost of the channels (median of each run's ratio: ${ratios.map((r) => r.toFixed(2)).join(', ')}) | ${ratio.toFixed(2)} × the floor alone | ≤ ${TARGET_RATIO} × ${verdict(ratio <= TARGET_RATIO)} |

Runs (s): floor alone ${floorOnly.map((t) => t.toFixed(2)).join(', ')}; with channels ${withChannels.map((t) => t.toFixed(2)).join(', ')}.
Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'} (load average ${load.toFixed(1)}${load > 1 ? ': a machine shared with other work, so the absolute times are pessimistic' : ''}), Node ${process.version}, ${ffmpeg}.

Where the extra time goes: the floor alone is one stream copy (no decoding). An AAC channel (what Egress
writes) is not decoded either: its frames are laid on the video's timeline with silent AAC frames in its
holes (\`aac-channel.ts\`; a channel in another codec is decoded and encoded, mono 24 kHz); both channels are
aligned side by side. The remux then writes the video once with the extra tracks, fragmented. The HLS
package no longer copies the video: each rendition's playlist lists its track's fragments as byte ranges of
the MP4 (hard-linked into the package), after an init segment cut from the MP4's index — a few kilobytes
written, the fragments' headers read from the page cache. Before, the package was a second fMP4 copy of
the whole video, and the run with channels took 4–5 × the floor alone (11.7 s against 2.7 s).

Timed one by one on the same machine (load 3.5–4.5, so ±50 %): aligning both channels 1.7 s (of which the
packet times, one \`ffprobe\` per channel, 0.6 s each); the remux with the two channels 2.5–4.8 s against
0.7–2.9 s for the floor alone — ffmpeg 5.1 reads each input in a thread of its own as soon as there is more
than one, and that alone triples its system time (the floor's remux with an unused second input opened
costs as much; the same four tracks taken from one input cost about as much as two); the HLS package 0.2 s. What
is left of the 1.5 × target is therefore the alignment pass before the remux and the several-input remux,
not the package; each would need the channel tracks written without ffmpeg (sample tables read in
Node instead of \`ffprobe\`, the channels' fragments appended by the worker).
`,
  );
  console.log(`\nwritten to ${file} (## Archive with interpretation channels)`);
}

/**
 * CPU seconds (user and system) of this process and of its finished children (ffmpeg, ffprobe), from
 * /proc: the work done, which other work on a shared machine stretches less than the wall-clock time.
 */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'latin1').replace(/^.*\) /, '').split(' ');
  // utime, stime, cutime, cstime: fields 14–17 of stat(5), 12–15 after the name.
  return fields.slice(11, 15).reduce((s, f) => s + Number(f), 0) / 100;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok: boolean) => (ok ? '✓' : '✗ MISSED');

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
