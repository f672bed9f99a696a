/*
 * Open Acupoints service worker (written into each built site by generator/offline.py).
 *
 * Pages: the network first, so a reader online always gets the newest build; the cached copy
 * when the network is off. Everything else (styles, scripts, the search data): the cache
 * first. Each build has its own cache, named after a digest of the whole site; installing a
 * new build's worker stores its pages anew and removes the caches of older builds.
 */
"use strict";

var VERSION = "__VERSION__";
var PRECACHE = [/* __PRECACHE__ */];
var CACHE = "open-acupoints-" + VERSION;
var SCOPE = self.registration.scope;

function address(url) {
  var u = new URL(url, SCOPE);
  u.hash = "";
  u.search = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(PRECACHE.map(function (path) {
        return fetch(new Request(new URL(path, SCOPE).href, { cache: "no-cache" })).then(function (response) {
          if (response.ok) return cache.put(address(path), response);
        });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf("open-acupoints-") === 0 && key !== CACHE; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isPage(request, url) {
  if (request.mode === "navigate") return true;
  var accept = request.headers.get("accept") || "";
  return accept.indexOf("text/html") >= 0 || url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

function store(key, response) {
  if (!response || !response.ok || response.type === "opaque") return;
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) { return cache.put(key, copy); });
}

var OFFLINE = '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>Offline · Open Acupoints</title><body style="font-family:system-ui,sans-serif;margin:2rem;line-height:1.5">' +
  '<h1>You are offline</h1><p>This page was not opened before on this device, so it is not saved for offline use.</p>' +
  '<p>Saved for offline use: <a href="' + SCOPE + '">the home page</a>, every <a href="' + SCOPE + 'symptoms/">symptom</a> ' +
  'and <a href="' + SCOPE + 'routines/">routine</a>, <a href="' + SCOPE + 'my-points/">My points</a>, and every page you have opened.</p>' +
  '<p>If a symptom is severe or getting worse, call your doctor or emergency services.</p></body></html>';

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.url.indexOf(SCOPE) !== 0) return;
  var key = address(request.url);
  if (isPage(request, url)) {
    event.respondWith(
      fetch(request).then(function (response) {
        store(key, response);
        return response;
      }).catch(function () {
        return caches.match(key).then(function (hit) {
          return hit || new Response(OFFLINE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
        });
      })
    );
    return;
  }
  event.respondWith(
    caches.match(key).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        store(key, response);
        return response;
      });
    })
  );
});
