/**
 * Every response's headers in one pass after the handler: our request id, the security headers
 * (the set hono's `secureHeaders` writes with our options), CORS without credentials and
 * cross-origin CORP on the public read and verification paths, `no-store` on admin answers.
 *
 * Why not hono's `cors` and `secureHeaders` plus one middleware per path: `cors` writes its headers
 * before the handler runs, which makes hono create a placeholder Response that every later response
 * is copied over, and `c.header` after the handler copies the Response again; with 23 registrations
 * the router also matched every path against each pattern. Here every header is set once on the
 * final Response. test/unit/routes/response-headers.test.ts checks the headers against the previous
 * stack for every path class, method and status.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";

/** hono `secureHeaders` defaults (v4) with our HSTS and without its CORP (set below per path). */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=63072000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
];

/**
 * Public, read-only data (keys, status lists, credentials, catalogue) and verification are for any
 * verifier, including web apps on other origins. A `/x/*` entry also covers `/x` itself, as hono's
 * wildcard routes do.
 */
const PUBLIC_EXACT = new Set(["/achievements", "/credentials/verify", "/presentations/verify", "/openapi.json"]);
const PUBLIC_PREFIXES = ["/.well-known", "/status", "/c", "/achievements"];

/** Whether `path` is one of the public cross-origin paths. */
export function isPublicPath(path: string): boolean {
  if (PUBLIC_EXACT.has(path)) return true;
  for (const p of PUBLIC_PREFIXES)
    if (path === p || (path.startsWith(p) && path.charCodeAt(p.length) === 47)) return true;
  return false;
}

/** Admin answers carry participants' names and emails: never stored by browsers or proxies. */
function isNoStorePath(path: string): boolean {
  return path === "/credentials/issue" || path === "/admin" || path.startsWith("/admin/");
}

const EXPOSE_HEADERS = "ETag,Retry-After,X-Request-Id";

/** Sets the response headers described above on every response (outermost, after the request id). */
export function responseHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    const h = c.res.headers;
    h.set("X-Request-Id", c.get("requestId"));
    for (const [name, value] of SECURITY_HEADERS) h.set(name, value);
    h.delete("X-Powered-By");
    if (isPublicPath(path)) {
      h.set("Access-Control-Allow-Origin", "*");
      h.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
      h.set("Cross-Origin-Resource-Policy", "cross-origin");
    } else if (!h.has("Cross-Origin-Resource-Policy")) h.set("Cross-Origin-Resource-Policy", "same-origin");
    if (isNoStorePath(path)) h.set("Cache-Control", "no-store");
  };
}

/**
 * CORS preflight (Fetch §4.8) on the public paths: 204 with the methods, headers and a day's
 * max-age; {@link responseHeaders} adds the origin and the rest on the way out.
 */
export function publicPreflight(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "OPTIONS" || !isPublicPath(c.req.path)) return next();
    return c.body(null, 204, {
      "Access-Control-Max-Age": "86400",
      "Access-Control-Allow-Methods": "GET,HEAD,POST,OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
      Vary: "Access-Control-Request-Headers",
    });
  };
}
