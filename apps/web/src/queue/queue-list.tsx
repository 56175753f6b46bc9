import { protocolBand, type InterventionView } from '@rostrum/contracts';
import { useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegationName } from '../i18n/localized';
import { formatDuration } from '../ui/format';
import { ZonedClockTime } from '../ui/zoned-time';
import { InterventionContext } from '../speakers-list/intervention-context';
import { KindBadge } from './kind-badge';

export interface QueueListProps {
  items: InterventionView[];
  /** Shows the moderator's controls (reorder, grant, remove). */
  canModerate?: boolean;
  /** Highlights the signed-in delegate's own request. */
  ownDelegateId?: string;
  /** Allotted time per request when the intervention carries none (from the panel settings). */
  allottedFor?: (item: InterventionView) => number | null;
  busy?: boolean;
  onMove?: (interventionId: string, toIndex: number) => void;
  onGrant?: (interventionId: string) => void;
  onRemove?: (interventionId: string) => void;
  /** Moves a waiting request one place down (`queue:skip`); shown with the moderator's controls. */
  onSkip?: (interventionId: string) => void;
  /** The protocol order: each band (points of order, groups, member states, observers, replies) is named. */
  showBands?: boolean;
}

interface Grab {
  id: string;
  from: number;
  to: number;
}

/**
 * The speaking queue, in order. Moderators reorder by drag (mouse) or by keyboard: Space or Enter on a
 * row's handle picks it up, the arrow keys move it, Space/Enter drops it, Escape cancels — each step read out.
 */
