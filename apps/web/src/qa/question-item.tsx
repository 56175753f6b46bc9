import type { QuestionView } from '@rostrum/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegationName } from '../i18n/localized';
import { ZonedClockTime } from '../ui/zoned-time';

/**
 * One question: text, author and delegation, addressee, votes, answer; actions are passed in. `statusLabel`
 * overrides what its status says (a pending question of an ended panel was never taken up).
 */
export function QuestionItem({
  question,
  statusLabel,
  children,
}: {
  question: QuestionView;
  statusLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const delegationName = useDelegationName();
  return (
    <li
      className={`question question--${question.status}`}
      data-testid="question"
      data-question-id={question.id}
    >
      <div className="question__votes" aria-label={t('qa.votes', { count: question.votes })}>
        <span className="question__vote-count" data-testid="vote-count">
          {question.votes}
        </span>
        <span className="question__vote-label" aria-hidden="true">
          {t('qa.votesShort')}
        </span>
      </div>
      <div className="question__body">
        <p className="question__text">{question.text}</p>
        <p className="question__meta">
          {question.author.name}
          {question.delegation ? ` · ${delegationName(question.delegation)}` : ''}
          {question.addressedTo ? ` · ${t('qa.to', { name: question.addressedTo.name })}` : ''}
          {' · '}
          <ZonedClockTime iso={question.createdAt} />
          {question.status !== 'approved' ? (
            <span className={`badge badge--q-${question.status}`}>
              {statusLabel ?? t(`qa.status.${question.status}`)}
            </span>
          ) : null}
        </p>
        {question.answer ? (
          <p className="question__answer">
            <strong>{t('qa.answer')}:</strong> {question.answer}
          </p>
        ) : null}
        {children ? <div className="question__actions">{children}</div> : null}
      </div>
    </li>
  );
}

/** Approved questions by votes, then age (oldest first), as the contract orders them. */
export function byVotes(a: QuestionView, b: QuestionView): number {
  return b.votes - a.votes || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}
