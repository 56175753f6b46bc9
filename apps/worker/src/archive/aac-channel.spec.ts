import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeToneMedia } from '@rostrum/testing';
import { AacTrack, layOnTimeline, readAacTrack } from './aac-channel';

const run = promisify(execFile);

describe('AAC channel without re-encoding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-aac-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should lay frames on the timeline: silence before, in the holes and after; overlaps left out', () => {
    const rate = 1024; // one frame a second, to read slots as seconds
    const frames = ['a', 'b', 'c', 'd', 'e'].map((t) => Buffer.from(t));
    const silent = Buffer.from('.');
    // b at 1 s, a hole until 4 s, d overlapping c's slot, e past the end of the video.
    const times = [0, 1, 4, 4.2, 20];
    const laid = layOnTimeline(frames, times, silent, 2, 9, rate);
    expect(Buffer.concat(laid).toString()).toBe('..ab..c..');
  });

  it('should cut the head of a channel that started before the video', () => {
    const frames = ['a', 'b', 'c'].map((t) => Buffer.from(t));
    const laid = layOnTimeline(frames, [0, 1, 2], Buffer.from('.'), -1, 4, 1024);
    expect(Buffer.concat(laid).toString()).toBe('bc..');
  });

  /** ffprobe's view of a file's first audio stream, and its packets' bytes as ffmpeg copies them. */
  async function probe(file: string) {
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts,size'],
      ...['-show_entries', 'stream=sample_rate,channels', '-of', 'json', file],
    ]);
    const raw = await run(
      'ffmpeg',
      ['-v', 'error', '-i', file, '-map', '0:a:0', '-c', 'copy', '-f', 'data', '-'],
      { encoding: 'buffer', maxBuffer: 64 << 20 },
    );
    const probed = JSON.parse(stdout) as {
      packets: { pts: number; size: string }[];
      streams: { sample_rate: string; channels: number }[];
    };
    return { ...probed, bytes: raw.stdout };
  }
  const framesOf = (track: AacTrack) =>
    Buffer.concat(track.offsets.map((at, i) => track.data.subarray(at, at + track.sizes[i])));

  it('should read an M4A’s frames and their times from its sample tables as ffprobe reports them', async () => {
    const file = join(dir, 'gap.m4a');
    await makeToneMedia(file, { seconds: 12, toneHz: 600, beepsAt: [2], gaps: [[3, 7]] });
    const probed = await probe(file);

    const sut = await readAacTrack(file);

    expect(sut).not.toBeNull();
    expect(sut!.sampleRate).toBe(Number(probed.streams[0].sample_rate));
    expect(sut!.channels).toBe(probed.streams[0].channels);
    expect(sut!.sizes).toEqual(probed.packets.map((p) => Number(p.size)));
    expect(framesOf(sut!).equals(probed.bytes)).toBe(true);
    // The priming frame is before 0, and the 4 s hole is a jump in the times.
    expect(sut!.times).toEqual(probed.packets.map((p) => p.pts / sut!.sampleRate));
    expect(sut!.times[0]).toBeLessThan(0);
    expect(Math.max(...sut!.times.slice(1).map((t, i) => t - sut!.times[i]))).toBeCloseTo(4, 1);
  });

  it('should read the sound of a video file without reading its video', async () => {
    const file = join(dir, 'video.mp4');
    await makeToneMedia(file, {
      seconds: 6,
      toneHz: 600,
      beepsAt: [],
      video: { width: 320, height: 240, fps: 25 },
    });
    const probed = await probe(file);

    const sut = await readAacTrack(file);

    expect(sut!.times).toEqual(probed.packets.map((p) => p.pts / sut!.sampleRate));
    expect(framesOf(sut!).equals(probed.bytes)).toBe(true);
    expect(sut!.data.length).toBe(probed.bytes.length);
  });

  it('should leave anything but AAC in MP4 to be encoded', async () => {
    const opus = join(dir, 'channel.ogg');
    await makeToneMedia(opus, { seconds: 2, toneHz: 600, beepsAt: [], opus: true });
    const text = join(dir, 'notes.m4a');
    writeFileSync(text, 'not a recording');

    expect(await readAacTrack(opus)).toBeNull();
    expect(await readAacTrack(text)).toBeNull();
  });
});
