import { currentToken } from '../auth/token-store';

/**
 * Registers public/media-auth-sw.js, which adds the bearer token to staff recording requests made by <video>
 * and download links (they cannot send headers), and answers its requests for the token.
 */
export function registerMediaWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type !== 'rostrum:media-token') return;
    event.ports[0]?.postMessage({ token: currentToken() });
  });
  navigator.serviceWorker.startMessages();
  navigator.serviceWorker.register('/media-auth-sw.js', { scope: '/' }).catch(() => undefined);
}

/** True when the worker controls this page, so protected media can be streamed straight from its URL. */
export const mediaWorkerActive = (): boolean =>
  'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
