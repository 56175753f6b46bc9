import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  accreditation,
  INVITATION_STATUSES,
  type AccreditedEvent,
  type InvitationListItem,
  type InvitationStatus,
} from '../api/accreditation';
import { rest } from '../api/rest';
import { InvitationActions, InvitationStatusBadge } from '../accreditation/invitation-pieces';
import { InviteForm } from '../accreditation/invite-form';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { zoneOf } from '../ui/time-zone';
import { useLoad } from '../ui/use-load';
import { ZonedDateTime } from '../ui/zoned-time';

const PAGE = 100;

/**
 * Staff: invite someone (for an event, a delegation, by mail or with a link to copy), and every invitation
 * with its status, to resend or revoke (GET /api/invitations; the codes are never listed).
 */
export function InvitationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitations.title'));
  const [params, setParams] = useSearchParams();
  const eventId = params.get('eventId') ?? '';
  const status = (params.get('status') ?? '') as InvitationStatus | '';
  const [offset, setOffset] = useState(0);
  const events = useLoad<AccreditedEvent[]>(() => rest.events(), []);
  const delegations = useLoad(() => rest.delegations(), []);
  const list = useLoad(
    () => accreditation.invitations({ eventId, status, limit: PAGE, offset }),
    [eventId, status, offset],
  );
  const setFilter = (key: 'eventId' | 'status', value: string) => {
    setOffset(0);
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const eventOf = (id: string | null) => events.data?.find((e) => e.id === id);
  const delegationName = (id: string | null) => {
    const d = delegations.data?.find((x) => x.id === id);
    return d ? `${d.name} (${d.code})` : null;
  };

  return (
    <section className="page page--medium">
      <h1>{t('invitations.title')}</h1>
      <p className="lead">{t('invitationList.lead')}</p>
      <ErrorText error={events.error ?? delegations.error} />
      <InviteForm
        events={events.data ?? []}
        delegations={delegations.data ?? []}
        onInvited={() => list.reload()}
      />

      <section className="card" aria-labelledby="invitation-list-title">
        <div className="card__header">
          <h2 id="invitation-list-title">
            {t('invitationList.title')} <span className="count">{list.data?.total ?? 0}</span>
          </h2>
        </div>
        <div className="filters">
          <Field label={t('invitationList.event')}>
            <select value={eventId} onChange={(e) => setFilter('eventId', e.target.value)}>
              <option value="">{t('participants.any')}</option>
              {(events.data ?? []).map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.title}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('participants.status')}>
            <select value={status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">{t('participants.any')}</option>
              {INVITATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`invitationStatus.${s}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <ErrorText error={list.error} />
        {list.data && list.data.data.length === 0 ? (
          <p className="empty">{t('invitationList.none')}</p>
        ) : null}
        <ul className="participant-list" data-testid="invitation-list">
          {(list.data?.data ?? []).map((inv) => (
            <InvitationRow
              key={inv.id}
              invitation={inv}
              event={eventOf(inv.eventId)}
              delegation={delegationName(inv.delegationId)}
              onChanged={() => list.reload()}
            />
          ))}
        </ul>
        {(list.data?.total ?? 0) > PAGE ? (
          <nav className="pager" aria-label={t('participants.pages')}>
            <button
              type="button"
              className="btn btn--small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('participants.previous')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              disabled={offset + PAGE >= (list.data?.total ?? 0)}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('participants.next')}
            </button>
          </nav>
        ) : null}
      </section>
    </section>
  );
}

function InvitationRow({
  invitation: inv,
  event,
  delegation,
  onChanged,
}: {
  invitation: InvitationListItem;
  event: AccreditedEvent | undefined;
  delegation: string | null;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const who = inv.name ?? inv.email ?? t('participants.unnamed');
  const zone = event ? zoneOf(event) : null;
  return (
    <li className="participant" data-testid="invitation">
      <div className="participant__who">
        <strong>{who}</strong>
        {inv.name && inv.email ? <span className="muted">{inv.email}</span> : null}
      </div>
      <div className="participant__what">
        <span>{t(`roles.${inv.role}`)}</span>
        {delegation ? <span>{delegation}</span> : null}
        {event ? <span className="muted">{event.title}</span> : null}
        <InvitationStatusBadge status={inv.status} />
        <span className="muted">
          {inv.sentAt ? (
            <>
              {t('participants.sent')} <ZonedDateTime iso={inv.sentAt} zone={zone} />
              {' · '}
            </>
          ) : null}
          {inv.status === 'accepted' && inv.acceptedAt ? (
            <>
              {t('invitationList.accepted')} <ZonedDateTime iso={inv.acceptedAt} zone={zone} />
            </>
          ) : (
            <>
              {t('participants.expires')} <ZonedDateTime iso={inv.expiresAt} zone={zone} />
            </>
          )}
        </span>
      </div>
      <div className="participant__actions">
        <InvitationActions
          invitationId={inv.id}
          status={inv.status}
          who={who}
          hasEmail={!!inv.email}
          onChanged={onChanged}
        />
      </div>
    </li>
  );
}
