import { chainEntries } from '@rostrum/record';
import { FloorHistory, floorViolations, expectFloorInvariants, RecordedCommand } from './floor-invariants';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const DA = 'delegate-a';
const DB = 'delegate-b';
const DC = 'delegate-c';
const MOD = 'moderator';

/**
 * A sound history: A, B and C ask; A is granted (v4), B replaces A (v5), B is extended (v6), C withdraws (v7),
 * B's time-up (unversioned, no auto-end), then the moderator ends B (v8).
 */
function soundHistory(): FloorHistory {
  let seq = 0;
  const row = (
    action: string,
    interventionId: string | null,
    version: number | null,
    actorId: string | null = MOD,
  ) => ({
    seq: ++seq,
    action,
    actorId,
    interventionId,
    version,
  });
  const commands: RecordedCommand[] = [
    {
      command: 'floor:request',
      actorId: DA,
      payload: { requestId: 'ra' },
      ack: { ok: true, data: { intervention: { id: A } } },
    },
    {
      command: 'floor:request',
      actorId: DA,
      payload: { requestId: 'ra' },
      ack: { ok: true, data: { intervention: { id: A } } },
    },
    {
      command: 'floor:request',
      actorId: DB,
      payload: { requestId: 'rb' },
      ack: { ok: true, data: { intervention: { id: B } } },
    },
    {
      command: 'floor:request',
      actorId: DC,
      payload: {},
      ack: { ok: true, data: { intervention: { id: C } } },
    },
    { command: 'floor:next', actorId: MOD, payload: {}, ack: { ok: true, data: { version: 4 } } },
    {
      command: 'floor:grant',
      actorId: MOD,
      payload: { interventionId: B },
      ack: { ok: true, data: { version: 5 } },
    },
    { command: 'floor:extend', actorId: MOD, payload: {}, ack: { ok: true, data: { version: 6 } } },
    { command: 'floor:withdraw', actorId: DC, payload: { interventionId: C }, ack: { ok: true, data: {} } },
    { command: 'floor:end', actorId: MOD, payload: {}, ack: { ok: true, data: { version: 8 } } },
    {
      command: 'floor:next',
      actorId: MOD,
      payload: {},
      ack: { ok: false, error: { code: 'QUEUE_EMPTY', message: '' } },
    },
    { command: 'floor:grant', actorId: MOD, payload: {}, ack: null },
  ];
  const log = [
    row('floor:request', A, 1, DA),
    row('floor:request', B, 2, DB),
    row('floor:request', C, 3, DC),
    row('speech:started', A, null),
    row('floor:next', A, 4),
    row('speech:ended', A, null),
    row('speech:started', B, null),
    row('floor:grant', B, 5),
    row('floor:extend', B, 6),
    row('floor:withdraw', C, 7, DC),
    row('floor:timeup', B, null, null),
    row('speech:ended', B, null),
    row('floor:end', B, 8),
  ];
  const panelId = '00000000-0000-4000-8000-0000000000aa';
  const entries = chainEntries(
    null,
    log.map((r, i) => ({
      panelId,
      at: new Date(Date.UTC(2026, 0, 1, 9, 0, i)).toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorId, role: 'moderator' } : null,
      action: r.action,
      interventionId: r.interventionId,
      questionId: null,
      detail: { version: r.version },
    })),
  );
  return {
    panelVersion: 8,
    log,
    record: { panelId, entries },
    interventions: [
      { id: A, delegateId: DA, status: 'done', clientRequestId: 'ra' },
      { id: B, delegateId: DB, status: 'done', clientRequestId: 'rb' },
      { id: C, delegateId: DC, status: 'withdrawn', clientRequestId: null },
    ],
    commands,
  };
}

/** The sound history with one change made to it. */
function broken(change: (h: FloorHistory) => void): FloorHistory {
  const h = soundHistory();
  change(h);
  return h;
}

