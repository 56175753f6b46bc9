import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestVideoOptions {
  seconds: number;
  width?: number;
  height?: number;
  fps?: number;
  /**
   * h264: H.264/AAC in MP4 (what LiveKit Egress writes); legacy: MPEG-4 Part 2 video with Opus audio in
   * Matroska, which browsers cannot play and the archive must re-encode.
   */
  codec?: 'h264' | 'legacy';
  /** Index (moov) at the front. Egress writes it at the end, as ffmpeg does by default. */
  faststart?: boolean;
  /** Written as the container's creation_time tag. */
  creationTime?: Date;
  /** H.264 video bitrate, e.g. "3M" (default: the encoder's quality-based choice). */
  videoBitrate?: string;
  preset?: string;
}

/** Generates a video from ffmpeg's test sources (a test pattern and a sine tone). */
export async function makeTestVideo(file: string, options: TestVideoOptions): Promise<void> {
  const { seconds, width = 640, height = 360, fps = 25, codec = 'h264' } = options;
  const args = [
    ...['-nostdin', '-v', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
  ];
  if (codec === 'h264') {
    args.push(
      '-c:v',
      'libx264',
      '-preset',
      options.preset ?? 'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      String(fps * 2),
    );
    if (options.videoBitrate) {
      args.push(
        '-b:v',
        options.videoBitrate,
        '-maxrate',
        options.videoBitrate,
        '-bufsize',
        options.videoBitrate,
      );
    }
    args.push('-c:a', 'aac', '-b:a', '128k', '-f', 'mp4');
    if (options.faststart) args.push('-movflags', '+faststart');
  } else {
    args.push('-c:v', 'mpeg4', '-q:v', '4', '-c:a', 'libopus', '-b:a', '64k', '-f', 'matroska');
  }
  if (options.creationTime) args.push('-metadata', `creation_time=${options.creationTime.toISOString()}`);
  args.push('-shortest', file);
  await run('ffmpeg', args, { maxBuffer: 1 << 20 });
}

/** What ffprobe says of a file's streams: codec, size, duration. */
export async function probeTestVideo(file: string): Promise<{
  durationSeconds: number;
  streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
}> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    file,
  ]);
  const json = JSON.parse(stdout) as { format: { duration: string }; streams: [] };
  return { durationSeconds: Number(json.format.duration), streams: json.streams };
}

/** Per-packet checksums of every stream (ffmpeg's framemd5 of a stream copy): equal means no packet changed. */
export async function packetChecksums(file: string): Promise<string[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-map', '0', '-c', 'copy', '-f', 'framemd5', '-'],
    {
      maxBuffer: 64 << 20,
    },
  );
  return stdout.split('\n').filter((line) => line && !line.startsWith('#'));
}
