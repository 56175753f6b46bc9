import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { RecordingEntity } from '@rostrum/database';
import { archiveFileNames } from '@rostrum/recordings';
import { AppError, notFound } from '../common/app-error';
import { parseRange } from './http-range';

/** A rendition's directory (`video`, `floor`, a language code) and a file name as the worker writes them. */
const RENDITION = /^[a-z0-9_-]{1,20}$/;
const FILE = /^[A-Za-z0-9_-]{1,80}\.(m3u8|m4s|mp4)$/;
const TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
};

/**
 * A file of a recording's HLS package (`<id>.hls/` in ARCHIVE_DIR): the master playlist or a rendition's
 * playlist, init segment or segments (byte ranges: `Range` is honoured). The client names only bare names that the patterns allow; links are
 * followed and must stay inside the recording's own package.
 */
export async function sendHlsFile(
  res: Response,
  archiveDir: string,
  recording: RecordingEntity,
  rendition: string | null,
  name: string,
): Promise<void> {
  const missing = notFound('HLS file');
  if (recording.status !== 'ready' || !FILE.test(name)) throw missing;
  if (rendition !== null && !RENDITION.test(rendition)) throw missing;
  const dir = path.join(archiveDir, archiveFileNames(recording.id).hls);
  const [root, file] = await Promise.all([
    fs.realpath(dir).catch(() => null),
    fs.realpath(path.join(dir, rendition ?? '', name)).catch(() => null),
  ]);
  if (!root || !file || !file.startsWith(root + path.sep)) throw missing;
  const { size } = await fs.stat(file);
  // Rendition segments are byte ranges of one file (the archived MP4, linked into the package).
  const range = parseRange(res.req.headers.range, size);
  res.setHeader('Accept-Ranges', 'bytes');
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${size}`);
    throw new AppError('RANGE_NOT_SATISFIABLE', `The requested range is outside the file (${size} bytes)`);
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  }
  res.setHeader('Content-Type', TYPES[name.split('.').pop()!]);
  res.setHeader('Content-Length', String(size === 0 ? 0 : end - start + 1));
  res.setHeader('Cache-Control', recording.published ? 'public, max-age=300' : 'private, no-cache');
  if (res.req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(file, { start, end }), res).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  });
}