describe('floor invariants checker', () => {
  it('should find nothing wrong when the history is sound', () => {
    expect(floorViolations(soundHistory())).toEqual([]);
    expect(() => expectFloorInvariants(soundHistory())).not.toThrow();
  });

  it('should report two speakers when a speech starts while another runs', () => {
    const sut = broken((h) => {
      h.log.splice(5, 1); // A's speech:ended gone: B starts over A
      h.log.push({ seq: 99, action: 'speech:ended', actorId: MOD, interventionId: A, version: null });
    });
    expect(floorViolations(sut)).toEqual(expect.arrayContaining([expect.stringMatching(/two speakers/)]));
  });

  it('should report two speaking rows when the rows disagree with the log', () => {
    const sut = broken((h) => {
      h.interventions[0].status = 'speaking';
      h.interventions[1].status = 'speaking';
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/2 interventions are speaking/)]),
    );
  });

  it('should report a gap when a version is missing', () => {
    const sut = broken((h) => {
      h.log = h.log.filter((r) => r.version !== 6);
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/version 6 is missing/),
        expect.stringMatching(/expected 6/),
      ]),
    );
  });

  it('should report a version used twice', () => {
    const sut = broken((h) => {
      h.log.find((r) => r.action === 'floor:extend')!.version = 5;
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/version 5 used twice/)]),
    );
  });

  it('should report a panel version ahead of its log', () => {
    const sut = broken((h) => {
      h.panelVersion = 9;
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/panel is at version 9/)]),
    );
  });

  it('should report an acknowledged request that does not exist', () => {
    const sut = broken((h) => {
      h.commands!.push({
        command: 'floor:request',
        actorId: DC,
        payload: { requestId: 'lost' },
        ack: { ok: true, data: { intervention: { id: '00000000-0000-4000-8000-0000000000ff' } } },
      });
    });
    expect(floorViolations(sut)).toEqual(expect.arrayContaining([expect.stringMatching(/does not exist/)]));
  });

  it('should report a retried request stored twice', () => {
    const D = '00000000-0000-4000-8000-00000000000d';
    const sut = broken((h) => {
      h.interventions.push({ id: D, delegateId: DA, status: 'queued', clientRequestId: 'ra' });
      h.log.push({ seq: 50, action: 'floor:request', actorId: DA, interventionId: D, version: 9 });
      h.panelVersion = 9;
      h.commands!.push({
        command: 'floor:request',
        actorId: DA,
        payload: { requestId: 'ra' },
        ack: { ok: true, data: { intervention: { id: D } } },
      });
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/request delegate-a\/ra stored twice/),
        expect.stringMatching(/acknowledged as both/),
      ]),
    );
  });

  it('should report an intervention row without its request in the log', () => {
    const sut = broken((h) => {
      h.interventions.push({
        id: '00000000-0000-4000-8000-0000000000ee',
        delegateId: DC,
        status: 'queued',
        clientRequestId: null,
      });
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/has 0 floor:request log rows/)]),
    );
  });

  it('should report a row whose status the log does not explain (a half-applied change)', () => {
    const sut = broken((h) => {
      h.interventions[2].status = 'queued'; // the withdrawal logged, the row not changed
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/is queued but the log leaves it withdrawn/)]),
    );
  });

  it('should report an action on an intervention in the wrong state', () => {
    const sut = broken((h) => {
      h.log.find((r) => r.action === 'floor:withdraw')!.interventionId = B; // B is speaking, not waiting
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/floor:withdraw\) finds .* speaking, expected queued/)]),
    );
  });

  it('should report an acknowledged change whose version the log gives to another action', () => {
    const sut = broken((h) => {
      h.commands!.push({
        command: 'floor:grant',
        actorId: MOD,
        payload: {},
        ack: { ok: true, data: { version: 6 } },
      });
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/acknowledged floor:grant at version 6 but the log has floor:extend/),
      ]),
    );
  });

  it('should report an acknowledged withdrawal missing from the log', () => {
    const sut = broken((h) => {
      h.log = h.log.filter((r) => r.action !== 'floor:withdraw');
    });
    expect(floorViolations(sut)).toEqual(
      expect.arrayContaining([expect.stringMatching(/withdrawal .* is not in the log/)]),
    );
  });

  it('should report the entry whose content changed after it was written', () => {
    const sut = broken((h) => {
      h.record!.entries[4].detail = { version: 40 };
    });
    expect(floorViolations(sut)).toEqual([
      expect.stringMatching(/breaks at entry 5 \(seq 5, floor:next\): its hash does not match its content/),
    ]);
  });

  it('should report a gap in the record’s sequence numbers', () => {
    const sut = broken((h) => {
      h.record!.entries.splice(2, 1);
    });
    expect(floorViolations(sut)).toEqual([
      expect.stringMatching(/breaks at entry 3 \(seq 4, speech:started\): out of order or missing entries/),
    ]);
  });

  it('should throw listing the violations', () => {
    expect(() => expectFloorInvariants(broken((h) => (h.panelVersion = 3)))).toThrow(
      /floor invariants violated/,
    );
  });
});
