import {
  INTERVENTION_KINDS,
  type InterventionKind,
  type PanelSnapshot,
  type PanelView,
} from '@rostrum/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { SpeakerClock } from '../clock/speaker-clock';
import { ConnectionBanner } from '../live/connection-banner';
import { unwrap } from '../live/live-client';
import { useLiveReady } from '../live/use-fresh-state';
import { usePanelLive } from '../live/use-panel-live';
import { PanelGate } from '../panels/panel-access';
import { ZonedSlot } from '../ui/zoned-time';
import { PanelEnded } from '../panels/panel-ended';
import { ParticipantQa } from '../qa/participant-qa';
import { QueueList } from '../queue/queue-list';
import { useAnnounce } from '../ui/announcer';
import { ErrorText } from '../ui/error-message';
import { newRequestId } from '../ui/format';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { PanelStatusBadge } from '../ui/status-badge';
import type { Loaded } from '../ui/use-load';
import { WebcastPanel } from '../webcast/webcast-panel';
import { rest } from '../api/rest';
import { BudgetLeft, OnDeckNotice } from '../speakers-list/on-deck-notice';
import { usePanelSpeeches } from '../speakers-list/use-panel-speeches';
import { formatDuration } from '../ui/format';
import { useLoad } from '../ui/use-load';
import { allottedFor, offeredKinds, ownRequests } from './floor-estimates';
import { NowSpeaking } from './now-speaking';
import { OwnRequests, useRemovedRequest } from './own-requests';
import { RequestFloorForm, type RequestExtra } from './request-floor-form';

/** A request whose answer never came (connection lost): resent with the same requestId after re-joining. */
interface PendingRequest {
  requestId: string;
  kind: InterventionKind;
  note: string;
  extra: RequestExtra;
}

/**
 * The delegate's floor page (panelists use it for Q&A and the webcast): request the floor, see position and
 * estimated wait update live, withdraw; a clear "you have the floor" state with the own clock, and camera and
 * microphone controls only while holding the floor.
 */
export function FloorPage() {
  return <PanelGate place="floor">{(panelId, panel) => <Floor panelId={panelId} panel={panel} />}</PanelGate>;
}

