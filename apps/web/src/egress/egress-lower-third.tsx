import type { PanelSnapshot } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { SpeakerClock } from '../clock/speaker-clock';
import { Flag } from '../display/flag';

/**
 * The recording's lower third, from the panel's public snapshot: who speaks, for which delegation (with its
 * flag), and the speaker's clock; the panel's title when nobody has the floor.
 */
export function EgressLowerThird({
  title,
  snapshot,
  offsetMs,
}: {
  title: string;
  snapshot: PanelSnapshot | null;
  offsetMs: number;
}) {
  const { t } = useTranslation();
  const speaker = snapshot?.status === 'live' ? snapshot.speaker : null;
  const delegation = speaker?.delegation ?? null;
  return (
    <div className="egress-lower-third" data-testid="egress-lower-third">
      <div className="egress-lower-third__who">
        {speaker ? (
          <>
            <p className="egress-lower-third__name" data-testid="egress-speaker">
              {speaker.delegate.name}
            </p>
            <p className="egress-lower-third__delegation" data-testid="egress-delegation">
              {delegation ? (
                <>
                  <Flag code={delegation.code} name={delegation.name} />
                  <span>{delegation.name}</span>
                </>
              ) : (
                t('egress.noDelegation')
              )}
            </p>
          </>
        ) : (
          <p className="egress-lower-third__name" data-testid="egress-speaker">
            {title}
          </p>
        )}
      </div>
      <div className="egress-lower-third__clock">
        <SpeakerClock clock={speaker ? (snapshot?.clock ?? null) : null} offsetMs={offsetMs} size="large" />
      </div>
    </div>
  );
}
