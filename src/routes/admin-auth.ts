/**
 * Bearer-token authentication and scopes for admin routes. 401 for a missing or unknown token,
 * 403 for a known token without the scope. Tokens are compared in constant time.
 */
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import type { RequestActor } from "../services/issue-certificate";
import { authenticateToken, hasScope, type Actor, type Scope } from "../services/tokens";
import type { AppEnv } from "./env";
import { bearerToken } from "./http";

export { SCOPES, TOKEN_FORMAT, tokenHash, type Actor, type Scope } from "../services/tokens";

const unauthorized = (message: string) =>
  new AppError("ERR_UNAUTHORIZED", message, {
    field: "Authorization",
    headers: { "WWW-Authenticate": 'Bearer realm="wego-admin"' },
  });

/** Requires a valid token carrying `scope` (the `admin` scope implies every other). */
export function requireScope(deps: AppDeps, scope: Scope): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) throw unauthorized("Missing bearer token");
    const actor = await authenticateToken(deps, token);
    if (!actor) throw unauthorized("Unknown or revoked token");
    if (!hasScope(actor.scopes, scope))
      throw new AppError("ERR_FORBIDDEN", `This token lacks the "${scope}" scope`, { field: "Authorization" });
    c.set("actor", actor);
    await next();
  };
}

/** The authenticated actor of a request (set by requireScope). */
export function actorOf(c: Context): Actor {
  return c.get("actor") as Actor;
}

/** Back-compatible name: any admin route needing the issue scope. */
export const requireAdmin = (deps: AppDeps) => requireScope(deps, "issue");

/** The audit identity of a request. */
export function who(c: Context<AppEnv>): RequestActor {
  return { actor: actorOf(c).id, requestId: c.get("requestId") };
}
