/**
 * Status-list slots for new certificates: reserving them (keyed permutation, Bitstring Status
 * List §6.2), the credentialStatus entries they give, and the retry when two writers collide.
 */
import { toHex } from "../lib/encoding";
import { reserveSlotCounters } from "../adapters/storage/status-repository";
import type { StatusEntry } from "../domain/credential";
import { STATUS_LIST_SIZE } from "../domain/status-list";
import { parseSlotKey, permuteSlot } from "../domain/slot-permutation";
import { AppError } from "../errors";
import type { AppDeps } from "./context";

/** A status-list slot: the same index in lists r<list> and s<list>. */
export interface StatusSlot {
  list: number;
  index: number;
}

/**
 * Reserves `count` slots: consecutive counters of the newest list, each mapped to its index by
 * the list's keyed permutation (herd privacy, Bitstring Status List §6.2). Costs one row write
 * whatever the number of certificates.
 */
export async function allocateSlots(deps: AppDeps, count: number): Promise<StatusSlot[]> {
  const { list, start, key } = await reserveSlotCounters(deps.store, count, STATUS_LIST_SIZE, () =>
    toHex(deps.random(16)),
  );
  const words = parseSlotKey(key);
  if (!words) throw new AppError("ERR_INTERNAL", `status list ${list} has a malformed key`);
  return Array.from({ length: count }, (_, i) => ({ list, index: permuteSlot(start + i, words, STATUS_LIST_SIZE) }));
}

/** The two credentialStatus entries of a slot: revocation first, then suspension. */
export function statusEntries(baseUrl: string, slot: StatusSlot): StatusEntry[] {
  return (["revocation", "suspension"] as const).map((purpose) => {
    const listUrl = `${baseUrl}/status/${purpose === "revocation" ? "r" : "s"}${slot.list}`;
    return {
      id: `${listUrl}#${slot.index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: purpose,
      statusListIndex: String(slot.index),
      statusListCredential: listUrl,
    };
  });
}

/** Retries `fn` when two writers picked the same status slot (UNIQUE constraint). */
export async function withSlotRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt < 4 && e instanceof AppError && e.code === "ERR_CONFLICT" && e.message.includes("status_index"))
        continue;
      throw e;
    }
  }
}
