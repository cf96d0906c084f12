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
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from "./contexts";

// ---------------------------------------------------------------------------------------------
// IRIs, as `jsonld` expands the terms of the bundled VC 2.0 and OB 3.0.3 contexts.
// ---------------------------------------------------------------------------------------------

const RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
const CRED = "https://www.w3.org/2018/credentials#";
const OBV = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
const SCHEMA = "https://schema.org/";
const SEC = "https://w3id.org/security#";
const STATUS = "https://www.w3.org/ns/credentials/status#";
/** VC 2.0 context's `xsd` prefix. */
const XSD = "http://www.w3.org/2001/XMLSchema#";
/** OB 3.0.3 context's `xsd` prefix (sic: https). */
const OB_XSD = "https://www.w3.org/2001/XMLSchema#";

/** An IRI as an N-Quads term. */
const term = (iri: string): string => `<${iri}>`;

const P = {
  // VC 2.0 (https://www.w3.org/TR/vc-data-model-2.0/ §B.1 context)
  credentialSubject: term(CRED + "credentialSubject"),
  credentialStatus: term(CRED + "credentialStatus"),
  issuer: term(CRED + "issuer"),
  validFrom: term(CRED + "validFrom"),
  validUntil: term(CRED + "validUntil"),
  name: term(SCHEMA + "name"),
  description: term(SCHEMA + "description"),
  url: term(SCHEMA + "url"),
  keywords: term(SCHEMA + "keywords"),
  // Data Integrity
  created: term("http://purl.org/dc/terms/created"),
  cryptosuite: term(SEC + "cryptosuite"),
  verificationMethod: term(SEC + "verificationMethod"),
  proofPurpose: term(SEC + "proofPurpose"),
  // Bitstring Status List
  statusPurpose: term(STATUS + "statusPurpose"),
  statusListIndex: term(STATUS + "statusListIndex"),
  statusListCredential: term(STATUS + "statusListCredential"),
  encodedList: term(STATUS + "encodedList"),
  // OB 3.0.3
  official: term(OBV + "official"),
  achievement: term(OBV + "achievement"),
  achievementType: term(OBV + "achievementType"),
  activityStartDate: term(OBV + "activityStartDate"),
  activityEndDate: term(OBV + "activityEndDate"),
  identifier: term(OBV + "identifier"),
  identityHash: term(OBV + "identityHash"),
  identityType: term(OBV + "identityType"),
  hashed: term(OBV + "hashed"),
  salt: term(OBV + "salt"),
  /** OB 3.0.3 maps the `criteria` property to the class-like IRI `…#Criteria`. */
  criteria: term(OBV + "Criteria"),
  narrative: term(OBV + "narrative"),
  fieldOfStudy: term(OBV + "fieldOfStudy"),
  creator: term(OBV + "creator"),
  image: term(OBV + "image"),
  caption: term(SCHEMA + "caption"),
} as const;

const T = {
  VerifiableCredential: term(CRED + "VerifiableCredential"),
  OpenBadgeCredential: term(OBV + "OpenBadgeCredential"),
  Profile: term(OBV + "Profile"),
  Image: term(OBV + "Image"),
  AchievementSubject: term(OBV + "AchievementSubject"),
  Achievement: term(OBV + "Achievement"),
  IdentityObject: term(OBV + "IdentityObject"),
  BitstringStatusListEntry: term(STATUS + "BitstringStatusListEntry"),
  BitstringStatusListCredential: term(STATUS + "BitstringStatusListCredential"),
  BitstringStatusList: term(STATUS + "BitstringStatusList"),
  DataIntegrityProof: term(SEC + "DataIntegrityProof"),
} as const;

const DT = {
  dateTime: `^^<${XSD}dateTime>`,
  obDate: `^^<${OB_XSD}date>`,
  obBoolean: `^^<${OB_XSD}boolean>`,
  obAnyUri: `^^<${OB_XSD}anyURI>`,
  cryptosuiteString: `^^<${SEC}cryptosuiteString>`,
  multibase: `^^<${SEC}multibase>`,
} as const;

