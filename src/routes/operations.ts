/** Cross-cutting operational middleware: the request log line and the pinned-DID guard. */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppDeps } from "../services/context";
import { checkDidPin, didMismatchError } from "../services/issuer-identity";
import type { AppEnv } from "./env";

/**
 * Whether a request gets its own log line. Workers Logs already keeps an invocation log of every
 * request (method, URL, status, ray id, CPU and wall time), so an anonymous public read that
 * succeeded (a certificate, page, status list, key or catalogue fetched, a credential or
 * presentation verified) tells nothing more; at scale it would be most of the lines, each billed as
 * a log event (and locally, each one relayed from workerd through wrangler's inspector to its Node
 * process: about 2 ms of CPU per request). Every staff request (admin token, console), every write,
 * and every request answered 4xx or 5xx is logged.
 */
export function worthLogging(method: string, path: string, status: number, actor: boolean): boolean {
  if (actor || status >= 400) return true;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS")
    return path.startsWith("/admin") || path.startsWith("/console");
  return !(method === "POST" && (path === "/credentials/verify" || path === "/presentations/verify"));
}

/**
 * One structured JSON line per request that {@link worthLogging} keeps, for Workers Logs. Only
 * operational facts: our request id, Cloudflare's ray id, the route pattern (never the path, which
 * holds certificate ids, nor the query), status, duration, the admin token id (never a name or a
 * token) and the version.
 */
export function requestLog(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const actor = c.get("actor");
    if (!worthLogging(c.req.method, c.req.path, c.res.status, actor !== undefined)) return;
    console.log(
      JSON.stringify({
        level: c.res.status >= 500 ? "error" : "info",
        event: "request",
        requestId: c.get("requestId"),
        ray: c.req.header("cf-ray") ?? null,
        method: c.req.method,
        route: routePath(c, -1),
        status: c.res.status,
        durationMs: Date.now() - started,
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
