import type { InterventionView } from '@rostrum/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../ui/announcer';

interface OnDeckNoticeProps {
  /** The delegate's waiting request that is on deck, with its place (null: none is). */
  onDeck: { item: InterventionView; position: number } | null;
  /** The last `floor:ondeck` this page received: read out when it comes. */
  told: { interventionId: string; position: number; at: number } | null;
  busy: boolean;
  onReady(interventionId: string, ready: boolean): void;
}

/**
 * "You are on deck": shown while one of the delegate's requests is among the first `onDeck`, read out when
 * the server says it came on deck, with the button that tells the moderator they are ready.
 */
export function OnDeckNotice({ onDeck, told, busy, onReady }: OnDeckNoticeProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  useEffect(() => {
    if (told) announce(t('list.onDeckNotice', { position: told.position }), 'assertive');
  }, [told, announce, t]);
  return (
    <div aria-live="polite" data-testid="on-deck-region">
      {onDeck ? (
        <section
          className="notice notice--ondeck"
          data-testid="on-deck-notice"
          aria-labelledby="on-deck-title"
        >
          <h3 id="on-deck-title">{t('list.onDeckTitle')}</h3>
          <p>{t('list.onDeckNotice', { position: onDeck.position })}</p>
          <button
            type="button"
            className={`btn ${onDeck.item.ready ? '' : 'btn--primary'}`}
            aria-pressed={onDeck.item.ready}
            disabled={busy}
            onClick={() => onReady(onDeck.item.id, !onDeck.item.ready)}
            data-testid="ready-button"
          >
            {onDeck.item.ready ? t('list.notReady') : t('list.ready')}
          </button>
          {onDeck.item.ready ? (
            <span className="tag tag--ready" data-testid="ready-mark">
              {t('list.readyMark')}
            </span>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** The delegation's speaking time left, on a panel with a budget per delegation. */
export function BudgetLeft({
  budgetSeconds,
  remainingSeconds,
  format,
}: {
  budgetSeconds: number;
  remainingSeconds: number;
  format(seconds: number): string;
}) {
  const { t } = useTranslation();
  return (
    <p className={`notice${remainingSeconds <= 0 ? ' notice--warning' : ''}`} data-testid="budget-left">
      {remainingSeconds <= 0
        ? t('list.budgetExhausted')
        : t('list.budgetLeft', { time: format(remainingSeconds), total: format(budgetSeconds) })}
    </p>
  );
}
