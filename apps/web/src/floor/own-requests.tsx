import type { PanelSnapshot } from '@rostrum/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../clock/use-now';
import { formatDuration } from '../ui/format';
import { waitNow, type OwnRequest } from './floor-estimates';

interface OwnRequestsProps {
  snapshot: PanelSnapshot;
  waiting: OwnRequest[];
  offsetMs: number;
  busy: boolean;
  /** The request just made: focus goes to it (its position) once it is shown. */
  focusId: string | null;
  onFocused(): void;
  onWithdraw(interventionId: string): void;
}

/** The delegate's waiting requests (a point of order and one other at most), each with its place and wait. */
export function OwnRequests(props: OwnRequestsProps) {
  const { snapshot, waiting, offsetMs, busy, focusId, onFocused, onWithdraw } = props;
  const { t } = useTranslation();
  const now = useNow(1000, waiting.length > 0);
  const focusTarget = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusId || !focusTarget.current) return;
    focusTarget.current.focus();
    onFocused();
  }, [focusId, waiting, onFocused]);

  if (waiting.length === 0) return null;
  return (
    <ul className="my-requests" data-testid="my-requests">
      {waiting.map(({ item, position }) => {
        const wait = waitNow(snapshot, item, offsetMs, now);
        const titleId = `my-request-${item.id}`;
        return (
          <li key={item.id}>
            <div
              className="my-request"
              data-testid="my-request"
              role="group"
              aria-labelledby={titleId}
              tabIndex={-1}
              ref={item.id === focusId ? focusTarget : undefined}
            >
              <p className="my-request__kind" id={titleId}>
                {t(`kinds.${item.kind}`)}
                {item.note ? <span className="muted"> — “{item.note}”</span> : null}
              </p>
              <p className="my-request__position">
                {t('floor.positionLabel')}{' '}
                <span className="my-request__place">
                  <strong data-testid="my-position">{position}</strong>
                  <span className="muted"> / {snapshot.queue.length}</span>
                </span>
              </p>
              <p className="my-request__wait" data-testid="my-wait">
                {wait !== null ? t('floor.estimatedWait', { time: formatDuration(wait) }) : null}
              </p>
              <button type="button" className="btn" disabled={busy} onClick={() => onWithdraw(item.id)}>
                {t('floor.withdraw')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Tells the delegate's tabs which requests they withdrew, so none of them reads it as a removal. */
const WITHDRAWN_CHANNEL = 'rostrum.floor.withdrawn';

/**
 * Whether one of the delegate's waiting requests was taken out of the queue by a moderator: it left the
 * queue without reaching the floor, the panel still live, and no tab of theirs withdrew it. `withdrawing`
 * is told before a withdraw is sent; `clear` hides the word again (a new request).
 */
export function useRemovedRequest(snapshot: PanelSnapshot | null, userId: string) {
  const [removed, setRemoved] = useState(false);
  const withdrawn = useRef(new Set<string>());
  const before = useRef<string[] | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const opened = new BroadcastChannel(WITHDRAWN_CHANNEL);
    opened.onmessage = (event: MessageEvent<string>) => withdrawn.current.add(event.data);
    channel.current = opened;
    return () => {
      channel.current = null;
      opened.close();
    };
  }, []);

  useEffect(() => {
    if (!snapshot) return;
    const waiting = snapshot.queue.filter((i) => i.delegate.id === userId).map((i) => i.id);
    const prev = before.current;
    before.current = waiting;
    if (!prev || snapshot.status !== 'live') return;
    const gone = prev.filter(
      (id) => !waiting.includes(id) && snapshot.speaker?.id !== id && !withdrawn.current.has(id),
    );
    if (gone.length > 0) setRemoved(true);
  }, [snapshot, userId]);

  return {
    removed,
    withdrawing: (interventionId: string) => {
      withdrawn.current.add(interventionId);
      channel.current?.postMessage(interventionId);
    },
    clear: () => setRemoved(false),
  };
}
