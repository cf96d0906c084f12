/** Test vectors for the browser code: Ed25519 keys, a WeGO-shaped credential, its VC-JWT and QR token. */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { base64urlEncode, utf8 } from "../../../src/lib/encoding";
import { jwkThumbprint } from "../../../src/adapters/crypto/keys";
import { createCompactToken } from "../../../src/domain/compact-token";
import { buildCredential, wegoIssuer } from "../../../src/domain/credential";
import type { AchievementRecord } from "../../../src/domain/types";
import type { Jwk } from "../../../src/browser/jwt";
import { shownFields, signedFacts } from "../../../src/domain/signed-facts";

export const BASE = "https://certificates.example";
export const DID = "did:web:certificates.example";
export const ID = "AbCdEfGhIjKlMnOpQrStUv";
export const NAME = "Ləman Əliyeva";
export const ISSUED = new Date("2023-10-02T09:00:00Z");

export const BAKU: AchievementRecord = {
  id: "champions-2023-workshop-baku",
  kind: "workshop",
  name: "WeGO Sustainable Smart City Champions 2023: Baku workshop",
  description: "In-person workshop in Baku.",
  criteria: "Took part in the Baku workshop.",
  city: "Baku",
  date: "2023-10-01",
  themes: ["Littoral Urbanization Land-use", "Waste Management", "Global Energy Supply"],
  venue: "Azerbaijan Diplomatic Academy",
};

/** An Ed25519 key with its JWKS entry. */
export interface TestKey {
  privateKey: KeyObject;
  kid: string;
  jwk: Jwk;
}

/** A fresh key; `entry` overrides JWKS members (status, notBefore, notAfter). */
export async function testKey(entry: Partial<Jwk> = {}): Promise<TestKey> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x!;
  const kid = await jwkThumbprint(new Uint8Array(Buffer.from(x, "base64url")));
  return {
    privateKey,
    kid,
    jwk: { kty: "OKP", crv: "Ed25519", x, kid, notBefore: "2023-01-01T00:00:00Z", status: "active", ...entry },
  };
}

/** The unsigned credential WeGO would issue. */
export async function credential(overrides: { validUntil?: string; issuerDid?: string } = {}) {
  return buildCredential({
    baseUrl: BASE,
    certificateId: ID,
    issuer: wegoIssuer(overrides.issuerDid ?? DID),
    achievement: BAKU,
    recipientName: NAME,
    recipientEmail: "laman@example.org",
    salt: "00112233445566778899aabbccddeeff",
    issuedAt: ISSUED,
    validUntil: overrides.validUntil,
  });
}

/** A VC-JWT of `payload`, with header `kid` `${DID}#${key.kid}` unless `header` overrides it. */
export function vcJwt(payload: unknown, key: TestKey, header: Record<string, unknown> = {}): string {
  const h = base64urlEncode(
    utf8.encode(JSON.stringify({ alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: `${DID}#${key.kid}`, ...header })),
  );
  const p = base64urlEncode(utf8.encode(JSON.stringify(payload)));
  const sig = sign(null, Buffer.from(`${h}.${p}`), key.privateKey);
  return `${h}.${p}.${base64urlEncode(new Uint8Array(sig))}`;
}

/** The QR token for the test certificate. */
export function qrToken(key: TestKey, facts: { validUntil?: Date; name?: string; achievementId?: string } = {}) {
  return createCompactToken(
    {
      certificateId: ID,
      validFrom: ISSUED,
      validUntil: facts.validUntil,
      kid: key.kid,
      recipientName: facts.name ?? NAME,
      achievementId: facts.achievementId ?? BAKU.id,
    },
    async (data) => new Uint8Array(sign(null, Buffer.from(data), key.privateKey)),
  );
}

/** The fields a page shows for a credential. */
export function shownFor(c: Record<string, unknown>) {
  return shownFields(signedFacts(c));
}
