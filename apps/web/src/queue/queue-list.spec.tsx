import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delegation, intervention } from '../test-support/fixtures';
import { renderWithI18n } from '../test-support/render';
import { QueueList } from './queue-list';

const person = (n: number, name: string, code: string) => ({
  delegate: { id: `delegate-${n}`, name: `Delegate ${n}` },
  delegation: delegation(name, code),
});

const BRAZIL = intervention('panel-1', person(1, 'Brazil', 'BRA'));
const KENYA = intervention('panel-1', person(2, 'Kenya', 'KEN'), 'question');
const JAPAN = intervention('panel-1', person(3, 'Japan', 'JPN'), 'right_of_reply');
const QUEUE = [BRAZIL, KENYA, JAPAN];

const rows = () => screen.getAllByTestId('queue-item');
const names = () => rows().map((row) => row.querySelector('.queue__delegation')!.textContent);

describe('QueueList', () => {
  it('should list the requests in queue order with their position, delegation and kind', () => {
    renderWithI18n(<QueueList items={QUEUE} allottedFor={() => 180} />);
    expect(names()).toEqual(['Brazil BRA', 'Kenya KEN', 'Japan JPN']);
    expect(within(rows()[0]).getByLabelText('Position 1')).toHaveTextContent('1');
    expect(rows()[1]).toHaveTextContent('Question');
    expect(rows()[2]).toHaveTextContent('Right of reply');
    expect(rows()[0]).toHaveTextContent('3:00');
    expect(screen.getByRole('list', { name: 'Speaking queue, in order' })).toBeInTheDocument();
  });

  it('should show no moderator controls and mark the own request when a delegate looks', () => {
    renderWithI18n(<QueueList items={QUEUE} ownDelegateId="delegate-2" />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(rows()[1]).toHaveClass('queue__item--own');
    expect(within(rows()[1]).getByText('You')).toBeInTheDocument();
  });

  it('should name the bands, the group spoken for, the speech answered, and mark on deck and ready', async () => {
    const user = userEvent.setup();
    const onSkip = jest.fn();
    const group = intervention('panel-1', person(4, 'Chile', 'CHL'), 'group_statement', {
      onBehalfOf: 'GRULAC',
      onDeck: true,
      ready: true,
    });
    const reply = intervention('panel-1', person(5, 'Peru', 'PER'), 'right_of_reply', {
      replyTo: { id: BRAZIL.id, delegation: BRAZIL.delegation },
    });
    renderWithI18n(<QueueList items={[group, BRAZIL, reply]} showBands canModerate onSkip={onSkip} />);
    expect(screen.getAllByTestId('queue-band').map((b) => b.textContent)).toEqual([
      'Group statements',
      'Member states',
      'Rights of reply',
    ]);
    expect(rows()[0]).toHaveTextContent('On behalf of GRULAC');
    expect(within(rows()[0]).getByTestId('on-deck-mark')).toHaveTextContent('On deck');
    expect(within(rows()[0]).getByTestId('ready-mark')).toHaveTextContent('Ready');
    expect(rows()[2]).toHaveTextContent('Right of reply to Brazil');
    expect(within(rows()[1]).queryByTestId('on-deck-mark')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Skip Chile one place down' }));
    expect(onSkip).toHaveBeenCalledWith(group.id);
  });

  it('should say so when no one is waiting', () => {
    renderWithI18n(<QueueList items={[]} canModerate />);
    expect(screen.getByTestId('queue-empty')).toHaveTextContent('No one is waiting to speak.');
  });

  it('should move a request to the top when the moderator picks it up and moves it with the keyboard', async () => {
    const user = userEvent.setup();
    const onMove = jest.fn();
    renderWithI18n(<QueueList items={QUEUE} canModerate onMove={onMove} />);
    const handle = screen.getByRole('button', { name: 'Reorder Japan' });
    handle.focus();

    await user.keyboard(' ');
    expect(screen.getByTestId('queue-announcement')).toHaveTextContent('Picked up Japan, position 3 of 3');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(names()).toEqual(['Japan JPN', 'Brazil BRA', 'Kenya KEN']); // previewed while held
    expect(screen.getByRole('button', { name: 'Reorder Japan' })).toHaveFocus();
    expect(onMove).not.toHaveBeenCalled();

    await user.keyboard(' ');
    expect(onMove).toHaveBeenCalledTimes(1);
    expect(onMove).toHaveBeenCalledWith(JAPAN.id, 0);
    expect(screen.getByTestId('queue-announcement')).toHaveTextContent('Japan moved to position 1 of 3.');
  });

  it('should put the request back and send nothing when the moderator presses Escape', async () => {
    const user = userEvent.setup();
    const onMove = jest.fn();
    renderWithI18n(<QueueList items={QUEUE} canModerate onMove={onMove} />);
    screen.getByRole('button', { name: 'Reorder Brazil' }).focus();
    await user.keyboard('{Enter}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(names()).toEqual(['Kenya KEN', 'Japan JPN', 'Brazil BRA']); // stops at the end
    await user.keyboard('{Escape}');
    expect(names()).toEqual(['Brazil BRA', 'Kenya KEN', 'Japan JPN']);
    expect(onMove).not.toHaveBeenCalled();
    expect(screen.getByTestId('queue-announcement')).toHaveTextContent('Reorder cancelled.');
  });

  it('should move one place with the up and down buttons, which stop at the ends', async () => {
    const user = userEvent.setup();
    const onMove = jest.fn();
    renderWithI18n(<QueueList items={QUEUE} canModerate onMove={onMove} />);
    expect(screen.getByRole('button', { name: 'Move Brazil up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Japan down' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Move Kenya down' }));
    await user.click(screen.getByRole('button', { name: 'Move Kenya up' }));
    expect(onMove.mock.calls).toEqual([
      [KENYA.id, 2],
      [KENYA.id, 0],
    ]);
  });

  it('should grant or remove the chosen request when the moderator clicks', async () => {
    const user = userEvent.setup();
    const onGrant = jest.fn();
    const onRemove = jest.fn();
    renderWithI18n(<QueueList items={QUEUE} canModerate onGrant={onGrant} onRemove={onRemove} />);
    await user.click(screen.getByRole('button', { name: 'Give the floor — Kenya' }));
    await user.click(screen.getByRole('button', { name: 'Remove — Japan' }));
    expect(onGrant).toHaveBeenCalledWith(KENYA.id);
    expect(onRemove).toHaveBeenCalledWith(JAPAN.id);
  });

  it('should name its controls in Chinese when the UI is in Chinese', () => {
    renderWithI18n(<QueueList items={QUEUE} canModerate />, 'zh');
    expect(screen.getByRole('list', { name: '发言名单（按顺序）' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /请其发言/ })).toHaveLength(3);
  });
});
