import type { FloorClock, InterventionView } from '@rostrum/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SpeakerClock } from '../clock/speaker-clock';
import { useDelegationName } from '../i18n/localized';
import { KindBadge } from '../queue/kind-badge';
import { InterventionContext } from '../speakers-list/intervention-context';

interface NowSpeakingProps {
  speaker: InterventionView | null;
  clock: FloorClock | null;
  offsetMs: number;
  size?: 'large' | 'medium';
  children?: ReactNode;
}

/** Who holds the floor, with their delegation, the kind of intervention and the clock. */
export function NowSpeaking({ speaker, clock, offsetMs, size = 'medium', children }: NowSpeakingProps) {
  const { t } = useTranslation();
  const delegationName = useDelegationName();
  return (
    <section className="card speaker" aria-labelledby="now-speaking-title" data-testid="now-speaking">
      <h2 id="now-speaking-title" className="card__eyebrow">
        {t('floor.nowSpeaking')}
      </h2>
      {speaker ? (
        <div className="speaker__who">
          <p className="speaker__delegation" data-testid="speaker-delegation">
            {speaker.delegation ? delegationName(speaker.delegation) : speaker.delegate.name}
            {speaker.delegation ? <span className="code">{speaker.delegation.code}</span> : null}
          </p>
          <p className="speaker__name" data-testid="speaker-name">
            {speaker.delegation ? speaker.delegate.name : null} <KindBadge kind={speaker.kind} />
          </p>
          <InterventionContext item={speaker} className="speaker__context" />
          {speaker.note ? <p className="speaker__note">“{speaker.note}”</p> : null}
        </div>
      ) : (
        <p className="speaker__none" data-testid="no-speaker">
          {t('floor.nobodySpeaking')}
        </p>
      )}
      <SpeakerClock clock={speaker ? clock : null} offsetMs={offsetMs} size={size} />
      {children}
    </section>
  );
}
