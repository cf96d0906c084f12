/**
 * The signed, immutable part of a certificate (credential, VC-JWT and what the PDF prints), cached
 * per isolate. A certificate's signed content never changes after issue (corrections create a new
 * certificate; status lives elsewhere), so caching it is safe; only hits are cached, so unknown ids
 * cannot fill the cache. The one exception, re-signing a compromised key's certificates, bypasses
 * entries signed by a compromised key.
 */
import { findCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import type { AppDeps } from "./context";

/** The immutable columns of a certificate row. */
export type SignedCertificate = Pick<CertificateRow, (typeof SIGNED_COLUMNS)[number]>;

const SIGNED_COLUMNS = [
  "id",
  "credential",
  "vc_jwt",
  "key_id",
  "recipient_name",
  "achievement_id",
  "issued_at",
  "valid_until",
  "compact_token",
] as const satisfies readonly (keyof CertificateRow)[];

/** About 7 KB each: ~7 MB at most, well inside a Worker isolate's 128 MB. */
const MAX_ENTRIES = 1000;

const caches = new WeakMap<AppDeps["store"], Map<string, SignedCertificate>>();

/** The signed part of a certificate, from the isolate cache or storage; undefined if unknown. */
export async function signedCertificate(deps: AppDeps, id: string): Promise<SignedCertificate | undefined> {
  let cache = caches.get(deps.store);
  if (!cache) caches.set(deps.store, (cache = new Map()));
  const hit = cache.get(id);
  // Re-signing after a key compromise (services/resign.ts) replaces the signed content: an entry
  // signed by a compromised key is read again.
  if (hit && deps.keys.find((k) => k.kid === hit.key_id)?.status !== "compromised") {
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const row = await findCertificate(deps.store, id);
  if (!row) return undefined;
  // Frozen: callers share the object, and memos keyed by it (verify-credential.ts's digest of the
  // credential text) rely on it never changing; a row read again is a new object.
  // (Descriptors, not values: the VC-JWT stays unexpanded until a reader asks for it.)
  const signed = {} as SignedCertificate;
  for (const k of SIGNED_COLUMNS) Object.defineProperty(signed, k, Object.getOwnPropertyDescriptor(row, k)!);
  Object.freeze(signed);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, signed);
  return signed;
}
