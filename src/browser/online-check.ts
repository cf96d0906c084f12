/**
 * The second check in the browser on a live certificate page: the VC-JWT from the server must
 * verify against WeGO's published JWKS with the issuer pinned to WeGO's DID, be this certificate,
 * be within its validity period, and sign exactly every field the page shows. It is run only on a
 * page whose server verdict is valid: on a revoked, suspended, expired or invalid page a matching
 * signature adds nothing true, so nothing is shown. Keys and JWT come from the same server as the
 * page, which the wording says. Never throws.
 */
import { sameShownFields, shownFields, signedFacts, type ShownField } from "../domain/signed-facts";
import { verifyJwtInBrowser, type Jwk } from "./jwt";

/** What the section shows. */
export type Recheck =
  { state: "hidden" } | { state: "ok" } | { state: "failed"; reason: string } | { state: "unavailable" };

/** What the re-check needs. */
export interface RecheckInput {
  verdict: unknown;
  id: string;
  issuerDid: string;
  achievementId: string;
  shown: Partial<Record<ShownField, string>>;
  now: number;
  fetchJwt: () => Promise<string>;
  fetchKeys: () => Promise<Jwk[]>;
}

/** Runs the second check. */
export async function browserRecheck(input: RecheckInput): Promise<Recheck> {
  if (input.verdict !== "valid") return { state: "hidden" };
  let jwt: string;
  let keys: Jwk[];
  try {
    [jwt, keys] = await Promise.all([input.fetchJwt(), input.fetchKeys()]);
  } catch {
    return { state: "unavailable" };
  }
  try {
    const r = await verifyJwtInBrowser(jwt, keys, input.issuerDid);
    if (!r.ok) return { state: "failed", reason: r.error.message };
    const payload = r.value;
    if (typeof payload.id !== "string" || !payload.id.endsWith(`/c/${input.id}`))
      return { state: "failed", reason: "credential is for another certificate" };
    const facts = signedFacts(payload);
    if (facts.achievementId !== input.achievementId || !sameShownFields(shownFields(facts), input.shown))
      return { state: "failed", reason: "details shown differ from the signed credential" };
    const from = Date.parse(facts.validFrom);
    const until = facts.validUntil === undefined ? Infinity : Date.parse(facts.validUntil);
    if (!(from <= input.now && input.now < until)) return { state: "failed", reason: "outside the validity period" };
    return { state: "ok" };
  } catch {
    return { state: "unavailable" };
  }
}
