import type { DelegationSpeaking } from '@rostrum/contracts';
import { attendancePeak, speakingByRegion } from './report-queries';

const row = (code: string, region: string | null, interventions: number, spokenSeconds: number) =>
  ({
    delegationId: code,
    code,
    name: code,
    region,
    interventions,
    spokenSeconds,
    share: 0,
  }) as DelegationSpeaking;

describe('speakingByRegion', () => {
  it('should sum delegations per group, with each group’s share, most time first', () => {
    const sut = speakingByRegion([
      row('FRA', 'Group B', 2, 100.2),
      row('BRA', 'GRULAC', 1, 200),
      row('DEU', 'Group B', 1, 0.2),
      row('OBS', null, 1, 99.6),
    ]);
    expect(sut).toEqual([
      { region: 'GRULAC', interventions: 1, spokenSeconds: 200, share: 0.5 },
      { region: 'Group B', interventions: 3, spokenSeconds: 100.4, share: 0.251 },
      { region: null, interventions: 1, spokenSeconds: 99.6, share: 0.249 },
    ]);
  });

  it('should give no rows and no division by zero when nobody spoke', () => {
    expect(speakingByRegion([])).toEqual([]);
    expect(speakingByRegion([row('FRA', 'Group B', 1, 0)])).toEqual([
      { region: 'Group B', interventions: 1, spokenSeconds: 0, share: 0 },
    ]);
  });
});

describe('attendancePeak', () => {
  const sample = (minute: string, delegates: number, pub: number) => ({
    minute,
    moderators: 1,
    panelists: 0,
    delegates,
    public: pub,
  });

  it('should pick the minute with the most people, the earliest of equals', () => {
    expect(
      attendancePeak([
        sample('09:00', 2, 3),
        sample('09:01', 4, 5),
        sample('09:02', 5, 4),
        sample('09:03', 1, 1),
      ]),
    ).toEqual({ at: '09:01', delegates: 4, public: 5, total: 10 });
  });

  it('should answer zeros and no time before any sample', () => {
    expect(attendancePeak([])).toEqual({ at: null, delegates: 0, public: 0, total: 0 });
  });
});
