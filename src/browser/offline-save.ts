/** Keeps a verified certificate page for offline use (Cache Storage + the service worker). */
import { nav } from "./dom";
import { CACHE, stampSaved } from "./saved-copies";
import { serviceWorkerUrl } from "./trusted-types";

/** Saves what the offline check needs, stamped with the time, and registers the service worker. */
export async function saveForOffline(id: string): Promise<void> {
  if (!nav.serviceWorker || typeof caches === "undefined") return;
  try {
    await nav.serviceWorker.register(serviceWorkerUrl() as string, { scope: "/c/" });
    const cache = await caches.open(CACHE);
    const paths = [`/c/${id}`, `/c/${id}.json`, `/c/${id}.jwt`, "/.well-known/jwks.json", "/static/verify.js"];
    for (const path of paths) {
      // The page itself is fetched as HTML (content negotiation on /c/{id}).
      const res = await fetch(path, { headers: { accept: path === `/c/${id}` ? "text/html" : "*/*" } });
      if (res.status === 200) await cache.put(path, await stampSaved(res, Date.now()));
    }
  } catch {
    // Offline support is a bonus: the online page works without it.
  }
}
