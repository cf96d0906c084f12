/**
 * Specialised RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/) for the
 * exact JSON-LD shapes this service issues and verifies, with the generic `jsonld.canonize` path
 * as fallback for everything else.
 *
 * Shapes handled (anything else returns `null`):
 *  - the unsigned `OpenBadgeCredential` built by `buildCredential` (contexts [VC 2.0, OB 3.0.3]);
 *  - a Data Integrity proof configuration (VC DI §2.1, no `proofValue`), contexts [VC 2.0] or
 *    [VC 2.0, OB 3.0.3];
 *  - an unsigned `BitstringStatusListCredential` (context [VC 2.0]).
 *
 * Instead of JSON-LD expansion (JSON-LD 1.1 API §5.1) and Deserialize JSON-LD to RDF (§6.1), each
 * shape is walked directly and its quads emitted with the IRIs the bundled contexts
 * (`./contexts.ts`) expand to. Those IRIs are hard-coded below after checking them against the
 * generic output; `test/unit/fast-canon.test.ts` proves byte equality with `jsonld.canonize` on
 * generated documents. The fast path is valid only for the bundled context documents.
 *
 * Blank-node labels follow RDFC-1.0 §4.4 steps 5.3-5.4 (first-degree hashes, §4.6). If two blank
 * nodes share a first-degree hash, the Hash N-Degree Quads algorithm (§4.8) would be needed: the
 * fast path gives up (`null`) and the generic path runs.
 */
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from "./contexts";
import { canonicalNQuads } from "./fast-canonize-rdfc";
import {
  Dataset,
  has,
  iri,
  isPlainArray,
  objectWith,
  plain,
  plainObject,
  reject,
  requirePairType,
  requireSingleType,
  typed,
  type Obj,
} from "./fast-canonize-syntax";
import {
  ASSERTION_METHOD,
  DT,
  MAX_IDENTIFIERS,
  MAX_STATUS_ENTRIES,
  MAX_TAGS,
  P,
  RDF_TYPE,
  T,
} from "./fast-canonize-terms";

/** OB 3.0.3 Image (`image` of a Profile or Achievement, `@type: @id`): an IRI node. Returns it. */
function image(ds: Dataset, v: unknown): string {
  const o = objectWith(v, ["id", "type"], ["caption"]);
  const node = iri(o.id);
  requireSingleType(o.type, "Image");
  ds.add(node, RDF_TYPE, T.Image);
  if (has(o, "caption")) ds.add(node, P.caption, plain(o.caption));
  return node;
}

/** OB 3.0.3 Profile (`issuer`, `achievement.creator`). Returns its node. */
function profile(ds: Dataset, v: unknown): string {
  const o = objectWith(v, ["id", "type", "name"], ["url", "official", "image"]);
  const node = iri(o.id);
  requireSingleType(o.type, "Profile");
  ds.add(node, RDF_TYPE, T.Profile);
  ds.add(node, P.name, plain(o.name));
  if (has(o, "url")) ds.add(node, P.url, typed(o.url, DT.obAnyUri));
  if (has(o, "official")) ds.add(node, P.official, plain(o.official));
  if (has(o, "image")) ds.add(node, P.image, image(ds, o.image));
  return node;
}

function identityObject(ds: Dataset, v: unknown): number {
  const o = objectWith(v, ["type", "identityHash", "identityType", "hashed", "salt"]);
  const node = ds.blank();
  requireSingleType(o.type, "IdentityObject");
  ds.add(node, RDF_TYPE, T.IdentityObject);
  ds.add(node, P.identityHash, plain(o.identityHash));
  ds.add(node, P.identityType, plain(o.identityType));
  // A JSON boolean becomes "true"/"false" typed by the context's coercion (JSON-LD 1.1 API §8.6 step 10).
  if (typeof o.hashed !== "boolean") reject();
  ds.add(node, P.hashed, `"${o.hashed ? "true" : "false"}"${DT.obBoolean}`);
  ds.add(node, P.salt, plain(o.salt));
  return node;
}

