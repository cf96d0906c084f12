/**
 * Service worker (served as /c/sw.js, scope /c/): network first, and when the network is down,
 * the saved copy of the certificate page, verify.js, the JWKS and the certificate's JSON/JWT, so a
 * QR scan still verifies offline. Saved pages are marked `data-source="cache"` so the page script
 * knows its server verdict may be stale and checks the QR token instead.
 */

import { CACHE } from "./cache-name";

interface FetchEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface ExtendableEventLike {
  waitUntil(p: Promise<unknown>): void;
}
interface SwScope {
  location: { origin: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "fetch", fn: (e: FetchEventLike) => void): void;
  addEventListener(type: "install" | "activate", fn: (e: ExtendableEventLike) => void): void;
}

const sw = globalThis as unknown as SwScope;

/** Whether a same-origin GET is something the offline page needs. */
export function isOfflineAsset(pathname: string, navigate: boolean): boolean {
  if (pathname === "/static/verify.js" || pathname === "/.well-known/jwks.json") return true;
  if (/^\/c\/[A-Za-z0-9_-]{22}\.(json|jwt)$/.test(pathname)) return true;
  return navigate && /^\/c\/[A-Za-z0-9_-]{22}$/.test(pathname);
}

async function networkFirst(request: Request, pathname: string, navigate: boolean): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(pathname, res.clone());
    return res;
  } catch {
    // ignoreVary: the page is saved with an Accept header (its Vary names Accept, Accept-Language, Cookie).
    const hit = await cache.match(pathname, { ignoreVary: true } as CacheQueryOptions);
    if (!hit) return new Response("Offline, and this certificate was not saved on this device.", { status: 503 });
    if (!navigate) return hit;
    const text = (await hit.text()).replace('data-source="network"', 'data-source="cache"');
    return new Response(text, { status: hit.status, headers: hit.headers });
  }
}

sw.addEventListener("install", (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener("activate", (e) => e.waitUntil(sw.clients.claim()));
sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  const navigate = (req as Request & { mode?: string }).mode === "navigate";
  if (url.origin !== sw.location.origin || !isOfflineAsset(url.pathname, navigate)) return;
  e.respondWith(networkFirst(req, url.pathname, navigate));
});
