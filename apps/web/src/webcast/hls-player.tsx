import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The large-audience stream: native HLS where the browser has it (Safari), hls.js elsewhere. */
export default function HlsPlayer({ src, title }: { src: string; title: string }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    if (el.canPlayType('application/vnd.apple.mpegurl')) {
      el.src = src;
      return;
    }
    let destroy: (() => void) | undefined;
    let cancelled = false;
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled) return;
      if (!Hls.isSupported()) {
        setFailed(true);
        return;
      }
      const hls = new Hls({ lowLatencyMode: true });
      hls.on(Hls.Events.ERROR, (_event, data) => data.fatal && setFailed(true));
      hls.loadSource(src);
      hls.attachMedia(el);
      destroy = () => hls.destroy();
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [src]);

  return (
    <>
      <video ref={video} className="webcast__video" controls autoPlay muted playsInline aria-label={title} />
      {failed ? (
        <p className="notice notice--warning" role="alert">
          {t('webcast.hlsFailed')}
        </p>
      ) : null}
    </>
  );
}