/** `proofPurpose` is `@type: @vocab`; only this value is handled here. */
const ASSERTION_METHOD = term(SEC + "assertionMethod");

// Upper bounds on array lengths taken by the fast path (bigger arrays go to the generic path).
const MAX_TAGS = 512;
const MAX_IDENTIFIERS = 32;
const MAX_STATUS_ENTRIES = 32;

// ---------------------------------------------------------------------------------------------
// Shape checking
// ---------------------------------------------------------------------------------------------

/** Thrown (never escapes this module) when the input is not one of the handled shapes. */
const NOT_HANDLED: unique symbol = Symbol("not handled");

function reject(): never {
  throw NOT_HANDLED;
}

type Obj = Record<string, unknown>;

/** A plain object (JSON object, or `Object.create(null)`): not an array, class instance, Map, Date, …. */
function plainObject(v: unknown): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) reject();
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) reject();
  return v as Obj;
}

const has = (o: Obj, k: string): boolean => Object.hasOwn(o, k);

/** A plain object whose own enumerable keys are all in `required` or `optional`, and include all of `required`. */
function objectWith(v: unknown, required: readonly string[], optional: readonly string[] = []): Obj {
  const o = plainObject(v);
  const keys = Object.keys(o);
  let requiredSeen = 0;
  for (const k of keys) {
    if (required.includes(k)) requiredSeen++;
    else if (!optional.includes(k)) reject();
  }
  if (requiredSeen !== required.length) reject();
  return o;
}

function isPlainArray(v: unknown, max: number): v is unknown[] {
  return Array.isArray(v) && v.length <= max;
}

/** `type` given as `"X"` or `["X"]` (both expand identically, JSON-LD 1.1 API §5.1.2). */
function requireSingleType(v: unknown, name: string): void {
  if (v === name) return;
  if (Array.isArray(v) && v.length === 1 && v[0] === name) return;
  reject();
}

/** `type` given exactly as `[a, b]`. */
function requirePairType(v: unknown, a: string, b: string): void {
  if (!(Array.isArray(v) && v.length === 2 && v[0] === a && v[1] === b)) reject();
}

function requireString(v: unknown): string {
  if (typeof v !== "string") reject();
  return v;
}

/**
 * Absolute IRIs we emit verbatim: `http`, `https`, `did` or `urn` scheme (none of which is a term
 * of the bundled contexts, so no compact-IRI expansion applies, JSON-LD 1.1 API §5.2.2 IRI
 * Expansion step 6) followed by printable ASCII without the characters N-Quads would escape in an
 * IRIREF (`<>"{}|^\`` and `\`, RDF 1.1 N-Quads §6 grammar [10]). Everything else (relative IRIs,
 * blank-node ids, non-ASCII IRIs) goes to the generic path.
 */
