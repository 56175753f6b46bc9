import { FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import { buildChapters, chapterTitle, SpeechLogRow } from './chapters';

const T0 = new Date('2026-11-04T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const started = (interventionId: string, seconds: number, detail: Record<string, unknown>): SpeechLogRow => ({
  interventionId,
  action: FLOOR_LOG_ACTIONS.speechStarted,
  at: at(seconds),
  detail,
  kind: null,
  delegateName: null,
  delegationName: null,
  delegationCode: null,
});
const ended = (interventionId: string, seconds: number): SpeechLogRow => ({
  ...started(interventionId, seconds, { reason: 'ended', spokenSeconds: 1 }),
  action: FLOOR_LOG_ACTIONS.speechEnded,
});
const brazil = { delegationName: 'Brazil', delegateName: 'Ana Pereira', kind: 'statement' };

describe('buildChapters', () => {
  it('should make one chapter per speech, in seconds from the recording start, when speeches follow each other', () => {
    const sut = buildChapters(
      [
        started('a', 10, brazil),
        ended('a', 70.5),
        started('b', 80, { delegationName: 'France', kind: 'point_of_order' }),
        ended('b', 95),
      ],
      T0,
      600,
    );

    expect(sut).toEqual([
      { startSeconds: 10, endSeconds: 70.5, title: 'Brazil — Statement', interventionId: 'a' },
      { startSeconds: 80, endSeconds: 95, title: 'France — Point of order', interventionId: 'b' },
    ]);
  });

  it('should clip speeches to the recording and drop those outside it when they straddle its ends', () => {
    const sut = buildChapters(
      [
        started('before', -100, brazil),
        ended('before', -50),
        started('into', -5, brazil),
        ended('into', 3),
        started('out', 55, brazil),
        ended('out', 75),
        started('after', 61, brazil),
        ended('after', 90),
      ],
      T0,
      60,
    );

    expect(sut.map((c) => [c.startSeconds, c.endSeconds])).toEqual([
      [0, 3],
      [55, 60],
    ]);
  });

  it('should end an unfinished speech where the next one starts or with the recording when no end was logged', () => {
    const sut = buildChapters(
      [started('a', 1, brazil), started('b', 5, brazil), ended('b', 8), started('c', 9, brazil)],
      T0,
      20,
    );

    expect(sut.map((c) => [c.startSeconds, c.endSeconds])).toEqual([
      [1, 5],
      [5, 8],
      [9, 20],
    ]);
  });

  it('should keep one chapter for an intervention when it was paused and granted again', () => {
    const sut = buildChapters(
      [started('a', 2, brazil), ended('a', 4), started('a', 6, brazil), ended('a', 9)],
      T0,
      30,
    );

    expect(sut).toEqual([
      { startSeconds: 2, endSeconds: 9, title: 'Brazil — Statement', interventionId: 'a' },
    ]);
  });

  it('should ignore an overlap shorter than half a second when the clocks are slightly apart', () => {
    expect(buildChapters([started('a', -10, brazil), ended('a', 0.2)], T0, 30)).toEqual([]);
  });
});

describe('chapterTitle', () => {
  const row = (detail: Record<string, unknown>, fallback: Partial<SpeechLogRow> = {}): SpeechLogRow => ({
    ...started('x', 0, detail),
    ...fallback,
  });

  it('should name the delegation and the kind when the speaker speaks for a delegation', () => {
    expect(chapterTitle(row({ delegationName: 'Kenya', kind: 'right_of_reply' }))).toBe(
      'Kenya — Right of reply',
    );
  });

  it("should use the speaker's name when there is no delegation", () => {
    expect(chapterTitle(row({ delegationName: null, delegateName: 'Dr. Lee', kind: 'statement' }))).toBe(
      'Dr. Lee',
    );
  });

  it('should fall back to the intervention row when the log detail lacks the names', () => {
    expect(chapterTitle(row({}, { delegationName: 'Chile', kind: 'question', delegateName: 'X' }))).toBe(
      'Chile — Question',
    );
  });
});
