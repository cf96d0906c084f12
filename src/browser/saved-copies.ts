/**
 * Copies of certificate pages saved on the phone for offline use (shared by the page script, the
 * service worker and the server that marks the page). A saved copy carries no verdict by itself:
 * the service worker strips the live verdict and the server's checks, shows the neutral "saved
 * copy" banner instead, and gives the copy a fresh CSP nonce. Copies expire after
 * {@link SAVED_COPY_MAX_AGE_DAYS} days. Pure (no DOM), so it runs in Node tests.
 */

/** The cache name; versioned so that activation drops copies saved by older scripts. */
export const CACHE = "wego-verify-v2";
/** Every cache this service has ever used starts with this. */
export const CACHE_PREFIX = "wego-verify-";
/** How long a saved copy may be used offline. */
export const SAVED_COPY_MAX_AGE_DAYS = 30;
const MAX_AGE_MS = SAVED_COPY_MAX_AGE_DAYS * 24 * 3600 * 1000;
/** Tolerated clock difference before a copy "saved in the future" is refused. */
const SKEW_MS = 5 * 60 * 1000;

/** Response header holding the time (ms since the epoch) a copy was saved. */
export const SAVED_AT_HEADER = "x-wego-saved-at";

/** Markers around the parts of a page that only a live (network) response may show. */
export const LIVE_START = "<!--wego:live-->";
export const LIVE_END = "<!--/wego:live-->";
/** Id of the `<template>` holding the neutral banner a saved copy shows; the service worker unwraps it. */
export const SAVED_BANNER_ID = "saved-verdict";

/** A copy of `res` stamped with the time it was saved. */
export async function stampSaved(res: Response, now: number): Promise<Response> {
  const headers = new Headers(res.headers);
  headers.set(SAVED_AT_HEADER, String(now));
  return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers });
}

/** Whether a saved copy is still usable: stamped, not older than the maximum age, not from the future. */
export function isFresh(res: Pick<Response, "headers">, now: number): boolean {
  const at = Number(res.headers.get(SAVED_AT_HEADER) ?? NaN);
  return Number.isFinite(at) && at <= now + SKEW_MS && now - at <= MAX_AGE_MS;
}

function replaceOnce(s: string, pattern: RegExp, by: string): string | null {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g");
  if ((s.match(global) ?? []).length !== 1) return null;
  return s.replace(pattern, by);
}

/**
 * Turns a saved certificate page into what the service worker serves offline: `data-source="cache"`,
 * live parts removed, the saved-copy banner taken out of its `<template>` (it is `#verdict`), a
 * neutral title, and `nonce` (fresh) in place of the saved nonce in both the markup and the CSP. Null when the copy does not have the
 * expected shape (the caller then serves no page at all).
 */
export function savedPage(html: string, csp: string | null, nonce: string): { html: string; csp: string } | null {
  const old = /'nonce-([A-Za-z0-9_-]+)'/.exec(csp ?? "")?.[1];
  if (!old || !csp || !/^[A-Za-z0-9_-]+$/.test(nonce)) return null;
  let out: string | null = replaceOnce(html, /data-source="network"/, 'data-source="cache"');
  if (out === null) return null;
  const live = new RegExp(`${LIVE_START}[\\s\\S]*?${LIVE_END}`, "g");
  if ((out.match(live) ?? []).length === 0) return null;
  out = out.replace(live, "");
  if (out.includes(LIVE_START) || out.includes(LIVE_END)) return null;
  out = replaceOnce(out, new RegExp(`<template id="${SAVED_BANNER_ID}">([\\s\\S]*?)</template>`), "$1");
  if (out === null) return null;
  out = replaceOnce(out, /<title>[^<]*<\/title>/, "<title>WeGO</title>");
  if (out === null) return null;
  out = out.split(`nonce="${old}"`).join(`nonce="${nonce}"`);
  return { html: out, csp: csp.split(`'nonce-${old}'`).join(`'nonce-${nonce}'`) };
}
