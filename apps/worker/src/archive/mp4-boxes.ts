import { promises as fs } from 'node:fs';

export interface Mp4Box {
  type: string;
  offset: number;
  size: number;
}

/**
 * The top-level boxes of an MP4/MOV file, or the reason the layout is broken. A recording cut short (a crashed
 * egress, an interrupted copy) has a box that runs past the end of the file, or no `moov` at all; ffprobe
 * accepts some of these (a fast-start file missing its tail still probes with its full duration).
 */
export async function readTopLevelBoxes(file: string): Promise<{ boxes: Mp4Box[]; problem: string | null }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const boxes: Mp4Box[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset < fileSize) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) return { boxes, problem: `the file ends inside a box header at byte ${offset}` };
      const type = header.toString('latin1', 4, 8);
      let size = header.readUInt32BE(0);
      if (size === 1) {
        if (bytesRead < 16) return { boxes, problem: `the file ends inside the "${type}" box header` };
        size = Number(header.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - offset; // "extends to the end of the file"
      }
      if (size < 8)
        return { boxes, problem: `box "${printable(type)}" at byte ${offset} has an invalid size` };
      if (offset + size > fileSize) {
        return {
          boxes,
          problem: `the "${printable(type)}" box needs ${offset + size} bytes but the file has ${fileSize}`,
        };
      }
      boxes.push({ type, offset, size });
      offset += size;
    }
    if (!boxes.some((b) => b.type === 'moov')) return { boxes, problem: 'it has no "moov" box (no index)' };
    return { boxes, problem: null };
  } finally {
    await handle.close();
  }
}

/** Whether a file starts like an ISO base media file (`ftyp` first). */
export async function looksLikeMp4(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const header = Buffer.alloc(8);
    const { bytesRead } = await handle.read(header, 0, 8, 0);
    return bytesRead === 8 && header.toString('latin1', 4, 8) === 'ftyp';
  } finally {
    await handle.close();
  }
}

const printable = (type: string) => type.replace(/[^\x20-\x7e]/g, '?');

/** A box's four-character type. */
export const boxType = (b: Buffer) => b.toString('latin1', 4, 8);

/** The 8-byte header of a box of `type` holding `contentBytes`. */
export function boxHeader(type: string, contentBytes: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + contentBytes, 0);
  header.write(type, 4, 'latin1');
  return header;
}

/** A box of `type` around `content`. */
export function box(type: string, content: Buffer[]): Buffer {
  return Buffer.concat([
    boxHeader(
      type,
      content.reduce((s, c) => s + c.length, 0),
    ),
    ...content,
  ]);
}

/** A "full box": version and flags, then `content`. */
export function fullBox(type: string, version: number, flags: number, content: Buffer[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version << 24) | flags) >>> 0, 0);
  return box(type, [head, ...content]);
}

/** Big-endian 32-bit fields. */
export function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

export function u64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(value), 0);
  return b;
}

/** The boxes inside a container box (its 8-byte header, and `skip` more bytes, passed over). */
export function children(parent: Buffer, skip = 0): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 8 + skip; at + 8 <= parent.length;) {
    const size = parent.readUInt32BE(at);
    if (size < 8 || at + size > parent.length) break;
    out.push(parent.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** The first box down a path of types, or undefined. */
export function findBox(parent: Buffer, pathTypes: string[]): Buffer | undefined {
  let at: Buffer | undefined = parent;
  for (const t of pathTypes) {
    at = children(at).find((b) => boxType(b) === t);
    if (!at) return undefined;
  }
  return at;
}
