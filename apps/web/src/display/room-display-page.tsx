import type { InterventionView } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { rest } from '../api/rest';
import { SpeakerClock } from '../clock/speaker-clock';
import { ConnectionBanner } from '../live/connection-banner';
import { usePanelLive } from '../live/use-panel-live';
import { byVotes } from '../qa/question-item';
import { KindBadge } from '../queue/kind-badge';
import { usePageTitle } from '../ui/page-title';
import { useLoad } from '../ui/use-load';
import { Flag } from './flag';
import './room-display.css';

/** How many waiting speakers the screen lists. */
const NEXT_COUNT = 5;

/**
 * `/display/panels/:panelId`: the room's screen, full screen, no sign-in. Who has the floor (flag,
 * delegation, name), the clock large enough to read from the back of the room, the next five on the list,
 * whether the list is closed, and the question before the panel. It follows the public live state exactly
 * as the public watch page does (a public `panel:join`), so it updates live and re-joins after a drop,
 * saying so meanwhile.
 */
export function RoomDisplayPage() {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const detail = useLoad(() => rest.publicPanel(panelId), [panelId]);
  const { live } = usePanelLive(panelId, null);
  const title = detail.data?.panel.title;
  usePageTitle(title ? t('display.pageTitle', { title }) : undefined);

  const snapshot = live.snapshot ?? detail.data?.snapshot ?? null;
  const speaker = snapshot?.speaker ?? null;
  const next = snapshot?.queue.slice(0, NEXT_COUNT) ?? [];
  // Approved questions are the ones the panel takes; the most supported is the one before it now.
  const question = live.questions.filter((q) => q.status === 'approved').sort(byVotes)[0] ?? null;
  const status = snapshot?.status ?? detail.data?.panel.status ?? 'scheduled';

  return (
    <main className="room-display" data-testid="room-display" data-connection={live.connection}>
      <header className="room-display__top">
        <h1 className="room-display__title">{title ?? ''}</h1>
        {snapshot && !snapshot.queueOpen && status === 'live' ? (
          <p className="room-display__closed" data-testid="list-closed">
            {t('display.listClosed')}
          </p>
        ) : null}
      </header>
      <div className="room-display__banner">
        <ConnectionBanner live={live} />
      </div>

      {status !== 'live' ? (
        <p className="room-display__status" data-testid="display-status">
          {status === 'ended' ? t('display.ended') : t('display.notLive')}
        </p>
      ) : null}

      <section className="room-display__floor" aria-labelledby="display-floor">
        <div className="room-display__speaker" data-testid="display-speaker">
          <h2 id="display-floor" className="room-display__eyebrow">
            {speaker ? t('display.hasTheFloor') : t('display.nobody')}
          </h2>
          {speaker ? <SpeakerName speaker={speaker} /> : null}
        </div>
        <div className="room-display__clock">
          <SpeakerClock
            clock={speaker ? (snapshot?.clock ?? null) : null}
            offsetMs={live.offsetMs}
            size="huge"
          />
        </div>
      </section>

      <div className="room-display__lower">
        <section className="room-display__next" aria-labelledby="display-next">
          <h2 id="display-next" className="room-display__eyebrow">
            {t('display.next')}
          </h2>
          {next.length === 0 ? (
            <p className="room-display__empty">{t('display.noneWaiting')}</p>
          ) : (
            <ol className="room-display__list" data-testid="display-next">
              {next.map((item) => (
                <li key={item.id}>
                  <Flag code={item.delegation?.code ?? null} name={item.delegation?.name ?? ''} />
                  <span className="room-display__list-name">
                    {item.delegation?.name ?? item.delegate.name}
                  </span>
                  <KindBadge kind={item.kind} />
                </li>
              ))}
            </ol>
          )}
        </section>
        {question ? (
          <section
            className="room-display__question"
            aria-labelledby="display-question"
            data-testid="display-question"
          >
            <h2 id="display-question" className="room-display__eyebrow">
              {t('display.question')}
            </h2>
            <p className="room-display__question-text">{question.text}</p>
            <p className="room-display__question-by">
              {question.delegation?.name ?? question.author.name}
              {question.addressedTo ? ` → ${question.addressedTo.name}` : ''}
            </p>
          </section>
        ) : null}
      </div>
    </main>
  );
}

function SpeakerName({ speaker }: { speaker: InterventionView }) {
  const delegation = speaker.delegation;
  return (
    <div className="room-display__who">
      <p className="room-display__delegation" data-testid="display-delegation">
        <Flag code={delegation?.code ?? null} name={delegation?.name ?? ''} className="flag--large" />
        <span>{delegation?.name ?? speaker.delegate.name}</span>
      </p>
      <p className="room-display__name" data-testid="display-name">
        {delegation ? speaker.delegate.name : null} <KindBadge kind={speaker.kind} />
      </p>
    </div>
  );
}
