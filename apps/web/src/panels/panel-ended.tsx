import type { RecordingView } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rest } from '../api/rest';
import { useLoad } from '../ui/use-load';

/**
 * Says that the panel is over, and links to its recording once one is published (the public archive lists
 * only published, ready recordings); until then, that it will be in the archive.
 */
export function PanelEnded({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const recordings = useLoad<RecordingView[]>(() => rest.publicRecordings({ panelId }), [panelId]);
  const recording = recordings.data?.[0];
  return (
    <section className="notice panel-ended" aria-labelledby="panel-ended-title" data-testid="panel-ended">
      <h2 id="panel-ended-title">{t('ended.title')}</h2>
      {recording ? (
        <Link className="btn btn--primary" to={`/archive?play=${recording.id}`}>
          {t('ended.watchRecording')}
          <span className="visually-hidden"> — {recording.title}</span>
        </Link>
      ) : (
        <p>{t('ended.recordingLater')}</p>
      )}
    </section>
  );
}
