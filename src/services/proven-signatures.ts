/**
 * Per-isolate memory of Data Integrity signatures already verified over identical stored bytes.
 *
 * An Ed25519 signature over the same canonical bytes, under the same public key, verifies the same
 * way every time (RFC 8032 §5.1.7 is deterministic), so re-canonicalizing and re-verifying a stored
 * credential whose text has not changed tells nothing new. The entry is keyed by the SHA-256 of the
 * exact stored credential text and the public key's bytes: a changed row (re-signing after a key
 * compromise, a restore) has other bytes and is verified again. Only the signature is remembered:
 * the key's status and dates, the validity period and the status lists are checked on every
 * verification (domain/verify.ts asks here only after the key check passed).
 */
import type { IssuedRecord } from "../domain/verify";
import type { VerifyDeps } from "../domain/verify";

/** Entries are ~140 bytes (two hex digests and the Map's overhead): 20,000 stay under 3 MiB. */
const MAX_ENTRIES = 20_000;

/** Insertion-ordered: the first key is the least recently used. */
const proven = new Map<string, true>();

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** SHA-256 (hex) of a stored credential's exact text, as {@link IssuedRecord.digest} carries it. */
export async function storedDigest(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

function keyOf(record: IssuedRecord, publicKey: Uint8Array): string | undefined {
  return record.digest ? `${record.digest}:${hex(publicKey)}` : undefined;
}

/** The memory, as verification uses it (a record without a digest is never remembered). */
export const provenSignatures: NonNullable<VerifyDeps["provenSignatures"]> = {
  has(record, publicKey) {
    const key = keyOf(record, publicKey);
    if (!key || !proven.has(key)) return false;
    proven.delete(key);
    proven.set(key, true);
    return true;
  },
  add(record, publicKey) {
    const key = keyOf(record, publicKey);
    if (!key) return;
    proven.delete(key);
    if (proven.size >= MAX_ENTRIES) proven.delete(proven.keys().next().value!);
    proven.set(key, true);
  },
};

/** How many signatures are remembered (tests). */
export function provenSignatureCount(): number {
  return proven.size;
}
