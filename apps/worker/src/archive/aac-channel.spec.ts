import { adtsFrames, layOnTimeline, packetTimes } from './aac-channel';

/** An ADTS frame of `length` bytes (only the sync word and the length matter here) tagged with `tag`. */
function adts(length: number, tag: number): Buffer {
  const frame = Buffer.alloc(length, tag);
  frame[0] = 0xff;
  frame[1] = 0xf1;
  frame[3] = (length >> 11) & 0x03;
  frame[4] = (length >> 3) & 0xff;
  frame[5] = ((length & 0x07) << 5) | 0x1f;
  return frame;
}

describe('AAC channel without re-encoding', () => {
  it('should split an ADTS stream into its frames and refuse anything else', () => {
    const frames = [adts(10, 1), adts(300, 2), adts(7, 3)];
    expect(adtsFrames(Buffer.concat(frames))?.map((f) => f.length)).toEqual([10, 300, 7]);
    expect(adtsFrames(Buffer.from('OggS not adts'))).toBeNull();
    expect(adtsFrames(Buffer.concat([adts(10, 1)]).subarray(0, 8))).toBeNull();
  });

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

  it('should read packet times from ffprobe, priming and side data included', () => {
    expect(packetTimes('-1024,\n\n0\n1024\n2048\n', '1/48000')).toEqual([
      -1024 / 48000,
      0,
      1024 / 48000,
      2048 / 48000,
    ]);
    expect(packetTimes('0\nN/A\n', '1/48000')).toBeNull();
    expect(packetTimes('', '1/48000')).toBeNull();
  });
});
