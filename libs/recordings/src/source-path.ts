import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A source path that does not name a regular file inside RECORDINGS_DIR; the message says why. */
export class SourcePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourcePathError';
  }
}

export interface ResolvedSource {
  /** The real path, links followed. */
  absolute: string;
  /** The same, relative to the real RECORDINGS_DIR: what the recordings row stores. */
  relative: string;
}

/**
 * Resolves a path given relative to RECORDINGS_DIR, following links, and refuses anything that ends outside
 * it: `..`, absolute paths elsewhere, and symlinks pointing out. The API checks an import with it and the
 * worker checks again before reading, as a link may change in between.
 */
export async function resolveSourcePath(recordingsDir: string, sourcePath: string): Promise<ResolvedSource> {
  if (!sourcePath.trim() || sourcePath.includes('\0')) {
    throw new SourcePathError('sourcePath must name a file inside RECORDINGS_DIR');
  }
  const base = path.resolve(recordingsDir);
  if (!isInside(base, path.resolve(base, sourcePath))) {
    throw new SourcePathError(`sourcePath "${sourcePath}" is outside RECORDINGS_DIR`);
  }
  const root = await realpathOrNull(base);
  const real = root === null ? null : await realpathOrNull(path.resolve(root, sourcePath));
  if (root === null || real === null) {
    throw new SourcePathError(`There is no file "${sourcePath}" in RECORDINGS_DIR`);
  }
  if (!isInside(root, real)) {
    throw new SourcePathError(`sourcePath "${sourcePath}" leads outside RECORDINGS_DIR (links are followed)`);
  }
  if (!(await fs.stat(real)).isFile()) {
    throw new SourcePathError(`sourcePath "${sourcePath}" is not a regular file`);
  }
  return { absolute: real, relative: path.relative(root, real) };
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await fs.realpath(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
    throw err;
  }
}
