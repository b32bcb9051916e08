// The app shell's service worker: makes the app installable and opens an offline page when the
// network is gone. It caches only the shell (the offline page, icons, and Next's content-hashed
// static files, which never change under their names). It never caches or even sees API answers,
// Socket.IO or media: those requests are not intercepted at all, so nothing personal or live is
// ever served stale.
const SHELL = "audio-rooms-shell-v2";
const SHELL_FILES = ["/offline.html", "/favicon.svg", "/icons/icon-192.png", "/icons/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/**
 * The reader's language for the offline page, by the pages' rule (src/shared/locales.ts): the
 * picker's NEXT_LOCALE cookie where the worker can read cookies (cookieStore), else the browser's.
 */
async function offlineLocale() {
  const chosen = await self.cookieStore?.get("NEXT_LOCALE").catch(() => null);
  if (chosen && ["en", "id", "zh-CN"].includes(chosen.value)) return chosen.value;
  for (const tag of self.navigator.languages ?? []) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (language === "en") return "en";
    if (language === "id" || language === "in") return "id";
    if (language === "zh") return "zh-CN";
  }
  return "en";
}

/** The cached offline page, in the reader's language (it holds all three; <html lang> picks). */
async function offlinePage() {
  const cached = await caches.match("/offline.html");
  if (!cached) return Response.error();
  const html = (await cached.text()).replace('<html lang="en">', `<html lang="${await offlineLocale()}">`);
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}

function isShellAsset(url) {
  return url.pathname.startsWith("/_next/static/") || SHELL_FILES.includes(url.pathname);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Never: /api (answers are per person and live), /socket.io, avatars, anything else dynamic.
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io")) return;
  if (request.mode === "navigate") {
    // Pages are always fetched fresh (they carry a per-request CSP nonce); offline, the shell's page.
    event.respondWith(fetch(request).catch(() => offlinePage()));
    return;
  }
  if (!isShellAsset(url)) return;
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ??
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(SHELL).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
