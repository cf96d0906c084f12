/**
 * The issuer DID is pinned in the database at the first issuance: every stored certificate,
 * status list and QR token names it, so a deployment whose PUBLIC_BASE_URL yields another DID would
 * make all of them fail verification. Such a deployment refuses to serve (and /health says why).
 */
import { getSetting, pinIssuerDid } from "../adapters/storage/operations-repository";
import { AppError } from "../errors";
import type { AppDeps } from "./context";

/** Outcome of comparing the configured DID with the pinned one. */
export type DidPin = { state: "ok" | "unpinned" | "local" } | { state: "mismatch"; pinned: string };

/** Loopback development servers change port freely: their DID is never pinned. */
const isLocal = (baseUrl: string) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(baseUrl);

const pinnedOk = new WeakSet<AppDeps>();

/** Compares the configured issuer DID with the pinned one (read only). */
export async function checkDidPin(deps: AppDeps): Promise<DidPin> {
  if (isLocal(deps.config.baseUrl)) return { state: "local" };
  if (pinnedOk.has(deps)) return { state: "ok" };
  const pinned = await getSetting(deps.store, "issuer_did");
  if (pinned === undefined) return { state: "unpinned" };
  if (pinned !== deps.config.issuerDid) return { state: "mismatch", pinned };
  pinnedOk.add(deps);
  return { state: "ok" };
}

/** The refusal for a configuration whose DID is not the pinned one. */
export function didMismatchError(deps: AppDeps, pinned: string): AppError {
  return new AppError(
    "ERR_CONFIG",
    `PUBLIC_BASE_URL ${deps.config.baseUrl} gives ${deps.config.issuerDid}, but the certificates in this database were issued by ${pinned}; see RUNBOOK.md "Domain lost or moved"`,
  );
}

/** Before signing: pins the DID on first use, refuses a DID other than the pinned one. */
export async function ensureIssuerDid(deps: AppDeps): Promise<void> {
  if (isLocal(deps.config.baseUrl) || pinnedOk.has(deps)) return;
  const pinned = await pinIssuerDid(deps.store, deps.config.issuerDid, deps.clock().toISOString());
  if (pinned !== deps.config.issuerDid) throw didMismatchError(deps, pinned);
  pinnedOk.add(deps);
}

/** The published public key of `kid` (the signer loads only a published active key). */
export function publishedKeyOf(deps: AppDeps, kid: string): Uint8Array {
  const key = deps.keys.find((k) => k.kid === kid);
  if (!key) throw new AppError("ERR_CONFIG", `signing key ${kid} is not in the published key set`);
  return key.publicKey;
}
