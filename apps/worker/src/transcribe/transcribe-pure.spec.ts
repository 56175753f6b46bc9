import { FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import { speechSpans, SpeechLogRow } from '../archive/chapters';
import { parseSilences, planChunks } from './audio-chunks';
import { parsePocketSphinxTimes } from './pocketsphinx-engine';
import { buildSegments } from './transcript-segments';

describe('parsePocketSphinxTimes', () => {
  it('should read utterances of words with their times, without markers and with alternate pronunciations as the word', () => {
    const sut = parsePocketSphinxTimes(
      [
        'the delegation thanks',
        '<s> 0.090 0.120 0.999800',
        'the(2) 0.130 0.280 0.794353',
        'delegation 0.290 1.100 0.999800',
        '<sil> 1.110 1.230 0.875627',
        'thanks 1.240 1.650 1.0',
        '</s> 1.660 1.700 1.000000',
        'copyright',
        '<s> 5.180 5.290 0.999400',
        '[NOISE] 5.300 5.400 0.1',
        'copyright 5.410 6.000 0.9',
        '</s> 6.000 6.100 1.0',
      ].join('\n'),
    );

    expect(sut).toEqual([
      {
        words: [
          { text: 'the', startSeconds: 0.13, endSeconds: 0.28 },
          { text: 'delegation', startSeconds: 0.29, endSeconds: 1.1 },
          { text: 'thanks', startSeconds: 1.24, endSeconds: 1.65 },
        ],
      },
      { words: [{ text: 'copyright', startSeconds: 5.41, endSeconds: 6 }] },
    ]);
  });

  it('should answer nothing when nothing was heard', () => {
    expect(parsePocketSphinxTimes('')).toEqual([]);
  });
});

describe('planChunks', () => {
  it('should cut in the middle of the pause nearest each target length', () => {
    const silences = [
      { startSeconds: 40, endSeconds: 41 },
      { startSeconds: 58, endSeconds: 60 },
      { startSeconds: 121, endSeconds: 122 },
    ];

    expect(planChunks(150, silences, 60)).toEqual([
      { startSeconds: 0, endSeconds: 59 },
      { startSeconds: 59, endSeconds: 121.5 },
      { startSeconds: 121.5, endSeconds: 150 },
    ]);
  });

  it('should cut at the target length when there is no pause, and keep a short recording whole', () => {
    expect(planChunks(130, [], 60).map((c) => c.endSeconds)).toEqual([60, 130]);
    expect(planChunks(80, [], 60)).toEqual([{ startSeconds: 0, endSeconds: 80 }]);
  });
});

describe('parseSilences', () => {
  it('should pair starts and ends, and leave a pause still open at the end running on', () => {
    const log =
      '[silencedetect @ 0x1] silence_start: 1.5\n[silencedetect @ 0x1] silence_end: 2.25 | silence_duration: 0.75\n[silencedetect @ 0x1] silence_start: 9\n';
    expect(parseSilences(log)).toEqual([
      { startSeconds: 1.5, endSeconds: 2.25 },
      { startSeconds: 9, endSeconds: Infinity },
    ]);
  });
});

describe('buildSegments', () => {
  const T0 = new Date('2026-11-04T10:00:00Z');
  const row = (
    id: string,
    action: string,
    seconds: number,
    detail: Record<string, unknown>,
  ): SpeechLogRow => ({
    interventionId: id,
    action,
    at: new Date(T0.getTime() + seconds * 1000),
    detail,
    kind: 'statement',
    delegateName: null,
    delegationName: null,
    delegationCode: null,
  });
  const spans = speechSpans(
    [
      row('a', FLOOR_LOG_ACTIONS.speechStarted, 0, {
        delegateName: 'Ana',
        delegationName: 'Brazil',
        delegationCode: 'BRA',
      }),
      row('a', FLOOR_LOG_ACTIONS.speechEnded, 3, {}),
      row('b', FLOOR_LOG_ACTIONS.speechStarted, 3, { delegateName: 'Wanjiru', delegationName: null }),
      row('b', FLOOR_LOG_ACTIONS.speechEnded, 30, {}),
    ],
    T0,
    30,
  );
  const word = (text: string, startSeconds: number) => ({
    text,
    startSeconds,
    endSeconds: startSeconds + 0.4,
  });

  it('should start a new line when the floor changes hands, attributing each to its speaker', () => {
    const sut = buildSegments([{ words: [word('thank', 2), word('you', 2.5), word('indeed', 3.2)] }], spans);

    expect(sut).toEqual([
      {
        startSeconds: 2,
        endSeconds: 2.9,
        text: 'thank you',
        interventionId: 'a',
        speaker: { name: 'Ana', delegation: { code: 'BRA', name: 'Brazil' } },
      },
      {
        startSeconds: 3.2,
        endSeconds: 3.6,
        text: 'indeed',
        interventionId: 'b',
        speaker: { name: 'Wanjiru', delegation: null },
      },
    ]);
  });

  it('should keep every line within 7 seconds and 84 characters', () => {
    const words = Array.from({ length: 40 }, (_, i) =>
      word(i % 2 ? 'intellectual' : 'property', 4 + i * 0.5),
    );
    const sut = buildSegments([{ words }], spans);

    expect(sut.length).toBeGreaterThan(1);
    for (const s of sut) {
      expect(s.endSeconds - s.startSeconds).toBeLessThanOrEqual(7);
      expect(s.text.length).toBeLessThanOrEqual(84);
    }
    expect(sut.map((s) => s.text).join(' ')).toBe(words.map((w) => w.text).join(' '));
  });

  it('should leave a line unattributed when nobody had the floor', () => {
    expect(buildSegments([{ words: [word('hello', 40)] }], spans)[0]).toMatchObject({
      interventionId: null,
      speaker: null,
    });
  });
});
