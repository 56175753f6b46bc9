import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTopLevelBoxes } from './mp4-boxes';

const box = (type: string, payload: number) => {
  const b = Buffer.alloc(8 + payload);
  b.writeUInt32BE(8 + payload, 0);
  b.write(type, 4, 'latin1');
  return b;
};

describe('readTopLevelBoxes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-boxes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, ...parts: Buffer[]) => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat(parts));
    return path;
  };

  it('should list the boxes when the file is whole', async () => {
    const sut = await readTopLevelBoxes(
      file('whole.mp4', box('ftyp', 16), box('moov', 100), box('mdat', 1000)),
    );

    expect(sut.problem).toBeNull();
    expect(sut.boxes.map((b) => [b.type, b.offset, b.size])).toEqual([
      ['ftyp', 0, 24],
      ['moov', 24, 108],
      ['mdat', 132, 1008],
    ]);
  });

  it('should report the box that runs past the end when the file was cut short', async () => {
    const whole = Buffer.concat([box('ftyp', 16), box('moov', 100), box('mdat', 1000)]);
    const sut = await readTopLevelBoxes(file('cut.mp4', whole.subarray(0, 600)));

    expect(sut.problem).toBe('the "mdat" box needs 1140 bytes but the file has 600');
  });

  it('should report a missing index when the file has no moov box', async () => {
    const sut = await readTopLevelBoxes(file('noindex.mp4', box('ftyp', 16), box('mdat', 100)));

    expect(sut.problem).toBe('it has no "moov" box (no index)');
  });

  it('should read a 64-bit box size when the size field is 1', async () => {
    const large = Buffer.alloc(16 + 10);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeBigUInt64BE(26n, 8);
    const sut = await readTopLevelBoxes(file('large.mp4', box('ftyp', 8), box('moov', 8), large));

    expect(sut.problem).toBeNull();
    expect(sut.boxes[2]).toEqual({ type: 'mdat', offset: 32, size: 26 });
  });
});
