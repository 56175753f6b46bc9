/* Rostrum media worker: a <video> element (or a download link) cannot send an Authorization header, so this
 * worker adds the signed-in user's bearer token to the staff recording routes (/api/recordings/:id/video,
 * poster, chapters.vtt). It forwards the request as is — Range header included, so seeking streams from the
 * server — and asks the page for the token each time, so no token is ever put into a URL or kept here. */
const MEDIA_PATH = /^\/api\/recordings\/[0-9a-f-]{36}\/(video|poster|chapters\.vtt)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!MEDIA_PATH.test(url.pathname) || event.request.headers.has('Authorization')) return;
  event.respondWith(withToken(event));
});

async function withToken(event) {
  const token = await askForToken(event.clientId);
  const headers = new Headers(event.request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(event.request.url, { method: 'GET', headers, credentials: 'same-origin', cache: 'no-store' });
}

async function askForToken(clientId) {
  const client =
    (clientId && (await self.clients.get(clientId))) ||
    (await self.clients.matchAll({ type: 'window' })).find((c) => c.url.startsWith(self.location.origin));
  if (!client) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 2000);
    channel.port1.onmessage = (message) => {
      clearTimeout(timer);
      resolve(message.data && typeof message.data.token === 'string' ? message.data.token : null);
    };
    client.postMessage({ type: 'rostrum:media-token' }, [channel.port2]);
  });
}
