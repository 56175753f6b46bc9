import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEBIAN_EN_MODEL_DIR } from '@rostrum/config';
import { wordErrorRate } from '@rostrum/testing';
import { findPocketSphinxModel } from '../transcribe/pocketsphinx-engine';
import {
  createLiveRecogniser,
  LiveRecogniser,
  PieceRecogniser,
  StreamRecogniser,
  wchanShowsPipeReads,
} from './stream-recogniser';

const SAID = 'The delegation of Brazil thanks the panel for the report.';

/** flite's speech as the recogniser's input: 16 kHz mono s16le. */
async function speech(text: string): Promise<Buffer> {
  const { stdout } = await promisify(execFile)(
    'ffmpeg',
    [
      ...['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', `flite=text='${text}':voice=slt`],
      ...['-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'],
    ],
    { encoding: 'buffer', maxBuffer: 16 << 20 },
  );
  return stdout;
}

describe('the live recogniser', () => {
  const model = findPocketSphinxModel(DEBIAN_EN_MODEL_DIR);
  let pcm: Buffer;
  const recognisers: LiveRecogniser[] = [];

  beforeAll(async () => {
    pcm = await speech(SAID.replace('.', ''));
  });

  afterAll(() => recognisers.forEach((r) => r.close()));

  /** The sentence heard twice in a row: each time its words, timed from the start of that piece. */
  async function expectSentenceHeardTwice(recogniser: LiveRecogniser) {
    recognisers.push(recogniser);
    for (let i = 0; i < 2; i++) {
      const words = await recogniser.hear(pcm);
      expect(wordErrorRate(SAID, words.map((w) => w.text).join(' '))).toBeLessThanOrEqual(0.35);
      expect(words[0].startSeconds).toBeGreaterThanOrEqual(0);
      expect(words[words.length - 1].endSeconds).toBeLessThanOrEqual(pcm.length / 32000 + 0.1);
    }
  }

  it('should see on this Linux that a process waits reading its pipe, and keep one process loaded', async () => {
    expect(await wchanShowsPipeReads()).toBe(true);
    const recogniser = await createLiveRecogniser(model);
    expect(recogniser).toBeInstanceOf(StreamRecogniser);
    await expectSentenceHeardTwice(recogniser);
  });

  it('should start a process per piece where /proc/<pid>/wchan cannot tell (not Linux, or it reads "0")', async () => {
    const recogniser = await createLiveRecogniser(model, () => Promise.resolve(false));
    expect(recogniser).toBeInstanceOf(PieceRecogniser);
    await expectSentenceHeardTwice(recogniser);
    // Two processes, each loading the model, at the usual priority on a shared machine.
  }, 90_000);
});
