import { delegation, intervention, runningClock, snapshot } from '../test-support/fixtures';
import { offeredKinds, ownRequests, waitNow } from './floor-estimates';

const BRAZIL = delegation('Brazil', 'BRA');
const ana = { delegate: { id: 'ana', name: 'Ana' }, delegation: BRAZIL };
const joao = { delegate: { id: 'joao', name: 'João' }, delegation: BRAZIL };
const kenya = { delegate: { id: 'wanjiru', name: 'Wanjiru' }, delegation: delegation('Kenya', 'KEN') };

describe('waitNow', () => {
  it("should show the server's figure, less only what the speaker has spoken since serverTime", () => {
    const clock = runningClock(180, 0); // 3:00 left at serverTime
    const item = intervention('p', ana, 'statement', { estimatedWaitSeconds: 360 });
    const state = snapshot('p', { clock, queue: [item] });
    const start = Date.parse(state.serverTime);
    expect(waitNow(state, item, 0, start)).toBe(360);
    expect(waitNow(state, item, 0, start + 30_000)).toBe(330);
    // Once the speaker's time is up the figure stops running down: the rest is the queue ahead.
    expect(waitNow(state, item, 0, start + 400_000)).toBe(180);
  });

  it('should stand still while nobody speaks or the clock is paused', () => {
    const item = intervention('p', ana, 'statement', { estimatedWaitSeconds: 240 });
    const idle = snapshot('p', { queue: [item] });
    expect(waitNow(idle, item, 0, Date.parse(idle.serverTime) + 60_000)).toBe(240);
    const paused = snapshot('p', {
      clock: { ...runningClock(180, 20), pausedAt: new Date().toISOString() },
      queue: [item],
    });
    expect(waitNow(paused, item, 0, Date.parse(paused.serverTime) + 60_000)).toBe(240);
  });

  it('should agree between two tabs that got the same snapshot at different times', () => {
    const item = intervention('p', ana, 'statement', { estimatedWaitSeconds: 300 });
    const state = snapshot('p', { clock: runningClock(180, 0), queue: [item] });
    const serverNow = Date.parse(state.serverTime) + 10_000;
    // Tab B's local clock runs 5 s behind the server's: its offset says so.
    expect(waitNow(state, item, 0, serverNow)).toBe(waitNow(state, item, 5_000, serverNow - 5_000));
  });
});

describe('ownRequests and offeredKinds', () => {
  it('should offer a point of order beside a waiting statement, on a closed list too', () => {
    const mine = intervention('p', ana, 'statement');
    const own = ownRequests(
      snapshot('p', { queue: [intervention('p', kenya), mine] }),
      { id: 'ana', delegationId: BRAZIL.id },
      false,
    );
    expect(own.waiting).toEqual([{ item: mine, position: 2 }]);
    expect(offeredKinds(own, true)).toEqual(['point_of_order']);
    expect(offeredKinds(own, false)).toEqual(['point_of_order']);
  });

  it('should offer the other kinds beside a point of order only while the list is open, and count the speaker', () => {
    const user = { id: 'ana', delegationId: BRAZIL.id };
    const order = snapshot('p', { queue: [intervention('p', ana, 'point_of_order')] });
    expect(offeredKinds(ownRequests(order, user, false), true)).toEqual([
      'statement',
      'question',
      'right_of_reply',
      'group_statement',
    ]);
    // No groups in the event, nothing yet to reply to: neither is offered.
    const none = { groupStatement: false, rightOfReply: false };
    expect(offeredKinds(ownRequests(order, user, false), true, none)).toEqual(['statement', 'question']);
    expect(offeredKinds(ownRequests(order, user, false), false)).toEqual([]);
    const speaking = snapshot('p', { speaker: intervention('p', ana, 'statement', { status: 'speaking' }) });
    expect(offeredKinds(ownRequests(speaking, user, false), true)).toEqual(['point_of_order']);
  });

  it("should count a colleague's request with onePerDelegation, and only then", () => {
    const user = { id: 'ana', delegationId: BRAZIL.id };
    const colleague = snapshot('p', { queue: [intervention('p', joao, 'statement')] });
    expect(offeredKinds(ownRequests(colleague, user, true), true)).toEqual(['point_of_order']);
    expect(offeredKinds(ownRequests(colleague, user, false), true)).toHaveLength(5);
  });
});