function achievement(ds: Dataset, v: unknown): string {
  const o = objectWith(
    v,
    ["id", "type", "name"],
    ["achievementType", "description", "criteria", "fieldOfStudy", "tag", "creator", "image"],
  );
  const node = iri(o.id);
  requireSingleType(o.type, "Achievement");
  ds.add(node, RDF_TYPE, T.Achievement);
  ds.add(node, P.name, plain(o.name));
  if (has(o, "achievementType")) ds.add(node, P.achievementType, plain(o.achievementType));
  if (has(o, "description")) ds.add(node, P.description, plain(o.description));
  if (has(o, "criteria")) {
    const c = objectWith(o.criteria, ["narrative"]);
    const cn = ds.blank();
    ds.add(node, P.criteria, cn);
    ds.add(cn, P.narrative, plain(c.narrative));
  }
  if (has(o, "fieldOfStudy")) ds.add(node, P.fieldOfStudy, plain(o.fieldOfStudy));
  if (has(o, "tag")) {
    const tags = o.tag;
    if (typeof tags === "string") ds.add(node, P.keywords, plain(tags));
    else if (isPlainArray(tags, MAX_TAGS))
      for (let i = 0; i < tags.length; i++) ds.add(node, P.keywords, plain(tags[i]));
    else reject();
  }
  if (has(o, "creator")) ds.add(node, P.creator, profile(ds, o.creator));
  if (has(o, "image")) ds.add(node, P.image, image(ds, o.image));
  return node;
}

function achievementSubject(ds: Dataset, v: unknown): number {
  const o = objectWith(v, ["type", "achievement"], ["name", "identifier", "activityStartDate", "activityEndDate"]);
  const node = ds.blank();
  requireSingleType(o.type, "AchievementSubject");
  ds.add(node, RDF_TYPE, T.AchievementSubject);
  if (has(o, "name")) ds.add(node, P.name, plain(o.name));
  if (has(o, "identifier")) {
    const ids = o.identifier;
    if (!isPlainArray(ids, MAX_IDENTIFIERS)) reject();
    for (let i = 0; i < ids.length; i++) ds.add(node, P.identifier, identityObject(ds, ids[i]));
  }
  ds.add(node, P.achievement, achievement(ds, o.achievement));
  if (has(o, "activityStartDate")) ds.add(node, P.activityStartDate, typed(o.activityStartDate, DT.obDate));
  if (has(o, "activityEndDate")) ds.add(node, P.activityEndDate, typed(o.activityEndDate, DT.obDate));
  return node;
}

function statusEntry(ds: Dataset, v: unknown): string {
  const o = objectWith(v, ["id", "type", "statusPurpose", "statusListIndex", "statusListCredential"]);
  const node = iri(o.id);
  requireSingleType(o.type, "BitstringStatusListEntry");
  ds.add(node, RDF_TYPE, T.BitstringStatusListEntry);
  ds.add(node, P.statusPurpose, plain(o.statusPurpose));
  ds.add(node, P.statusListIndex, plain(o.statusListIndex));
  ds.add(node, P.statusListCredential, iri(o.statusListCredential));
  return node;
}

