import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { StoredChapter } from '@rostrum/contracts';
import { archiveFileNames, chaptersToWebVtt } from '@rostrum/recordings';
import { layAacChannel } from './aac-channel';
import { ArchiveError } from './archive-error';
import {
  ArchiveChannel,
  AudioTrackPlan,
  audioTrackPlan,
  channelEncodeArgs,
  floorMuxArgs,
} from './channel-mix';
import { runTool, ToolError } from './ffmpeg';
import { ChannelTrack, remuxWithChannels } from './fmp4-channels';
import { makeHlsPackage } from './hls-package';
import { encodingPlan, inspectSource, MediaInfo, probeMedia, SourceInfo } from './media-probe';

export interface ArchivedMedia {
  durationSeconds: number;
  sizeBytes: number;
  sha256: string;
  width: number;
  height: number;
  creationTime: Date | null;
  reencoded: boolean;
}

export interface ArchiveMediaInput {
  /** The source's absolute path (already checked to lie inside RECORDINGS_DIR). */
  source: string;
  archiveDir: string;
  recordingId: string;
  /** The recording's chapters, once its duration is known. */
  chapters: (media: ArchivedMedia) => Promise<StoredChapter[]>;
  /** Interpretation channels to lay beside the floor's sound (none: the floor alone, as before). */
  channels?: ArchiveChannel[];
  /** The floor's usual language (the event's first), its track's tag. */
  floorLanguage?: string | null;
}

/**
 * Turns one source recording into its archive files: `<id>.mp4` (fast start; remuxed, re-encoded only when
 * the codecs are not web-playable), `<id>.jpg` (poster) and `<id>.vtt` (chapters); with interpretation
 * channels, the MP4 carries one language-tagged audio track per channel, aligned to the video, and
 * `<id>.hls/` holds an HLS package with the channels as alternate audio renditions. Everything is written
 * under temporary names and renamed into place at the end, so a reader never sees a half file, a failure
 * leaves nothing new behind, and a run after a crash at any step ends in the same single set of files.
 */
export async function archiveMedia(
  input: ArchiveMediaInput,
): Promise<{ media: ArchivedMedia; chapters: StoredChapter[]; audioTracks: AudioTrackPlan[] }> {
  const { archiveDir, recordingId } = input;
  const channels = input.channels ?? [];
  await fs.mkdir(archiveDir, { recursive: true });
  await removeStrayTemps(archiveDir, recordingId);
  const temps = new TempFiles(archiveDir, recordingId);
  try {
    const source = await inspectSource(input.source);
    const tracks = audioTrackPlan(input.floorLanguage ?? null, channels);
    const video = temps.create('mp4');
    const poster = temps.create('jpg');
    // The poster comes from the (checked) source, so it is taken while the remux runs; the channels are
    // read (or, in another codec than AAC, encoded) meanwhile too, the remux's output waiting for them.
    const posterMade = makePoster(input.source, poster, source.durationSeconds ?? 0);
    posterMade.catch(() => undefined); // awaited below; not "unhandled" while the remux runs
    const laid = channels.length
      ? layChannels(channels, tracks.slice(1), source.durationSeconds ?? 0, temps)
      : null;
    laid?.catch(() => undefined); // awaited by the remux
    const hls = channels.length ? temps.create('hls') : null;
    const [{ reencoded, digest: written }] = await Promise.all([
      transcode(input.source, video, source, laid && { channels: laid, floor: tracks[0] }),
      posterMade,
    ]);
    // Independent reads of the new file (page cache), its flush to disk and the HLS package (playlists
    // pointing into the MP4's own bytes: the video is written once), side by side. The digest is taken
    // while writing when the worker writes the file (with channels).
    const [output, digest] = await Promise.all([
      probeMedia(video),
      written ?? sha256Of(video),
      fsyncFile(video),
      hls && makeHlsPackage(video, hls, tracks, input.floorLanguage ?? null, source.durationSeconds ?? 0),
    ]);
    const media = checkedOutput(source, output, digest, reencoded);
    const chapters = await input.chapters(media);
    const vtt = temps.create('vtt');
    await fs.writeFile(vtt, chaptersToWebVtt(chapters));

    const names = archiveFileNames(recordingId);
    await Promise.all([poster, vtt].map(fsyncFile));
    await fs.rename(video, path.join(archiveDir, names.video));
    await fs.rename(poster, path.join(archiveDir, names.poster));
    await fs.rename(vtt, path.join(archiveDir, names.chapters));
    // A package from an earlier run (reprocess) gives way; none is left when there are no channels now.
    await fs.rm(path.join(archiveDir, names.hls), { recursive: true, force: true });
    if (hls) await fs.rename(hls, path.join(archiveDir, names.hls));
    await fsyncFile(archiveDir);
    return { media, chapters, audioTracks: output.audio || channels.length ? tracks : [] };
  } finally {
    await temps.removeAll();
  }
}

