import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/http-client';
import { rest, type PublicPanelDetail } from '../api/rest';
import { NowSpeaking } from '../floor/now-speaking';
import { isBadPanelLink, PanelNotFound } from '../panels/panel-access';
import { PanelEnded } from '../panels/panel-ended';
import { useLocalized } from '../i18n/localized';
import { ConnectionBanner } from '../live/connection-banner';
import { usePanelLive } from '../live/use-panel-live';
import { byVotes, QuestionItem } from '../qa/question-item';
import { QueueList } from '../queue/queue-list';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { PanelStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { EventZoneProvider, useZoneOfEvent, ZonedSlot } from '../ui/zoned-time';
import { WebcastPanel } from '../webcast/webcast-panel';
import { LiveCaptions } from './live-captions';

/**
 * The public watch page: the webcast (or HLS stream), who is speaking with their delegation and clock, the
 * published questions and who is waiting. Joins the panel as a public viewer (no token).
 */
export function WatchPage() {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const detail = useLoad(() => loadPublicPanel(panelId), [panelId]);
  const { live } = usePanelLive(panelId, null);
  const localize = useLocalized();
  const panel = detail.data ? localize(detail.data.panel) : undefined;
  const zone = useZoneOfEvent(panel?.eventId);
  usePageTitle(panel?.title ?? t('watch.title'));

  const snapshot = live.snapshot ?? detail.data?.snapshot ?? null;
  const status = snapshot?.status ?? panel?.status ?? 'scheduled';
  const published = live.questions.filter((q) => q.status === 'approved' || q.status === 'answered');
  const approved = published.filter((q) => q.status === 'approved').sort(byVotes);
  const answered = published.filter((q) => q.status === 'answered');
  if (isBadPanelLink(detail.error)) return <PanelNotFound />;

  return (
    <EventZoneProvider zone={zone}>
      <section className="page page--watch">
        <ConnectionBanner live={live} />
        <ErrorText error={detail.error} />
        <header className="page__header page__header--row">
          <div>
            <p className="eyebrow">{t('watch.title')}</p>
            <h1>{panel?.title ?? t('common.loading')}</h1>
            {panel?.theme ? <p className="lead">{panel.theme}</p> : null}
            {panel ? (
              <p className="muted">
                <ZonedSlot startsAt={panel.startsAt} endsAt={panel.endsAt} zone={zone} />
              </p>
            ) : null}
          </div>
          <PanelStatusBadge status={status} />
        </header>

        {status === 'ended' ? <PanelEnded panelId={panelId} /> : null}
        <div className="watch-grid">
          <div className="watch-grid__main">
            <WebcastPanel
              panelId={panelId}
              asPublic
              panelLive={status === 'live'}
              ended={status === 'ended'}
              hlsUrl={detail.data?.webcast?.hlsUrl ?? null}
              hls={detail.data?.webcast?.hls}
              title={panel?.title}
            />
            {/* Live captions are made from the HLS stream: offered where it runs. */}
            {status === 'live' && detail.data?.webcast?.hlsUrl ? <LiveCaptions panelId={panelId} /> : null}
            <section className="card" aria-labelledby="published-qa">
              <h2 id="published-qa">{t('watch.questions')}</h2>
              {approved.length + answered.length === 0 ? (
                <p className="empty">{t('watch.noQuestions')}</p>
              ) : null}
              <ol className="questions">
                {[...approved, ...answered].map((q) => (
                  <QuestionItem key={q.id} question={q} />
                ))}
              </ol>
            </section>
          </div>
          <aside className="watch-grid__side">
            <NowSpeaking
              speaker={snapshot?.speaker ?? null}
              clock={snapshot?.clock ?? null}
              offsetMs={live.offsetMs}
            />
            <section className="card" aria-labelledby="waiting-title">
              <h2 id="waiting-title">
                {t('watch.waiting')}{' '}
                <span className="count" data-testid="waiting-count">
                  {snapshot?.queue.length ?? 0}
                </span>
              </h2>
              <QueueList items={snapshot?.queue ?? []} />
            </section>
            {panel && panel.guidingQuestions.length > 0 ? (
              <section className="card" aria-labelledby="guiding-title">
                <h2 id="guiding-title">{t('panel.guidingQuestions')}</h2>
                <ul className="bullets">
                  {panel.guidingQuestions.map((q, i) => (
                    <li key={i}>{q}</li>
                  ))}
                </ul>
              </section>
            ) : null}
          </aside>
        </div>
      </section>
    </EventZoneProvider>
  );
}

/** The public panel route; when it is missing (404), the panel as the programme lists it. */
async function loadPublicPanel(panelId: string): Promise<PublicPanelDetail> {
  try {
    return await rest.publicPanel(panelId);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    const panel = (await rest.publicEvents()).flatMap((e) => e.panels).find((p) => p.id === panelId);
    if (!panel) throw err;
    return { panel, snapshot: null, webcast: null };
  }
}