function sameContexts(v: unknown, expected: readonly string[]): boolean {
  if (!Array.isArray(v) || v.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (v[i] !== expected[i]) return false;
  return true;
}

const VC_ONLY = [VC_V2_CONTEXT] as const;
const VC_OB = [VC_V2_CONTEXT, OB_V3_CONTEXT] as const;

/** Shape (a): the unsigned OpenBadgeCredential of `buildCredential`. */
function openBadgeCredential(ds: Dataset, o: Obj): void {
  objectWith(
    o,
    ["@context", "id", "type", "issuer", "credentialSubject"],
    ["name", "validFrom", "validUntil", "credentialStatus"],
  );
  const node = iri(o.id);
  requirePairType(o.type, "VerifiableCredential", "OpenBadgeCredential");
  ds.add(node, RDF_TYPE, T.VerifiableCredential);
  ds.add(node, RDF_TYPE, T.OpenBadgeCredential);
  if (has(o, "name")) ds.add(node, P.name, plain(o.name));
  ds.add(node, P.issuer, profile(ds, o.issuer));
  if (has(o, "validFrom")) ds.add(node, P.validFrom, typed(o.validFrom, DT.dateTime));
  if (has(o, "validUntil")) ds.add(node, P.validUntil, typed(o.validUntil, DT.dateTime));
  ds.add(node, P.credentialSubject, achievementSubject(ds, o.credentialSubject));
  if (has(o, "credentialStatus")) {
    const st = o.credentialStatus;
    if (isPlainArray(st, MAX_STATUS_ENTRIES)) {
      for (let i = 0; i < st.length; i++) ds.add(node, P.credentialStatus, statusEntry(ds, st[i]));
    } else ds.add(node, P.credentialStatus, statusEntry(ds, st));
  }
}

/** Shape (c): an unsigned BitstringStatusListCredential (VC Bitstring Status List §2.2). */
function statusListCredential(ds: Dataset, o: Obj): void {
  objectWith(o, ["@context", "id", "type", "issuer", "credentialSubject"], ["validFrom", "validUntil"]);
  const node = iri(o.id);
  requirePairType(o.type, "VerifiableCredential", "BitstringStatusListCredential");
  ds.add(node, RDF_TYPE, T.VerifiableCredential);
  ds.add(node, RDF_TYPE, T.BitstringStatusListCredential);
  ds.add(node, P.issuer, iri(o.issuer));
  if (has(o, "validFrom")) ds.add(node, P.validFrom, typed(o.validFrom, DT.dateTime));
  if (has(o, "validUntil")) ds.add(node, P.validUntil, typed(o.validUntil, DT.dateTime));
  const s = objectWith(o.credentialSubject, ["id", "type", "statusPurpose", "encodedList"]);
  const sn = iri(s.id);
  requireSingleType(s.type, "BitstringStatusList");
  ds.add(node, P.credentialSubject, sn);
  ds.add(sn, RDF_TYPE, T.BitstringStatusList);
  ds.add(sn, P.statusPurpose, plain(s.statusPurpose));
  ds.add(sn, P.encodedList, typed(s.encodedList, DT.multibase));
}

/** Shape (b): a DataIntegrityProof configuration (VC DI EdDSA §3.3.6), a blank node. */
function proofConfiguration(ds: Dataset, o: Obj): void {
  objectWith(o, ["@context", "type", "cryptosuite", "verificationMethod", "proofPurpose"], ["created"]);
  if (o.type !== "DataIntegrityProof" || o.proofPurpose !== "assertionMethod") reject();
  const node = ds.blank();
  ds.add(node, RDF_TYPE, T.DataIntegrityProof);
  ds.add(node, P.cryptosuite, typed(o.cryptosuite, DT.cryptosuiteString));
  if (has(o, "created")) ds.add(node, P.created, typed(o.created, DT.dateTime));
  ds.add(node, P.verificationMethod, iri(o.verificationMethod));
  ds.add(node, P.proofPurpose, ASSERTION_METHOD);
}

function buildDataset(doc: unknown): Dataset {
  const o = plainObject(doc);
  const ctx = o["@context"];
  const ds = new Dataset();
  if (!has(o, "id")) {
    if (!sameContexts(ctx, VC_OB) && !sameContexts(ctx, VC_ONLY)) reject();
    proofConfiguration(ds, o);
  } else if (sameContexts(ctx, VC_OB)) {
    openBadgeCredential(ds, o);
  } else if (sameContexts(ctx, VC_ONLY)) {
    statusListCredential(ds, o);
  } else reject();
  return ds;
}

/**
 * Canonical N-Quads (RDFC-1.0) of one of the document shapes this service issues, computed
 * without JSON-LD expansion; equal to `jsonld.canonize` with the bundled contexts.
 *
 * @param doc - any value (it is not modified)
 * @returns the canonical N-Quads, or `null` if `doc` is not exactly one of the handled shapes
 *   (then use the generic canonicalizer). Never throws.
 */
export function fastCanonicalize(doc: unknown): string | null {
  try {
    return canonicalNQuads(buildDataset(doc));
  } catch {
    // NOT_HANDLED, or anything hostile input could raise (throwing getters, proxies, …).
    return null;
  }
}

/**
 * Wraps a generic canonicalizer (`createCanonicalizer()`) with the fast path: documents of the
 * handled shapes are canonicalized synchronously, everything else by `fallback`.
 *
 * @param fallback - the generic canonicalizer; must use the bundled contexts.
 */
export function createFastCanonicalizer(fallback: (doc: object) => Promise<string>): (doc: object) => Promise<string> {
  return async (doc) => fastCanonicalize(doc) ?? fallback(doc);
}
