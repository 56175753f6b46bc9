import type { FloorClock } from '@rostrum/contracts';
import { act, screen } from '@testing-library/react';
import { renderWithI18n } from '../test-support/render';
import { SpeakerClock } from './speaker-clock';

const SERVER_NOW = Date.parse('2026-11-04T10:00:00.000Z');
const secondsBefore = (s: number) => new Date(SERVER_NOW - s * 1000).toISOString();

function clockStarted(elapsedSeconds: number, fields: Partial<FloorClock> = {}): FloorClock {
  return {
    allottedSeconds: 180,
    startedAt: secondsBefore(elapsedSeconds),
    pausedAt: null,
    pausedSeconds: 0,
    remainingSeconds: 180 - elapsedSeconds,
    ...fields,
  };
}

const digits = () => screen.getByRole('timer');
const sut = () => screen.getByTestId('speaker-clock');
const tick = (ms: number) => act(() => jest.advanceTimersByTime(ms));

describe('SpeakerClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: SERVER_NOW }));
  afterEach(() => jest.useRealTimers());

  it('should count down from startedAt on the server clock when the local clock is behind', () => {
    // The local clock runs 5 s behind the server: the offset puts it right, so 30 s have elapsed, not 25.
    jest.setSystemTime(SERVER_NOW - 5000);
    renderWithI18n(<SpeakerClock clock={clockStarted(30)} offsetMs={5000} />);
    expect(digits()).toHaveTextContent('2:30');
    expect(digits()).toHaveAccessibleName('Time remaining: 2:30');
    tick(10_000);
    expect(digits()).toHaveTextContent('2:20');
    expect(sut()).toHaveAttribute('data-tone', 'normal');
  });

  it('should subtract earlier pauses when the speaker was paused before', () => {
    renderWithI18n(<SpeakerClock clock={clockStarted(30, { pausedSeconds: 20 })} offsetMs={0} />);
    expect(digits()).toHaveTextContent('2:50');
  });

  it('should stand still at pausedAt when the clock is paused', () => {
    const clock = clockStarted(100, { pausedAt: secondsBefore(40) }); // paused after 60 s of speech
    renderWithI18n(<SpeakerClock clock={clock} offsetMs={0} />);
    expect(digits()).toHaveTextContent('2:00');
    tick(15_000);
    expect(digits()).toHaveTextContent('2:00');
    expect(sut()).toHaveTextContent('Paused');
    expect(sut()).toHaveAttribute('data-paused', 'true');
  });

  it('should turn amber and say so when the end is near', () => {
    renderWithI18n(<SpeakerClock clock={clockStarted(145)} offsetMs={0} />);
    expect(sut()).toHaveAttribute('data-tone', 'normal');
    tick(6_000); // 29 s left
    expect(digits()).toHaveTextContent('0:29');
    expect(sut()).toHaveAttribute('data-tone', 'warning');
    expect(sut()).toHaveTextContent('Ending soon');
    expect(screen.getByTestId('clock-announcement')).toHaveTextContent('Time is nearly up.');
  });

  it('should turn red and show the negative remaining time when in overtime', () => {
    renderWithI18n(<SpeakerClock clock={clockStarted(192)} offsetMs={0} />);
    expect(digits()).toHaveTextContent('−0:12');
    expect(sut()).toHaveAttribute('data-tone', 'overtime');
    expect(sut()).toHaveTextContent('Overtime');
    expect(screen.getByTestId('clock-announcement')).toHaveTextContent('Time is up.');
    tick(60_000);
    expect(digits()).toHaveTextContent('−1:12');
  });

  it('should warn earlier in proportion when the allotted time is short', () => {
    // A 60 s point of order warns in its last 15 s (a quarter), not its last 30.
    renderWithI18n(<SpeakerClock clock={clockStarted(40, { allottedSeconds: 60 })} offsetMs={0} />);
    expect(sut()).toHaveAttribute('data-tone', 'normal');
    tick(6_000);
    expect(sut()).toHaveAttribute('data-tone', 'warning');
  });

  it('should show an idle clock when no one has the floor', () => {
    renderWithI18n(<SpeakerClock clock={null} offsetMs={0} />);
    expect(sut()).toHaveAttribute('data-tone', 'idle');
    expect(sut()).toHaveTextContent('No one has the floor');
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('should label the clock in French when the UI is in French', () => {
    renderWithI18n(<SpeakerClock clock={clockStarted(192)} offsetMs={0} />, 'fr');
    expect(sut()).toHaveTextContent('Dépassement');
    expect(digits()).toHaveAccessibleName('Temps restant : −0:12');
  });
});
