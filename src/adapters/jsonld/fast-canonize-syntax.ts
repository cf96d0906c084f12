/**
 * Shape checking, N-Quads literal syntax and the dataset for the fast canonicalizer
 * (`./fast-canonize.ts`): anything outside the handled shapes throws `NOT_HANDLED`.
 */
/** Thrown (never escapes this module) when the input is not one of the handled shapes. */
export const NOT_HANDLED: unique symbol = Symbol("not handled");

export function reject(): never {
  throw NOT_HANDLED;
}

export type Obj = Record<string, unknown>;

/** A plain object (JSON object, or `Object.create(null)`): not an array, class instance, Map, Date, …. */
export function plainObject(v: unknown): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) reject();
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) reject();
  return v as Obj;
}

export const has = (o: Obj, k: string): boolean => Object.hasOwn(o, k);

/** A plain object whose own enumerable keys are all in `required` or `optional`, and include all of `required`. */
export function objectWith(v: unknown, required: readonly string[], optional: readonly string[] = []): Obj {
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

export function isPlainArray(v: unknown, max: number): v is unknown[] {
  return Array.isArray(v) && v.length <= max;
}

/** `type` given as `"X"` or `["X"]` (both expand identically, JSON-LD 1.1 API §5.1.2). */
export function requireSingleType(v: unknown, name: string): void {
  if (v === name) return;
  if (Array.isArray(v) && v.length === 1 && v[0] === name) return;
  reject();
}

/** `type` given exactly as `[a, b]`. */
export function requirePairType(v: unknown, a: string, b: string): void {
  if (!(Array.isArray(v) && v.length === 2 && v[0] === a && v[1] === b)) reject();
}

export function requireString(v: unknown): string {
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

export function iri(v: unknown): string {
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
export function plain(v: unknown): string {
  return `"${escapeString(requireString(v))}"`;
}

/** A typed literal; the lexical form is kept as given (JSON-LD 1.1 API §8.6 Object to RDF). */
export function typed(v: unknown, datatypeSuffix: string): string {
  return `"${escapeString(requireString(v))}"${datatypeSuffix}`;
}

/** An N-Quads term (IRI or literal, already serialized) or a blank node (its index). */
export type Term = string | number;

export interface Quad {
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
export class Dataset {
  readonly quads: Quad[] = [];
  blankNodes = 0;

  blank(): number {
    return this.blankNodes++;
  }

  add(s: Term, p: string, o: Term): void {
    this.quads.push({ s, p, o });
  }
}
