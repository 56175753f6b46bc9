import type { PersonRef, QuestionView, UserView } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendCommand } from '../live/use-panel-live';
import { ErrorText } from '../ui/error-message';
import { byVotes, QuestionItem } from './question-item';

export const QUESTION_MAX = 1000;

interface ParticipantQaProps {
  user: UserView;
  questions: QuestionView[];
  panelists: PersonRef[];
  canAct: boolean;
  /** The panel is over: questions still pending were never taken up. */
  ended?: boolean;
  send: SendCommand;
}

/**
 * Q&A for delegates and panelists: ask (optionally of one panelist), see one's own questions awaiting
 * moderation, upvote approved ones (delegates; a second vote takes it back), answer in writing (panelists).
 * Which questions this delegate upvoted comes with `panel:join` (`voted`) and each vote's answer.
 */
export function ParticipantQa({ user, questions, panelists, canAct, ended, send }: ParticipantQaProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const mine = questions.filter((q) => q.status === 'pending' && q.author.id === user.id);
  const dismissed = questions.filter((q) => q.status === 'dismissed' && q.author.id === user.id);
  const approved = questions.filter((q) => q.status === 'approved').sort(byVotes);
  const answered = questions.filter((q) => q.status === 'answered');

  const vote = async (questionId: string) => {
    setBusy(questionId);
    const answer = await send('qa:vote', { questionId });
    setBusy(null);
    if (!answer.ok) return setError(answer.error);
    setError(null);
  };

  return (
    <section className="card qa" aria-labelledby="qa-title" data-testid="participant-qa">
      <h2 id="qa-title">{t('qa.title')}</h2>
      {!ended ? <AskForm panelists={panelists} questions={questions} disabled={!canAct} send={send} /> : null}
      <ErrorText error={error} />

      {mine.length > 0 ? (
        <>
          <h3>{ended ? t('qa.myNotTakenUp') : t('qa.myPending')}</h3>
          <ol className="questions" data-testid="my-pending-questions">
            {mine.map((q) => (
              <QuestionItem key={q.id} question={q} statusLabel={ended ? t('qa.notTakenUp') : undefined} />
            ))}
          </ol>
        </>
      ) : null}

      {dismissed.length > 0 ? (
        <>
          <h3>{t('qa.myDismissed')}</h3>
          <ol className="questions" data-testid="my-dismissed-questions">
            {dismissed.map((q) => (
              <QuestionItem key={q.id} question={q} />
            ))}
          </ol>
        </>
      ) : null}

      <h3>{t('qa.approved')}</h3>
      {approved.length === 0 ? <p className="empty">{t('qa.noneApproved')}</p> : null}
      <ol className="questions" data-testid="approved-questions">
        {approved.map((q) => (
          <QuestionItem key={q.id} question={q}>
            {user.role === 'delegate' && q.author.id === user.id ? (
              <span className="muted" data-testid="own-question">
                {t('qa.ownQuestion')}
              </span>
            ) : null}
            {user.role === 'delegate' && q.author.id !== user.id ? (
              <>
                <button
                  type="button"
                  className={`btn btn--small${q.voted ? ' btn--pressed' : ''}`}
                  aria-pressed={!!q.voted}
                  aria-describedby={q.voted ? `unvote-hint-${q.id}` : undefined}
                  disabled={!canAct || busy === q.id}
                  onClick={() => vote(q.id)}
                  data-testid="upvote"
                >
                  <span aria-hidden="true">▲ </span>
                  {q.voted ? t('qa.upvoted') : t('qa.upvote')}
                </button>
                {q.voted ? (
                  <span className="field__hint" id={`unvote-hint-${q.id}`}>
                    {t('qa.unvoteHint')}
                  </span>
                ) : null}
              </>
            ) : null}
            {user.role === 'panelist' ? <AnswerForm question={q} send={send} disabled={!canAct} /> : null}
          </QuestionItem>
        ))}
      </ol>

      {answered.length > 0 ? (
        <details className="answered">
          <summary>{t('qa.answeredCount', { count: answered.length })}</summary>
          <ol className="questions">
            {answered.map((q) => (
              <QuestionItem key={q.id} question={q} />
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function AskForm({
  panelists,
  questions,
  disabled,
  send,
}: {
  panelists: PersonRef[];
  questions: QuestionView[];
  disabled: boolean;
  send: SendCommand;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [addressedTo, setAddressedTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true; id: string } | { ok: false; error: unknown } | null>(null);
  // "Sent, awaiting moderation" holds only while that question does: once moderated, its list says what became of it.
  const sentPending = result?.ok && questions.some((q) => q.id === result.id && q.status === 'pending');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await send('qa:ask', { text: text.trim(), ...(addressedTo ? { addressedTo } : {}) });
    setBusy(false);
    if (answer.ok) {
      setText('');
      setResult({ ok: true, id: answer.data.id });
    } else setResult({ ok: false, error: answer.error });
  };

  return (
    <form className="ask-form" onSubmit={submit} aria-busy={busy}>
      <div className="field">
        <label className="field__label" htmlFor="qa-text">
          {t('qa.yourQuestion')}
        </label>
        <textarea
          id="qa-text"
          rows={3}
          required
          maxLength={QUESTION_MAX}
          value={text}
          disabled={disabled || busy}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {panelists.length > 0 ? (
        <div className="field">
          <label className="field__label" htmlFor="qa-to">
            {t('qa.addressedTo')}
          </label>
          <select id="qa-to" value={addressedTo} onChange={(e) => setAddressedTo(e.target.value)}>
            <option value="">{t('qa.wholePanel')}</option>
            {panelists.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn btn--primary" disabled={disabled || busy || !text.trim()}>
        {t('qa.ask')}
      </button>
      {sentPending ? (
        <p className="notice notice--success" role="status">
          {t('qa.sent')}
        </p>
      ) : null}
      {result && !result.ok ? <ErrorText error={result.error} /> : null}
    </form>
  );
}

function AnswerForm({
  question,
  send,
  disabled,
}: {
  question: QuestionView;
  send: SendCommand;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return (
      <button type="button" className="btn btn--small" disabled={disabled} onClick={() => setOpen(true)}>
        {t('qa.answerInWriting')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await send('qa:answer', { questionId: question.id, text: text.trim() });
    if (answer.ok) setOpen(false);
    else setError(answer.error);
  };
  return (
    <form className="answer-form" onSubmit={submit}>
      <label className="field__label" htmlFor={`answer-${question.id}`}>
        {t('qa.yourAnswer')}
      </label>
      <textarea
        id={`answer-${question.id}`}
        rows={2}
        required
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn--small btn--primary">
        {t('qa.sendAnswer')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}
