/**
 * Memory of stored credentials already verified in full: their exact bytes passed the data model,
 * JSON Schema and Data Integrity signature checks under a public key.
 *
 * An Ed25519 signature over the same canonical bytes, under the same public key, verifies the same
 * way every time (RFC 8032 §5.1.7 is deterministic), and the data model and schema checks are
 * functions of the bytes alone, so re-running them over a stored credential whose text has not
 * changed tells nothing new. An entry is keyed by the SHA-256 of the exact stored credential text
 * and names the public key: a changed row (re-signing after a key compromise, a restore, an edit in
 * D1) has other bytes and is verified again. The key's status and dates, the proof's shape, the
 * validity period and the status are checked on every verification (domain/verify.ts asks for the
 * signature only after the key check passed). Two levels:
 *
 * - this isolate's memory (least recently used out first);
 * - the Cache API, so that a new isolate of the same deployment does not verify again what another
 *   one verified (issue 15: a page's first view in a new isolate). Entries live under a host that
 *   is never served and name the deployed version, so a deploy that changes the checks starts
 *   afresh; only this zone's Workers can write them, not whoever can edit D1 rows (whose bytes
 *   would then hash differently). An entry (one header, no body) is used only if it names exactly
 *   the digest asked for and a 32-byte key, and that key is the one the proof names.
 */
import type { IssuedRecord, VerifyDeps } from "../domain/verify";
import { issuerKeyId } from "../domain/record-checks";
import { toHex } from "../lib/encoding";
import { isRecord } from "../lib/json-shape";
import type { AppDeps } from "./context";

/** Entries are ~200 bytes (two hex digests and the Map's overhead): 20,000 stay under 4 MiB. */
const MAX_ENTRIES = 20_000;
/** Cache keys live under a host we never serve, so an entry is reachable only through this code. */
const EDGE_ORIGIN = "https://proven-credential.invalid/";
/** Bumped when the meaning of an entry changes. */
const ENTRY_FORMAT = "1";
const ENTRY = /^([0-9a-f]{64}) ([0-9a-f]{64})$/;
const ENTRY_HEADER = "X-Proven-Credential";

/** Digest of the stored text → hex of the public key it was verified under; insertion-ordered (LRU first). */
const proven = new Map<string, string>();

/** SHA-256 (hex) of a stored credential's exact text, as {@link IssuedRecord.digest} carries it. */
export async function storedDigest(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

function remember(digest: string, publicKeyHex: string): void {
  proven.delete(digest);
  if (proven.size >= MAX_ENTRIES) proven.delete(proven.keys().next().value!);
  proven.set(digest, publicKeyHex);
}

/** Hex of the published key a credential's proof names, if it names one of ours. */
export function namedKeyHex(deps: AppDeps, credential: Record<string, unknown>): string | undefined {
  const proof = [credential.proof].flat();
  const method = proof.length === 1 && isRecord(proof[0]) ? proof[0].verificationMethod : undefined;
  const kid = issuerKeyId(deps.config.issuerDid, method);
  const key = kid === null ? undefined : deps.keys.find((k) => k.kid === kid);
  return key && toHex(key.publicKey);
}

/** The memory, as verification uses it (a record without a digest is never remembered). */
export const provenSignatures: NonNullable<VerifyDeps["provenSignatures"]> = {
  has(record, publicKey) {
    const known = record.digest ? proven.get(record.digest) : undefined;
    if (known === undefined || known !== toHex(publicKey)) return false;
    remember(record.digest!, known);
    return true;
  },
  add(record, publicKey) {
    if (record.digest) remember(record.digest, toHex(publicKey));
  },
};

/** The key (hex) this isolate remembers the stored bytes with `digest` verified under, if any. */
export function provenKeyOf(digest: string): string | undefined {
  return proven.get(digest);
}

/** The Cache API key of the entry for the stored bytes with `digest`. */
export const provenEntryUrl = (deps: AppDeps, digest: string) =>
  `${EDGE_ORIGIN}${encodeURIComponent(deps.version ?? "dev")}/${ENTRY_FORMAT}/${digest}`;

/**
 * The public key (hex) the stored bytes with `digest` were verified under, by this isolate or
 * another one of this deployment (then remembered here); undefined when neither knows them.
 */
export async function recallProven(deps: AppDeps, digest: string): Promise<string | undefined> {
  const known = proven.get(digest);
  if (known !== undefined) return known;
  const saved = await deps.edgeCache?.match(provenEntryUrl(deps, digest)).catch(() => undefined);
  // The entry is a header: nothing to stream. A body (none is written) is not read.
  await saved?.body?.cancel().catch(() => undefined);
  const m = ENTRY.exec(saved?.headers.get(ENTRY_HEADER) ?? "");
  if (!m || m[1] !== digest) return undefined;
  remember(digest, m[2]!);
  return m[2]!;
}

/** Shares a verification with the deployment's other isolates (Cache API, best effort). */
export async function shareProven(deps: AppDeps, digest: string, publicKeyHex: string): Promise<void> {
  const entry = new Response(null, {
    headers: { [ENTRY_HEADER]: `${digest} ${publicKeyHex}`, "Cache-Control": "public, max-age=2592000" },
  });
  await deps.edgeCache?.put(provenEntryUrl(deps, digest), entry).catch(() => undefined);
}

/** Forgets this isolate's memory (tests: what a new isolate starts with). */
export function forgetProven(): void {
  proven.clear();
}

/** How many stored credentials this isolate remembers (tests). */
export function provenSignatureCount(): number {
  return proven.size;
}
