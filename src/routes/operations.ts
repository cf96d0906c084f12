/** Cross-cutting operational middleware: the per-request log line and the pinned-DID guard. */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppDeps } from "../services/context";
import { checkDidPin, didMismatchError } from "../services/issuer-identity";
import type { AppEnv } from "./env";

/**
 * One structured JSON line per request for Workers Logs. Only operational facts: our request id,
 * Cloudflare's ray id, the route pattern (never the path, which holds certificate ids, nor the
 * query), status, duration, the admin token id (never a name or a token) and the version.
 */
export function requestLog(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const actor = c.get("actor");
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
