import { ClockState, elapsedSeconds, extendClock, pauseClock, resumeClock } from './floor-rules';
import {
  budgetUsage,
  delegationBudgets,
  gappedPositions,
  POSITION_GAP,
  requestWindow,
  cameOnDeck,
  checkReply,
  grantAllotment,
  onDeckIds,
  placeArrivals,
  protocolBand,
  protocolInsertionIndex,
  QueuedForProtocol,
  ReplyTarget,
  skipInOrder,
} from './speakers-list-rules';

const queued = (band: QueuedForProtocol['band'], placedByModerator = false): QueuedForProtocol => ({
  band,
  placedByModerator,
});

describe('the diplomatic list of speakers (pure rules)', () => {
  describe('protocol bands', () => {
    it('should order points of order, group statements, member states, observers, then replies', () => {
      expect(protocolBand('point_of_order', 'observer')).toBe(1);
      expect(protocolBand('group_statement', 'observer')).toBe(2);
      expect(protocolBand('statement', 'member_state')).toBe(3);
      expect(protocolBand('question', 'member_state')).toBe(3);
      expect(protocolBand('statement', 'observer')).toBe(4);
      expect(protocolBand('question', 'observer')).toBe(4);
      expect(protocolBand('right_of_reply', 'member_state')).toBe(5);
    });

    it('should count a delegate without a delegation as a member state', () => {
      expect(protocolBand('statement', null)).toBe(3);
    });
  });

  describe('insertion under the protocol order', () => {
    it('should put a request at the end of its band', () => {
      const queue = [queued(1), queued(3), queued(3), queued(4), queued(5)];
      expect(protocolInsertionIndex(queue, 1)).toBe(1);
      expect(protocolInsertionIndex(queue, 2)).toBe(1);
      expect(protocolInsertionIndex(queue, 3)).toBe(3);
      expect(protocolInsertionIndex(queue, 4)).toBe(4);
      expect(protocolInsertionIndex(queue, 5)).toBe(5);
    });

    it('should go first in an empty list and last behind an earlier band only', () => {
      expect(protocolInsertionIndex([], 4)).toBe(0);
      expect(protocolInsertionIndex([queued(5), queued(5)], 1)).toBe(0);
      expect(protocolInsertionIndex([queued(1), queued(2)], 5)).toBe(2);
    });

    it('should never go ahead of anything the moderator placed', () => {
      // The moderator moved an observer's statement to the head: a new point of order waits behind it.
      const queue = [queued(4, true), queued(3), queued(5)];
      expect(protocolInsertionIndex(queue, 1)).toBe(1);
      // … and a moved reply near the end keeps every later arrival behind it.
      const moved = [queued(3), queued(5, true), queued(4)];
      expect(protocolInsertionIndex(moved, 3)).toBe(2);
      expect(protocolInsertionIndex(moved, 4)).toBe(3);
    });
  });

  describe('a burst of arrivals under the protocol order', () => {
    it('should place each arrival in turn at the end of its band, behind what the moderator placed', () => {
      const queue = [
        { id: 'obs-moved', band: 4 as const, placedByModerator: true },
        { id: 'ms1', band: 3 as const, placedByModerator: false },
        { id: 'reply1', band: 5 as const, placedByModerator: false },
      ];
      const order = placeArrivals(queue, [
        { id: 'reply2', band: 5 },
        { id: 'group1', band: 2 },
        { id: 'poo1', band: 1 },
        { id: 'ms2', band: 3 },
        { id: 'obs1', band: 4 },
      ]);
      expect(order).toEqual(['obs-moved', 'poo1', 'group1', 'ms1', 'ms2', 'obs1', 'reply1', 'reply2']);
    });
  });

  describe('gapped queue positions', () => {
    it('should give arrivals numbers between their neighbours and after the last, leaving the rest alone', () => {
      const order = [
        { id: 'poo', position: null },
        { id: 'a', position: 1024 },
        { id: 'g1', position: null },
        { id: 'g2', position: null },
        { id: 'b', position: 2048 },
        { id: 'r', position: null },
      ];
      expect(gappedPositions(order)).toEqual(
        new Map([
          ['poo', 512],
          ['g1', 1365],
          ['g2', 1706],
          ['r', 2048 + POSITION_GAP],
        ]),
      );
    });

    it('should ask for a renumbering when a run has no room between its neighbours', () => {
      expect(
        gappedPositions([
          { id: 'a', position: 1 },
          { id: 'x', position: null },
          { id: 'b', position: 2 },
        ]),
      ).toBeNull();
      expect(
        gappedPositions([
          { id: 'x', position: null },
          { id: 'y', position: null },
          { id: 'a', position: 2 },
        ]),
      ).toBeNull();
      expect(gappedPositions([{ id: 'x', position: null }])).toEqual(new Map([['x', POSITION_GAP]]));
    });
  });

  describe('delegation budgets', () => {
    it('should count spoken time, overtime included, points of order excepted', () => {
      const usage = budgetUsage(600, [
        { kind: 'statement', spokenSeconds: 200.4 },
        { kind: 'point_of_order', spokenSeconds: 60 },
        { kind: 'right_of_reply', spokenSeconds: 130 }, // 10 s of overtime on a 120 s reply
      ]);
      expect(usage).toEqual({ usedSeconds: 330, remainingSeconds: 270 });
    });

    it('should never show less than nothing left after overtime', () => {
      expect(budgetUsage(300, [{ kind: 'statement', spokenSeconds: 340 }])).toEqual({
        usedSeconds: 340,
        remainingSeconds: 0,
      });
    });

    it('should allot the smaller of the kind and the budget, and refuse an exhausted delegation', () => {
      expect(grantAllotment({ kind: 'statement', kindSeconds: 180, remainingBudgetSeconds: 500 })).toEqual({
        allottedSeconds: 180,
      });
      expect(grantAllotment({ kind: 'statement', kindSeconds: 180, remainingBudgetSeconds: 75 })).toEqual({
        allottedSeconds: 75,
      });
      expect(grantAllotment({ kind: 'statement', kindSeconds: 180, remainingBudgetSeconds: 0 })).toEqual({
        refused: 'BUDGET_EXHAUSTED',
      });
    });

    it("should let the moderator's explicit seconds and points of order through an exhausted budget", () => {
      expect(
        grantAllotment({
          kind: 'statement',
          kindSeconds: 180,
          remainingBudgetSeconds: 0,
          explicitSeconds: 30,
        }),
      ).toEqual({ allottedSeconds: 30 });
      expect(grantAllotment({ kind: 'point_of_order', kindSeconds: 60, remainingBudgetSeconds: 0 })).toEqual({
        allottedSeconds: 60,
      });
      expect(grantAllotment({ kind: 'statement', kindSeconds: 180, remainingBudgetSeconds: null })).toEqual({
        allottedSeconds: 180,
      });
    });
  });

  describe('budget arithmetic over the clock', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s));
    const started: ClockState = { startedAt: at(0), allottedSeconds: 120, pausedSeconds: 0, pausedAt: null };

    it('should not count pauses: a 120 s speech paused for 30 s has used 90 s at 2 min', () => {
      const resumed = resumeClock(pauseClock(started, at(40)), at(70));
      const used = elapsedSeconds(resumed, at(120));
      expect(used).toBe(90);
      expect(budgetUsage(300, [{ kind: 'statement', spokenSeconds: used }])).toEqual({
        usedSeconds: 90,
        remainingSeconds: 210,
      });
    });

    it('should count an extension only as far as it is spoken, and overtime in full', () => {
      const extended = extendClock(started, 60); // 180 s allotted now
      expect(
        budgetUsage(300, [{ kind: 'statement', spokenSeconds: elapsedSeconds(extended, at(150)) }]),
      ).toEqual({ usedSeconds: 150, remainingSeconds: 150 });
      // 40 s past the extended time: overtime is taken from the budget, what is left stops at 0.
      const overtime = elapsedSeconds(extended, new Date(at(0).getTime() + 220_000));
      expect(budgetUsage(200, [{ kind: 'statement', spokenSeconds: overtime }])).toEqual({
        usedSeconds: 220,
        remainingSeconds: 0,
      });
    });

    it('should list each delegation that spoke or waits, the current speech as far as it went', () => {
      const speaking = elapsedSeconds(pauseClock(started, at(45)), at(100)); // paused at 45 s
      const budgets = delegationBudgets(
        300,
        [
          { delegationId: 'A', kind: 'statement', spokenSeconds: 200 },
          { delegationId: 'B', kind: 'point_of_order', spokenSeconds: 60 },
          { delegationId: 'A', kind: 'right_of_reply', spokenSeconds: speaking },
        ],
        ['C', 'A', null],
      );
      expect(budgets).toEqual([
        { delegationId: 'A', usedSeconds: 245, remainingSeconds: 55 },
        { delegationId: 'B', usedSeconds: 0, remainingSeconds: 300 },
        { delegationId: 'C', usedSeconds: 0, remainingSeconds: 300 },
      ]);
      expect(
        delegationBudgets(null, [{ delegationId: 'A', kind: 'statement', spokenSeconds: 9 }], []),
      ).toEqual([]);
    });
  });

  describe('inscription', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    it('should take requests on a live panel, and on a scheduled one once the inscription opened', () => {
      expect(requestWindow('live', null, now)).toBe('open');
      expect(requestWindow('scheduled', '2026-01-01T09:59:59Z', now)).toBe('open');
      expect(requestWindow('scheduled', '2026-01-01T10:00:00Z', now)).toBe('open');
    });

    it('should refuse before the inscription time, without one, and once ended', () => {
      expect(requestWindow('scheduled', '2026-01-01T10:00:01Z', now)).toBe('PANEL_NOT_LIVE');
      expect(requestWindow('scheduled', null, now)).toBe('PANEL_NOT_LIVE');
      expect(requestWindow('ended', '2026-01-01T09:00:00Z', now)).toBe('PANEL_NOT_LIVE');
    });
  });

  describe('rights of reply', () => {
    const other: ReplyTarget = { delegationId: 'brazil', status: 'done' };

    it("should allow a reply to another delegation's speech that is on or has been on the floor", () => {
      expect(checkReply({ target: other, requesterDelegationId: 'chile', repliesSoFar: 0, limit: 2 })).toBe(
        'ok',
      );
      expect(
        checkReply({
          target: { ...other, status: 'speaking' },
          requesterDelegationId: 'chile',
          repliesSoFar: 1,
          limit: 2,
        }),
      ).toBe('ok');
    });

    it('should refuse a reply to oneself, to nothing, or to a speech not yet given', () => {
      const check = (target: ReplyTarget | null) =>
        checkReply({ target, requesterDelegationId: 'chile', repliesSoFar: 0, limit: 2 });
      expect(check(null)).toBe('VALIDATION_FAILED');
      expect(check({ delegationId: 'chile', status: 'done' })).toBe('VALIDATION_FAILED');
      expect(check({ delegationId: 'brazil', status: 'queued' })).toBe('VALIDATION_FAILED');
      expect(check({ delegationId: 'brazil', status: 'withdrawn' })).toBe('VALIDATION_FAILED');
      expect(check({ delegationId: null, status: 'done' })).toBe('VALIDATION_FAILED');
    });

    it('should stop a delegation at its limit of replies per panel', () => {
      expect(checkReply({ target: other, requesterDelegationId: 'chile', repliesSoFar: 2, limit: 2 })).toBe(
        'REPLY_LIMIT',
      );
      expect(checkReply({ target: other, requesterDelegationId: 'chile', repliesSoFar: 0, limit: 0 })).toBe(
        'REPLY_LIMIT',
      );
    });
  });

  describe('on deck', () => {
    it('should put the first requests on deck', () => {
      expect(onDeckIds(['a', 'b', 'c'], 2)).toEqual(['a', 'b']);
      expect(onDeckIds(['a'], 2)).toEqual(['a']);
      expect(onDeckIds(['a', 'b'], 0)).toEqual([]);
    });

    it('should name only the requests that came on deck, with their positions', () => {
      // The speaker ended: a became the speaker, c moves up into place 2.
      expect(cameOnDeck(['a', 'b', 'c'], ['b', 'c'], 2)).toEqual([{ interventionId: 'c', position: 2 }]);
      // A new arrival in a short list.
      expect(cameOnDeck(['a'], ['a', 'd'], 2)).toEqual([{ interventionId: 'd', position: 2 }]);
      // A move within the deck tells nobody again.
      expect(cameOnDeck(['a', 'b', 'c'], ['b', 'a', 'c'], 2)).toEqual([]);
    });

    it('should skip a request down by places, never past the end', () => {
      expect(skipInOrder(['a', 'b', 'c', 'd'], 'a', 1)).toEqual(['b', 'a', 'c', 'd']);
      expect(skipInOrder(['a', 'b', 'c', 'd'], 'b', 2)).toEqual(['a', 'c', 'd', 'b']);
      expect(skipInOrder(['a', 'b', 'c'], 'a', 20)).toEqual(['b', 'c', 'a']);
      expect(skipInOrder(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
      // A skip brings the next one on deck.
      expect(cameOnDeck(['a', 'b', 'c'], skipInOrder(['a', 'b', 'c'], 'a', 2), 2)).toEqual([
        { interventionId: 'c', position: 2 },
      ]);
    });
  });
});
