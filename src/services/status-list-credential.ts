/** The signed Bitstring Status List credentials (r<N> revocation, s<N> suspension), rebuilt when their bits change. */
import { toHex, utf8 } from "../lib/encoding";
import { getCachedList, listVersion, putCachedList, setIndices } from "../adapters/storage/status-repository";
import { isoSeconds } from "../domain/credential";
import { Bitstring, buildStatusListCredential, encodeStatusList, STATUS_LIST_SIZE } from "../domain/status-list";
import type { AppDeps } from "./context";
import { issuerProof } from "./sign-certificate";

/** Status list ids: r<N> (revocation) and s<N> (suspension). */
export const LIST_ID = /^([rs])([1-9][0-9]{0,5})$/;

/**
 * How long this isolate serves a signed list from its memory, checked against the stored version
 * on every request, before reading the stored copy again. The version check alone keeps the list
 * exact; the re-read bounds what a version number reused after a database restore could serve.
 */
export const LIST_MEMO_TTL_MS = 60_000;

/** Lists are few (two per 131,072 certificates); the bound is a guard, not a working size. */
const MAX_MEMO_ENTRIES = 64;

interface SignedList {
  body: string;
  etag: string;
  validUntil: number;
  at: number;
}

/**
 * Per isolate: the last signed list served per list id, and the ETag per version key (the digest
 * costs a WebCrypto call; the key is short). A warm request for an unchanged list reads one row
 * (its version) and nothing else.
 */
const memos = new WeakMap<AppDeps["store"], { lists: Map<string, SignedList>; etags: Map<string, string> }>();

function memoOf(deps: AppDeps) {
  let m = memos.get(deps.store);
  if (!m) memos.set(deps.store, (m = { lists: new Map(), etags: new Map() }));
  return m;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_MEMO_ENTRIES) map.delete(map.keys().next().value!);
  map.set(key, value);
}

async function etagOf(deps: AppDeps, key: string): Promise<string> {
  const memo = memoOf(deps);
  const known = memo.etags.get(key);
  if (known) return known;
  const digest = await crypto.subtle.digest("SHA-256", utf8.encode(key));
  const etag = toHex(new Uint8Array(digest)).slice(0, 32);
  remember(memo.etags, key, etag);
  return etag;
}

/** The signed BitstringStatusListCredential for a list, rebuilt when its bits change. */
export async function statusListCredential(
  deps: AppDeps,
  listId: string,
  /** Re-sign when less validity than this is left (the scheduled refresh asks for 12 h). */
  minValidityMs = 3600_000,
): Promise<{ body: string; etag: string } | null> {
  const m = LIST_ID.exec(listId);
  if (!m) return null;
  const list = Number(m[2]);
  // The ETag derives from the list's stored change version (bumped by a trigger on every status
  // change) and the key set: serving an unchanged list reads that one row, not the list's certificates.
  const version = await listVersion(deps.store, list);
  if (version === null) return null;
  const purpose = m[1] === "r" ? "revocation" : "suspension";
  const etag = await etagOf(deps, `${listId}:${deps.keys.map((k) => k.kid + k.status).join()}:v${version}`);
  const now = deps.clock();
  const lists = memoOf(deps).lists;
  const held = lists.get(listId);
  // Reuse the signed list while its bits are unchanged and it has an hour of validity left.
  if (
    held &&
    held.etag === etag &&
    held.validUntil - now.getTime() > minValidityMs &&
    now.getTime() - held.at >= 0 &&
    now.getTime() - held.at < LIST_MEMO_TTL_MS
  )
    return { body: held.body, etag };
  const cached = await getCachedList(deps.store, listId);
  if (cached && cached.etag === etag && Date.parse(cached.valid_until) - now.getTime() > minValidityMs) {
    remember(lists, listId, {
      body: cached.credential,
      etag,
      validUntil: Date.parse(cached.valid_until),
      at: now.getTime(),
    });
    return { body: cached.credential, etag };
  }
  // Read after the version: the bits are at least as new as the ETag says (a change in between
  // moves the version again, and the next request rebuilds).
  const indices = await setIndices(deps.store, list, purpose === "revocation" ? "revoked" : "suspended");
  const bits = Bitstring.zeroed(STATUS_LIST_SIZE);
  for (const i of indices) bits.set(i, true);
  const validUntil = new Date(now.getTime() + 24 * 3600_000);
  const unsigned = buildStatusListCredential({
    id: `${deps.config.baseUrl}/status/${listId}`,
    issuerDid: deps.config.issuerDid,
    purpose,
    encodedList: await encodeStatusList(bits.bytes),
    validFrom: isoSeconds(now),
    validUntil: isoSeconds(validUntil),
  }) as unknown as Record<string, unknown>;
  const signer = await deps.signer();
  const signed = await issuerProof(deps, signer, unsigned, now);
  const body = JSON.stringify(signed);
  await putCachedList(deps.store, { list_id: listId, etag, credential: body, valid_until: validUntil.toISOString() });
  remember(lists, listId, { body, etag, validUntil: validUntil.getTime(), at: now.getTime() });
  return { body, etag };
}
