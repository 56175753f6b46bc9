import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accreditation, type AccreditedEvent } from '../api/accreditation';
import { rest } from '../api/rest';
import { useAuth } from '../auth/auth-context';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { zoneOf } from '../ui/time-zone';
import { useLoad } from '../ui/use-load';
import { ZonedSlot } from '../ui/zoned-time';
import { InviteForm } from './invite-form';
import { ParticipantsList } from './participants-list';

/**
 * A delegation's focal point (/delegation): for each event where they are its focal point, invite colleagues
 * within the event's quota, and list, resend and revoke their delegation's invitations and participants.
 * The events where they are focal point are those whose participants route lets them in.
 */
export function FocalPointPage() {
  const { t } = useTranslation();
  usePageTitle(t('focal.title'));
  const { user } = useAuth();
  const focal = useLoad(() => focalEvents(), []);
  const delegations = useLoad(() => rest.delegations(), []);
  const [chosen, setChosen] = useState('');
  const [invitedCount, setInvitedCount] = useState(0);
  const events = focal.data ?? [];
  const event = events.find((e) => e.id === chosen) ?? events[0];
  const delegation = delegations.data?.find((d) => d.id === user?.delegationId);
  const used = useLoad(
    () => (event ? accreditation.countByStatus(event.id, {}) : Promise.resolve(null)),
    [event?.id, invitedCount],
  );

  return (
    <section className="page page--medium">
      <header className="page__header">
        <p className="eyebrow">
          {delegation ? `${delegation.name} (${delegation.code})` : t('focal.eyebrow')}
        </p>
        <h1>{t('focal.title')}</h1>
        <p className="lead">{t('focal.lead')}</p>
      </header>
      <ErrorText error={focal.error ?? delegations.error} />
      {focal.loading ? <p className="loading">{t('common.loading')}</p> : null}
      {focal.data && events.length === 0 ? (
        <p className="card empty-state" data-testid="not-focal-point">
          {t('focal.notFocalPoint')}
        </p>
      ) : null}
      {event && user?.delegationId ? (
        <>
          {events.length > 1 ? (
            <Field label={t('invitationList.event')}>
              <select value={event.id} onChange={(e) => setChosen(e.target.value)}>
                {events.map((ev) => (
                  <option key={ev.id} value={ev.id}>
                    {ev.title}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <section className="card" aria-labelledby="focal-event">
            <h2 id="focal-event">{event.title}</h2>
            <p className="muted">
              <ZonedSlot startsAt={event.startsAt} endsAt={event.endsAt} zone={zoneOf(event)} />
            </p>
            <p data-testid="quota-line">
              {quotaLine(t, event.delegateQuota, used.data ? used.data.accredited + used.data.invited : null)}
            </p>
          </section>
          <h2>{t('focal.inviteTitle')}</h2>
          <InviteForm
            events={[event]}
            delegations={delegations.data ?? []}
            fixed={{ eventId: event.id, delegationId: user.delegationId }}
            onInvited={() => setInvitedCount((n) => n + 1)}
          />
          <ParticipantsList
            eventId={event.id}
            zone={zoneOf(event)}
            delegations={[]}
            ownDelegation
            refreshKey={invitedCount}
          />
        </>
      ) : null}
    </section>
  );
}

function quotaLine(
  t: (key: string, options?: Record<string, unknown>) => string,
  quota: number | null | undefined,
  used: number | null,
): string {
  const limit = quota === undefined ? 5 : quota; // the contract's default
  if (limit === null) return t('focal.noQuota', { used: used ?? '…' });
  return t('focal.quota', { used: used ?? '…', quota: limit });
}

/** The events whose participants this delegate may list: those where they are their delegation's focal point. */
async function focalEvents(): Promise<AccreditedEvent[]> {
  const events: AccreditedEvent[] = await rest.events();
  const allowed = await Promise.all(
    events.map((e) =>
      accreditation.participants(e.id, { limit: 1 }).then(
        () => true,
        () => false,
      ),
    ),
  );
  return events.filter((_, i) => allowed[i]);
}
