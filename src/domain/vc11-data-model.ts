/**
 * The MUSTs of the W3C Verifiable Credentials Data Model 1.1 (Recommendation 2022-03-03), §4 Basic
 * Concepts and §5 Advanced Concepts, that a JSON credential can be checked for without JSON-LD
 * processing. WeGO signs and verifies VC 1.1 credentials that are not certificates (the W3C Data
 * Integrity suites issue them); the rules are the 2.0 ones where 1.1 says the same, with 1.1's
 * dates (`issuanceDate`, `expirationDate`). Pure, never throws.
 */
import { asList, isRecord } from "../lib/json-shape";
import { dataModelProblems, isCalendarDay, type DataModelProblem } from "./vc-data-model";

/** VC 1.1 §4.1: the base context of a VC 1.1 credential. */
export const VC_V1_CONTEXT_URL = "https://www.w3.org/2018/credentials/v1";

type Json = Record<string, unknown>;
type Bad = (field: string, section: string, message: string) => void;

/** A URI (RFC 3986 §4.3 absolute form), as VC 1.1 §4.2 requires of every `id`. */
function isUri(v: unknown): v is string {
  return typeof v === "string" && v.length <= 2048 && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(v);
}

/**
 * XML Schema 1.1 dateTime (VC 1.1 §4.6, §4.8): the time zone is optional; a value without one is
 * read as UTC (the Worker's clock zone), as Digital Bazaar's vc library reads it.
 */
export function isXsdDateTime(v: unknown): v is string {
  return (
    typeof v === "string" &&
    v.length <= 64 &&
    /^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/.test(v) &&
    !Number.isNaN(Date.parse(v)) &&
    isCalendarDay(v)
  );
}

/** Whether a credential declares itself VC 1.1 (its first context is the VC 1.1 context). */
export function isVc11(credential: unknown): boolean {
  return (
    isRecord(credential) && Array.isArray(credential["@context"]) && credential["@context"][0] === VC_V1_CONTEXT_URL
  );
}

/**
 * Checks a credential against the VC 1.1 MUSTs.
 *
 * @param opts.knownContexts - context URLs that may follow the base context (WeGO never fetches one)
 * @param opts.requireOffset - dates need a time zone offset (what WeGO signs: every verifier then
 *   reads the same instant, and Digital Bazaar's vc library refuses a VC 1.1 date without one)
 * @returns the broken rules (model "VC 1.1"), first the one a reader would fix first; empty when none
 */
