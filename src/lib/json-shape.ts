/** Shape tests for parsed JSON, shared by the data-model, proof and verification checks. */

/** A JSON object: not an array, not null. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JSON value that may be one item or an array of them (JSON-LD's set shorthand), as an array. */
export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}
