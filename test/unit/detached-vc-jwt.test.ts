/** VC-JWTs stored without their payload (RFC 7515 Appendix F) and put back together on read. */
import { describe, expect, it } from "vitest";
import { joseVerifyJws, signVcJwt } from "../../src/adapters/jwt/vc-jwt";
import type { Signer } from "../../src/adapters/crypto/ed25519";
import { detachVcJwt, expandVcJwt } from "../../src/lib/detached-vc-jwt";
import { type CertificateRow, withFullVcJwt } from "../../src/adapters/storage/certificate-repository";

async function signer(): Promise<Signer> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return {
    kid: "key-1",
    publicKey,
    cryptoKey: pair.privateKey,
    sign: async (m) => new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, m)),
  };
}

const credential = {
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  id: "https://example.org/c/abc",
  type: ["VerifiableCredential"],
  issuer: "did:web:example.org",
  credentialSubject: { name: '김민준 \u{1F600} \\ "quoted"', "7": 1.5e-7 },
  proof: { type: "DataIntegrityProof", proofValue: "z123" },
};

describe("detached VC-JWT", () => {
  it("stores header..signature and gives back the exact signed JWT", async () => {
    const s = await signer();
    const text = JSON.stringify(credential);
    const jwt = await signVcJwt(credential, s, "did:web:example.org");
    const stored = detachVcJwt(jwt, text);
    expect(stored).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(stored.length).toBeLessThan(300);
    expect(expandVcJwt(stored, text)).toBe(jwt);
    expect(await joseVerifyJws(expandVcJwt(stored, text), s.publicKey)).toBe("ok");
  });

  it("a changed credential gives a JWT whose signature fails; foreign and old JWTs stay whole", async () => {
    const s = await signer();
    const text = JSON.stringify(credential);
    const stored = detachVcJwt(await signVcJwt(credential, s, "did:web:example.org"), text);
    const changed = JSON.stringify({ ...credential, id: "https://example.org/c/xyz" });
    expect(await joseVerifyJws(expandVcJwt(stored, changed), s.publicKey)).toBe("bad-signature");
    // Signed over another payload (here another issuer DID): not detachable, kept whole.
    const other = await signVcJwt(credential, s, "did:web:other.example");
    const otherText = JSON.stringify({ ...credential, issuer: "x" });
    expect(detachVcJwt(other, otherText)).toBe(other);
    expect(expandVcJwt(other, otherText)).toBe(other);
    expect(expandVcJwt("garbage..sig", text)).toBe("garbage..sig");
  });
});

describe("withFullVcJwt (a row read from storage)", () => {
  it("puts the VC-JWT back together on its first read only, and gives the signed JWT", async () => {
    const s = await signer();
    const text = JSON.stringify(credential);
    const jwt = await signVcJwt(credential, s, "did:web:example.org");
    let credentialReads = 0;
    const stored = { id: "abc", status: "active", credential: text, vc_jwt: detachVcJwt(jwt, text) };
    // Counts reads of the credential text: putting the JWT back together is the only later reader.
    const row = new Proxy(stored, {
      get: (t, k, r) => (k === "credential" && credentialReads++, Reflect.get(t, k, r)),
    }) as unknown as CertificateRow;
    const full = withFullVcJwt(row);
    const afterCopy = credentialReads;
    expect([full.id, full.status]).toEqual(["abc", "active"]);
    expect(credentialReads).toBe(afterCopy);
    expect(full.vc_jwt).toBe(jwt);
    expect(credentialReads).toBe(afterCopy + 1);
    expect(full.vc_jwt).toBe(jwt);
    expect(credentialReads).toBe(afterCopy + 1);
    // Copies (spread, JSON) carry the whole JWT.
    expect({ ...full }.vc_jwt).toBe(jwt);
    expect(JSON.parse(JSON.stringify(full)).vc_jwt).toBe(jwt);
  });
});
