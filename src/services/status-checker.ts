/** The status check used by verification: our status lists' entries, read through the status cache. */
import type { StatusEntry } from "../domain/credential";
import { STATUS_LIST_SIZE } from "../domain/status-list";
import { isPublicReason, type PublicReason } from "../domain/status-reasons";
import type { StatusOutcome } from "../domain/verify";
import type { CertificateRow } from "../adapters/storage/certificate-repository";
import type { AppDeps } from "./context";
import { cachedSlot } from "./status-cache";
import { LIST_ID } from "./status-list-credential";

/** A stored reason as employers may see it: a known code, never free text (rows from before 0014 hold none). */
function publicReason(stored: string | null): PublicReason | undefined {
  return isPublicReason(stored) ? stored : undefined;
}

/** A certificate row read from D1 by the caller just now, with its status slot and status columns. */
export type FreshSlotRow = Pick<
  CertificateRow,
  "id" | "status" | "status_reason" | "status_changed_at" | "superseded_by" | "status_list" | "status_index"
>;

/**
 * Status check for verification: each entry must point at one of our lists; the slot's
 * certificate status decides. Anything unreadable is "unavailable", never "ok" (fail closed).
 * `fresh`: a row the caller has just read; the slot it holds (one certificate per slot, unique
 * index `certificates_status_slot`) is answered from it instead of the status cache.
 */
export function statusChecker(deps: AppDeps, fresh?: FreshSlotRow): (entries: StatusEntry[]) => Promise<StatusOutcome> {
  return async (entries) => {
    const prefix = `${deps.config.baseUrl}/status/`;
    let outcome: StatusOutcome = { state: "ok" };
    // Our revocation and suspension entries share one slot: read each slot once.
    const slots = new Map<string, ReturnType<typeof cachedSlot>>();
    for (const e of entries) {
      const url = typeof e?.statusListCredential === "string" ? e.statusListCredential : "";
      const m = LIST_ID.exec(url.startsWith(prefix) ? url.slice(prefix.length) : "");
      const index = Number(e?.statusListIndex);
      const expected = e?.statusPurpose === "revocation" ? "r" : e?.statusPurpose === "suspension" ? "s" : null;
      if (!m || m[1] !== expected || !Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE)
        return {
          state: "unavailable",
          message: "The credential points at a status list this service does not publish.",
        };
      let row;
      try {
        const slot = `${m[2]}:${index}`;
        const own = fresh && fresh.status_list === Number(m[2]) && fresh.status_index === index;
        if (!slots.has(slot)) slots.set(slot, own ? Promise.resolve(fresh) : cachedSlot(deps, Number(m[2]), index));
        row = await slots.get(slot)!;
      } catch {
        return { state: "unavailable", message: "The revocation list could not be read right now." };
      }
      if (!row) return { state: "unavailable", message: "The status list entry is unknown." };
      if (e.statusPurpose === "revocation" && row.status === "revoked")
        return {
          state: "revoked",
          reason: publicReason(row.status_reason),
          at: row.status_changed_at ?? undefined,
          supersededBy: row.superseded_by ?? undefined,
        };
      if (e.statusPurpose === "suspension" && row.status === "suspended")
        outcome = {
          state: "suspended",
          reason: publicReason(row.status_reason),
          at: row.status_changed_at ?? undefined,
        };
    }
    return outcome;
  };
}
