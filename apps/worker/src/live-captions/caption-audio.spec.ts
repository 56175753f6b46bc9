import { quietCut, splitAtCut } from './caption-audio';

const word = (text: string, startSeconds: number, endSeconds: number) => ({ text, startSeconds, endSeconds });

describe('splitAtCut', () => {
  it('should send every word when the last one ends before the segment boundary', () => {
    const words = [word('the', 0.5, 0.7), word('panel', 0.8, 1.3)];
    expect(splitAtCut(words, 4)).toEqual({ send: words, carryFromSeconds: null });
  });

  it('should hold back a word running into the boundary, with its audio from just before it', () => {
    const words = [word('the', 0.5, 0.7), word('report', 3.5, 3.9)];
    expect(splitAtCut(words, 4)).toEqual({ send: [words[0]], carryFromSeconds: 3.4 });
  });

  it('should not carry more than 1 s (those words would be late): it sends them as heard', () => {
    const words = [word('the', 0.5, 0.7), word('representative', 2.8, 3.95)];
    expect(splitAtCut(words, 4)).toEqual({ send: words, carryFromSeconds: null });
  });
});

describe('quietCut', () => {
  const second = 32000;
  /** A loud tone for `seconds`. */
  const tone = (seconds: number) => {
    const pcm = Buffer.alloc(Math.round(seconds * second));
    for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), i * 2);
    return pcm;
  };
  const silence = (seconds: number) => Buffer.alloc(Math.round(seconds * second));

  it('should cut inside the pause near the middle, clear of the sound on either side', () => {
    const cut = quietCut(Buffer.concat([tone(1.2), silence(0.4), tone(2.6)]))! / second;
    expect(cut).toBeGreaterThanOrEqual(1.29);
    expect(cut).toBeLessThanOrEqual(1.51);
  });

  it('should cut near the middle of continuous sound, and not cut audio too short to halve', () => {
    const cut = quietCut(tone(4))! / second;
    expect(cut).toBeGreaterThanOrEqual(1);
    expect(cut).toBeLessThanOrEqual(3);
    expect(quietCut(tone(2))).toBeNull();
  });
});
