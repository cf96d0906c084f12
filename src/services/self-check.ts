/**
 * The service's own health, reported by /health and run by the scheduled handler (which alerts
 * on failure): storage, a sign/verify round trip with the published key, the pinned DID, every
 * signing key published, status lists valid for more than 12 hours, the active key's age and the
 * age of the newest backup, and the email keys (issue 12).
 */
import { ed25519Verify } from "../adapters/crypto/ed25519";
import { pingStore } from "../adapters/storage/database";
import { signedListExpiries, signingKeyIds } from "../adapters/storage/operations-repository";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { checkDidPin, publishedKeyOf } from "./issuer-identity";

/** ok, warning and off keep /health green; anything else is a failure. */
export type CheckState = "ok" | "warning" | "off" | "failing" | "misconfigured" | "unavailable";
export interface CheckResult {
  state: CheckState;
  detail?: string;
}
export type CheckName = "storage" | "signer" | "did" | "keys" | "statusLists" | "keyAge" | "backup" | "emailKeys";

/** Status lists must keep at least this much validity (they are signed for 24 h). */
export const LIST_MIN_VALIDITY_MS = 12 * 3600_000;
/** Rotate the signing key yearly: warn a month ahead, fail once overdue. */
const KEY_MAX_AGE_MS = 365 * 86400_000;
const KEY_WARN_MS = 30 * 86400_000;
/** Backups run daily: older than 26 hours means one was missed. */
export const BACKUP_MAX_AGE_MS = 26 * 3600_000;

const healthy = (s: CheckState) => s === "ok" || s === "warning" || s === "off";

async function signerCheck(deps: AppDeps): Promise<CheckResult> {
  try {
    const signer = await deps.signer();
    const probe = crypto.getRandomValues(new Uint8Array(32));
    const sig = await signer.sign(probe);
    if (!(await ed25519Verify(sig, probe, publishedKeyOf(deps, signer.kid))))
      return { state: "failing", detail: "a fresh signature does not verify with the published key" };
    return { state: "ok" };
  } catch (e) {
    const config = e instanceof AppError && e.code === "ERR_CONFIG";
    return { state: config ? "misconfigured" : "unavailable", detail: e instanceof Error ? e.message : String(e) };
  }
}

async function storageChecks(deps: AppDeps, now: number): Promise<Partial<Record<CheckName, CheckResult>>> {
  try {
    await pingStore(deps.store);
  } catch {
    return { storage: { state: "unavailable" } };
  }
  const out: Partial<Record<CheckName, CheckResult>> = { storage: { state: "ok" } };
  try {
    Object.assign(out, await storedFacts(deps, now));
  } catch (e) {
    out.storage = { state: "unavailable", detail: e instanceof Error ? e.message : String(e) };
  }
  return out;
}

async function storedFacts(deps: AppDeps, now: number): Promise<Partial<Record<CheckName, CheckResult>>> {
  const out: Partial<Record<CheckName, CheckResult>> = {};
  const pin = await checkDidPin(deps);
  out.did =
    pin.state === "mismatch"
      ? {
          state: "misconfigured",
          detail: `certificates here name ${pin.pinned}, this configuration ${deps.config.issuerDid}`,
        }
      : { state: "ok", detail: pin.state };
  const published = new Set(deps.keys.map((k) => k.kid));
  const missing = (await signingKeyIds(deps.store)).filter((kid) => !published.has(kid));
  out.keys = missing.length
    ? {
        state: "misconfigured",
        detail: `stored certificates signed by unpublished keys ${missing.join(", ")} (a rollback across a key rotation?)`,
      }
    : { state: "ok" };
  const short = (await signedListExpiries(deps.store)).filter(
    (l) => Date.parse(l.valid_until) - now < LIST_MIN_VALIDITY_MS,
  );
  out.statusLists = short.length
    ? {
        state: "failing",
        detail: `valid for less than 12 h: ${short.map((l) => `${l.list_id} (until ${l.valid_until})`).join(", ")}`,
      }
    : { state: "ok" };
  return out;
}

function keyAgeCheck(deps: AppDeps, now: number): CheckResult {
  const active = deps.keys.find((k) => k.status === "active");
  if (!active) return { state: "misconfigured", detail: "no active key" };
  const age = now - Date.parse(active.notBefore);
  // A warning, not a failure: an old key still signs correctly (the alert says rotate).
  if (age > KEY_MAX_AGE_MS) return { state: "warning", detail: `key ${active.kid} is older than a year: rotate it` };
  if (age > KEY_MAX_AGE_MS - KEY_WARN_MS)
    return { state: "warning", detail: `key ${active.kid}: rotation due within 30 days` };
  return { state: "ok" };
}

async function backupCheck(deps: AppDeps, now: number): Promise<CheckResult> {
  if (!deps.backups) return { state: "off", detail: "no BACKUPS bucket bound" };
  try {
    const newest = (await deps.backups.list("d1/")).reduce((t, o) => Math.max(t, o.uploaded.getTime()), 0);
    if (newest === 0) return { state: "failing", detail: "no backup yet" };
    const age = now - newest;
    return age > BACKUP_MAX_AGE_MS
      ? { state: "failing", detail: `newest backup is ${Math.round(age / 3600_000)} h old` }
      : { state: "ok", detail: new Date(newest).toISOString() };
  } catch (e) {
    return { state: "unavailable", detail: e instanceof Error ? e.message : String(e) };
  }
}

// Issuing seals each address (issue 12): without the email keys nothing can be issued.
async function emailKeysCheck(deps: AppDeps): Promise<CheckResult> {
  try {
    await deps.vault();
    return { state: "ok" };
  } catch (e) {
    return { state: "misconfigured", detail: e instanceof Error ? e.message : String(e) };
  }
}

/** Runs every check; `ok` is false when any of them fails. */
export async function selfCheck(
  deps: AppDeps,
): Promise<{ ok: boolean; checks: Partial<Record<CheckName, CheckResult>> }> {
  const now = deps.clock().getTime();
  const [storage, signer, backup, emailKeys] = await Promise.all([
    storageChecks(deps, now),
    signerCheck(deps),
    backupCheck(deps, now),
    emailKeysCheck(deps),
  ]);
  const checks = { ...storage, signer, keyAge: keyAgeCheck(deps, now), backup, emailKeys };
  return { ok: Object.values(checks).every((c) => healthy(c.state)), checks };
}
