import type { InterventionKind, PanelSnapshot } from '@rostrum/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { rest } from '../api/rest';
import { useAuth } from '../auth/auth-context';
import { SpeakerClock } from '../clock/speaker-clock';
import { useNow } from '../clock/use-now';
import { ConnectionBanner } from '../live/connection-banner';
import { unwrap } from '../live/live-client';
import { usePanelLive } from '../live/use-panel-live';
import { ParticipantQa } from '../qa/participant-qa';
import { QueueList } from '../queue/queue-list';
import { useAnnounce } from '../ui/announcer';
import { ErrorText } from '../ui/error-message';
import { formatDuration, newRequestId } from '../ui/format';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { PanelStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { WebcastPanel } from '../webcast/webcast-panel';
import { allottedFor, localWaitSeconds } from './floor-estimates';
import { NowSpeaking } from './now-speaking';
import { RequestFloorForm } from './request-floor-form';

/** A request whose answer never came (connection lost): resent with the same requestId after re-joining. */
interface PendingRequest {
  requestId: string;
  kind: InterventionKind;
  note: string;
}

/**
 * The delegate's floor page (panelists use it for Q&A and the webcast): request the floor, see position and
 * estimated wait update live, withdraw; a clear "you have the floor" state with the own clock, and camera and
 * microphone controls only while holding the floor.
 */
export function FloorPage() {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const { user, session } = useAuth();
  const panel = useLoad(() => rest.panel(panelId), [panelId]);
  const { live, send } = usePanelLive(panelId, session);
  const { busy, error, run } = useAction();
  const [pending, setPending] = useState<PendingRequest | null>(null);
  const serverEstimate = useRef<{ id: string; seconds: number } | null>(null);
  const waitRatio = useRef(1);
  usePageTitle(panel.data?.title);

  const snapshot = live.snapshot;
  const settings = panel.data?.settings;
  const me = user!;
  const isDelegate = me.role === 'delegate';
  const speaking = snapshot?.speaker?.delegate.id === me.id ? snapshot.speaker : null;
  const queueIndex = snapshot?.queue.findIndex((i) => i.delegate.id === me.id) ?? -1;
  const mine = queueIndex >= 0 ? snapshot!.queue[queueIndex] : null;
  const now = useNow(1000, !!mine);
  const localWait =
    mine && snapshot ? localWaitSeconds(snapshot, mine.id, settings, live.offsetMs, now) : null;
  const wait = localWait === null ? null : Math.round(localWait * waitRatio.current);

  useFloorAnnouncements(snapshot, me.id);

  const request = async (req: PendingRequest) => {
    const data = await run(async () => {
      const answer = await send('floor:request', {
        kind: req.kind,
        requestId: req.requestId,
        ...(req.note ? { note: req.note } : {}),
      });
      // No answer: the request may or may not have been taken. Keep its id, so a retry cannot queue twice.
      setPending(!answer.ok && answer.error.code === 'NETWORK' ? req : null);
      return unwrap(answer);
    });
    if (data) serverEstimate.current = { id: data.intervention.id, seconds: data.estimatedWaitSeconds };
  };

  // The server's estimate also weighs this panel's median speech length: keep that correction as a ratio.
  useEffect(() => {
    const estimate = serverEstimate.current;
    if (!estimate || mine?.id !== estimate.id || !localWait) return;
    waitRatio.current = Math.min(4, Math.max(0.25, estimate.seconds / localWait));
    serverEstimate.current = null;
  }, [mine?.id, localWait]);

  // After a reconnect: if the lost request did reach the server the snapshot shows it; otherwise send it again.
  useEffect(() => {
    if (!pending || !live.joined || busy) return;
    if (mine || speaking) setPending(null);
    else void request(pending);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on a new join
  }, [live.joins]);

  const withdraw = async () => {
    if (mine) await run(async () => unwrap(await send('floor:withdraw', { interventionId: mine.id })));
  };
  const yieldFloor = () => run(async () => unwrap(await send('floor:end', {})));

  const status = snapshot?.status ?? panel.data?.status;
  const isLive = status === 'live';
  const queueOpen = snapshot?.queueOpen ?? false;

  return (
    <section className="page page--floor">
      <ConnectionBanner live={live} />
      <ErrorText error={panel.error ?? live.error} />
      <header className="page__header page__header--row">
        <div>
          <p className="eyebrow">{isDelegate ? t('floor.eyebrowDelegate') : t('floor.eyebrowPanelist')}</p>
          <h1>{panel.data?.title ?? t('common.loading')}</h1>
          {panel.data?.theme ? <p className="lead">{panel.data.theme}</p> : null}
        </div>
        <div className="page__header-side">
          {status ? <PanelStatusBadge status={status} /> : null}
          <Link to={`/watch/${panelId}`} className="btn btn--quiet btn--small">
            {t('floor.publicView')}
          </Link>
        </div>
      </header>

      {speaking && snapshot ? (
        <section className="floor-yours" aria-labelledby="floor-yours-title" data-testid="you-have-the-floor">
          <h2 id="floor-yours-title">{t('floor.youHaveTheFloor')}</h2>
          <SpeakerClock clock={snapshot.clock} offsetMs={live.offsetMs} />
          <p className="muted">{t('floor.youHaveTheFloorHint')}</p>
          <button type="button" className="btn btn--large" disabled={busy} onClick={yieldFloor}>
            {t('floor.yield')}
          </button>
        </section>
      ) : null}

      <div className="floor-grid">
        <div className="floor-grid__main">
          {isDelegate && !speaking ? (
            <section className="card" aria-labelledby="my-request-title">
              <h2 id="my-request-title">{t('floor.myRequest')}</h2>
              {mine ? (
                <div className="my-request" data-testid="my-request">
                  <p className="my-request__position">
                    {t('floor.positionLabel')} <strong data-testid="my-position">{queueIndex + 1}</strong>
                    <span className="muted"> / {snapshot!.queue.length}</span>
                  </p>
                  <p className="my-request__wait" data-testid="my-wait">
                    {wait !== null ? t('floor.estimatedWait', { time: formatDuration(wait) }) : null}
                  </p>
                  <p>
                    {t(`kinds.${mine.kind}`)}
                    {mine.note ? ` — “${mine.note}”` : ''}
                  </p>
                  <button type="button" className="btn" disabled={busy} onClick={withdraw}>
                    {t('floor.withdraw')}
                  </button>
                </div>
              ) : (
                <>
                  {!isLive ? <p className="notice">{t('floor.notLive')}</p> : null}
                  {isLive && !queueOpen ? (
                    <p className="notice notice--warning">{t('floor.queueClosed')}</p>
                  ) : null}
                  {pending ? <p className="notice notice--warning">{t('floor.retrying')}</p> : null}
                  <RequestFloorForm
                    disabled={!isLive || !queueOpen || !live.joined}
                    busy={busy}
                    onRequest={(kind, note) => request(pending ?? { requestId: newRequestId(), kind, note })}
                  />
                </>
              )}
              <ErrorText error={error} />
            </section>
          ) : null}
          {!isDelegate ? <ErrorText error={error} /> : null}

          <WebcastPanel
            panelId={panelId}
            asPublic={false}
            panelLive={isLive}
            showPublishControls={me.role === 'panelist' || !!speaking}
            title={panel.data?.title}
          />

          <ParticipantQa
            user={me}
            questions={live.questions}
            panelists={panel.data?.panelists ?? []}
            canAct={isLive && live.joined}
            send={send}
          />
        </div>
        <aside className="floor-grid__side">
          {!speaking ? (
            <NowSpeaking
              speaker={snapshot?.speaker ?? null}
              clock={snapshot?.clock ?? null}
              offsetMs={live.offsetMs}
            />
          ) : null}
          <section className="card" aria-labelledby="queue-title">
            <h2 id="queue-title">
              {t('queue.title')} <span className="count">{snapshot?.queue.length ?? 0}</span>
            </h2>
            <QueueList
              items={snapshot?.queue ?? []}
              ownDelegateId={me.id}
              allottedFor={(item) => allottedFor(item, settings)}
            />
          </section>
        </aside>
      </div>
    </section>
  );
}

/** "You have the floor", position changes, a removed request, the end of one's speech: read out. */
function useFloorAnnouncements(snapshot: PanelSnapshot | null, userId: string) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const before = useRef<{ speaking: boolean; position: number | null } | null>(null);
  useEffect(() => {
    if (!snapshot) return;
    const speaking = snapshot.speaker?.delegate.id === userId;
    const index = snapshot.queue.findIndex((i) => i.delegate.id === userId);
    const position = index >= 0 ? index + 1 : null;
    const prev = before.current;
    before.current = { speaking, position };
    if (!prev) return;
    if (speaking && !prev.speaking) announce(t('floor.announceFloor'), 'assertive');
    else if (!speaking && prev.speaking) announce(t('floor.announceEnded'), 'assertive');
    else if (position !== null && position !== prev.position)
      announce(t('floor.announcePosition', { position }));
    else if (position === null && prev.position !== null && !speaking) announce(t('floor.announceLeftQueue'));
  }, [snapshot, userId, announce, t]);
}
