/**
 * Claim-link tokens: a JWT (RFC 7519) the learning platform signs with the source's key, verified
 * with jose. HS256 with a shared secret, or EdDSA / ES256 / RS256 with a public JWK the platform
 * registered. Never throws: the outcome is a structured result.
 */
import { decodeProtectedHeader, importJWK, jwtVerify, errors as joseErrors, type JWK } from "jose";
import { utf8 } from "../../lib/encoding";
import { type Failure, type Result, fail, ok } from "../../lib/result";

/** A key a token may be signed with. */
export type ClaimKey = { kind: "secret"; secret: string } | { kind: "jwk"; jwk: JWK };

/** The claims a platform puts in a link (README "Claim links"). */
export interface ClaimTokenClaims {
  jti: string;
  name: string;
  email: string;
  course: string;
  exp: number;
  enrolment?: string;
  lang?: string;
}

/** Why a token is refused: malformed or signed by no key of the source, or genuine but expired. */
export type ClaimTokenFailure =
  | Failure<"ERR_CLAIM_INVALID">
  /** Genuine but past `exp`: `jti` (signature checked) lets a link already used still lead to its certificate. */
  | (Failure<"ERR_CLAIM_EXPIRED"> & { jti?: string });

/** The outcome of {@link verifyClaimToken}. */
export type ClaimTokenCheck = Result<ClaimTokenClaims, ClaimTokenFailure>;

const invalid = (message: string) => fail<ClaimTokenFailure>({ code: "ERR_CLAIM_INVALID", message });

/** Asymmetric algorithms accepted for a registered public JWK. */
export const CLAIM_JWK_ALGS = ["EdDSA", "ES256", "RS256"] as const;

/** A token valid for longer than this is not a short-lived link. */
const MAX_LIFETIME_SECONDS = 30 * 24 * 3600;

function text(v: unknown, max: number): string | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return typeof v === "string" && v.trim() !== "" && v.length <= max ? v.trim() : undefined;
}

/** The one algorithm a key verifies (RFC 8725 §3.1: never let the token choose). */
function algOf(key: ClaimKey): string {
  if (key.kind === "secret") return "HS256";
  return key.jwk.alg ?? (key.jwk.kty === "OKP" ? "EdDSA" : key.jwk.kty === "EC" ? "ES256" : "RS256");
}

async function tryKey(token: string, key: ClaimKey, now: Date) {
  const opts = { currentDate: now, clockTolerance: 60, requiredClaims: ["exp", "jti"], algorithms: [algOf(key)] };
  if (key.kind === "secret") return await jwtVerify(token, utf8.encode(key.secret), opts);
  return await jwtVerify(token, await importJWK(key.jwk, algOf(key)), opts);
}

/** Verifies a token against the source's current keys and checks its claims. */
export async function verifyClaimToken(token: string, keys: readonly ClaimKey[], now: Date): Promise<ClaimTokenCheck> {
  if (token.length > 8192 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
    return invalid("token: not a compact JWT");
  let alg: unknown;
  try {
    const header = decodeProtectedHeader(token);
    if (header.crit !== undefined) return invalid("token: crit is not supported");
    alg = header.alg;
  } catch {
    return invalid("token: the header is not JSON");
  }
  let expired: { jti?: string } | undefined;
  // Only keys of the token's algorithm are tried: jose then fails asynchronously (signature,
  // claims), never on the algorithm check.
  for (const key of keys.filter((k) => algOf(k) === alg)) {
    try {
      const { payload } = await tryKey(token, key, now);
      const claims = {
        jti: text(payload.jti, 200),
        name: text(payload.name, 200),
        email: text(payload.email, 254),
        course: text(payload.course, 200),
        enrolment: text(payload.enrolment, 200),
        lang: text(payload.lang, 35),
      };
      for (const k of ["jti", "name", "email", "course"] as const)
        if (!claims[k]) return invalid(`token: claim "${k}" is missing or empty`);
      if (payload.exp! - now.getTime() / 1000 > MAX_LIFETIME_SECONDS)
        return invalid("token: exp is more than 30 days ahead");
      return ok({ ...(claims as ClaimTokenClaims), exp: payload.exp! });
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) expired = { jti: text(e.payload.jti, 200) };
      else if (e instanceof joseErrors.JWTClaimValidationFailed) return invalid(`token: ${e.claim} ${e.reason}`);
    }
  }
  return expired
    ? fail<ClaimTokenFailure>({ code: "ERR_CLAIM_EXPIRED", message: "token: expired", jti: expired.jti })
    : invalid("token: signature does not match a key of this source");
}
