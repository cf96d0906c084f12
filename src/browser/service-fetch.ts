/** Reads from this service: a checked GET and the published keys (JWKS). */
import type { Jwk } from "./jwt";

/** GET `path` with an Accept header; anything but 2xx throws. */
export async function getOk(path: string, accept: string): Promise<Response> {
  const res = await fetch(path, { headers: { accept } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res;
}

/** The keys of /.well-known/jwks.json (an empty list when the set has none). */
export async function publishedKeys(): Promise<Jwk[]> {
  const set = (await (await getOk("/.well-known/jwks.json", "application/json")).json()) as { keys?: unknown };
  return Array.isArray(set.keys) ? (set.keys as Jwk[]) : [];
}
