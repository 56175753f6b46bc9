import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  accreditation,
  registrationLink,
  type InvitationStatus,
  type IssuedInvitation,
  type ParticipantStatus,
} from '../api/accreditation';
import { ErrorText } from '../ui/error-message';
import { useAction } from '../ui/use-action';

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--inv-${status}`} data-testid="invitation-status">
      {t(`invitationStatus.${status}`)}
    </span>
  );
}

export function ParticipantStatusBadge({ status }: { status: ParticipantStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--part-${status}`} data-testid="participant-status">
      {t(`participantStatus.${status}`)}
    </span>
  );
}

/**
 * A freshly issued code as its registration link, to copy (the server shows the code once; with mail off it
 * is the only way the invitee gets it).
 */
export function IssuedLink({ invitation, mailed }: { invitation: IssuedInvitation; mailed: boolean }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const link = registrationLink(invitation.code);
  const id = `link-${invitation.id}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard access (http, permissions): the link is selectable in its field
    }
  };
  return (
    <div className="issued-link" data-testid="issued-link">
      <p className="notice notice--success" role="status">
        {mailed ? t('invitationList.mailed') : t('invitationList.copyOnce')}
      </p>
      <div className="inline">
        <label className="visually-hidden" htmlFor={id}>
          {t('invitations.link')}
        </label>
        <input
          id={id}
          className="invitation__link"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="invitation-link"
        />
        <button type="button" className="btn" onClick={copy}>
          {copied ? t('invitations.copied') : t('invitations.copy')}
        </button>
      </div>
    </div>
  );
}

/**
 * Resend (a new code and expiry: the old link stops working; the mail goes again when it has an address) and
 * revoke (asked twice), for one invitation.
 */
export function InvitationActions({
  invitationId,
  status,
  who,
  hasEmail,
  onChanged,
}: {
  invitationId: string;
  status: InvitationStatus;
  /** Whom the invitation is for, for the buttons' accessible names. */
  who: string;
  hasEmail: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setIssued(null), [invitationId]);

  const resend = async () => {
    const answer = await run(() => accreditation.resendInvitation(invitationId));
    if (!answer) return;
    setIssued(answer);
    onChanged();
  };
  const revoke = async () => {
    setConfirming(false);
    const done = await run(async () => (await accreditation.revokeInvitation(invitationId), true));
    if (done) onChanged();
  };

  return (
    <div className="row-actions">
      {status === 'pending' || status === 'expired' ? (
        <button type="button" className="btn btn--small" disabled={busy} onClick={resend}>
          {t('invitationList.resend')}
          <span className="visually-hidden"> — {who}</span>
        </button>
      ) : null}
      {status === 'pending' && !confirming ? (
        <button
          type="button"
          className="btn btn--small btn--quiet"
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          {t('invitationList.revoke')}
          <span className="visually-hidden"> — {who}</span>
        </button>
      ) : null}
      {confirming ? <ConfirmRevoke who={who} onYes={revoke} onNo={() => setConfirming(false)} /> : null}
      <ErrorText error={error} />
      {issued ? <IssuedLink invitation={issued} mailed={hasEmail} /> : null}
    </div>
  );
}

export function ConfirmRevoke({ who, onYes, onNo }: { who: string; onYes(): void; onNo(): void }) {
  const { t } = useTranslation();
  return (
    <span className="confirm" role="group" aria-label={t('invitationList.confirmRevoke', { who })}>
      <span>{t('invitationList.confirmRevoke', { who })}</span>
      <button type="button" className="btn btn--small btn--danger" autoFocus onClick={onYes}>
        {t('invitationList.revokeYes')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={onNo}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
