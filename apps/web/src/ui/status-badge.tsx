import type { PanelStatus, RecordingStatus } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';

export function PanelStatusBadge({ status }: { status: PanelStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status badge--${status}`} data-testid="panel-status">
      {status === 'live' ? <span className="live-dot" aria-hidden="true" /> : null}
      {t(`panelStatus.${status}`)}
    </span>
  );
}

export function RecordingStatusBadge({ status }: { status: RecordingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--rec badge--rec-${status}`} data-testid="recording-status">
      {t(`recordingStatus.${status}`)}
    </span>
  );
}
