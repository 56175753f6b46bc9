import { iso6392Of, nativeName } from './track-languages';

/** One interpretation channel to put beside the video, as the archive receives it. */
export interface ArchiveChannel {
  language: string;
  /** Absolute path, already checked to lie inside RECORDINGS_DIR. */
  source: string;
  /** When the channel's media starts, in seconds after the video's (negative: it started earlier). */
  offsetSeconds: number;
}

/** The output's audio tracks: the floor's first (and default), then each channel. */
export interface AudioTrackPlan {
  /** "floor" or the channel's ISO 639-1 code. */
  language: string;
  /** ISO 639-2/T tag written in the MP4. */
  tag: string;
  title: string;
}

/**
 * A channel's encoding: interpretation is speech, so mono at 24 kHz (everything up to 12 kHz) and 48 kbps
 * AAC, which every browser and HLS player decodes; a third of the work of 48 kHz stereo.
 */
const CHANNEL_ENCODING = ['-ac', '1', '-ar', '24000', '-c:a', 'aac', '-b:a', '48k'];

export function audioTrackPlan(floorLanguage: string | null, channels: ArchiveChannel[]): AudioTrackPlan[] {
  return [
    { language: 'floor', tag: iso6392Of(floorLanguage), title: 'Floor' },
    ...channels.map((c) => ({
      language: c.language,
      tag: iso6392Of(c.language),
      title: nativeName(c.language),
    })),
  ];
}

/**
 * The filter that lays one channel on the video's timeline: `aresample=async=1` fills any hole in the
 * channel's own timestamps (no interpreter live, a dropped connection) with silence from its start; the
 * offset then delays it (or cuts its head when it started before the video), and it is padded with silence
 * and cut to exactly the video's length.
 */
export function channelFilter(offsetSeconds: number, durationSeconds: number): string {
  const steps = ['aresample=async=1:first_pts=0'];
  if (offsetSeconds > 0) steps.push(`adelay=delays=${Math.round(offsetSeconds * 1000)}:all=1`);
  if (offsetSeconds < 0) steps.push(`atrim=start=${(-offsetSeconds).toFixed(3)}`, 'asetpts=PTS-STARTPTS');
  const end = durationSeconds.toFixed(3);
  steps.push('aformat=channel_layouts=mono', `apad=whole_dur=${end}`, `atrim=end=${end}`);
  return steps.join(',');
}

/** ffmpeg's arguments that write one channel, aligned to the video, as an AAC track of its own file. */
export function channelEncodeArgs(
  channel: ArchiveChannel,
  durationSeconds: number,
  target: string,
): string[] {
  return [
    ...['-nostdin', '-hide_banner', '-v', 'error', '-xerror', '-i', channel.source],
    ...['-map', '0:a:0', '-vn', '-sn', '-dn', '-af', channelFilter(channel.offsetSeconds, durationSeconds)],
    ...CHANNEL_ENCODING,
    ...['-f', 'mp4', '-y', target],
  ];
}

/**
 * ffmpeg's arguments, after the video's input, for the output's video and floor tracks when channels
 * follow (added by the worker): the maps, the floor's codec, language tag, title and disposition (the
 * default). `floor` says how the floor's sound is carried ('none': a silent track keeps the order).
 */
export function floorMuxArgs(
  track: AudioTrackPlan,
  durationSeconds: number,
  floor: 'copy' | 'aac' | 'none',
): string[] {
  const output =
    floor === 'none'
      ? ['-filter_complex', `anullsrc=r=48000:cl=mono,atrim=end=${durationSeconds.toFixed(3)}[floor]`]
      : [];
  output.push('-map', '0:v:0', '-map', floor === 'none' ? '[floor]' : '0:a:0');
  output.push(...(floor === 'copy' ? ['-c:a:0', 'copy'] : ['-c:a:0', 'aac', '-b:a:0', '128k']));
  output.push('-metadata:s:a:0', `language=${track.tag}`, '-metadata:s:a:0', `title=${track.title}`);
  output.push('-disposition:a:0', 'default');
  return output;
}
