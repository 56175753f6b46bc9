import type { ClientCommandName, ClientCommands, PanelView, RecordingView } from '@rostrum/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rest } from '../api/rest';
import { isStaff, useAuth } from '../auth/auth-context';
import { allottedFor } from '../floor/floor-estimates';
import { NowSpeaking } from '../floor/now-speaking';
import { ConnectionBanner } from '../live/connection-banner';
import { PresenceCounts } from '../live/presence-counts';
import { unwrap } from '../live/live-client';
import { useLiveReady } from '../live/use-fresh-state';
import { usePanelLive } from '../live/use-panel-live';
import { PanelGate } from '../panels/panel-access';
import { ZonedSlot } from '../ui/zoned-time';
import { QueueList } from '../queue/queue-list';
import { useAnnounce } from '../ui/announcer';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { PanelStatusBadge, RecordingStatusBadge } from '../ui/status-badge';
import type { Loaded } from '../ui/use-load';
import { WebcastPanel } from '../webcast/webcast-panel';
import { BoothsOverview } from '../interpret/booths-overview';
import { GivenSecondsField, useGivenSeconds } from './given-seconds';
import { QaModeration } from './qa-moderation';
import { SpeakerControls } from './speaker-controls';
import { WindowStatus } from './window-status';
import { BudgetTable } from '../speakers-list/budget-table';
import { usePanelSpeeches } from '../speakers-list/use-panel-speeches';

/**
 * The moderator console: go live / end; the queue (reorder by drag or keyboard, grant, next, remove, open and
 * close the list); the speaker's big clock with pause, resume, extend and end, and the time-up alert; the
 * interaction window; Q&A moderation; presence; recording status; the webcast.
 */
export function ModeratorConsolePage() {
  return (
    <PanelGate place="console">
      {(panelId, panel) => <ModeratorConsole panelId={panelId} panel={panel} />}
    </PanelGate>
  );
}

