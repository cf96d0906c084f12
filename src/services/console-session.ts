/**
 * Console sessions: signing in (with an API token, or by a Cloudflare Access identity mapped to a
 * staff account), resuming a session from its cookie, signing out. Sessions live in D1; the
 * browser holds only a random id. Every sign-in and sign-out is in the audit log.
 */
import { base64urlEncode, toHex, utf8 } from "../lib/encoding";
import { auditInsert } from "../adapters/storage/audit-repository";
import { runBatch } from "../adapters/storage/database";
import {
  deleteExpiredSessions,
  findLiveSession,
  sessionDelete,
  sessionInsert,
  touchSession,
} from "../adapters/storage/session-repository";
import { findStaff, findStaffByEmail } from "../adapters/storage/staff-repository";
import { findToken } from "../adapters/storage/token-repository";
import type { AppDeps } from "./context";
import { authenticateToken, type Scope } from "./tokens";

/** A session ends after this long without a request (OWASP Session Management: 15-30 min). */
export const SESSION_IDLE_MS = 30 * 60_000;
/** And at the latest this long after sign-in, whatever the activity. */
export const SESSION_MAX_MS = 12 * 3600_000;
/** The idle expiry is written at most this often (one D1 write per minute, not per page). */
const TOUCH_EVERY_MS = 60_000;

/** The signed-in staff member, as the console sees them. */
export interface ConsoleUser {
  kind: "token" | "access";
  /** Audit identity: the token id ("bootstrap" for ADMIN_TOKEN) or `staff:<email>`. */
  actor: string;
  /** Shown in the header: the token's name or the staff member's name and email. */
  label: string;
  scopes: Scope[];
  /** Synchronizer token every state-changing form must carry. */
  csrf: string;
  /** SHA-256 of the session id (to sign out). */
  sessionHash: string;
}

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(text))));
}

/** Identifies the bootstrap token without storing it: a new ADMIN_TOKEN ends its sessions. */
async function bootstrapCredential(adminToken: string): Promise<string> {
  return `bootstrap:${(await sha256Hex(adminToken)).slice(0, 16)}`;
}

async function open(
  deps: AppDeps,
  s: { kind: ConsoleUser["kind"]; credentialId: string; actor: string; label: string; scopes: Scope[] },
  requestId: string | undefined,
): Promise<{ sessionId: string; user: ConsoleUser }> {
  const now = deps.clock();
  const sessionId = base64urlEncode(deps.random(32));
  const sessionHash = await sha256Hex(sessionId);
  const csrf = base64urlEncode(deps.random(32));
  await deleteExpiredSessions(deps.store, now.toISOString());
  await runBatch(deps.store, [
    sessionInsert(deps.store, {
      id_hash: sessionHash,
      kind: s.kind,
      credential_id: s.credentialId,
      actor: s.actor,
      label: s.label,
      csrf_token: csrf,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
      expires_at: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
    }),
    auditInsert(deps.store, {
      actor: s.actor,
      action: "console.sign-in",
      requestId,
      at: now.toISOString(),
      after: { method: s.kind === "token" ? "access token" : "Cloudflare Access", scopes: s.scopes },
    }),
  ]);
  return { sessionId, user: { ...s, csrf, sessionHash } };
}

/** Signs in with a pasted API token; null if the token is unknown or revoked. */
export async function signInWithToken(deps: AppDeps, token: string, requestId?: string) {
  const actor = await authenticateToken(deps, token);
  if (!actor) return null;
  const credentialId = actor.id === "bootstrap" ? await bootstrapCredential(deps.adminToken) : actor.id;
  return open(
    deps,
    { kind: "token", credentialId, actor: actor.id, label: actor.name ?? actor.id, scopes: [...actor.scopes] },
    requestId,
  );
}

/** Signs in the staff member Cloudflare Access vouched for; null if the email is no enabled staff account. */
export async function signInWithAccess(deps: AppDeps, email: string, requestId?: string) {
  const staff = await findStaffByEmail(deps.store, email);
  if (!staff || staff.disabled_at) return null;
  return open(
    deps,
    {
      kind: "access",
      credentialId: staff.id,
      actor: `staff:${staff.email}`,
      label: `${staff.name} <${staff.email}>`,
      scopes: JSON.parse(staff.scopes) as Scope[],
    },
    requestId,
  );
}

/**
 * The user of a live session, with scopes read afresh from its token or staff account (a revoked
 * token or disabled account ends the session at once); null if there is none.
 */
export async function resumeSession(deps: AppDeps, sessionId: string): Promise<ConsoleUser | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return null;
  const now = deps.clock();
  const sessionHash = await sha256Hex(sessionId);
  const row = await findLiveSession(deps.store, sessionHash, now.toISOString());
  if (!row) return null;
  let scopes: Scope[] | null = null;
  if (row.kind === "access") {
    const staff = await findStaff(deps.store, row.credential_id);
    if (staff && !staff.disabled_at) scopes = JSON.parse(staff.scopes) as Scope[];
  } else if (row.credential_id.startsWith("bootstrap:")) {
    if (deps.adminToken && row.credential_id === (await bootstrapCredential(deps.adminToken)))
      scopes = ["issue", "revoke", "read", "admin"];
  } else {
    const token = await findToken(deps.store, row.credential_id);
    if (token && !token.revoked_at) scopes = JSON.parse(token.scopes) as Scope[];
  }
  if (!scopes) {
    await runBatch(deps.store, [sessionDelete(deps.store, sessionHash)]);
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS)
    await touchSession(
      deps.store,
      sessionHash,
      now.toISOString(),
      new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    );
  return { kind: row.kind, actor: row.actor, label: row.label, scopes, csrf: row.csrf_token, sessionHash };
}

/** Ends a session (sign-out), audited. */
export async function endSession(deps: AppDeps, user: ConsoleUser, requestId?: string): Promise<void> {
  await runBatch(deps.store, [
    sessionDelete(deps.store, user.sessionHash),
    auditInsert(deps.store, {
      actor: user.actor,
      action: "console.sign-out",
      requestId,
      at: deps.clock().toISOString(),
    }),
  ]);
}
