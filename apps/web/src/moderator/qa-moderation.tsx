import type { QuestionView } from '@rostrum/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { byVotes, QuestionItem } from '../qa/question-item';

type Action = 'qa:approve' | 'qa:dismiss' | 'qa:answered';

interface QaModerationProps {
  questions: QuestionView[];
  busy: boolean;
  onAction(action: Action, questionId: string): void;
}

/** Q&A moderation: pending (approve, dismiss), approved by votes (mark answered, dismiss), answered. */
export function QaModeration({ questions, busy, onAction }: QaModerationProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'pending' | 'approved' | 'answered'>('pending');
  const lists = {
    pending: questions
      .filter((q) => q.status === 'pending')
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
    approved: questions.filter((q) => q.status === 'approved').sort(byVotes),
    answered: questions.filter((q) => q.status === 'answered'),
  };
  const tabs = ['pending', 'approved', 'answered'] as const;

  return (
    <section className="card qa" aria-labelledby="qa-moderation-title" data-testid="qa-moderation">
      <h2 id="qa-moderation-title">{t('qa.moderationTitle')}</h2>
      <div className="tabs" role="tablist" aria-label={t('qa.moderationTitle')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`qa-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={tab === name ? `qa-panel-${name}` : undefined}
            tabIndex={tab === name ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(name)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const next =
                tabs[(tabs.indexOf(name) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
              setTab(next);
              document.getElementById(`qa-tab-${next}`)?.focus();
            }}
          >
            {t(`qa.tab.${name}`)} <span className="count">{lists[name].length}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`qa-panel-${tab}`} aria-labelledby={`qa-tab-${tab}`} tabIndex={0}>
        {lists[tab].length === 0 ? <p className="empty">{t(`qa.empty.${tab}`)}</p> : null}
        <ol className="questions">
          {lists[tab].map((q) => (
            <QuestionItem key={q.id} question={q}>
              {q.status === 'pending' ? (
                <button
                  type="button"
                  className="btn btn--small btn--primary"
                  disabled={busy}
                  onClick={() => onAction('qa:approve', q.id)}
                >
                  {t('qa.approve')}
                </button>
              ) : null}
              {q.status === 'approved' ? (
                <button
                  type="button"
                  className="btn btn--small btn--primary"
                  disabled={busy}
                  onClick={() => onAction('qa:answered', q.id)}
                >
                  {t('qa.markAnswered')}
                </button>
              ) : null}
              {q.status !== 'answered' ? (
                <button
                  type="button"
                  className="btn btn--small btn--quiet"
                  disabled={busy}
                  onClick={() => onAction('qa:dismiss', q.id)}
                >
                  {t('qa.dismiss')}
                </button>
              ) : null}
            </QuestionItem>
          ))}
        </ol>
      </div>
    </section>
  );
}