const SAFE_IRI = /^(?:https?|did|urn):[!#-;=?-[\]_a-z~]*$/;

function iri(v: unknown): string {
  if (typeof v !== "string" || !SAFE_IRI.test(v)) reject();
  return `<${v}>`;
}

/**
 * Canonical N-Quads string escaping (RDFC-1.0 §4.3 / RDF 1.1 N-Quads canonical form, as
 * rdf-canonize implements it): `"`, `\`, and ECHARs for \b \t \n \f \r; UCHAR `\uXXXX` (upper-case
 * hex) for the other characters in U+0000-U+001F and U+007F; everything else verbatim.
 */
const NEEDS_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
const ESCAPE_ALL = /[\u0000-\u001F\u007F"\\]/g;
const ECHAR: Readonly<Record<string, string>> = {
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
  '"': '\\"',
  "\\": "\\\\",
};

function escapeString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPE_ALL, (c) => ECHAR[c] ?? "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));
}

/** A string literal (`xsd:string`, which canonical N-Quads leaves implicit). */
function plain(v: unknown): string {
  return `"${escapeString(requireString(v))}"`;
}

/** A typed literal; the lexical form is kept as given (JSON-LD 1.1 API §8.6 Object to RDF). */
function typed(v: unknown, datatypeSuffix: string): string {
  return `"${escapeString(requireString(v))}"${datatypeSuffix}`;
}

// ---------------------------------------------------------------------------------------------
// Dataset
// ---------------------------------------------------------------------------------------------

/** An N-Quads term (IRI or literal, already serialized) or a blank node (its index). */
type Term = string | number;

interface Quad {
  s: Term;
  p: string;
  o: Term;
}

/**
 * The default-graph dataset of one document. RDF datasets are sets (RDF 1.1 Concepts §4) and
 * jsonld's node map collapses repeated values (e.g. a repeated `tag`, or an issuer repeated as
 * `creator`); duplicates are removed after the final sort, where they are adjacent. No quad that
 * involves a blank node can repeat in these shapes (every blank node is the object of exactly one
 * quad and has single-valued properties, or fresh blank nodes as values), so the first-degree
 * hashes (§4.6) see the same quads as rdf-canonize.
 */
class Dataset {
  readonly quads: Quad[] = [];
  blankNodes = 0;

  blank(): number {
    return this.blankNodes++;
  }

  add(s: Term, p: string, o: Term): void {
    this.quads.push({ s, p, o });
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// RDFC-1.0
// ---------------------------------------------------------------------------------------------

const encoder = new TextEncoder();

/** One quad in canonical N-Quads form, with blank nodes labelled by `label`. */
function serialize(q: Quad, label: (b: number) => string): string {
  const s = typeof q.s === "number" ? label(q.s) : q.s;
  const o = typeof q.o === "number" ? label(q.o) : q.o;
  return `${s} ${q.p} ${o} .\n`;
}

/**
 * RDFC-1.0 §4.4 Canonicalization Algorithm, restricted to datasets where every blank node has a
 * unique first-degree hash (§4.6); returns null otherwise.
 */
function canonicalNQuads(ds: Dataset): string | null {
  const n = ds.blankNodes;
  const labels: string[] = new Array<string>(n);
  if (n > 0) {
    // §4.4 step 2: blank node to quads map.
    const perNode: Quad[][] = [];
    for (let b = 0; b < n; b++) perNode.push([]);
    for (const q of ds.quads) {
      if (typeof q.s === "number") perNode[q.s]!.push(q);
      if (typeof q.o === "number" && q.o !== q.s) perNode[q.o]!.push(q);
    }
    // §4.4 step 5.3 / §4.6 Hash First Degree Quads: the reference node is _:a, others _:z; the
    // serialized quads are sorted and hashed (SHA-256, hex).
    const hashed: { hash: string; node: number }[] = [];
    for (let b = 0; b < n; b++) {
      const quads = perNode[b]!;
      if (quads.length === 0) continue;
      const lines = quads.map((q) => serialize(q, (x) => (x === b ? "_:a" : "_:z")));
      lines.sort();
      hashed.push({ hash: bytesToHex(sha256(encoder.encode(lines.join("")))), node: b });
    }
    // §4.4 step 5.4: issue canonical identifiers in hash order; a shared hash needs §4.8.
    hashed.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
    for (let i = 0; i < hashed.length; i++) {
      const h = hashed[i]!;
      if (i > 0 && hashed[i - 1]!.hash === h.hash) return null;
      labels[h.node] = `_:c14n${i}`;
    }
  }
  // §4.4 step 7-8: relabel, serialize, sort (UTF-16 code unit order, as rdf-canonize does).
  const lines = ds.quads.map((q) => serialize(q, (b) => labels[b]!));
  lines.sort();
  let out = "";
  for (let i = 0; i < lines.length; i++) if (i === 0 || lines[i] !== lines[i - 1]) out += lines[i]!;
  return out;
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
