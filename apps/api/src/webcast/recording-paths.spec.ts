import { EgressInfo } from 'livekit-server-sdk';
import { egressOutputs, insideDir, recordedSourcePath } from './recording-paths';

const PANEL = '4b8f6a0e-2f7c-4c1e-9a53-0f3c1d2e5a6b';
const DIR = `panel-${PANEL}`;

const reported = (filename: string, location = filename) =>
  new EgressInfo({ fileResults: [{ filename, location }] });

describe('recordedSourcePath', () => {
  it('should keep the file under the panel directory when Egress reports the path it was given', () => {
    const sut = recordedSourcePath(reported(`/data/recordings/${DIR}/${DIR}-2026-11-04T101500.mp4`), PANEL);
    expect(sut).toBe(`${DIR}/${DIR}-2026-11-04T101500.mp4`);
  });

  it('should map Egress’s own container path back under RECORDINGS_DIR when it differs', () => {
    expect(recordedSourcePath(reported(`/out/${DIR}/a.mp4`), PANEL)).toBe(`${DIR}/a.mp4`);
  });

  it('should take a bare file name as a file in the panel directory', () => {
    expect(recordedSourcePath(reported('a.mp4'), PANEL)).toBe(`${DIR}/a.mp4`);
  });

  it('should give null when the file is outside the panel directory, nested, hidden or not an MP4', () => {
    for (const path of [
      '/etc/passwd.mp4',
      `/data/recordings/panel-other/a.mp4`,
      `/data/${DIR}/../a.mp4`,
      `/data/${DIR}/sub/a.mp4`,
      `/data/${DIR}/.a.mp4`,
      `/data/${DIR}/a.mkv`,
      `/data/${DIR}/`,
    ]) {
      expect(recordedSourcePath(reported(path), PANEL)).toBeNull();
    }
    expect(recordedSourcePath(new EgressInfo(), PANEL)).toBeNull();
  });

  it('should fall back on the file name when the location is unusable', () => {
    expect(recordedSourcePath(reported(`/out/${DIR}/b.mp4`, 's3://bucket/b.mp4'), PANEL)).toBe(
      `${DIR}/b.mp4`,
    );
  });
});

describe('egressOutputs', () => {
  it('should ask for an MP4 named by Egress in the panel directory, and HLS only when on', () => {
    const sut = egressOutputs('/data/recordings', PANEL, false);
    expect(sut.file?.filepath).toBe(`/data/recordings/${DIR}/{room_name}-{time}.mp4`);
    expect(sut.segments).toBeUndefined();
    expect(egressOutputs('/data/recordings', PANEL, true).segments).toMatchObject({
      playlistName: `/data/recordings/${DIR}/hls/index.m3u8`,
      livePlaylistName: `/data/recordings/${DIR}/hls/live.m3u8`,
    });
  });
});

describe('insideDir', () => {
  it('should resolve paths inside the root and refuse ones that leave it', () => {
    expect(insideDir('/data/rec', 'panel-x/a.mp4')).toBe('/data/rec/panel-x/a.mp4');
    expect(insideDir('/data/rec', '../a.mp4')).toBeNull();
    expect(insideDir('/data/rec', '/etc/passwd')).toBeNull();
    expect(insideDir('/data/rec', '')).toBeNull();
  });
});
