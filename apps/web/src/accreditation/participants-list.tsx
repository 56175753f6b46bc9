import { INVITABLE_ROLES, type DelegationView } from '@rostrum/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  accreditation,
  PARTICIPANT_STATUSES,
  type Participant,
  type ParticipantFilter,
  type ParticipantStatus,
} from '../api/accreditation';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { useAction } from '../ui/use-action';
import { useDebounced } from '../ui/use-debounced';
import { useLoad } from '../ui/use-load';
import { ZonedDateTime } from '../ui/zoned-time';
import { ConfirmRevoke, InvitationActions, ParticipantStatusBadge } from './invitation-pieces';

const PAGE = 100;

/**
 * An event's participants with filters (role, delegation, status), a search by name or email, counts by
 * status, and per row: revoke, resend the invitation. A focal point's list (`ownDelegation`) has no role or
 * delegation filter: the server shows them their delegation only.
 */
export function ParticipantsList({
  eventId,
  zone,
  delegations,
  ownDelegation = false,
  refreshKey = 0,
}: {
  eventId: string;
  zone: string;
  delegations: DelegationView[];
  ownDelegation?: boolean;
  /** Changes when something outside (an invitation just sent) changed the list. */
  refreshKey?: number;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState('');
  const [delegationId, setDelegationId] = useState('');
  const [status, setStatus] = useState<ParticipantStatus | ''>('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const search = useDebounced(q.trim(), 300);
  const filter: ParticipantFilter = { role, delegationId, q: search };
  const deps = [eventId, role, delegationId, status, search, offset, refreshKey];
  const list = useLoad(
    () => accreditation.participants(eventId, { ...filter, status, limit: PAGE, offset }),
    deps,
  );
  const counts = useLoad(() => accreditation.countByStatus(eventId, filter), deps);
  const reload = () => {
    list.reload();
    counts.reload();
  };
  const setFilter =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      setOffset(0);
      set(value);
    };

  const total = list.data?.total ?? 0;
  return (
    <section className="card" aria-labelledby={`participants-${eventId}`} data-testid="participants">
      <h2 id={`participants-${eventId}`}>{t('participants.listTitle')}</h2>
      <p className="status-counts" data-testid="status-counts" aria-live="polite">
        {PARTICIPANT_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip chip--count${status === s ? ' chip--on' : ''}`}
            aria-pressed={status === s}
            onClick={() => setFilter(setStatus)(status === s ? '' : s)}
            data-testid={`count-${s}`}
          >
            {t(`participantStatus.${s}`)} <strong>{counts.data?.[s] ?? '…'}</strong>
          </button>
        ))}
      </p>
      <div className="filters">
        <Field label={t('common.search')} className="field--grow">
          <input
            type="search"
            placeholder={t('participants.searchHint')}
            value={q}
            onChange={(e) => setFilter(setQ)(e.target.value)}
          />
        </Field>
        {!ownDelegation ? (
          <>
            <Field label={t('invitations.role')}>
              <select value={role} onChange={(e) => setFilter(setRole)(e.target.value)}>
                <option value="">{t('participants.any')}</option>
                {INVITABLE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('invitations.delegation')}>
              <select value={delegationId} onChange={(e) => setFilter(setDelegationId)(e.target.value)}>
                <option value="">{t('participants.any')}</option>
                {delegations.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({d.code})
                  </option>
                ))}
              </select>
            </Field>
          </>
        ) : null}
        <Field label={t('participants.status')}>
          <select
            value={status}
            onChange={(e) => setFilter(setStatus)(e.target.value as ParticipantStatus | '')}
          >
            <option value="">{t('participants.any')}</option>
            {PARTICIPANT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`participantStatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorText error={list.error ?? counts.error} />
      {list.loading && !list.data ? <p className="loading">{t('common.loading')}</p> : null}
      {list.data && list.data.data.length === 0 ? <p className="empty">{t('participants.none')}</p> : null}
      <ul className="participant-list">
        {(list.data?.data ?? []).map((p, i) => (
          <ParticipantRow
            key={p.user?.id ?? p.invitation?.id ?? i}
            participant={p}
            eventId={eventId}
            zone={zone}
            onChanged={reload}
          />
        ))}
      </ul>
      {total > PAGE ? (
        <nav className="pager" aria-label={t('participants.pages')}>
          <button
            type="button"
            className="btn btn--small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t('participants.previous')}
          </button>
          <span>
            {t('participants.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}
          </span>
          <button
            type="button"
            className="btn btn--small"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('participants.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function ParticipantRow({
  participant: p,
  eventId,
  zone,
  onChanged,
}: {
  participant: Participant;
  eventId: string;
  zone: string;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const who = p.user?.name ?? p.name ?? p.email ?? t('participants.unnamed');
  const revokeAccreditation = async () => {
    setConfirming(false);
    if (!p.user) return;
    const userId = p.user.id;
    const done = await run(async () => (await accreditation.revokeParticipant(eventId, userId), true));
    if (done) onChanged();
  };

  return (
    <li className="participant" data-testid="participant">
      <div className="participant__who">
        <strong>{who}</strong>
        {p.focalPoint ? <span className="badge badge--focal">{t('participants.focalPoint')}</span> : null}
        <span className="muted">{p.user?.email ?? p.email ?? ''}</span>
      </div>
      <div className="participant__what">
        <span>{t(`roles.${p.role}`)}</span>
        {p.delegation ? (
          <span>
            {p.delegation.name} <span className="code">{p.delegation.code}</span>
          </span>
        ) : null}
        <ParticipantStatusBadge status={p.status} />
        {p.invitation && p.status === 'invited' ? (
          <span className="muted">
            {p.invitation.sentAt ? (
              <>
                {t('participants.sent')} <ZonedDateTime iso={p.invitation.sentAt} zone={zone} />
                {' · '}
              </>
            ) : null}
            {t('participants.expires')} <ZonedDateTime iso={p.invitation.expiresAt} zone={zone} />
          </span>
        ) : null}
      </div>
      <div className="participant__actions">
        {p.status === 'accredited' && p.user && !confirming ? (
          <button
            type="button"
            className="btn btn--small btn--quiet"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            {t('participants.revoke')}
            <span className="visually-hidden"> — {who}</span>
          </button>
        ) : null}
        {confirming ? (
          <ConfirmRevoke who={who} onYes={revokeAccreditation} onNo={() => setConfirming(false)} />
        ) : null}
        {p.status === 'invited' && p.invitation ? (
          <InvitationActions
            invitationId={p.invitation.id}
            status={p.invitation.status}
            who={who}
            hasEmail={!!p.email}
            onChanged={onChanged}
          />
        ) : null}
        <ErrorText error={error} />
      </div>
    </li>
  );
}
