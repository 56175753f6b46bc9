import { DEFAULT_PANEL_SETTINGS } from '@rostrum/contracts';
import type { InterventionRow } from './floor-store';
import { buildSnapshot, PanelFloorState, toPublicSnapshot } from './panel-state';

const t0 = new Date('2026-11-04T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const panel: PanelFloorState = {
  id: 'p1',
  version: 7,
  status: 'live',
  queueOpen: true,
  settings: { ...DEFAULT_PANEL_SETTINGS, interactionWindowSeconds: 3600 },
  startedAt: t0,
};

function row(id: string, fields: Partial<InterventionRow> = {}): InterventionRow {
  return {
    id,
    panelId: 'p1',
    kind: 'statement',
    note: `note of ${id}`,
    status: 'queued',
    queuePosition: 1,
    clientRequestId: null,
    requestedAt: t0,
    startedAt: null,
    endedAt: null,
    allottedSeconds: null,
    pausedSeconds: 0,
    pausedAt: null,
    spokenSeconds: null,
    timeUpAt: null,
    delegateId: `d-${id}`,
    delegateName: `Delegate ${id}`,
    delegationId: `g-${id}`,
    delegationName: `Delegation ${id}`,
    delegationCode: id.toUpperCase(),
    delegationKind: 'member_state',
    onBehalfOf: null,
    replyToId: null,
    replyToDelegationId: null,
    replyToDelegationName: null,
    replyToDelegationCode: null,
    replyToDelegationKind: null,
    ready: false,
    placedByModerator: false,
    ...fields,
  };
}

describe('floor snapshot', () => {
  const speaker = row('s', { status: 'speaking', queuePosition: null, startedAt: t0, allottedSeconds: 120 });
  const open = [speaker, row('a', { kind: 'point_of_order' }), row('b', { queuePosition: 2 })];

  it('should show the speaker, their clock and the queue in order with times and waits', () => {
    const sut = buildSnapshot(panel, open, [], at(20));
    expect(sut).toMatchObject({
      panelId: 'p1',
      version: 7,
      status: 'live',
      queueOpen: true,
      serverTime: at(20).toISOString(),
      speaker: { id: 's', status: 'speaking', delegation: { code: 'S' } },
      clock: { allottedSeconds: 120, remainingSeconds: 100, pausedAt: null },
    });
    expect(sut.queue.map((q) => [q.id, q.allottedSeconds, q.estimatedWaitSeconds])).toEqual([
      ['a', 60, 100],
      ['b', 180, 160],
    ]);
    expect(sut.window).toEqual({ remainingSeconds: 3580, queuedSeconds: 340, overrunSeconds: 0 });
  });

  it('should have no speaker and no clock when nobody has the floor', () => {
    const sut = buildSnapshot(panel, [row('a')], [], at(0));
    expect(sut.speaker).toBeNull();
    expect(sut.clock).toBeNull();
    expect(sut.queue[0].estimatedWaitSeconds).toBe(0);
  });

  it('should hide the notes from everyone but moderators when made public', () => {
    const full = buildSnapshot(panel, open, [], at(0));
    const sut = toPublicSnapshot(full);
    expect(full.queue[0].note).toBe('note of a');
    expect(sut.speaker?.note).toBeNull();
    expect(sut.queue.map((q) => q.note)).toEqual([null, null]);
    expect(sut.queue.map((q) => q.id)).toEqual(['a', 'b']);
  });
});