/**
 * Remux (`-c copy`) or, for codecs browsers cannot play, re-encode to H.264/AAC, with the index (moov) first.
 * `-movflags +faststart` writes the file and then rewrites it whole to move the index up; when the source's
 * index size is known, reserving that much room at the front (`-moov_size`) writes it once instead. With
 * channels it is written fragmented (index first too), so that the HLS package can point into it: ffmpeg
 * writes the video and the floor to a pipe and the worker adds the channels' tracks on the way to the file
 * (one input: ffmpeg 5.1 reads every further input in a thread of its own, which triples its cost).
 */
async function transcode(
  source: string,
  target: string,
  info: SourceInfo,
  mix: { channels: Promise<ChannelTrack[]>; floor: AudioTrackPlan } | null,
): Promise<{ reencoded: boolean; digest: { sha256: string; size: number } | null }> {
  const plan = encodingPlan(info);
  const video =
    plan.video === 'copy'
      ? ['-c:v', 'copy']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '22', '-pix_fmt', 'yuv420p'].concat(
          // libx264 needs even dimensions.
          ['-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2'],
        );
  const audio =
    plan.audio === 'none'
      ? ['-an']
      : plan.audio === 'copy'
        ? ['-c:a', 'copy']
        : ['-c:a', 'aac', '-b:a', '128k'];
  const args = (output: string[]) => [
    ...['-nostdin', '-hide_banner', '-v', 'error', '-xerror', '-i', source],
    ...(mix
      ? [
          ...floorMuxArgs(mix.floor, info.durationSeconds ?? 0, plan.audio),
          '-sn',
          '-dn',
          '-map_metadata',
          '0',
        ]
      : ['-map', '0:v:0', '-map', '0:a:0?', '-sn', '-dn', '-map_metadata', '0', ...audio]),
    ...video,
    ...output,
  ];
  const run = (indexFirst: string[]) => runTool('ffmpeg', args([...indexFirst, '-f', 'mp4', '-y', target]));
  const faststart = ['-movflags', '+faststart'];
  let digest: { sha256: string; size: number } | null = null;
  try {
    if (mix) {
      digest = await remuxWithChannels(args([]), target, mix.channels);
    } else if (plan.video === 'copy' && info.indexBytes) {
      const reserve = Math.ceil(info.indexBytes * 1.2) + 64 * 1024;
      await run(['-moov_size', String(reserve)]).catch((err: unknown) => {
        // The new index outgrew the room: do it the two-pass way.
        if (err instanceof ToolError && /reserved_moov_size is too small/.test(err.stderr))
          return run(faststart);
        throw err;
      });
    } else {
      await run(faststart);
    }
  } catch (err) {
    if (err instanceof ToolError) {
      throw new ArchiveError(`The source file could not be converted: ${err.detail}`);
    }
    throw err;
  }
  return { reencoded: plan.video !== 'copy' || plan.audio === 'aac' || !!mix, digest };
}

/**
 * Each channel laid on the video's timeline, in the channels' order. An AAC channel in MP4 (what Egress
 * writes) keeps its own frames, read from its sample tables with silent frames in its holes; anything else
 * is first decoded and encoded to such a file (aligned by ffmpeg; as many at a time as there are cores).
 */
