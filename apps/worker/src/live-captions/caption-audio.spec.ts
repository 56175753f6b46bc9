import { splitAtCut } from './caption-audio';

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
