/**
 * Offline verification of the compact QR token (see ../domain/compact-token.ts): the Ed25519
 * signature over its signing input, with the saved JWKS key whose kid starts with the token's kid
 * prefix, and the name hash against the participant name shown. Revocation cannot be checked.
 */
import { verifyAsync } from "@noble/ed25519";
import { base64urlDecode } from "../adapters/crypto/encoding";
import { nameMatches, parseCompactToken } from "../domain/compact-token";
import { ed25519Key, type Jwk } from "./jwt";

/** What the offline check concluded. */
export type OfflineCheck =
  { ok: true; validFrom: number; validUntil: number | null; achievementId: string } | { ok: false; reason: string };

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Checks a compact token for certificate `id` against saved keys and the shown name (and, when the
 * credential is saved too, its validFrom and achievement). Never throws.
 */
export async function verifyCompactToken(
  id: string,
  token: string,
  keys: readonly Jwk[],
  name: string,
  credential?: Record<string, unknown>,
  now: number = Date.now(),
): Promise<OfflineCheck> {
  const parsed = parseCompactToken(token);
  if (!parsed) return { ok: false, reason: "malformed token" };
  const candidates = keys.filter((k) => {
    const kid = typeof k.kid === "string" ? base64urlDecode(k.kid) : null;
    return kid !== null && startsWith(kid, parsed.kidPrefix);
  });
  let signed = false;
  for (const k of candidates) {
    const pub = ed25519Key(k);
    if (!pub) continue;
    try {
      if (await verifyAsync(parsed.signature, parsed.signingInput(id), pub, { zip215: false })) {
        signed = true;
        break;
      }
    } catch {
      // A malformed key or signature is a failed check, not a crash.
    }
  }
  if (!signed) return { ok: false, reason: "signature does not match a saved WeGO key" };
  if (!(await nameMatches(parsed, name))) return { ok: false, reason: "name does not match" };
  if (credential) {
    const from = Math.floor(Date.parse(String(credential.validFrom)) / 1000);
    if (from !== parsed.validFrom) return { ok: false, reason: "issue date does not match" };
    const subject = credential.credentialSubject as { achievement?: { id?: unknown } } | undefined;
    const achievementId = String(subject?.achievement?.id ?? "");
    if (!achievementId.endsWith(`/achievements/${parsed.achievementId}`))
      return { ok: false, reason: "achievement does not match" };
  }
  const t = Math.floor(now / 1000);
  if (t < parsed.validFrom) return { ok: false, reason: "not yet valid" };
  if (parsed.validUntil !== null && t >= parsed.validUntil) return { ok: false, reason: "expired" };
  return { ok: true, validFrom: parsed.validFrom, validUntil: parsed.validUntil, achievementId: parsed.achievementId };
}
