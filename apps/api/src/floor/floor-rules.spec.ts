import { DEFAULT_PANEL_SETTINGS, InterventionKind } from '@rostrum/contracts';
import {
  allottedSecondsFor,
  estimatedWaits,
  insertionIndex,
  interactionWindow,
  median,
  moderatorEndReason,
  moveInOrder,
  speechLengthFactor,
} from './floor-rules';

const queue = (...kinds: InterventionKind[]) => kinds.map((kind) => ({ kind }));
const t0 = new Date('2026-11-04T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('floor rules', () => {
  describe('allotted time', () => {
    it('should give each kind its time from the panel settings', () => {
      const settings = { ...DEFAULT_PANEL_SETTINGS, speakingSeconds: 200, pointOfOrderSeconds: 45 };
      expect(allottedSecondsFor('statement', settings)).toBe(200);
      expect(allottedSecondsFor('question', settings)).toBe(200);
      expect(allottedSecondsFor('point_of_order', settings)).toBe(45);
      expect(allottedSecondsFor('right_of_reply', settings)).toBe(120);
    });
  });

  describe('queue order', () => {
    it('should put a request at the end when it is not a point of order', () => {
      expect(insertionIndex(queue('point_of_order', 'statement'), 'question')).toBe(2);
      expect(insertionIndex([], 'statement')).toBe(0);
    });

    it('should put a point of order after the waiting points of order and ahead of everything else', () => {
      expect(insertionIndex(queue('statement', 'statement'), 'point_of_order')).toBe(0);
      expect(insertionIndex(queue('point_of_order', 'point_of_order', 'statement'), 'point_of_order')).toBe(
        2,
      );
    });

    it('should leave a point of order the moderator moved down where it is when another arrives', () => {
      expect(insertionIndex(queue('point_of_order', 'statement', 'point_of_order'), 'point_of_order')).toBe(
        1,
      );
    });

    it('should move a request to the index given and clamp past the end', () => {
      expect(moveInOrder(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['a', 'd', 'b', 'c']);
      expect(moveInOrder(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
      expect(moveInOrder(['a', 'b'], 'x', 0)).toEqual(['a', 'b']);
    });
  });

  describe('estimated wait', () => {
    it('should take the median of odd and even samples and nothing when empty', () => {
      expect(median([3, 1, 2])).toBe(2);
      expect(median([4, 1, 3, 2])).toBe(2.5);
      expect(median([])).toBeNull();
    });

    it('should correct by 1 until at least 3 speeches have finished', () => {
      expect(speechLengthFactor([])).toBe(1);
      const short = { spokenSeconds: 20, allottedSeconds: 180 };
      expect(speechLengthFactor([short, short])).toBe(1);
      expect(speechLengthFactor([short, short, short])).toBe(0.5);
    });

    it('should clamp the factor to [0.5, 1.5]', () => {
      const cut = { spokenSeconds: 5, allottedSeconds: 180 };
      const long = { spokenSeconds: 540, allottedSeconds: 180 };
      expect(speechLengthFactor([cut, cut, cut])).toBe(0.5);
      expect(speechLengthFactor([long, long, long])).toBe(1.5);
      const near = { spokenSeconds: 162, allottedSeconds: 180 };
      expect(speechLengthFactor([near, near, cut, near])).toBeCloseTo(0.9);
    });

    // The walkthrough's cases (issue 12 item 3), with no finished speech: the factor is 1.
    it('should tell position 2 of 3 behind a 3:00 statement about 6:00, and 4 of 4 behind three 3:00 statements about 12:00', () => {
      expect(estimatedWaits([180, 180, 180], 180, 1)).toEqual([180, 360, 540]);
      expect(estimatedWaits([180, 180, 180, 180], 180, 1)[3]).toBe(720);
    });

    it('should not let three cut-off speeches shrink the wait below half of the allotted times', () => {
      const cut = { spokenSeconds: 3, allottedSeconds: 180 };
      const factor = speechLengthFactor([cut, cut, cut]);
      expect(estimatedWaits([180, 180, 180], 180, factor)).toEqual([180, 270, 360]);
    });

    it('should correct by the median of spoken over allotted when speeches have finished', () => {
      const finished = [
        { spokenSeconds: 90, allottedSeconds: 180 },
        { spokenSeconds: 30, allottedSeconds: 60 },
        { spokenSeconds: 180, allottedSeconds: 180 },
      ];
      expect(speechLengthFactor(finished)).toBe(0.5);
    });

    it('should add what is left of the speech to the corrected allotted times ahead', () => {
      expect(estimatedWaits([180, 60, 180], 100, 0.5)).toEqual([100, 190, 220]);
    });

    it('should count nothing for a speaker in overtime or when nobody speaks', () => {
      expect(estimatedWaits([60, 60], -20, 1)).toEqual([0, 60]);
      expect(estimatedWaits([60], null, 1)).toEqual([0]);
    });
  });

  describe('interaction window', () => {
    const input = {
      windowSeconds: 1800,
      status: 'live' as const,
      startedAt: t0,
      speakerRemainingSeconds: 100,
      queueAllotted: [180, 180],
    };

    it('should be absent when the panel sets no window', () => {
      expect(interactionWindow({ ...input, windowSeconds: null }, at(0))).toBeNull();
    });

    it('should count down from going live and report no overrun while the queue fits', () => {
      expect(interactionWindow(input, at(600))).toEqual({
        remainingSeconds: 1200,
        queuedSeconds: 460,
        overrunSeconds: 0,
      });
    });

    it('should report by how much the queue overruns the rest of the window', () => {
      expect(interactionWindow(input, at(1500))).toEqual({
        remainingSeconds: 300,
        queuedSeconds: 460,
        overrunSeconds: 160,
      });
    });

    it('should be whole before the panel goes live and empty once it ended', () => {
      expect(
        interactionWindow({ ...input, status: 'scheduled', startedAt: null }, at(0))?.remainingSeconds,
      ).toBe(1800);
      expect(interactionWindow({ ...input, status: 'ended' }, at(60))?.remainingSeconds).toBe(0);
    });
  });

  it('should call an end with time left a cut-off and an end in overtime an end', () => {
    expect(moderatorEndReason(12)).toBe('cut_off');
    expect(moderatorEndReason(0)).toBe('ended');
    expect(moderatorEndReason(-5)).toBe('ended');
  });
});