export function QueueList(props: QueueListProps) {
  const { items, canModerate = false, ownDelegateId, allottedFor, busy = false } = props;
  const { t } = useTranslation();
  const [grab, setGrab] = useState<Grab | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const handles = useRef(new Map<string, HTMLButtonElement>());

  const ordered = grab ? moveItem(items, grab.from, grab.to) : items;
  const delegationName = useDelegationName();
  const nameOf = (item: InterventionView) =>
    item.delegation ? delegationName(item.delegation) : item.delegate.name;

  // Moving a row in the DOM can take focus from its handle: give it back while a row is picked up.
  useLayoutEffect(() => {
    if (grab) handles.current.get(grab.id)?.focus();
  }, [grab]);

  if (items.length === 0) {
    return (
      <p className="empty" data-testid="queue-empty">
        {t('queue.empty')}
      </p>
    );
  }

  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>, item: InterventionView, index: number) => {
    const key = event.key;
    if (key === ' ' || key === 'Enter') {
      event.preventDefault();
      if (!grab) {
        setGrab({ id: item.id, from: index, to: index });
        setMessage(t('queue.grabbed', { name: nameOf(item), position: index + 1, count: items.length }));
      } else {
        drop(grab);
      }
    } else if (grab && (key === 'ArrowUp' || key === 'ArrowDown')) {
      event.preventDefault();
      const to = Math.min(items.length - 1, Math.max(0, grab.to + (key === 'ArrowUp' ? -1 : 1)));
      setGrab({ ...grab, to });
      setMessage(t('queue.movedTo', { position: to + 1, count: items.length }));
    } else if (grab && (key === 'Escape' || key === 'Tab')) {
      if (key === 'Escape') event.preventDefault();
      setGrab(null);
      setMessage(t('queue.cancelled'));
    }
  };

  const drop = (current: Grab) => {
    setGrab(null);
    const item = items[current.from];
    if (current.to === current.from || !item) {
      setMessage(t('queue.cancelled'));
      return;
    }
    setMessage(t('queue.dropped', { name: nameOf(item), position: current.to + 1, count: items.length }));
    props.onMove?.(current.id, current.to);
  };

  const onDrop = (event: DragEvent<HTMLLIElement>, toIndex: number) => {
    event.preventDefault();
    const id = dragId ?? event.dataTransfer.getData('text/plain');
    setDragId(null);
    const from = items.findIndex((i) => i.id === id);
    if (from >= 0 && from !== toIndex) props.onMove?.(id, toIndex);
  };

  return (
    <>
      <ol className="queue" aria-label={t('queue.label')} data-testid="queue-list">
        {ordered.map((item, index) => {
          const own = ownDelegateId !== undefined && item.delegate.id === ownDelegateId;
          const allotted = item.allottedSeconds ?? allottedFor?.(item) ?? null;
          const picked = grab?.id === item.id;
          const band = protocolBand(item.kind, item.delegation?.kind ?? null);
          const prev = ordered[index - 1];
          const newBand =
            props.showBands && (!prev || protocolBand(prev.kind, prev.delegation?.kind ?? null) !== band);
          return (
            <li
              key={item.id}
              className={`queue__item${own ? ' queue__item--own' : ''}${picked ? ' queue__item--picked' : ''}${dragId === item.id ? ' queue__item--dragging' : ''}`}
              data-testid="queue-item"
              data-intervention-id={item.id}
              draggable={canModerate && !busy}
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', item.id);
                e.dataTransfer.effectAllowed = 'move';
                setDragId(item.id);
              }}
              onDragEnd={() => setDragId(null)}
              onDragOver={(e) => canModerate && e.preventDefault()}
              onDrop={(e) => canModerate && onDrop(e, index)}
            >
              <span className="queue__position" aria-label={t('queue.position', { position: index + 1 })}>
                {index + 1}
              </span>
              <span className="queue__who">
                <span className="queue__delegation">
                  {item.delegation ? (
                    <>
                      {delegationName(item.delegation)} <span className="code">{item.delegation.code}</span>
                    </>
                  ) : (
                    item.delegate.name
                  )}
                </span>
                <span className="queue__delegate">
                  {item.delegation ? item.delegate.name : null}
                  {own ? <strong className="tag tag--own">{t('queue.you')}</strong> : null}
                </span>
                <InterventionContext item={item} className="queue__context" />
                {item.note ? <span className="queue__note">“{item.note}”</span> : null}
              </span>
              <span className="queue__meta">
                {newBand ? (
                  <span className="queue__band" data-testid="queue-band">
                    {t(`list.bands.${band}`)}
                  </span>
                ) : null}
                <KindBadge kind={item.kind} />
                {item.onDeck ? (
                  <span className="tag tag--ondeck" data-testid="on-deck-mark">
                    {t('list.onDeckMark')}
                  </span>
                ) : null}
                {item.ready ? (
                  <span className="tag tag--ready" data-testid="ready-mark">
                    {t('list.readyMark')}
                  </span>
                ) : null}
                {allotted !== null ? (
                  <span className="queue__allotted">{formatDuration(allotted)}</span>
                ) : null}
                <ZonedClockTime className="queue__time" iso={item.requestedAt} />
              </span>
              {canModerate ? (
                <span className="queue__actions">
                  <button
                    type="button"
                    className="btn btn--icon queue__handle"
                    aria-label={t('queue.reorderHandle', { name: nameOf(item) })}
                    aria-describedby="queue-reorder-help"
                    aria-pressed={picked}
                    disabled={busy}
                    ref={(el) => {
                      if (el) handles.current.set(item.id, el);
                      else handles.current.delete(item.id);
                    }}
                    onKeyDown={(e) => onHandleKey(e, item, index)}
                  >
                    <span aria-hidden="true">⠿</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--icon"
                    aria-label={t('queue.moveUp', { name: nameOf(item) })}
                    disabled={busy || index === 0 || grab !== null}
                    onClick={() => props.onMove?.(item.id, index - 1)}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--icon"
                    aria-label={t('queue.moveDown', { name: nameOf(item) })}
                    disabled={busy || index === items.length - 1 || grab !== null}
                    onClick={() => props.onMove?.(item.id, index + 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  {props.onSkip ? (
                    <button
                      type="button"
                      className="btn btn--quiet"
                      aria-label={t('list.skipLabel', { name: nameOf(item) })}
                      disabled={busy || index === items.length - 1 || grab !== null}
                      onClick={() => props.onSkip?.(item.id)}
                    >
                      {t('list.skip')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn--primary"
                    disabled={busy}
                    onClick={() => props.onGrant?.(item.id)}
                  >
                    {t('queue.grant')}
                    <span className="visually-hidden"> — {nameOf(item)}</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--quiet"
                    disabled={busy}
                    onClick={() => props.onRemove?.(item.id)}
                  >
                    {t('queue.remove')}
                    <span className="visually-hidden"> — {nameOf(item)}</span>
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {canModerate ? (
        <p id="queue-reorder-help" className="hint">
          {t('queue.reorderHelp')}
        </p>
      ) : null}
      <span className="visually-hidden" aria-live="assertive" data-testid="queue-announcement">
        {message}
      </span>
    </>
  );
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  const copy = list.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}
