/**
 * Bearer-token authentication and scopes for admin routes. 401 for a missing or unknown token,
 * 403 for a known token without the scope. Tokens are compared in constant time.
 */
import type { Context, MiddlewareHandler } from "hono";
import { toHex, utf8 } from "../lib/encoding";
import { findToken } from "../adapters/storage/token-repository";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import type { RequestActor } from "../services/issue-certificate";
import type { AppEnv } from "./env";
import { bearerToken, timingSafeEqual } from "./http";

export const SCOPES = ["issue", "revoke", "read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is acting: a stored token id, or "bootstrap" for the secret ADMIN_TOKEN. */
export interface Actor {
  id: string;
  scopes: readonly Scope[];
}

/** Stored tokens look like `wego_<id>.<secret>`. */
export const TOKEN_FORMAT = /^wego_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;

/** SHA-256 (hex) of a token, the only form stored. */
export async function tokenHash(token: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(token))));
}

const unauthorized = (message: string) =>
  new AppError("ERR_UNAUTHORIZED", message, {
    field: "Authorization",
    headers: { "WWW-Authenticate": 'Bearer realm="wego-admin"' },
  });

async function authenticate(deps: AppDeps, token: string): Promise<Actor | null> {
  if (deps.adminToken && (await timingSafeEqual(token, deps.adminToken))) return { id: "bootstrap", scopes: SCOPES };
  const m = TOKEN_FORMAT.exec(token);
  if (!m) return null;
  const row = await findToken(deps.store, m[1]!);
  if (!row || row.revoked_at) {
    await tokenHash(token); // same work on every path
    return null;
  }
  if (!(await timingSafeEqual(await tokenHash(token), row.token_hash))) return null;
  return { id: row.id, scopes: JSON.parse(row.scopes) as Scope[] };
}

/** Requires a valid token carrying `scope` (the `admin` scope implies every other). */
export function requireScope(deps: AppDeps, scope: Scope): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) throw unauthorized("Missing bearer token");
    const actor = await authenticate(deps, token);
    if (!actor) throw unauthorized("Unknown or revoked token");
    if (!actor.scopes.includes(scope) && !actor.scopes.includes("admin"))
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
