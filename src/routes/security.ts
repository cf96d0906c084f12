/**
 * Security for the public pages: a strict Content-Security-Policy with a per-response nonce, and
 * rate limiting of the public verification endpoints.
 */
import type { MiddlewareHandler } from "hono";
import { base64urlEncode } from "../lib/encoding";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { rateLimitKey } from "../lib/client-key";

/** A fresh CSP nonce: 128 random bits (CSP Level 3 §6.4 asks for at least 128 bits). */
export function cspNonce(): string {
  return base64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The Content-Security-Policy for HTML pages. Scripts and styles only from this origin or with this
 * response's nonce (no 'unsafe-inline'), no plugins, no framing (`frame-ancestors 'none'`, which
 * supersedes X-Frame-Options), forms only to this origin, the service worker from this origin, and
 * Trusted Types enforced (W3C Trusted Types §4: string writes to HTML and script-URL sinks throw), with
 * one policy that only lets the service worker's URL through.
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    // "Print certificate" loads the certificate's own PDF in a hidden frame to print it.
    "frame-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    // The page script writes text only, never HTML; its one script URL (the service worker) goes
    // through the single policy allowed here, which accepts nothing else (src/browser/trusted-types.ts).
    "require-trusted-types-for 'script'",
    "trusted-types wego-sw",
  ].join("; ");
}

/** Requests per key per window for the in-memory fallback (mirrors the binding's `simple` config). */
export const RATE_LIMIT = { limit: 120, periodSeconds: 60 } as const;

/**
 * Fixed-window counter per isolate, used when the Workers Rate Limiting binding is absent (local
 * development, tests). Per isolate only: production relies on the binding.
 */
export function memoryRateLimiter(
  limit: number = RATE_LIMIT.limit,
  periodMs: number = RATE_LIMIT.periodSeconds * 1000,
  now: () => number = Date.now,
): (key: string) => Promise<boolean> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (key) => {
    const t = now();
    // Bound memory: drop expired windows once the map grows.
    if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.start >= periodMs) windows.delete(k);
    const w = windows.get(key);
    if (!w || t - w.start >= periodMs) {
      windows.set(key, { start: t, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= limit;
  };
}

/** Whether a request is public verification traffic that must be rate limited. */
export function isRateLimited(method: string, path: string): boolean {
  if (path.startsWith("/c/")) return method === "GET" || method === "HEAD";
  if (path === "/credentials/verify" || path === "/presentations/verify") return method === "POST";
  // A short code has 35 random bits (domain/short-code.ts): guesses must cost like any other lookup.
  if (path.startsWith("/codes/")) return method === "GET" || method === "HEAD";
  // Claim links are public and a forged one is recorded for staff: bound what one client can write.
  if (path.startsWith("/claim/")) return method === "GET" || method === "HEAD";
  return path === "/verify";
}

/**
 * Rate limits public verification (`GET /c/*`, `GET /codes/*`, `POST /credentials/verify`,
 * `POST /presentations/verify`, `/verify`) per client IP (`CF-Connecting-IP`, set by Cloudflare and
 * not spoofable through it; IPv6 by /64, see lib/client-key.ts). Over the limit: 429
 * problem+json with `Retry-After` (RFC 6585 §4). Cloudflare's edge (and `wrangler dev`) always
 * sets the header; requests without it can only come from in-process callers (tests, service
 * bindings), which are not limited.
 */
export function rateLimitPublic(deps: AppDeps): MiddlewareHandler {
  const fallback = memoryRateLimiter();
  return async (c, next) => {
    if (!isRateLimited(c.req.method, c.req.path)) return next();
    const ip = c.req.header("cf-connecting-ip");
    if (!ip) return next();
    const key = rateLimitKey(ip);
    let allowed: boolean;
    try {
      allowed = await (deps.rateLimit ?? fallback)(key);
    } catch {
      // A limiter outage must not take verification down: fall back to the local counter.
      allowed = await fallback(key);
    }
    if (!allowed)
      throw new AppError("ERR_RATE_LIMITED", "Too many verification requests; try again in a minute.", {
        headers: { "Retry-After": String(RATE_LIMIT.periodSeconds) },
      });
    return next();
  };
}
