import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type Politeness = 'polite' | 'assertive';
type Announce = (message: string, politeness?: Politeness) => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

/**
 * Two page-wide live regions (polite and assertive). Screen readers read what is put in them: floor changes
 * ("You have the floor"), position changes, time-up. The same text twice is still read (a zero-width toggle).
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const flip = useRef(false);
  const announce = useCallback<Announce>((message, politeness = 'polite') => {
    flip.current = !flip.current;
    const text = flip.current ? message : `${message}\u200b`;
    if (politeness === 'assertive') setAssertive(text);
    else setPolite(text);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announce-polite">
        {polite}
      </div>
      <div
        className="visually-hidden"
        aria-live="assertive"
        aria-atomic="true"
        data-testid="announce-assertive"
      >
        {assertive}
      </div>
    </AnnouncerContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnouncerContext);
