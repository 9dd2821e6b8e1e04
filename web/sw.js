// Pathways service worker: lets the app open with no network after its first visit.
// The app's files are served cache-first from a cache named after the build; /api/ always
// goes to the network (the client's own store holds data while offline, not this cache).
// web/stage.cmake fills in the build id and the file list.
'use strict';

const CACHE = 'pathways-@PATHWAYS_BUILD_ID@';
const APP_FILES = [@PATHWAYS_APP_FILES@];

self.addEventListener('install', (event) => {
  // 'reload' bypasses the HTTP cache, so the new cache holds this build's files.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(APP_FILES.map((url) => new Request(url, {cache: 'reload'}))))
      .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith('pathways-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;  // network only: the browser's default

  // Any page address opens the app (the client has no server-side routes).
  const key = request.mode === 'navigate' ? './index.html' : request;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key, {ignoreSearch: request.mode === 'navigate'}))
      .then((hit) => hit || fetch(request)));
});