function Floor({ panelId, panel }: { panelId: string; panel: Loaded<PanelView> }) {
  const { t } = useTranslation();
  const { user, session } = useAuth();
  const { live, send } = usePanelLive(panelId, session);
  const { busy, error, setError, run } = useAction();
  useLiveReady(live, error, setError); // a "connection lost" error goes once the panel is joined again
  const [pending, setPending] = useState<PendingRequest | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const focused = useCallback(() => setFocusId(null), []);
  usePageTitle(panel.data?.title);

  const snapshot = live.snapshot;
  const settings = panel.data?.settings;
  const me = user!;
  const isDelegate = me.role === 'delegate';
  const speaking = snapshot?.speaker?.delegate.id === me.id ? snapshot.speaker : null;
  const own = ownRequests(snapshot, me, settings?.onePerDelegation ?? false);
  const removal = useRemovedRequest(snapshot, me.id);

  useFloorAnnouncements(snapshot, me.id, removal.removed);

  const request = async (req: PendingRequest) => {
    removal.clear();
    const data = await run(async () => {
      const answer = await send('floor:request', {
        kind: req.kind,
        requestId: req.requestId,
        ...(req.note ? { note: req.note } : {}),
        ...req.extra,
      });
      // No answer: the request may or may not have been taken. Keep its id, so a retry cannot queue twice.
      setPending(!answer.ok && answer.error.code === 'NETWORK' ? req : null);
      return unwrap(answer);
    });
    // Focus goes to the result: the new request's place in the queue (item 13 of issue 12).
    if (data) setFocusId(data.intervention.id);
    return !!data;
  };

  // After a reconnect: if the lost request did reach the server the snapshot shows it; otherwise send it again.
  useEffect(() => {
    if (!pending || !live.joined || busy) return;
    const taken = pending.kind === 'point_of_order' ? own.orderTaken : own.otherTaken;
    if (taken) setPending(null);
    else void request(pending);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on a new join
  }, [live.joins]);

  const withdraw = async (interventionId: string) => {
    removal.withdrawing(interventionId);
    await run(async () => unwrap(await send('floor:withdraw', { interventionId })));
  };
  const yieldFloor = () => run(async () => unwrap(await send('floor:end', {})));

  const setReady = (interventionId: string, ready: boolean) =>
    run(async () => unwrap(await send('floor:ready', { interventionId, ready })));

  const status = snapshot?.status ?? panel.data?.status;
  // Before the panel is live, the list is open once its inscription time has passed (the server decides).
  const opensAt = settings?.inscriptionOpensAt;
  const inscription = status === 'scheduled' && !!opensAt && Date.parse(opensAt) <= Date.now();
  const isLive = status === 'live';
  const listTakesRequests = isLive || inscription;
  const queueOpen = inscription || (snapshot?.queueOpen ?? false);
  const eventId = panel.data?.eventId;
  const event = useLoad(() => (eventId ? rest.event(eventId) : Promise.resolve(null)), [eventId]);
  const groups = event.data?.groups ?? [];
  const speeches = usePanelSpeeches(panelId, snapshot?.speaker?.id, isDelegate);
  const answerable = speeches.filter((s) => s.delegation && s.delegation.id !== me.delegationId);
  const allowed = { groupStatement: groups.length > 0, rightOfReply: answerable.length > 0 };
  // Until the panel is joined which kinds are open is unknown: offer them all (the form is disabled), never a
  // lone point of order shown chosen that turns into a statement when the snapshot comes.
  const kinds = listTakesRequests && snapshot ? offeredKinds(own, queueOpen, allowed) : INTERVENTION_KINDS;
  const onDeck = own.waiting.find((w) => w.item.onDeck && w.position !== null) ?? null;
  const budget = settings?.delegationBudgetSeconds ?? null;
  const budgetLeft =
    budget === null
      ? null
      : (snapshot?.budgets.find((b) => b.delegationId === me.delegationId)?.remainingSeconds ?? budget);

  return (
    <section className="page page--floor">
      <ConnectionBanner live={live} />
      <ErrorText error={panel.error ?? live.error} />
      <header className="page__header page__header--row">
        <div>
          <p className="eyebrow">{isDelegate ? t('floor.eyebrowDelegate') : t('floor.eyebrowPanelist')}</p>
          <h1>{panel.data?.title ?? t('common.loading')}</h1>
          {panel.data?.theme ? <p className="lead">{panel.data.theme}</p> : null}
          {panel.data ? (
            <p className="muted floor-slot--top" data-testid="panel-slot">
              <ZonedSlot startsAt={panel.data.startsAt} endsAt={panel.data.endsAt} />
            </p>
          ) : null}
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

      {status === 'ended' ? <PanelEnded panelId={panelId} /> : null}
      <div className="floor-grid">
        <div className="floor-grid__main">
          {isDelegate && status !== 'ended' ? (
            <section className="card" aria-labelledby="my-request-title">
              <h2 id="my-request-title">{t('floor.myRequest')}</h2>
              {removal.removed ? (
                <p className="notice notice--warning" data-testid="request-removed">
                  {t('floor.removedByModerator')}
                </p>
              ) : null}
              {snapshot ? (
                <OwnRequests
                  snapshot={snapshot}
                  waiting={own.waiting}
                  offsetMs={live.offsetMs}
                  busy={busy}
                  focusId={focusId}
                  onFocused={focused}
                  onWithdraw={withdraw}
                />
              ) : null}
              <OnDeckNotice
                onDeck={onDeck ? { item: onDeck.item, position: onDeck.position! } : null}
                told={live.onDeck}
                busy={busy}
                onReady={setReady}
              />
              {budget !== null && budgetLeft !== null ? (
                <BudgetLeft budgetSeconds={budget} remainingSeconds={budgetLeft} format={formatDuration} />
              ) : null}
              {status === 'scheduled' ? (
                <p className="notice">{inscription ? t('list.inscriptionOpen') : t('floor.notLive')}</p>
              ) : null}
              {status === 'live' && snapshot && !queueOpen ? (
                <p className="notice notice--warning">
                  {own.orderTaken ? t('floor.queueClosed') : t('floor.queueClosedOrderOpen')}
                </p>
              ) : null}
              {listTakesRequests && queueOpen && own.otherTaken && !own.orderTaken ? (
                <p className="notice">{t('floor.orderStillOpen')}</p>
              ) : null}
              {pending ? <p className="notice notice--warning">{t('floor.retrying')}</p> : null}
              {!listTakesRequests || kinds.length > 0 ? (
                <RequestFloorForm
                  kinds={kinds}
                  groups={groups}
                  answerable={answerable}
                  disabled={!listTakesRequests || !live.joined}
                  busy={busy}
                  onRequest={(kind, note, extra) =>
                    request(pending ?? { requestId: newRequestId(), kind, note, extra })
                  }
                />
              ) : null}
              <ErrorText error={error} />
            </section>
          ) : null}
          {!isDelegate ? <ErrorText error={error} /> : null}

          <WebcastPanel
            panelId={panelId}
            asPublic={false}
            panelLive={isLive}
            ended={status === 'ended'}
            showPublishControls={me.role === 'panelist' || !!speaking}
            title={panel.data?.title}
          />

          <ParticipantQa
            user={me}
            questions={live.questions}
            panelists={panel.data?.panelists ?? []}
            canAct={isLive && live.joined}
            ended={status === 'ended'}
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
              showBands={settings?.orderPolicy === 'protocol'}
              ownDelegateId={me.id}
              allottedFor={(item) => allottedFor(item, settings)}
            />
          </section>
        </aside>
      </div>
      {panel.data ? (
        // On a phone the speaker and the clock come first: the slot goes to the end of the page there.
        <p className="muted floor-slot--end">
          <ZonedSlot startsAt={panel.data.startsAt} endsAt={panel.data.endsAt} />
        </p>
      ) : null}
    </section>
  );
}

/** "You have the floor", position changes, a removed request, the end of one's speech: read out. */
function useFloorAnnouncements(snapshot: PanelSnapshot | null, userId: string, removed: boolean) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const before = useRef<{ speaking: boolean; positions: Map<string, number> } | null>(null);
  useEffect(() => {
    if (!snapshot) return;
    const speaking = snapshot.speaker?.delegate.id === userId;
    const positions = new Map(
      snapshot.queue.flatMap((i, index) => (i.delegate.id === userId ? [[i.id, index + 1] as const] : [])),
    );
    const prev = before.current;
    before.current = { speaking, positions };
    if (!prev) return;
    const moved = [...positions].find(([id, position]) => prev.positions.get(id) !== position);
    const left = [...prev.positions.keys()].some((id) => !positions.has(id) && snapshot.speaker?.id !== id);
    if (speaking && !prev.speaking) announce(t('floor.announceFloor'), 'assertive');
    else if (!speaking && prev.speaking) announce(t('floor.announceEnded'), 'assertive');
    else if (moved) announce(t('floor.announcePosition', { position: moved[1] }));
    else if (left && positions.size === 0) announce(t('floor.announceLeftQueue'));
  }, [snapshot, userId, announce, t]);
  useEffect(() => {
    if (removed) announce(t('floor.removedByModerator'), 'assertive');
  }, [removed, announce, t]);
}
