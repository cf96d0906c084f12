/**
 * The MUSTs of the W3C Verifiable Credentials Data Model 2.0, §4 (Basic Concepts), that a JSON
 * credential can be checked for without JSON-LD processing. Shared by the VC-API issuer (a
 * request that breaks one is 400) and the verifier (a credential that breaks one fails `format`
 * with the rule it breaks, before anything else is looked at). Pure, never throws.
 */

/** One broken rule: the JSON path (dotted), the section and what the rule requires. */
export interface DataModelProblem {
  field: string;
  section: string;
  message: string;
  /** The specification the section is of: VC 2.0 unless said otherwise. */
  model?: "VC 1.1";
}

/** VC 2.0 §4.3: the base context every credential starts with. */
export const VC_V2_CONTEXT_URL = "https://www.w3.org/ns/credentials/v2";

import { asList, isRecord } from "../lib/json-shape";
import { base58Decode, base64urlDecode, toHex } from "../lib/encoding";

type Json = Record<string, unknown>;

/** An absolute URL (RFC 3986 §4.3: scheme ":" …), the form VC 2.0 §4.4 requires of every `id`. */
export function isUrl(v: unknown): v is string {
  return typeof v === "string" && v.length <= 2048 && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(v);
}

/** XML Schema dateTimeStamp (VC 2.0 §4.9): a date-time with a time zone offset. */
export function isDateTimeStamp(v: unknown): v is string {
  return (
    typeof v === "string" &&
    /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v)) &&
    isCalendarDay(v)
  );
}

/**
 * Whether a date-time's day exists (XML Schema 1.1 Part 2 §D.2.1: day ≤ the month's days).
 * `Date.parse` rolls 2026-02-30 over to 2 March, a reading other verifiers refuse as malformed.
 */
export function isCalendarDay(v: string): boolean {
  const m = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T/.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= last.getUTCDate();
}

/** VC 2.0 §4.5: `type` is a term or URL, or a set of them. */
function typeValues(v: unknown): string[] | null {
  const list = asList(v);
  if (list.length === 0 || !list.every((t) => typeof t === "string" && t.length > 0)) return null;
  return list as string[];
}

/**
 * Checks a credential against the VC 2.0 §4 MUSTs.
 *
 * @param credential - the parsed JSON
 * @param opts.knownContexts - context URLs that may follow the base context (WeGO never fetches one)
 * @returns the broken rules, first the one a reader would fix first; empty when none
 */
export function dataModelProblems(
  credential: unknown,
  opts: { knownContexts: ReadonlySet<string> },
): DataModelProblem[] {
  const out: DataModelProblem[] = [];
  const bad = (field: string, section: string, message: string) => out.push({ field, section, message });
  if (!isRecord(credential)) {
    bad("", "§4", "a credential is a JSON object");
    return out;
  }
  const c = credential;
  contextProblems(c["@context"], opts.knownContexts, bad);
  // §4.4 Identifiers
  if (c.id !== undefined && !isUrl(c.id)) bad("id", "§4.4", "MUST be a single URL");
  // §4.5 Types
  const types = typeValues(c.type);
  if (!types || !types.includes("VerifiableCredential"))
    bad("type", "§4.5", 'MUST be present and include "VerifiableCredential"');
  // §4.6 Names and Descriptions
  for (const key of ["name", "description"]) if (c[key] !== undefined) languageValue(c[key], key, bad);
  // §4.7 Issuer
  if (c.issuer === undefined) bad("issuer", "§4.7", "MUST be present");
  else if (isRecord(c.issuer)) {
    if (!isUrl(c.issuer.id)) bad("issuer.id", "§4.7", "an issuer object MUST have an id that is a URL");
    for (const key of ["name", "description"])
      if (c.issuer[key] !== undefined) languageValue(c.issuer[key], `issuer.${key}`, bad);
  } else if (!isUrl(c.issuer)) bad("issuer", "§4.7", "MUST be a URL or an object with an id");
  // §4.8 Credential Subject
  const subjects = asList(c.credentialSubject);
  if (c.credentialSubject === undefined || subjects.length === 0)
    bad("credentialSubject", "§4.8", "MUST be present: one or more objects with claims");
  subjects.forEach((s, i) => {
    const at = Array.isArray(c.credentialSubject) ? `credentialSubject.${i}` : "credentialSubject";
    if (!isRecord(s) || Object.keys(s).length === 0) bad(at, "§4.8", "MUST be an object with at least one claim");
    else if (s.id !== undefined && !isUrl(s.id)) bad(`${at}.id`, "§4.4", "MUST be a single URL");
  });
  // §4.9 Validity Period
  for (const key of ["validFrom", "validUntil"])
    if (c[key] !== undefined && !isDateTimeStamp(c[key]))
      bad(key, "§4.9", "MUST be an XML Schema dateTimeStamp (a date-time with a time zone offset)");
  if (
    isDateTimeStamp(c.validFrom) &&
    isDateTimeStamp(c.validUntil) &&
    Date.parse(c.validFrom) > Date.parse(c.validUntil)
  )
    bad("validFrom", "§4.9", "MUST be the same as or earlier than validUntil");
  // §4.10 Status, §4.11 Data Schemas, §5.4 Refreshing, §5.5 Terms of Use, §5.6 Evidence: typed objects
  typedObjects(c, "credentialStatus", "§4.10", false, bad);
  typedObjects(c, "credentialSchema", "§4.11", true, bad);
  typedObjects(c, "refreshService", "§5.4", false, bad);
  typedObjects(c, "termsOfUse", "§5.5", false, bad);
  typedObjects(c, "evidence", "§5.6", false, bad);
  relatedResources(c.relatedResource, bad);
  return out;
}