export function vc11Problems(
  credential: Json,
  opts: { knownContexts: ReadonlySet<string>; requireOffset?: boolean },
): DataModelProblem[] {
  const out: DataModelProblem[] = [];
  const bad: Bad = (field, section, message) => out.push({ field, section, message, model: "VC 1.1" });
  const c = credential;
  // §4.1 Contexts
  const ctx = c["@context"] as unknown[];
  ctx.slice(1).forEach((item, i) => {
    if (isRecord(item)) return;
    if (!isUri(item)) bad(`@context.${i + 1}`, "§4.1", "each further item MUST be a URI or a context object");
    else if (!opts.knownContexts.has(item))
      bad(
        `@context.${i + 1}`,
        "§4.1",
        `is not a context this service bundles for VC 1.1 (it never fetches one): ${item}`,
      );
  });
  // §4.2 Identifiers
  if (c.id !== undefined && !isUri(c.id)) bad("id", "§4.2", "MUST be a single URI");
  // §4.3 Types
  const types = asList(c.type);
  if (
    c.type === undefined ||
    !types.every((t) => typeof t === "string" && t) ||
    !types.includes("VerifiableCredential")
  )
    bad("type", "§4.3", 'MUST be present and include "VerifiableCredential"');
  // §4.4 Credential Subject
  const subjects = asList(c.credentialSubject);
  if (c.credentialSubject === undefined || subjects.length === 0)
    bad("credentialSubject", "§4.4", "MUST be present: one or more objects with claims");
  subjects.forEach((s, i) => {
    const at = Array.isArray(c.credentialSubject) ? `credentialSubject.${i}` : "credentialSubject";
    if (!isRecord(s) || Object.keys(s).length === 0) bad(at, "§4.4", "MUST be an object with at least one claim");
    else if (s.id !== undefined && !isUri(s.id)) bad(`${at}.id`, "§4.2", "MUST be a single URI");
  });
  // §4.5 Issuer
  if (c.issuer === undefined) bad("issuer", "§4.5", "MUST be present");
  else if (isRecord(c.issuer) ? !isUri(c.issuer.id) : !isUri(c.issuer))
    bad(isRecord(c.issuer) ? "issuer.id" : "issuer", "§4.5", "MUST be a URI or an object with an id that is a URI");
  // §4.6 Issuance Date, §4.8 Expiration (and the context's validFrom / validUntil, read the same way)
  if (c.issuanceDate === undefined) bad("issuanceDate", "§4.6", "MUST be present");
  for (const key of ["issuanceDate", "expirationDate", "validFrom", "validUntil"]) {
    const section = key === "issuanceDate" ? "§4.6" : "§4.8";
    if (c[key] !== undefined && !isXsdDateTime(c[key]))
      bad(key, section, "MUST be an XML Schema dateTime (e.g. 2026-01-01T00:00:00Z)");
    else if (opts.requireOffset && typeof c[key] === "string" && !/(Z|[+-][0-9]{2}:[0-9]{2})$/.test(c[key]))
      bad(
        key,
        section,
        "WeGO signs dates with a time zone offset (Z or ±hh:mm), so every verifier reads the same instant",
      );
  }
  // §4.9 Status, §5.4 Data Schemas, §5.5 Refreshing: objects with an id and a type
  typed(c, "credentialStatus", "§4.9", true, bad);
  typed(c, "credentialSchema", "§5.4", true, bad);
  typed(c, "refreshService", "§5.5", true, bad);
  // §5.6 Terms of Use, §5.7 Evidence: objects with a type
  typed(c, "termsOfUse", "§5.6", false, bad);
  typed(c, "evidence", "§5.7", false, bad);
  return out;
}

/**
 * The data model rules a credential breaks, by the model it declares: VC 1.1 where its first
 * context is VC 1.1's and `knownContextsV11` is given (the caller accepts VC 1.1), VC 2.0 otherwise.
 */
export function credentialProblems(
  credential: unknown,
  opts: { knownContexts: ReadonlySet<string>; knownContextsV11?: ReadonlySet<string>; requireOffset?: boolean },
): DataModelProblem[] {
  if (opts.knownContextsV11 && isVc11(credential))
    return vc11Problems(credential as Json, {
      knownContexts: opts.knownContextsV11,
      requireOffset: opts.requireOffset,
    });
  return dataModelProblems(credential, opts);
}

/** "(VC 2.0 §4.9)" or "(VC 1.1 §4.6)": where a problem's rule is written. */
export function problemSource(p: DataModelProblem): string {
  return `${p.model ?? "VC 2.0"} ${p.section}`;
}

function typed(c: Json, key: string, section: string, idRequired: boolean, bad: Bad): void {
  if (c[key] === undefined) return;
  const list = asList(c[key]);
  if (list.length === 0) bad(key, section, "MUST be one or more objects");
  list.forEach((o, i) => {
    const at = Array.isArray(c[key]) ? `${key}.${i}` : key;
    if (!isRecord(o)) return bad(at, section, "MUST be an object");
    const types = asList(o.type);
    if (o.type === undefined || !types.length || !types.every((t) => typeof t === "string" && t))
      bad(`${at}.type`, section, "MUST be present (a term or URI, or a set of them)");
    if ((idRequired || o.id !== undefined) && !isUri(o.id))
      bad(`${at}.id`, section, idRequired ? "MUST be present and a URI" : "MUST be a URI");
  });
}
