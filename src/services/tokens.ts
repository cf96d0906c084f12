/**
 * API tokens and scopes: how a pasted or bearer token becomes an actor, and creating / revoking
 * tokens (used by the admin API and the console alike).
 */
import { base64urlEncode, toHex, utf8 } from "../lib/encoding";
import { timingSafeEqual } from "hono/utils/buffer";
import { auditInsert, auditInsertIfChanged } from "../adapters/storage/audit-repository";
import { runBatch } from "../adapters/storage/database";
import { findToken, tokenInsert, tokenRevoke } from "../adapters/storage/token-repository";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import type { RequestActor } from "./issue-certificate";

export const SCOPES = ["issue", "revoke", "read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is acting: a stored token id, or "bootstrap" for the secret ADMIN_TOKEN. */
export interface Actor {
  id: string;
  scopes: readonly Scope[];
  /** The token's name ("bootstrap admin token" for ADMIN_TOKEN). */
  name?: string;
}

/** Stored tokens look like `wego_<id>.<secret>`. */
export const TOKEN_FORMAT = /^wego_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;

/** SHA-256 (hex) of a token, the only form stored. */
export async function tokenHash(token: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(token))));
}

/** Whether `scopes` grant `scope` (the `admin` scope implies every other). */
export function hasScope(scopes: readonly string[], scope: Scope): boolean {
  return scopes.includes(scope) || scopes.includes("admin");
}

/** The actor a token stands for, or null for an unknown, malformed or revoked token. */
export async function authenticateToken(deps: AppDeps, token: string): Promise<Actor | null> {
  if (deps.adminToken && (await timingSafeEqual(token, deps.adminToken)))
    return { id: "bootstrap", scopes: SCOPES, name: "bootstrap admin token" };
  const m = TOKEN_FORMAT.exec(token);
  if (!m) return null;
  const row = await findToken(deps.store, m[1]!);
  if (!row || row.revoked_at) {
    await tokenHash(token); // same work on every path
    return null;
  }
  if (!(await timingSafeEqual(await tokenHash(token), row.token_hash))) return null;
  return { id: row.id, scopes: JSON.parse(row.scopes) as Scope[], name: row.name };
}

/** A new token, stored as its hash with its audit entry; the token itself is returned once. */
export async function createToken(deps: AppDeps, input: { name: string; scopes: Scope[] }, who: RequestActor) {
  const id = base64urlEncode(deps.random(9));
  const token = `wego_${id}.${base64urlEncode(deps.random(32))}`;
  const at = deps.clock().toISOString();
  await runBatch(deps.store, [
    tokenInsert(deps.store, {
      id,
      name: input.name,
      token_hash: await tokenHash(token),
      scopes: JSON.stringify(input.scopes),
      created_at: at,
      created_by: who.actor,
      revoked_at: null,
    }),
    auditInsert(deps.store, {
      ...who,
      action: "token.create",
      target: id,
      at,
      after: { name: input.name, scopes: input.scopes },
    }),
  ]);
  return { id, name: input.name, scopes: input.scopes, token };
}

/** Revokes a token: 404 if unknown, 409 if already revoked. */
export async function revokeToken(deps: AppDeps, id: string, who: RequestActor) {
  if (!(await findToken(deps.store, id))) throw new AppError("ERR_NOT_FOUND", "No token with this id");
  const at = deps.clock().toISOString();
  const [res] = await runBatch(deps.store, [
    tokenRevoke(deps.store, id, at),
    auditInsertIfChanged(deps.store, { ...who, action: "token.revoke", target: id, at }),
  ]);
  if ((res?.meta.changes ?? 0) !== 1) throw new AppError("ERR_CONFLICT", "Token already revoked", { field: "id" });
  return { id, revokedAt: at };
}
