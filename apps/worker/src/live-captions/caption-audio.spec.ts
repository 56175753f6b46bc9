import { splitAtCut, wavOf } from './caption-audio';

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

  it('should not carry more than 2.5 s (those words would be late): it sends them as heard', () => {
    const words = [word('the', 0.5, 0.7), word('representative', 1.2, 3.95)];
    expect(splitAtCut(words, 4)).toEqual({ send: words, carryFromSeconds: null });
  });
});

describe('wavOf', () => {
  it('should prefix 16 kHz mono 16-bit PCM with a 44-byte RIFF header giving its length', () => {
    const wav = wavOf(Buffer.alloc(32000));
    expect(wav.length).toBe(32044);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(16000);
    expect(wav.readUInt32LE(40)).toBe(32000);
  });
});
