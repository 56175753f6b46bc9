/* Retired. This worker used to add the bearer token to recording requests; the session is now an HttpOnly
 * cookie the browser sends by itself. Browsers that installed the old worker fetch this one on their next
 * visit: it lets every request through untouched and unregisters itself. */
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.registration.unregister()));
