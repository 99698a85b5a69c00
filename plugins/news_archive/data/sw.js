/* Sijill service worker (written by the build from plugins/news_archive/data/sw.js).
 * Keeps the styles, fonts and scripts (the search runtime among them) from its first start, and
 * every page of the site the reader opens or saves, so they can be read again offline.
 * Pages are asked from the network first (a fresh copy when online), then from the cache. */
'use strict';

var VERSION = '__VERSION__'; // a hash of the files below: a new build of them, a new cache
var PRECACHE = __PRECACHE__;
var STATIC = 'sijill-static-' + VERSION;
var PAGES = 'sijill-pages'; // kept across versions: what a reader saved stays saved
var SCOPE = self.registration.scope;

function inScope(url) {
  return url.indexOf(SCOPE) === 0;
}

function pageKey(url) { // search.html?q=… and page.html#p3 are one page
  var u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href;
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(STATIC)
      .then(function (cache) {
        return cache.addAll(PRECACHE.map(function (path) { return new URL(path, SCOPE).href; }));
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf('sijill-static-') === 0 && key !== STATIC;
        }).map(function (key) { return caches.delete(key); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function keep(url) { // fetch a page of the site and keep it; resolves to true when kept
  return fetch(url, { cache: 'no-cache', credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) return false;
      return caches.open(PAGES).then(function (cache) {
        return cache.put(pageKey(url), response).then(function () { return true; });
      });
    })
    .catch(function () { return false; });
}

function fromCache(url) {
  return caches.match(url, { ignoreSearch: true }).then(function (found) {
    return found || caches.match(pageKey(url));
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || !inScope(request.url)) return;
  var key = pageKey(request.url);
  if (PRECACHE.some(function (path) { return new URL(path, SCOPE).href === key; }) && request.mode !== 'navigate') {
    event.respondWith(caches.match(key).then(function (found) { return found || fetch(request); }));
    return;
  }
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok && response.type === 'basic') {
          var copy = response.clone();
          event.waitUntil(caches.open(PAGES).then(function (cache) { return cache.put(key, copy); }));
        }
        return response;
      })
      .catch(function () {
        return fromCache(request.url).then(function (found) {
          if (found) return found;
          if (request.mode === 'navigate') {
            return caches.match(new URL('404.html', SCOPE).href).then(function (page) {
              return page || Response.error();
            });
          }
          return Response.error();
        });
      })
  );
});

// Messages from theme/js/site.js: {type: 'opened', url} keeps the page the reader has open (it
// was loaded before the worker controlled it); {type: 'save', urls} keeps every page listed and
// reports progress and the outcome on the message's port.
self.addEventListener('message', function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  if (data.type === 'opened' && typeof data.url === 'string' && inScope(data.url)) {
    event.waitUntil(keep(data.url));
  } else if (data.type === 'save' && Array.isArray(data.urls)) {
    var urls = data.urls.filter(function (url) { return typeof url === 'string' && inScope(url); });
    var done = 0;
    var failed = 0;
    var work = Promise.all(urls.map(function (url) {
      return keep(url).then(function (ok) {
        if (ok) done += 1; else failed += 1;
        if (port) port.postMessage({ type: 'progress', done: done, failed: failed, total: urls.length });
      });
    })).then(function () {
      if (port) port.postMessage({ type: 'finished', done: done, failed: failed, total: urls.length });
    });
    event.waitUntil(work);
  }
});
