/** Cross-cutting operational middleware: the per-request log line and the pinned-DID guard. */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppDeps } from "../services/context";
import { checkDidPin, didMismatchError } from "../services/issuer-identity";
import type { AppEnv } from "./env";

/** Public reads answered within this time get no line of their own (see {@link requestLog}). */
export const SLOW_REQUEST_MS = 1000;

/** POSTs that only read: verification of a credential, a presentation, or an uploaded PDF. */
const READ_ONLY_POSTS = new Set(["/credentials/verify", "/presentations/verify", "/verify"]);

/**
 * One structured JSON line per request for Workers Logs. Only operational facts: our request id,
 * Cloudflare's ray id, the route pattern (never the path, which holds certificate ids, nor the
 * query), status, duration, the admin token id (never a name or a token) and the version.
 *
 * By default a public read that succeeded quickly (GET, HEAD or OPTIONS outside /admin and /console,
 * or a verification POST; status below 400; under {@link SLOW_REQUEST_MS}) writes no line: Workers
 * Logs' invocation logs (`[observability]` in wrangler.toml) already record every request with its
 * status, CPU and wall time, and on the pages and lists employers and verifiers fetch most the line
 * was the largest single cost (measured: 0.55× a bare Worker's throughput with it, 0.89–0.99×
 * without; each line is also a billed Workers Logs event). Writes, admin and console requests,
 * errors and slow requests are always logged. `REQUEST_LOG=all` logs every request.
 */
export function requestLog(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const durationMs = Date.now() - started;
    const actor = c.get("actor");
    const status = c.res.status;
    if (deps.requestLog !== "all" && !actor && status < 400 && durationMs < SLOW_REQUEST_MS) {
      const method = c.req.method;
      const path = c.req.path;
      const staff =
        path === "/admin" || path.startsWith("/admin/") || path === "/console" || path.startsWith("/console/");
      const read =
        method === "GET" ||
        method === "HEAD" ||
        method === "OPTIONS" ||
        (method === "POST" && READ_ONLY_POSTS.has(path));
      if (read && !staff) return;
    }
    console.log(
      JSON.stringify({
        level: status >= 500 ? "error" : "info",
        event: "request",
        requestId: c.get("requestId"),
        ray: c.req.header("cf-ray") ?? null,
        method: c.req.method,
        route: routePath(c, -1),
        status,
        durationMs,
        actor: actor?.id ?? null,
        version: deps.version ?? null,
      }),
    );
  };
}

/**
 * Refuses to serve under a DID other than the one pinned at the first issuance (services/
 * issuer-identity.ts); /health stays reachable to say why. A database that does not answer does
 * not block public reads: the check runs again on the next request.
 */
export function didGuard(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.path !== "/health") {
      const pin = await checkDidPin(deps).catch(() => null);
      if (pin?.state === "mismatch") throw didMismatchError(deps, pin.pinned);
    }
    await next();
  };
}
