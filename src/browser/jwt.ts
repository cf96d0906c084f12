/**
 * Re-verifies a VC-JWT in the browser (RFC 7515 compact JWS, RFC 8037 EdDSA) against WeGO's
 * published JWKS, never against a key carried by the token. Strict RFC 8032 rules
 * (`zip215: false`), as on the server (see ../../shared/NOTES.md "Ed25519").
 */
import { verifyAsync } from "@noble/ed25519";
import { base64urlDecode } from "../adapters/crypto/encoding";

/** One JWKS entry as `/.well-known/jwks.json` publishes it. */
export interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  kid?: string;
  notBefore?: string;
  notAfter?: string;
  status?: string;
}

/** The outcome of the browser check. */
export type JwtCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string };

const ascii = new TextEncoder();

function json(bytes: Uint8Array | null): Record<string, unknown> | null {
  if (!bytes) return null;
  try {
    const v = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes)) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The raw 32-byte Ed25519 key of a JWKS entry, or null. */
export function ed25519Key(jwk: Jwk): Uint8Array | null {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") return null;
  const x = base64urlDecode(jwk.x);
  return x && x.length === 32 ? x : null;
}

/** Verifies a VC-JWT; never throws. */
export async function verifyJwtInBrowser(jwt: string, keys: readonly Jwk[]): Promise<JwtCheck> {
  const parts = jwt.trim().split(".");
  if (parts.length !== 3) return { ok: false, reason: "not a compact JWS" };
  const header = json(base64urlDecode(parts[0]!));
  const payload = json(base64urlDecode(parts[1]!));
  const sig = base64urlDecode(parts[2]!);
  if (!header || !payload || !sig) return { ok: false, reason: "malformed JWT" };
  if (header.alg !== "EdDSA" || header.typ !== "vc+jwt") return { ok: false, reason: "unexpected JWT header" };
  const issuer = payload.issuer;
  const issuerId = typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | null)?.id;
  const kid = typeof header.kid === "string" ? header.kid : "";
  if (typeof issuerId !== "string" || !kid.startsWith(issuerId + "#"))
    return { ok: false, reason: "key not the issuer's" };
  const jwk = keys.find((k) => k.kid === kid.slice(issuerId.length + 1));
  const pub = jwk && ed25519Key(jwk);
  if (!jwk || !pub) return { ok: false, reason: "key not published" };
  // The key must have been in use when the credential says it was signed.
  const signedAt = Date.parse(String(payload.validFrom));
  if (
    Number.isNaN(signedAt) ||
    (jwk.notBefore && signedAt < Date.parse(jwk.notBefore)) ||
    (jwk.notAfter && signedAt > Date.parse(jwk.notAfter))
  )
    return { ok: false, reason: "key not valid at issuance" };
  if (sig.length !== 64) return { ok: false, reason: "bad signature length" };
  let ok = false;
  try {
    ok = await verifyAsync(sig, ascii.encode(`${parts[0]}.${parts[1]}`), pub, { zip215: false });
  } catch {
    ok = false;
  }
  return ok ? { ok: true, payload } : { ok: false, reason: "signature does not match" };
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    jsonEqual((a as Record<string, unknown>)[k], Object.hasOwn(b, k) ? (b as Record<string, unknown>)[k] : Symbol()),
  );
}
