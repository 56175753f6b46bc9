import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { Chapter } from '@rostrum/contracts';
import { RecordingEntity } from '@rostrum/database';
import { archiveFileNames, captionsToWebVtt, chaptersToWebVtt } from '@rostrum/recordings';
import { AppError } from '../common/app-error';
import { parseRange } from './http-range';

/**
 * Sends a recording's archived video or poster, streamed from ARCHIVE_DIR, with HTTP range requests so
 * players can seek. The file is named by the recording's id; nothing the client sent becomes a path.
 */
export async function sendArchiveFile(
  req: Request,
  res: Response,
  archiveDir: string,
  recording: RecordingEntity,
  kind: 'video' | 'poster',
  download = false,
): Promise<void> {
  const stored = kind === 'video' ? recording.videoFile : recording.posterFile;
  if (!stored) throw new AppError('NOT_FOUND', `This recording has no ${kind} yet`);
  const file = path.join(archiveDir, archiveFileNames(recording.id)[kind]);
  const handle = await fs.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT')
      throw new AppError('NOT_FOUND', `The ${kind} file of this recording is missing`);
    throw err;
  });
  try {
    const { size, mtime } = await handle.stat();
    res.setHeader('Accept-Ranges', 'bytes');
    const range = parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${size}`);
      throw new AppError('RANGE_NOT_SATISFIABLE', `The requested range is outside the file (${size} bytes)`);
    }
    res.setHeader('Content-Type', kind === 'video' ? 'video/mp4' : 'image/jpeg');
    res.setHeader('Last-Modified', mtime.toUTCString());
    res.setHeader('Cache-Control', recording.published ? 'public, max-age=300' : 'private, no-cache');
    if (download)
      res.setHeader('Content-Disposition', attachment(recording.title, kind === 'video' ? 'mp4' : 'jpg'));
    const { start, end } = range ?? { start: 0, end: size - 1 };
    if (range) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    }
    res.setHeader('Content-Length', String(size === 0 ? 0 : end - start + 1));
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    // The stream takes over the descriptor (and closes it); a client that goes away stops the read.
    const stream = createReadStream('', { fd: handle, start, end, highWaterMark: 256 * 1024 });
    await pipeline(stream, res).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    });
  } finally {
    // Already closed by the stream when one was made; a no-op then.
    await handle.close().catch(() => undefined);
  }
}

/** The chapters as WebVTT, from the row (the truth), not from the file the worker also writes. */
export function sendChapters(res: Response, recording: RecordingEntity, chapters: Chapter[]): void {
  res.setHeader('Content-Type', 'text/vtt; charset=utf-8');
  res.setHeader('Cache-Control', recording.published ? 'public, max-age=300' : 'private, no-cache');
  res.send(chaptersToWebVtt(chapters));
}

/** A transcript as WebVTT captions; cached like the chapters (public ones may sit in shared caches). */
export function sendCaptions(
  res: Response,
  recording: RecordingEntity,
  segments: { startSeconds: number; endSeconds: number; text: string }[],
): void {
  res.setHeader('Content-Type', 'text/vtt; charset=utf-8');
  res.setHeader('Cache-Control', recording.published ? 'public, max-age=300' : 'private, no-cache');
  res.send(captionsToWebVtt(segments));
}

/** `attachment` with the title as the file name: ASCII fallback plus the UTF-8 form (RFC 6266). */
function attachment(title: string, ext: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'recording';
  const ascii = base.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
}
