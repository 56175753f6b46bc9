import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { beepOnsets, makeToneMedia, silences, streamTags } from '@rostrum/testing';
import { layAacChannel } from './aac-channel';
import { sha256Of } from './archive-pipeline';
import { ToolError } from './ffmpeg';
import { BoxSplitter, ChannelTrack, remuxWithChannels } from './fmp4-channels';
import { FRAGMENTED_MP4 } from './hls-package';
import { box, readTopLevelBoxes } from './mp4-boxes';

const run = promisify(execFile);

const SECONDS = 20;
const OFFSET = 3;
const TOLERANCE = 0.1;

describe('channels added to ffmpeg’s fragmented MP4', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-fmp4-'));
  const video = join(dir, 'video.mp4');
  const fr = join(dir, 'fr.m4a');
  const zh = join(dir, 'zh.m4a');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    await Promise.all([
      makeToneMedia(video, {
        seconds: SECONDS,
        toneHz: 440,
        beepsAt: [5],
        video: { width: 320, height: 240, fps: 25 },
      }),
      // French: its beep at 9 s of the video's time. Chinese: nobody live from 12 s to 15 s of it.
      makeToneMedia(fr, { seconds: SECONDS - OFFSET, toneHz: 600, beepsAt: [6] }),
      makeToneMedia(zh, { seconds: SECONDS - OFFSET, toneHz: 800, beepsAt: [], gaps: [[9, 12]] }),
    ]);
  }, 30_000);

  const floorArgs = (input: string) => [
    ...['-nostdin', '-v', 'error', '-i', input, '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy'],
    ...['-metadata:s:a:0', 'language=eng', '-disposition:a:0', 'default'],
  ];
  const remux = (target: string, channels: Promise<ChannelTrack[]>, input = video) =>
    remuxWithChannels(floorArgs(input), target, channels);
  const laid = async (): Promise<ChannelTrack[]> => {
    const [frTrack, zhTrack] = await Promise.all([fr, zh].map((f) => layAacChannel(f, OFFSET, SECONDS)));
    return [
      { ...frTrack!, tag: 'fra', title: 'Français' },
      { ...zhTrack!, tag: 'zho', title: '中文' },
    ];
  };

  it('should add a tagged, aligned track per channel that ffmpeg reads back', async () => {
    const target = join(dir, 'out.mp4');
    const digest = await remux(target, laid());
    expect(digest).toEqual(await sha256Of(target));

    expect(await streamTags(target)).toEqual([
      expect.objectContaining({ type: 'video' }),
      expect.objectContaining({ type: 'audio', language: 'eng', isDefault: true }),
      expect.objectContaining({ type: 'audio', language: 'fra', isDefault: false }),
      expect.objectContaining({ type: 'audio', language: 'zho', isDefault: false }),
    ]);
    const [floorBeeps, frBeeps] = await Promise.all([beepOnsets(target, 0), beepOnsets(target, 1)]);
    expect(floorBeeps).toHaveLength(1);
    expect(Math.abs(floorBeeps[0] - 5)).toBeLessThanOrEqual(TOLERANCE);
    expect(frBeeps).toHaveLength(1);
    expect(Math.abs(frBeeps[0] - (OFFSET + 6))).toBeLessThanOrEqual(TOLERANCE);
    // Silent until the channel starts and in its hole, to the end of the video.
    const quiet = await silences(target, 2);
    expect(quiet).toHaveLength(2);
    expect(Math.abs(quiet[0][1] - OFFSET)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(quiet[1][0] - (OFFSET + 9))).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(quiet[1][1] - (OFFSET + 12))).toBeLessThanOrEqual(TOLERANCE);
    const { boxes, problem } = await readTopLevelBoxes(target);
    expect(problem).toBeNull();
    expect(boxes.map((b) => b.type).slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect(boxes[boxes.length - 1].type).toBe('mfra');
  }, 60_000);

  it('should report ffmpeg’s own failure, and stop ffmpeg when the channels cannot be read', async () => {
    await expect(remux(join(dir, 'failed.mp4'), laid(), join(dir, 'missing.mp4'))).rejects.toThrow(ToolError);

    const target = join(dir, 'stopped.mp4');
    const broken = Promise.reject(new Error('the fr channel is unreadable'));
    await expect(remux(target, broken)).rejects.toThrow('the fr channel is unreadable');
    expect(existsSync(target)).toBe(false);
  });

  it('should pass ffmpeg’s bytes on unchanged while its output waits for the channels in little memory', async () => {
    const direct = join(dir, 'direct.mp4');
    await run('ffmpeg', [...floorArgs(video), ...FRAGMENTED_MP4, '-f', 'mp4', direct]);
    const target = join(dir, 'through.mp4');
    const late = delay(1000).then(() => []);
    // Two slabs of 128 kB: reading pauses and goes on many times over, and waits for the channels.
    await remuxWithChannels(floorArgs(video), target, late, { bytes: 128 << 10, max: 2 });

    const [theirs, ours] = [readFileSync(direct), readFileSync(target)];
    expect(ours.length).toBe(theirs.length);
    // Only the next track id (in mvhd) and the random-access index at the end are the worker's own.
    const differing = [...ours.keys()].filter((i) => ours[i] !== theirs[i]);
    const mfra = ours.lastIndexOf('mfra') - 4;
    expect(differing.filter((i) => i < mfra)).toHaveLength(1);
  });

  it('should cut a byte stream into boxes wherever its chunks end', () => {
    const boxes = [box('ftyp', [Buffer.from('abcd')]), box('mdat', [Buffer.from('Z')])];
    const seen: string[] = [];
    const sut = new BoxSplitter((type, parts) => seen.push(`${type}:${Buffer.concat(parts).length}`));
    const stream = Buffer.concat(boxes);
    for (let at = 0; at < stream.length; at += 3) sut.push(stream.subarray(at, at + 3));
    sut.end();

    expect(seen).toEqual(['ftyp:12', 'mdat:9']);
  });
});