function ModeratorConsole({ panelId, panel }: { panelId: string; panel: Loaded<PanelView> }) {
  const { t } = useTranslation();
  const { session, user } = useAuth();
  const announce = useAnnounce();
  const { live, send, socket } = usePanelLive(panelId, session);
  const { busy, error, setError, run } = useAction();
  // Live commands wait for the connection (never queued): disabled while it is lost.
  const liveReady = useLiveReady(live, error, setError);
  const blocked = busy || !liveReady;
  const [webcastWarning, setWebcastWarning] = useState<string | null>(null);
  const given = useGivenSeconds();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const recording = useLatestRecording(panelId, isStaff(user?.role), live.recording);
  usePageTitle(panel.data ? t('console.pageTitle', { title: panel.data.title }) : undefined);

  const snapshot = live.snapshot;
  const settings = panel.data?.settings;
  const status = snapshot?.status ?? panel.data?.status;
  const timeUp = !!live.timeUp && live.timeUp.interventionId === snapshot?.speaker?.id;
  const budgeted = settings?.delegationBudgetSeconds != null;
  const speeches = usePanelSpeeches(panelId, snapshot?.speaker?.id, budgeted);
  // The list can be worked on before the panel is live once its inscription has opened.
  const listOpen =
    status === 'live' ||
    (status === 'scheduled' &&
      !!settings?.inscriptionOpensAt &&
      Date.parse(settings.inscriptionOpensAt) <= Date.now());

  useEffect(() => {
    if (timeUp) announce(t('console.timeUpAlert'), 'assertive');
  }, [timeUp, announce, t]);

  /** A floor/Q&A command; its ack may say the webcast did not follow the floor (`webcastError`). */
  const command = async <K extends ClientCommandName>(
    name: K,
    payload: Omit<ClientCommands[K][0], 'panelId'>,
  ) => {
    const data = await run(async () => unwrap(await send(name, payload)));
    if (data !== undefined) showWebcastWarning(data);
    return data !== undefined;
  };

  /** Next or grant, with the time typed for this speaker (then cleared); an invalid time is not sent. */
  const giveFloor = async (interventionId?: string) => {
    const seconds = given.take();
    if (!seconds) return;
    const done = interventionId
      ? await command('floor:grant', { interventionId, ...seconds })
      : await command('floor:next', seconds);
    if (done) given.clear();
  };

  const changeStatus = async (action: 'start' | 'end') => {
    setConfirmEnd(false);
    const updated = await run(() => (action === 'start' ? rest.startPanel(panelId) : rest.endPanel(panelId)));
    if (!updated) return;
    panel.setData(updated);
    showWebcastWarning(updated);
  };

  const showWebcastWarning = (data: unknown) => {
    const webcastError = (data as { webcastError?: unknown }).webcastError;
    setWebcastWarning(typeof webcastError === 'string' ? webcastError : null);
  };

  return (
    <section className="page page--console">
      <ConnectionBanner live={live} />
      <ErrorText error={panel.error ?? live.error} />
      <header className="page__header page__header--row console-header">
        <div>
          <p className="eyebrow">{t('console.eyebrow')}</p>
          <h1>{panel.data?.title ?? t('common.loading')}</h1>
          {panel.data ? (
            <p className="muted" data-testid="panel-slot">
              <ZonedSlot startsAt={panel.data.startsAt} endsAt={panel.data.endsAt} />
            </p>
          ) : null}
        </div>
        <div className="console-header__status">
          {status ? <PanelStatusBadge status={status} /> : null}
          <PresenceCounts online={live.presence} />
          <p className="recording-line" data-testid="recording-line">
            {t('console.recording')}:{' '}
            {recording ? <RecordingStatusBadge status={recording.status} /> : t('console.noRecording')}
          </p>
        </div>
        <div className="console-header__actions">
          {status === 'scheduled' ? (
            <button
              type="button"
              className="btn btn--primary btn--large"
              disabled={busy}
              onClick={() => changeStatus('start')}
            >
              {t('console.goLive')}
            </button>
          ) : null}
          {status === 'live' && !confirmEnd ? (
            <button
              type="button"
              className="btn btn--danger btn--large"
              disabled={busy}
              onClick={() => setConfirmEnd(true)}
            >
              {t('console.endPanel')}
            </button>
          ) : null}
          {confirmEnd ? (
            <div className="confirm" role="group" aria-label={t('console.endPanel')}>
              <span>{t('console.confirmEnd')}</span>
              <button type="button" className="btn btn--danger" autoFocus onClick={() => changeStatus('end')}>
                {t('console.confirmEndYes')}
              </button>
              <button type="button" className="btn btn--quiet" onClick={() => setConfirmEnd(false)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : null}
          <Link to={`/watch/${panelId}`} className="btn btn--quiet btn--small">
            {t('floor.publicView')}
          </Link>
          <Link to={`/panels/${panelId}/report`} className="btn btn--quiet btn--small">
            {t('reports.link')}
          </Link>
          <a
            href={`/display/panels/${panelId}`}
            target="_blank"
            rel="noreferrer"
            className="btn btn--quiet btn--small"
          >
            {t('display.link')}
          </a>
        </div>
      </header>

      <ErrorText error={error} />
      {webcastWarning ? (
        <p className="notice notice--warning" role="alert" data-testid="webcast-warning">
          {t('console.webcastWarning', { message: webcastWarning })}
        </p>
      ) : null}
      {timeUp ? (
        <p className="banner banner--danger" role="alert" data-testid="time-up-alert">
          {t('console.timeUpAlert')}
        </p>
      ) : null}

      <div className="console-grid">
        <div className="console-grid__speaker">
          <NowSpeaking
            speaker={snapshot?.speaker ?? null}
            clock={snapshot?.clock ?? null}
            offsetMs={live.offsetMs}
            size="large"
          >
            {snapshot ? (
              <SpeakerControls
                snapshot={snapshot}
                busy={blocked}
                onPause={() => command('floor:pause', {})}
                onResume={() => command('floor:resume', {})}
                onExtend={(s) => command('floor:extend', { seconds: s })}
                onEnd={() => command('floor:end', {})}
              />
            ) : null}
          </NowSpeaking>
          <WindowStatus snapshot={snapshot} offsetMs={live.offsetMs} />
          <WebcastPanel
            panelId={panelId}
            asPublic={false}
            panelLive={status === 'live'}
            showPublishControls
            title={panel.data?.title}
          />
          <BoothsOverview socket={socket} panelId={panelId} joins={live.joins} />
        </div>

        <div className="console-grid__queue">
          <section className="card" aria-labelledby="console-queue-title">
            <div className="card__header">
              <h2 id="console-queue-title">
                {t('queue.title')}{' '}
                <span className="count" data-testid="queue-count">
                  {snapshot?.queue.length ?? 0}
                </span>
              </h2>
              <span
                className={`badge ${snapshot?.queueOpen ? 'badge--open' : 'badge--closed'}`}
                data-testid="queue-state"
              >
                {snapshot?.queueOpen ? t('console.listOpen') : t('console.listClosed')}
              </span>
            </div>
            <div className="queue-toolbar">
              <button
                type="button"
                className="btn btn--primary btn--large"
                disabled={blocked || !snapshot?.queue.length || status !== 'live'}
                onClick={() => giveFloor()}
              >
                {t('console.next')}
              </button>
              {snapshot?.queueOpen ? (
                <button
                  type="button"
                  className="btn"
                  disabled={blocked || status !== 'live'}
                  onClick={() => command('queue:close', {})}
                >
                  {t('console.closeList')}
                </button>
              ) : (
                <button
                  type="button"
                  className="btn"
                  disabled={blocked || status !== 'live'}
                  onClick={() => command('queue:open', {})}
                >
                  {t('console.openList')}
                </button>
              )}
              <GivenSecondsField
                given={given}
                placeholder={settings ? String(settings.speakingSeconds) : ''}
              />
            </div>
            <QueueList
              items={snapshot?.queue ?? []}
              canModerate={listOpen}
              showBands={settings?.orderPolicy === 'protocol'}
              busy={blocked}
              allottedFor={(item) => allottedFor(item, settings)}
              onMove={(interventionId, toIndex) => command('queue:move', { interventionId, toIndex })}
              onGrant={(interventionId) => giveFloor(interventionId)}
              onRemove={(interventionId) => command('queue:remove', { interventionId })}
              onSkip={(interventionId) => command('queue:skip', { interventionId })}
            />
          </section>
          {budgeted && snapshot ? <BudgetTable snapshot={snapshot} speeches={speeches} /> : null}
          <QaModeration
            questions={live.questions}
            busy={blocked}
            onAction={(action, questionId) => command(action, { questionId })}
          />
        </div>
      </div>
    </section>
  );
}

/** The panel's latest recording: from GET /api/recordings (staff only), then live `recording:status` events. */
function useLatestRecording(panelId: string, canList: boolean, fromSocket: RecordingView | null) {
  const [listed, setListed] = useState<RecordingView | null>(null);
  useEffect(() => {
    if (!canList) return;
    let current = true;
    rest
      .recordings({ panelId })
      .then((list) => current && setListed(list[0] ?? null))
      .catch(() => current && setListed(null)); // the archive may not be deployed yet: show "no recording"
    return () => {
      current = false;
    };
  }, [panelId, canList]);
  return fromSocket ?? listed;
}
