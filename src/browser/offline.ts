/**
 * Offline verification of a certificate page from what the phone saved: the compact QR token (see
 * ../domain/compact-token.ts) checked against the saved JWKS (key status and validity window at
 * the token's signing time), its signed facts (name hash, programme, dates) against the page, and,
 * when the VC-JWT was saved too, that credential's signature (issuer pinned to WeGO's DID) against
 * every field the page shows. Revocation cannot be checked offline. Never throws.
 */
import { verifyAsync } from "@noble/ed25519";
import { base64urlDecode } from "../lib/encoding";
import { type Failure, type Result, fail, ok } from "../lib/result";
import { nameMatches, parseCompactToken } from "../domain/compact-token";
import { sameShownFields, shownFields, signedFacts, type ShownField } from "../domain/signed-facts";
import { ed25519Key, keyUsableAt, verifyJwtInBrowser, type Jwk, type JwtFailure } from "./jwt";

/** What the page shows, as the offline check reads it. */
export interface OfflineInput {
  /** Certificate id from the URL path. */
  id: string;
  token: string;
  /** The JWKS saved on this device. */
  keys: readonly Jwk[];
  /** WeGO's DID, from the saved page. */
  issuerDid: string;
  /** Raw values of the fields the page shows (`data-field` / `data-value`). */
  shown: Partial<Record<ShownField, string>>;
  /** Programme slug from the saved page. */
  achievementId: string;
  /** The saved VC-JWT, when there is one. */
  jwt?: string;
  now: number;
}

/** What the offline check confirmed. */
export interface OfflineConfirmed {
  /** `all-fields`: the saved VC-JWT verified and matches every field shown; `token-fields`: only the token's facts. */
  scope: "all-fields" | "token-fields";
  validity: "current" | "expired" | "not-yet-valid";
  validFrom: number;
  validUntil: number | null;
  achievementId: string;
}

/**
 * Why the offline check refused; `ERR_OFFLINE_NO_KEYS` means data the check needs is not on this
 * device (not a failed check). A saved credential that fails carries the browser check's failure.
 */
export type OfflineFailure =
  | Failure<
      | "ERR_OFFLINE_UNEXPECTED"
      | "ERR_OFFLINE_TOKEN_MALFORMED"
      | "ERR_OFFLINE_NO_KEYS"
      | "ERR_OFFLINE_KEY_UNUSABLE"
      | "ERR_OFFLINE_SIGNATURE"
      | "ERR_OFFLINE_NAME"
      | "ERR_OFFLINE_PROGRAMME"
      | "ERR_OFFLINE_VALID_FROM"
      | "ERR_OFFLINE_VALID_UNTIL"
      | "ERR_OFFLINE_CREDENTIAL_OTHER_CERTIFICATE"
      | "ERR_OFFLINE_CREDENTIAL_FIELDS"
    >
  | (Failure<"ERR_OFFLINE_CREDENTIAL"> & { credential: JwtFailure["code"] });

/** What the offline check concluded. */
export type OfflineCheck = Result<OfflineConfirmed, OfflineFailure>;

const refuse = (code: Exclude<OfflineFailure["code"], "ERR_OFFLINE_CREDENTIAL">, message: string) =>
  fail<OfflineFailure>({ code, message });

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function seconds(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? NaN : Math.floor(t / 1000);
}

/** Checks the page against the saved token, keys and credential; never throws. */
export async function verifyOffline(input: OfflineInput): Promise<OfflineCheck> {
  try {
    return await check(input);
  } catch {
    return refuse("ERR_OFFLINE_UNEXPECTED", "the check failed unexpectedly");
  }
}

async function check(input: OfflineInput): Promise<OfflineCheck> {
  const parsed = parseCompactToken(input.token);
  if (!parsed) return refuse("ERR_OFFLINE_TOKEN_MALFORMED", "malformed token");
  if (input.keys.length === 0) return refuse("ERR_OFFLINE_NO_KEYS", "no keys saved");
  let signed = false;
  let signedByUnusableKey = false;
  for (const k of input.keys) {
    // The RFC 7638 thumbprint: the fragment of a DID URL kid, or the bare kid.
    const kid = typeof k.kid === "string" ? base64urlDecode(k.kid.slice(k.kid.lastIndexOf("#") + 1)) : null;
    const pub = ed25519Key(k);
    if (!kid || !pub || !startsWith(kid, parsed.kidPrefix)) continue;
    let valid = false;
    try {
      valid = await verifyAsync(parsed.signature, parsed.signingInput(input.id), pub, { zip215: false });
    } catch {
      valid = false; // A malformed key or signature is a failed check, not a crash.
    }
    if (!valid) continue;
    if (keyUsableAt(k, parsed.validFrom * 1000)) signed = true;
    else signedByUnusableKey = true;
  }
  if (!signed)
    return signedByUnusableKey
      ? refuse("ERR_OFFLINE_KEY_UNUSABLE", "signed by a key that was retired or compromised at that date")
      : refuse("ERR_OFFLINE_SIGNATURE", "signature does not match a saved WeGO key");
  const participant = input.shown.participant;
  if (!participant || !(await nameMatches(parsed, participant)))
    return refuse("ERR_OFFLINE_NAME", "name does not match");
  if (!input.achievementId || parsed.achievementId !== input.achievementId)
    return refuse("ERR_OFFLINE_PROGRAMME", "programme does not match");
  if (seconds(input.shown["valid-from"]) !== parsed.validFrom)
    return refuse("ERR_OFFLINE_VALID_FROM", "issue date does not match");
  if (seconds(input.shown["valid-until"]) !== parsed.validUntil)
    return refuse("ERR_OFFLINE_VALID_UNTIL", "end date does not match");
  let scope: "all-fields" | "token-fields" = "token-fields";
  if (input.jwt !== undefined) {
    const jwt = await verifyJwtInBrowser(input.jwt, input.keys, input.issuerDid);
    if (!jwt.ok)
      return fail<OfflineFailure>({
        code: "ERR_OFFLINE_CREDENTIAL",
        message: `saved credential: ${jwt.error.message}`,
        credential: jwt.error.code,
      });
    const payload = jwt.value;
    if (typeof payload.id !== "string" || !payload.id.endsWith(`/c/${input.id}`))
      return refuse("ERR_OFFLINE_CREDENTIAL_OTHER_CERTIFICATE", "saved credential is for another certificate");
    const facts = signedFacts(payload);
    if (facts.achievementId !== parsed.achievementId || !sameShownFields(shownFields(facts), input.shown))
      return refuse("ERR_OFFLINE_CREDENTIAL_FIELDS", "details shown differ from the signed credential");
    scope = "all-fields";
  }
  const t = Math.floor(input.now / 1000);
  const validity =
    t < parsed.validFrom
      ? "not-yet-valid"
      : parsed.validUntil !== null && t >= parsed.validUntil
        ? "expired"
        : "current";
  return ok({
    scope,
    validity,
    validFrom: parsed.validFrom,
    validUntil: parsed.validUntil,
    achievementId: parsed.achievementId,
  });
}
