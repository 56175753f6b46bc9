import type { InterventionKind, InterventionView } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegationName } from '../i18n/localized';
import { useEventZone } from '../ui/zoned-time';
import { formatZonedTime, visitorZone } from '../ui/time-zone';

export const NOTE_MAX = 280;

/** What a group statement or a right of reply adds to a request. */
export interface RequestExtra {
  onBehalfOf?: string;
  replyTo?: string;
}

interface RequestFloorFormProps {
  /** The kinds the delegate may ask for now (a point of order can be the only one). */
  kinds: readonly InterventionKind[];
  /** The event's regional groups (a group statement picks one). */
  groups: readonly string[];
  /** The speeches a right of reply may answer (other delegations', speaking or done). */
  answerable: readonly InterventionView[];
  disabled: boolean;
  busy: boolean;
  /** Resolves true once the request was taken (the note is then cleared for the next one). */
  onRequest(kind: InterventionKind, note: string, extra: RequestExtra): Promise<boolean>;
}

/**
 * Ask for the floor: the kind of intervention, the group spoken for or the statement answered when the
 * kind needs one, and an optional short note for the moderator.
 */
export function RequestFloorForm(props: RequestFloorFormProps) {
  const { kinds, groups, answerable, disabled, busy, onRequest } = props;
  const { t, i18n } = useTranslation();
  const delegationName = useDelegationName();
  const zone = useEventZone() ?? visitorZone();
  const [chosen, setKind] = useState<InterventionKind>('statement');
  const [note, setNote] = useState('');
  const [group, setGroup] = useState('');
  const [replyTo, setReplyTo] = useState('');
  const kind = kinds.includes(chosen) ? chosen : kinds[0];
  const needsGroup = kind === 'group_statement' && !groups.includes(group);
  const needsReply = kind === 'right_of_reply' && !answerable.some((s) => s.id === replyTo);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const extra: RequestExtra =
      kind === 'group_statement' ? { onBehalfOf: group } : kind === 'right_of_reply' ? { replyTo } : {};
    void onRequest(kind, note.trim(), extra).then((taken) => taken && setNote(''));
  };
  return (
    <form className="request-form" onSubmit={submit} aria-busy={busy} data-testid="request-form">
      <fieldset className="choice-group" disabled={disabled || busy}>
        <legend>{t('floor.kindLegend')}</legend>
        {kinds.map((k) => (
          <label key={k} className={`choice${kind === k ? ' choice--checked' : ''}`}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span className="choice__title">{t(`kinds.${k}`)}</span>
            <span className="choice__hint">{t(`kindHints.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'group_statement' ? (
        <div className="field">
          <label className="field__label" htmlFor="floor-group">
            {t('list.group')}
          </label>
          <select
            id="floor-group"
            value={group}
            disabled={disabled || busy}
            onChange={(e) => setGroup(e.target.value)}
          >
            <option value="">{t('list.groupChoose')}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === 'right_of_reply' ? (
        <div className="field">
          <label className="field__label" htmlFor="floor-reply-to">
            {t('list.replyToLabel')}
          </label>
          {answerable.length === 0 ? (
            <p className="notice">{t('list.noSpeechesToAnswer')}</p>
          ) : (
            <select
              id="floor-reply-to"
              value={replyTo}
              disabled={disabled || busy}
              onChange={(e) => setReplyTo(e.target.value)}
            >
              <option value="">{t('list.replyChoose')}</option>
              {answerable.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.delegation ? delegationName(s.delegation) : s.delegate.name} — {t(`kinds.${s.kind}`)}
                  {s.startedAt ? ` (${formatZonedTime(s.startedAt, i18n.language, zone)})` : ''}
                </option>
              ))}
            </select>
          )}
        </div>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor="floor-note">
          {t('floor.note')}
        </label>
        <textarea
          id="floor-note"
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          disabled={disabled || busy}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby="floor-note-count"
        />
        <span className="field__hint" id="floor-note-count">
          {t('floor.noteCount', { count: NOTE_MAX - note.length })}
        </span>
      </div>
      <button
        type="submit"
        className="btn btn--primary btn--large"
        disabled={disabled || busy || needsGroup || needsReply}
      >
        {t('floor.request')}
      </button>
    </form>
  );
}
