import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ArchiveError } from './archive-error';
import type { AudioTrackPlan } from './channel-mix';
import { runTool, ToolError } from './ffmpeg';

/** The package's master playlist, inside the recording's HLS directory. */
export const HLS_MASTER = 'master.m3u8';
const SEGMENT_SECONDS = 6;

/** What the package is cut from: files and ffmpeg maps, the video first, then the tracks in order. */
export interface HlsInputs {
  files: string[];
  maps: string[];
}

/** The archived MP4 itself (every track in it). */
export const fromArchivedMp4 = (mp4: string, tracks: AudioTrackPlan[]): HlsInputs => ({
  files: [mp4],
  maps: ['0:v:0', ...tracks.map((_, i) => `0:a:${i}`)],
});

/** The source (video and floor, both stream-copied into the MP4) and the aligned channels' files. */
export const fromSourceAndChannels = (source: string, channels: string[]): HlsInputs => ({
  files: [source, ...channels],
  maps: ['0:v:0', '0:a:0', ...channels.map((_, i) => `${i + 1}:a:0`)],
});

/** A rendition's directory: `video`, `floor`, or the channel's code. */
export const renditionDir = (track: AudioTrackPlan) => track.language;

/**
 * An HLS package of the archived MP4 (stream copy, fMP4 segments): the video as one variant and every
 * audio track as an alternate rendition (`EXT-X-MEDIA TYPE=AUDIO` with LANGUAGE and NAME, the floor's the
 * default), so that players offer a language menu.
 */
export async function makeHlsPackage(
  from: HlsInputs,
  dir: string,
  tracks: AudioTrackPlan[],
  floorLanguage: string | null,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const streams = [
    'v:0,agroup:audio,name:video',
    ...tracks.map((t, i) => {
      const language = t.language === 'floor' ? floorLanguage : t.language;
      return [`a:${i}`, 'agroup:audio', `name:${renditionDir(t)}`]
        .concat(language ? [`language:${language}`] : [])
        .concat(i === 0 ? ['default:yes'] : [])
        .join(',');
    }),
  ];
  try {
    await runTool('ffmpeg', [
      ...['-nostdin', '-hide_banner', '-v', 'error', ...from.files.flatMap((f) => ['-i', f])],
      ...from.maps.flatMap((m) => ['-map', m]),
      // ADTS channels (aligned AAC frames) need their headers turned into the MP4 form; others pass through.
      ...['-c', 'copy', '-bsf:a', 'aac_adtstoasc'],
      ...['-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod'],
      ...['-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments'],
      ...['-var_stream_map', streams.join(' '), '-master_pl_name', HLS_MASTER],
      ...['-hls_segment_filename', path.join(dir, '%v', 'segment-%d.m4s')],
      path.join(dir, '%v', 'index.m3u8'),
    ]);
  } catch (err) {
    if (err instanceof ToolError) throw new ArchiveError(`The HLS package could not be made: ${err.detail}`);
    throw err;
  }
  const master = path.join(dir, HLS_MASTER);
  await fs.writeFile(master, namedRenditions(await fs.readFile(master, 'utf8'), tracks));
}

/** ffmpeg names renditions `audio_1`…: each gets its track's title instead, found by its URI. */
export function namedRenditions(master: string, tracks: AudioTrackPlan[]): string {
  return master
    .split('\n')
    .map((line) => {
      if (!line.startsWith('#EXT-X-MEDIA:')) return line;
      const track = tracks.find((t) => line.includes(`URI="${renditionDir(t)}/`));
      return track ? line.replace(/NAME="[^"]*"/, `NAME="${track.title.replace(/"/g, "'")}"`) : line;
    })
    .join('\n');
}
