import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSourcePath } from './source-path';

describe('resolveSourcePath', () => {
  const top = mkdtempSync(join(tmpdir(), 'rostrum-source-'));
  const recordings = join(top, 'recordings');
  mkdirSync(join(recordings, 'panel-1'), { recursive: true });
  writeFileSync(join(recordings, 'panel-1', 'a.mp4'), 'x');
  writeFileSync(join(top, 'secret.mp4'), 'x');
  symlinkSync(join(top, 'secret.mp4'), join(recordings, 'out-link.mp4'));
  symlinkSync(join(recordings, 'panel-1', 'a.mp4'), join(recordings, 'in-link.mp4'));
  symlinkSync(top, join(recordings, 'out-dir'));
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('should answer the real and relative path when the file is inside', async () => {
    await expect(resolveSourcePath(recordings, 'panel-1/a.mp4')).resolves.toEqual({
      absolute: join(recordings, 'panel-1', 'a.mp4'),
      relative: join('panel-1', 'a.mp4'),
    });
  });

  it('should follow a link when it stays inside', async () => {
    await expect(resolveSourcePath(recordings, 'in-link.mp4')).resolves.toMatchObject({
      relative: join('panel-1', 'a.mp4'),
    });
  });

  it('should accept an absolute path when it lies inside', async () => {
    await expect(resolveSourcePath(recordings, join(recordings, 'panel-1/a.mp4'))).resolves.toMatchObject({
      relative: join('panel-1', 'a.mp4'),
    });
  });

  it.each([
    ['../secret.mp4', /outside RECORDINGS_DIR/],
    ['panel-1/../../secret.mp4', /outside RECORDINGS_DIR/],
    ['/etc/passwd', /outside RECORDINGS_DIR/],
    ['out-link.mp4', /leads outside RECORDINGS_DIR/],
    ['out-dir/secret.mp4', /leads outside RECORDINGS_DIR/],
    ['panel-1/missing.mp4', /There is no file/],
    ['panel-1', /not a regular file/],
    ['.', /outside RECORDINGS_DIR/],
    ['', /must name a file/],
  ])('should refuse %p', async (sourcePath, message) => {
    await expect(resolveSourcePath(recordings, sourcePath)).rejects.toThrow(message);
  });
});
