/**
 * Resilient public reads: every good answer of the routes below is kept in the Cache API; while
 * the database is unavailable (503) the last good copy is served instead, for as long as it is
 * valid (a status list until its own validUntil, VC Bitstring Status List §2.2; a PDF for a day).
 * The DID document and JWKS need no copy: they come from the bundled key set, not from D1.
 * With a PDF store (R2), a PDF's copy holds its headers and the name of its stored rendering, not
 * its bytes: the bytes come from the store, which does not depend on D1, checked against their hash.
 */
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../services/context";
import { storedPdf } from "../services/pdf-bytes-cache";
import type { AppEnv } from "./env";

/** Cache keys live under a host we never serve, so a copy is reachable only through this code. */
const KEY_ORIGIN = "https://last-good-copy.invalid";
const PDF_VALIDITY_MS = 86400_000;
/** On a PDF's copy: the stored rendering its bytes come from (the copy itself has no body). */
const RENDERING_HEADER = "X-Pdf-Rendering";
/**
 * The ETag this isolate last stored per key, and when: an answer it kept less than
 * {@link RESTORE_MS} ago is not copied and stored again (a PDF or a status list on every request
 * would cost a body copy and a cache write each time); after that it is, in case it was evicted.
 */
const storedTags = new Map<string, { etag: string; at: number }>();
const RESTORE_MS = 600_000;
const MAX_STORED_TAGS = 1000;

function validUntilOf(path: string, body: string, now: Date): number | null {
  if (path.endsWith(".pdf")) return now.getTime() + PDF_VALIDITY_MS;
  try {
    const until = Date.parse((JSON.parse(body) as { validUntil?: string }).validUntil ?? "");
    return Number.isNaN(until) ? null : until;
  } catch {
    return null;
  }
}

/** Keeps good answers, serves the last good one when the store is down. */
export function lastGoodCopy(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const cache = deps.edgeCache;
    // Status lists and PDFs only: a certificate's JSON or page must reflect its current status.
    if (!cache || c.req.method !== "GET" || (c.req.path.startsWith("/c/") && !c.req.path.endsWith(".pdf"))) return;
    const key = KEY_ORIGIN + c.req.path;
    const now = deps.clock();
    if (c.res.status === 200) {
      const etag = c.res.headers.get("ETag");
      const last = storedTags.get(key);
      if (etag && last?.etag === etag && now.getTime() - last.at < RESTORE_MS) return;
      const rendering = deps.pdfStore ? c.get("pdfRendering") : undefined;
      // A PDF in the store is kept as a pointer: no copy of a 100+ KB body per download.
      const copy = rendering ? undefined : c.res.clone();
      const body = c.req.path.endsWith(".pdf") ? "" : await copy!.clone().text();
      const until = validUntilOf(c.req.path, body, now);
      if (until === null || until <= now.getTime()) return;
      const headers = new Headers(c.res.headers);
      headers.set("Cache-Control", `public, max-age=${Math.floor((until - now.getTime()) / 1000)}`);
      headers.set("X-Valid-Until", new Date(until).toISOString());
      headers.delete("Set-Cookie");
      if (rendering) {
        headers.set(RENDERING_HEADER, rendering);
        headers.delete("Content-Length");
      }
      const stored = await cache.put(key, new Response(copy?.body ?? null, { status: 200, headers })).then(
        () => true,
        () => false,
      );
      if (stored && etag) {
        storedTags.delete(key);
        if (storedTags.size >= MAX_STORED_TAGS) storedTags.delete(storedTags.keys().next().value!);
        storedTags.set(key, { etag, at: now.getTime() });
      }
      return;
    }
    if (c.res.status !== 503) return;
    const saved = await cache.match(key).catch(() => undefined);
    const until = Date.parse(saved?.headers.get("X-Valid-Until") ?? "");
    if (!saved || !(until > now.getTime())) return;
    const headers = new Headers(saved.headers);
    const rendering = saved.headers.get(RENDERING_HEADER);
    const pdf = rendering ? await storedPdf(deps, rendering) : undefined;
    if (rendering && !pdf) return;
    headers.delete(RENDERING_HEADER);
    headers.set("Cache-Control", "public, max-age=60");
    headers.set("X-Served-From", "last-good-copy");
    headers.set("X-Request-Id", c.get("requestId"));
    c.res = new Response(pdf ? (pdf.bytes as Uint8Array<ArrayBuffer>) : saved.body, { status: 200, headers });
  };
}
