import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ArchiveError } from './archive-error';
import type { AudioTrackPlan } from './channel-mix';
import { runTool, ToolError } from './ffmpeg';

/** The package's master playlist, inside the recording's HLS directory. */
export const HLS_MASTER = 'master.m3u8';
const SEGMENT_SECONDS = 6;

/** A rendition's directory: `video`, `floor`, or the channel's code. */
export const renditionDir = (track: AudioTrackPlan) => track.language;

/**
 * An HLS package of the archived MP4 (stream copy, fMP4 segments): the video as one variant and every
 * audio track as an alternate rendition (`EXT-X-MEDIA TYPE=AUDIO` with LANGUAGE and NAME, the floor's the
 * default), so that players offer a language menu.
 */
export async function makeHlsPackage(
  mp4: string,
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
      ...['-nostdin', '-hide_banner', '-v', 'error', '-i', mp4],
      ...['-map', '0:v:0', ...tracks.flatMap((_, i) => ['-map', `0:a:${i}`]), '-c', 'copy'],
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
