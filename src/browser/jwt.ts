/**
 * Re-verifies a VC-JWT in the browser (RFC 7515 compact JWS, RFC 8037 EdDSA) against WeGO's
 * published JWKS, never against a key carried by the token. The issuer must be WeGO's DID and the
 * key must have been usable when the credential says it was signed (status and window from the
 * JWKS). Strict RFC 8032 rules (`zip215: false`), as on the server: noble's default ZIP215 rules
 * accept signatures RFC 8032 rejects.
 */
import { verifyAsync } from "@noble/ed25519";
import { base64urlDecode } from "../lib/encoding";
import { type Failure, type Result, fail, ok } from "../lib/result";

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

/** Why the browser check refused a VC-JWT; the message is what the page shows. */
export type JwtFailure = Failure<
  | "ERR_JWT_NO_ISSUER"
  | "ERR_JWT_NOT_COMPACT"
  | "ERR_JWT_MALFORMED"
  | "ERR_JWT_HEADER"
  | "ERR_JWT_ISSUER"
  | "ERR_JWT_KEY_NOT_ISSUERS"
  | "ERR_JWT_KEY_NOT_PUBLISHED"
  | "ERR_JWT_KEY_NOT_VALID"
  | "ERR_JWT_SIGNATURE_LENGTH"
  | "ERR_JWT_SIGNATURE"
>;

/** The outcome of the browser check: the verified payload, or why not. */
export type JwtCheck = Result<Record<string, unknown>, JwtFailure>;

const refuse = (code: JwtFailure["code"], message: string) => fail<JwtFailure>({ code, message });

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

/**
 * Whether a JWKS key may vouch for something signed at `signedAtMs`: status `active` or `retired`
 * (a compromised key, or one with no status, vouches for nothing) and the time inside
 * [notBefore, notAfter]. A missing or unreadable notBefore fails closed.
 */
export function keyUsableAt(jwk: Jwk, signedAtMs: number): boolean {
  if (jwk.status !== "active" && jwk.status !== "retired") return false;
  if (!Number.isFinite(signedAtMs)) return false;
  const from = typeof jwk.notBefore === "string" ? Date.parse(jwk.notBefore) : NaN;
  if (Number.isNaN(from) || signedAtMs < from) return false;
  if (jwk.notAfter !== undefined) {
    const until = typeof jwk.notAfter === "string" ? Date.parse(jwk.notAfter) : NaN;
    if (Number.isNaN(until) || signedAtMs > until) return false;
  }
  return true;
}

/** The issuer id of a credential (`issuer` as a string or `{ id }`), or null. */
export function issuerIdOf(credential: Record<string, unknown>): string | null {
  const issuer = credential.issuer;
  const id = typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" ? id : null;
}

/** Verifies a VC-JWT issued by `issuerDid` with one of `keys`; never throws. */
export async function verifyJwtInBrowser(jwt: string, keys: readonly Jwk[], issuerDid: string): Promise<JwtCheck> {
  if (typeof jwt !== "string" || typeof issuerDid !== "string" || !issuerDid.startsWith("did:"))
    return refuse("ERR_JWT_NO_ISSUER", "no issuer to check against");
  const parts = jwt.trim().split(".");
  if (parts.length !== 3) return refuse("ERR_JWT_NOT_COMPACT", "not a compact JWS");
  const header = json(base64urlDecode(parts[0]!));
  const payload = json(base64urlDecode(parts[1]!));
  const sig = base64urlDecode(parts[2]!);
  if (!header || !payload || !sig) return refuse("ERR_JWT_MALFORMED", "malformed JWT");
  if (header.alg !== "EdDSA" || header.typ !== "vc+jwt") return refuse("ERR_JWT_HEADER", "unexpected JWT header");
  if (issuerIdOf(payload) !== issuerDid) return refuse("ERR_JWT_ISSUER", "issuer is not WeGO");
  const kid = typeof header.kid === "string" ? header.kid : "";
  if (!kid.startsWith(issuerDid + "#")) return refuse("ERR_JWT_KEY_NOT_ISSUERS", "key not the issuer's");
  // JWKS kids are the key's DID URL (earlier: its bare thumbprint); either names the same key.
  const jwk = keys.find((k) => k.kid === kid || k.kid === kid.slice(issuerDid.length + 1));
  const pub = jwk && ed25519Key(jwk);
  if (!jwk || !pub) return refuse("ERR_JWT_KEY_NOT_PUBLISHED", "key not published");
  if (!keyUsableAt(jwk, Date.parse(String(payload.validFrom))))
    return refuse("ERR_JWT_KEY_NOT_VALID", "key not valid at issuance");
  if (sig.length !== 64) return refuse("ERR_JWT_SIGNATURE_LENGTH", "bad signature length");
  let valid = false;
  try {
    valid = await verifyAsync(sig, ascii.encode(`${parts[0]}.${parts[1]}`), pub, { zip215: false });
  } catch {
    valid = false;
  }
  return valid ? ok(payload) : refuse("ERR_JWT_SIGNATURE", "signature does not match");
}
