/**
 * Service worker (served as /c/sw.js, scope /c/): network first, and when the network fails
 * (offline, or the server blocked while the phone believes it is online), the saved copy of the
 * certificate page, verify.js, the JWKS and the certificate's JSON/JWT, so a QR scan can still be
 * checked. A saved page is served only through {@link savedPage}: without its verdict, marked
 * `data-source="cache"`, with a fresh CSP nonce. Copies older than the maximum age are neither
 * served nor kept; activation deletes caches of older versions.
 */
import { base64urlEncode } from "../lib/encoding";
import { CACHE, CACHE_PREFIX, isFresh, savedPage, stampSaved } from "./saved-copies";

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

function unavailable(): Response {
  return new Response("Offline: no usable saved copy of this certificate on this device.", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

async function fromCache(cache: Cache, pathname: string, navigate: boolean): Promise<Response> {
  // ignoreVary: the page is saved with an Accept header (its Vary names Accept, Accept-Language, Cookie).
  const hit = await cache.match(pathname, { ignoreVary: true } as CacheQueryOptions);
  if (!hit) return unavailable();
  if (!isFresh(hit, Date.now())) {
    await cache.delete(pathname, { ignoreVary: true } as CacheQueryOptions);
    return unavailable();
  }
  if (!navigate) return hit;
  const nonce = base64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
  const page = savedPage(await hit.text(), hit.headers.get("content-security-policy"), nonce);
  if (!page) return unavailable();
  const headers = new Headers(hit.headers);
  headers.set("Content-Security-Policy", page.csp);
  headers.set("Cache-Control", "no-store");
  return new Response(page.html, { status: hit.status, headers });
}

async function networkFirst(request: Request, pathname: string, navigate: boolean): Promise<Response> {
  const cache = await caches.open(CACHE);
  let res: Response;
  try {
    res = await fetch(request);
  } catch {
    return fromCache(cache, pathname, navigate).catch(unavailable);
  }
  // Only our own HTML pages (not e.g. the 503 "could not check" page) are worth keeping.
  const html = (res.headers.get("content-type") ?? "").startsWith("text/html");
  if (res.status === 200 && (!navigate || html))
    await cache.put(pathname, await stampSaved(res.clone(), Date.now())).catch(() => undefined);
  return res;
}

/** The browser CacheStorage / Cache members the Workers types lack. */
interface BrowserCaches {
  keys(): Promise<string[]>;
  delete(name: string): Promise<boolean>;
  open(name: string): Promise<Cache & { keys(): Promise<readonly Request[]> }>;
}

/** Deletes older caches and expired copies. */
async function cleanUp(): Promise<void> {
  const storage = caches as unknown as BrowserCaches;
  for (const name of await storage.keys())
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await storage.delete(name);
  const cache = await storage.open(CACHE);
  const now = Date.now();
  for (const req of await cache.keys()) {
    const res = await cache.match(req);
    if (!res || !isFresh(res, now)) await cache.delete(req);
  }
}

sw.addEventListener("install", (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener("activate", (e) =>
  e.waitUntil(
    cleanUp()
      .catch(() => undefined)
      .then(() => sw.clients.claim()),
  ),
);
sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  const navigate = (req as Request & { mode?: string }).mode === "navigate";
  if (url.origin !== sw.location.origin || !isOfflineAsset(url.pathname, navigate)) return;
  e.respondWith(networkFirst(req, url.pathname, navigate));
});