/**
 * Digests of the contexts this service bundles, as published for them (VC 2.0 §B.1): the only
 * related resources it can "retrieve", since it never fetches one.
 */
const PUBLISHED_DIGESTS: Record<string, { sha256: string; sha384: string }> = {
  [VC_V2_CONTEXT_URL]: {
    sha256: "24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9",
    sha384: "NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg",
  },
};

/** §5.3 Integrity of Related Resources: objects with a unique URL `id` and a digest. */
function relatedResources(v: unknown, bad: (f: string, s: string, m: string) => void): void {
  if (v === undefined) return;
  const list = asList(v);
  if (list.length === 0) return bad("relatedResource", "§5.3", "MUST be one or more objects");
  const seen = new Set<unknown>();
  list.forEach((o, i) => {
    const at = Array.isArray(v) ? `relatedResource.${i}` : "relatedResource";
    if (!isRecord(o)) return bad(at, "§5.3", "MUST be an object with an id and a digest");
    if (!isUrl(o.id)) return bad(`${at}.id`, "§5.3", "MUST be present and a URL");
    if (seen.has(o.id)) return bad(`${at}.id`, "§5.3", "MUST be unique among the related resources");
    seen.add(o.id);
    const { digestSRI: sri, digestMultibase: mb } = o;
    if (sri === undefined && mb === undefined)
      return bad(at, "§5.3", "MUST contain at least a digestSRI or a digestMultibase value");
    if ((sri !== undefined && typeof sri !== "string") || (mb !== undefined && typeof mb !== "string"))
      return bad(at, "§5.3", "digestSRI and digestMultibase MUST be strings");
    const known = PUBLISHED_DIGESTS[o.id];
    if (known && !digestMatches(known, sri as string | undefined, mb as string | undefined))
      bad(at, "§5.3", `the digest does not match the published digest of ${o.id}`);
  });
}

/** Compares SRI (`sha384-<base64>`) and multibase (`u`/`z`, raw or multihash SHA-256) digests. */
function digestMatches(known: { sha256: string; sha384: string }, sri?: string, mb?: string): boolean {
  if (sri !== undefined) {
    const m = /^sha384-(.+)$/.exec(sri.trim());
    if (!m || m[1]!.replace(/-/g, "+").replace(/_/g, "/") !== known.sha384) return false;
  }
  if (mb !== undefined) {
    const bytes = multibaseBytes(mb);
    const hex = bytes ? toHex(bytes) : "";
    if (hex !== known.sha256 && hex !== `1220${known.sha256}`) return false;
  }
  return true;
}

/** Multibase base64url (`u`) or base58btc (`z`) text as bytes, or null. */
function multibaseBytes(text: string): Uint8Array | null {
  if (text.startsWith("u")) return base64urlDecode(text.slice(1));
  return text.startsWith("z") ? base58Decode(text.slice(1)) : null;
}

/** §4.3 Contexts (credentials and presentations alike): VC 2.0 first, then URLs we bundle or objects. */
export function contextProblems(
  ctx: unknown,
  knownContexts: ReadonlySet<string>,
  bad: (f: string, s: string, m: string) => void,
): void {
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2_CONTEXT_URL)
    return bad("@context", "§4.3", `MUST be an ordered set whose first item is ${VC_V2_CONTEXT_URL}`);
  ctx.slice(1).forEach((item, i) => {
    if (isRecord(item)) return;
    if (typeof item !== "string" || !isUrl(item))
      bad(`@context.${i + 1}`, "§4.3", "each further item MUST be a URL or a context object");
    else if (!knownContexts.has(item))
      bad(`@context.${i + 1}`, "§4.3", `is not a context this service bundles (it never fetches one): ${item}`);
  });
}

/** §4.6: a string, a language value object, or a set of language value objects. */
function languageValue(v: unknown, field: string, bad: (f: string, s: string, m: string) => void): void {
  if (typeof v === "string") return;
  const ok = asList(v).every(
    (x) =>
      isRecord(x) &&
      typeof x["@value"] === "string" &&
      Object.keys(x).every((k) => ["@value", "@language", "@direction"].includes(k)) &&
      (x["@language"] === undefined || typeof x["@language"] === "string") &&
      (x["@direction"] === undefined || x["@direction"] === "ltr" || x["@direction"] === "rtl"),
  );
  if (!ok || (Array.isArray(v) && v.length === 0))
    bad(field, "§4.6", "MUST be a string or language value objects ({@value, @language?, @direction?})");
}

/** Properties whose values MUST be objects with a `type` (and an `id` URL where given or required). */
function typedObjects(
  c: Json,
  key: string,
  section: string,
  idRequired: boolean,
  bad: (f: string, s: string, m: string) => void,
): void {
  if (c[key] === undefined) return;
  const list = asList(c[key]);
  if (list.length === 0) bad(key, section, "MUST be one or more objects");
  list.forEach((o, i) => {
    const at = Array.isArray(c[key]) ? `${key}.${i}` : key;
    if (!isRecord(o)) return bad(at, section, "MUST be an object");
    if (!typeValues(o.type)) bad(`${at}.type`, section, "MUST be present (a term or URL, or a set of them)");
    if ((idRequired || o.id !== undefined) && !isUrl(o.id))
      bad(`${at}.id`, section, idRequired ? "MUST be present and a URL" : "MUST be a URL");
  });
}
