// The service worker of the built app (dist/sw.js). scripts/pwa-plugin.ts writes it after
// each build, filling in the two commented placeholders below with the build's version and the list of files to keep.
// Precache-first: every built file is cached at install, so the app opened once works offline.
// A new build installs beside the old one and waits; the page offers "Reload", which sends
// SKIP_WAITING. Drafts live in localStorage, never here.
/* global self, caches */

const VERSION = /* version */ 'dev';
/** @type {string[]} Paths relative to the service worker's scope. */
const FILES = /* files */ [];
const CACHE = `proposal-studio-${VERSION}`;
const PREFIX = 'proposal-studio-';

const scope = () => self.registration.scope;
const urlOf = (file) => new URL(file, scope()).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: fetched from the server, not from the browser's HTTP cache.
      .then((cache) =>
        cache.addAll(FILES.map((file) => new Request(urlOf(file), { cache: 'reload' }))),
      ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!url.href.startsWith(scope())) return;
  // Routes are in the hash: every page of the app is index.html.
  const key = request.mode === 'navigate' ? urlOf('index.html') : url.origin + url.pathname;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request))
      .catch(() => fetch(request)),
  );
});
