import { promises as fs } from 'node:fs';
import { ArchiveError } from './archive-error';
import { runTool, ToolError } from './ffmpeg';
import { looksLikeMp4, readTopLevelBoxes } from './mp4-boxes';

export interface MediaInfo {
  durationSeconds: number | null;
  /** The container's `creation_time` tag, when the recorder wrote one. */
  creationTime: Date | null;
  video: { codec: string; pixFmt: string | null; width: number; height: number } | null;
  audio: { codec: string } | null;
}

/** What ffprobe says about the first video and audio streams of a file. */
export async function probeMedia(file: string): Promise<MediaInfo> {
  const json = await runTool('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    file,
  ]);
  const parsed = JSON.parse(json) as { format?: FfprobeFormat; streams?: FfprobeStream[] };
  const streams = parsed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const duration = Number(parsed.format?.duration ?? video?.duration);
  const created = parsed.format?.tags?.creation_time;
  const creationTime = created ? new Date(created) : null;
  return {
    durationSeconds: Number.isFinite(duration) && duration > 0 ? duration : null,
    creationTime: creationTime && !Number.isNaN(creationTime.getTime()) ? creationTime : null,
    video: video
      ? {
          codec: video.codec_name ?? 'unknown',
          pixFmt: video.pix_fmt ?? null,
          width: video.width ?? 0,
          height: video.height ?? 0,
        }
      : null,
    audio: audio ? { codec: audio.codec_name ?? 'unknown' } : null,
  };
}

export interface SourceInfo extends MediaInfo {
  /** The size of an MP4 source's index (moov box), which predicts the archived file's. */
  indexBytes: number | null;
}

/**
 * Checks that a source recording is whole before anything is written: not empty, a sound MP4 box layout
 * when it is one, readable by ffprobe, with a video stream and a duration. Throws ArchiveError saying why.
 */
export async function inspectSource(file: string): Promise<SourceInfo> {
  const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new ArchiveError('The source file is missing from RECORDINGS_DIR');
    throw err;
  });
  if (!stat.isFile()) throw new ArchiveError('The source is not a regular file');
  if (stat.size === 0) throw new ArchiveError('The source file is empty');
  const corrupt = (why: string) => new ArchiveError(`The source file is incomplete or corrupt: ${why}`);
  let indexBytes: number | null = null;
  if (await looksLikeMp4(file)) {
    const { boxes, problem } = await readTopLevelBoxes(file);
    if (problem) throw corrupt(problem);
    indexBytes = boxes.find((b) => b.type === 'moov')?.size ?? null;
  }
  let info: MediaInfo;
  try {
    info = await probeMedia(file);
  } catch (err) {
    if (err instanceof ToolError) throw corrupt(`ffprobe cannot read it (${err.detail})`);
    throw err;
  }
  if (!info.video) throw new ArchiveError('The source file has no video stream');
  if (!info.durationSeconds) throw corrupt('it has no duration');
  return { ...info, indexBytes };
}

/** Browsers play H.264 (8-bit 4:2:0) with AAC or MP3 in MP4 everywhere; anything else is re-encoded. */
export function encodingPlan(info: MediaInfo): { video: 'copy' | 'h264'; audio: 'copy' | 'aac' | 'none' } {
  const v = info.video;
  const videoOk = v?.codec === 'h264' && (v.pixFmt === 'yuv420p' || v.pixFmt === 'yuvj420p');
  const audio = !info.audio ? 'none' : ['aac', 'mp3'].includes(info.audio.codec) ? 'copy' : 'aac';
  return { video: videoOk ? 'copy' : 'h264', audio };
}

interface FfprobeFormat {
  duration?: string;
  tags?: { creation_time?: string };
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
}