async function layChannels(
  channels: ArchiveChannel[],
  plans: AudioTrackPlan[],
  durationSeconds: number,
  temps: TempFiles,
): Promise<ChannelTrack[]> {
  const laid: ChannelTrack[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < channels.length; i = next++) {
      const channel = channels[i];
      try {
        let track = await layAacChannel(channel.source, channel.offsetSeconds, durationSeconds);
        if (!track) {
          const encoded = temps.create('m4a');
          await runTool('ffmpeg', channelEncodeArgs(channel, durationSeconds, encoded));
          track = await layAacChannel(encoded, 0, durationSeconds);
        }
        if (!track) throw new ArchiveError(`The ${channel.language} channel could not be encoded to AAC`);
        laid[i] = { ...track, tag: plans[i].tag, title: plans[i].title };
      } catch (err) {
        if (err instanceof ToolError) {
          throw new ArchiveError(`The ${channel.language} channel could not be read: ${err.detail}`);
        }
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(channels.length, availableParallelism()) }, worker));
  return laid;
}

/** A frame a little way in (openings are often black), at most 1280 wide. */
async function makePoster(media: string, target: string, durationSeconds: number): Promise<void> {
  const grab = (at: number) =>
    runTool('ffmpeg', [
      // The key frame at or before `at`: nothing to decode up to the exact time.
      ...['-nostdin', '-hide_banner', '-v', 'error', '-noaccurate_seek', '-ss', at.toFixed(3), '-i', media],
      ...['-frames:v', '1', '-vf', "scale='min(1280,iw)':-2", '-q:v', '3', '-f', 'image2', '-y', target],
    ]);
  const written = () =>
    fs.stat(target).then(
      (st) => st.size > 0,
      () => false,
    );
  try {
    await grab(Math.min(durationSeconds * 0.1, 30));
    // Seeking past the last decodable frame writes nothing: take the first frame instead.
    if (!(await written())) await grab(0);
  } catch (err) {
    if (err instanceof ToolError) throw new ArchiveError(`No poster frame could be taken: ${err.detail}`);
    throw err;
  }
  if (!(await written())) throw new ArchiveError('No poster frame could be taken from the video');
}

/** The output must hold what the source declared: a shorter one means the source's data ends early. */
function checkedOutput(
  source: MediaInfo,
  output: MediaInfo,
  digest: { sha256: string; size: number },
  reencoded: boolean,
): ArchivedMedia {
  const declared = source.durationSeconds ?? 0;
  const got = output.durationSeconds ?? 0;
  if (!output.video || got <= 0 || got < declared - Math.max(1, declared * 0.02)) {
    throw new ArchiveError(
      `The source file is incomplete or corrupt: its media ends at ${got.toFixed(1)} s of the ${declared.toFixed(1)} s it declares`,
    );
  }
  return {
    durationSeconds: got,
    sizeBytes: digest.size,
    sha256: digest.sha256,
    width: output.video.width,
    height: output.video.height,
    creationTime: source.creationTime,
    reencoded,
  };
}

export async function sha256Of(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Flushes a file (or a directory's entries) to disk, so a rename never publishes data still in flight. */
async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** A previous run's leftovers (a crash mid-write): `<id>.tmp-*`. Only this recording's, never another's. */
export async function removeStrayTemps(dir: string, recordingId: string): Promise<void> {
  const prefix = `${recordingId}.tmp-`;
  const names = await fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return []; // no run ever wrote here
    throw err;
  });
  const stray = names.filter((name) => name.startsWith(prefix));
  await Promise.all(stray.map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })));
}

class TempFiles {
  private readonly files: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly recordingId: string,
  ) {}

  create(ext: string): string {
    const file = path.join(this.dir, `${this.recordingId}.tmp-${randomBytes(4).toString('hex')}.${ext}`);
    this.files.push(file);
    return file;
  }

  /** After the renames these are gone already; after a failure they are what must not stay. */
  async removeAll(): Promise<void> {
    await Promise.all(this.files.map((f) => fs.rm(f, { recursive: true, force: true })));
  }
}
