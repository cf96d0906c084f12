/**
 * Per-isolate cache of the status slots that verification reads, so a verification costs no D1
 * query in the common case.
 *
 * Freshness bound: a status change made by another isolate is seen here at most
 * {@link STATUS_CACHE_TTL_MS} after it; the published status lists carry `max-age=60`, so no
 * outside verifier sees a change sooner. A change made through this isolate is seen by its next
 * request: the writer calls {@link forgetStatuses}, and a read that started before the change is
 * not stored (generation check), so it cannot put the old status back.
 */
import { findBySlot } from "../adapters/storage/status-repository";
import type { AppDeps } from "./context";

/** How long a slot's status may be served from this isolate's memory. */
export const STATUS_CACHE_TTL_MS = 60_000;

/** Bounds memory: an entry is about 200 bytes. */
const MAX_ENTRIES = 5000;

type SlotRow = Awaited<ReturnType<typeof findBySlot>>;
interface IsolateCache {
  generation: number;
  entries: Map<string, { row: SlotRow; at: number }>;
}

const caches = new WeakMap<AppDeps["store"], IsolateCache>();

function cacheOf(deps: AppDeps): IsolateCache {
  let c = caches.get(deps.store);
  if (!c) caches.set(deps.store, (c = { generation: 0, entries: new Map() }));
  return c;
}

/** The certificate in a status slot, from memory when read less than the TTL ago. */
export async function cachedSlot(deps: AppDeps, list: number, index: number): Promise<SlotRow> {
  const cache = cacheOf(deps);
  const key = `${list}:${index}`;
  const now = deps.clock().getTime();
  const hit = cache.entries.get(key);
  if (hit && now - hit.at >= 0 && now - hit.at < STATUS_CACHE_TTL_MS) return hit.row;
  const generation = cache.generation;
  const row = await findBySlot(deps.store, list, index);
  // Unknown slots are not cached: they cannot fill memory, and an unknown slot is never "ok".
  if (row && cache.generation === generation) {
    cache.entries.delete(key);
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(key, { row, at: now });
  }
  return row;
}

/** Drops every cached status of this isolate: called after this isolate changes a status. */
export function forgetStatuses(deps: AppDeps): void {
  const cache = cacheOf(deps);
  cache.generation += 1;
  cache.entries.clear();
}
