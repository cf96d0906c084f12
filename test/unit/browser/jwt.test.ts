import { beforeAll, describe, expect, it } from "vitest";
import { keyUsableAt, verifyJwtInBrowser } from "../../../src/browser/jwt";
import { credential, DID, testKey, vcJwt, type TestKey } from "./fixtures";

let key: TestKey;
let payload: Record<string, unknown>;

beforeAll(async () => {
  key = await testKey();
  payload = await credential();
});

describe("keyUsableAt (JWKS status and window at the signing time)", () => {
  const at = Date.parse("2024-06-01T00:00:00Z");
  it.each([
    [{ status: "active", notBefore: "2024-01-01T00:00:00Z" }, true],
    [{ status: "retired", notBefore: "2024-01-01T00:00:00Z", notAfter: "2025-01-01T00:00:00Z" }, true],
    [{ status: "retired", notBefore: "2023-01-01T00:00:00Z", notAfter: "2024-05-31T23:59:59Z" }, false],
    [{ status: "active", notBefore: "2024-06-02T00:00:00Z" }, false],
    [{ status: "compromised", notBefore: "2024-01-01T00:00:00Z" }, false],
    [{ notBefore: "2024-01-01T00:00:00Z" }, false],
    [{ status: "active" }, false],
    [{ status: "active", notBefore: "yesterday" }, false],
    [{ status: "retired", notBefore: "2024-01-01T00:00:00Z", notAfter: "soon" }, false],
  ])("%j → %s", (entry, usable) => {
    expect(keyUsableAt(entry, at)).toBe(usable);
  });

  it("refuses an unreadable signing time", () => {
    expect(keyUsableAt({ status: "active", notBefore: "2024-01-01T00:00:00Z" }, NaN)).toBe(false);
  });
});

describe("verifyJwtInBrowser", () => {
  it("accepts WeGO's VC-JWT signed with a published, usable key", async () => {
    const r = await verifyJwtInBrowser(vcJwt(payload, key), [key.jwk], DID);
    expect(r).toEqual({ ok: true, value: payload });
  });

  it("finds the key whether the JWKS names it by DID URL (as served now) or by bare thumbprint", async () => {
    const byDidUrl = { ...key.jwk, kid: `${DID}#${key.jwk.kid}` };
    expect(await verifyJwtInBrowser(vcJwt(payload, key), [byDidUrl], DID)).toEqual({ ok: true, value: payload });
    const elsewhere = { ...key.jwk, kid: `did:web:evil.example#${key.jwk.kid}` };
    expect((await verifyJwtInBrowser(vcJwt(payload, key), [elsewhere], DID)).ok).toBe(false);
  });

  it("pins the issuer to WeGO's DID: a foreign issuer fails even with WeGO's key id and a valid signature", async () => {
    const foreign = await credential({ issuerDid: "did:web:evil.example" });
    expect(await verifyJwtInBrowser(vcJwt(foreign, key), [key.jwk], DID)).toEqual({
      ok: false,
      error: { code: "ERR_JWT_ISSUER", message: "issuer is not WeGO" },
    });
    const foreignKid = vcJwt(foreign, key, { kid: `did:web:evil.example#${key.kid}` });
    expect((await verifyJwtInBrowser(foreignKid, [key.jwk], DID)).ok).toBe(false);
    expect((await verifyJwtInBrowser(foreignKid, [key.jwk], "did:web:evil.example")).ok).toBe(true);
    const kidElsewhere = vcJwt(payload, key, { kid: `did:web:evil.example#${key.kid}` });
    expect(await verifyJwtInBrowser(kidElsewhere, [key.jwk], DID)).toEqual({
      ok: false,
      error: { code: "ERR_JWT_KEY_NOT_ISSUERS", message: "key not the issuer's" },
    });
  });

  it("refuses a compromised key, a key retired before the signing time, and a key with no status", async () => {
    const jwt = vcJwt(payload, key);
    for (const entry of [
      { status: "compromised" },
      { status: "retired", notAfter: "2023-06-01T00:00:00Z" },
      { status: undefined },
    ])
      expect(await verifyJwtInBrowser(jwt, [{ ...key.jwk, ...entry }], DID)).toEqual({
        ok: false,
        error: { code: "ERR_JWT_KEY_NOT_VALID", message: "key not valid at issuance" },
      });
  });

  it("refuses an unpublished key, a tampered payload, other algorithms and garbage", async () => {
    const other = await testKey();
    expect(await verifyJwtInBrowser(vcJwt(payload, key), [other.jwk], DID)).toMatchObject({
      ok: false,
      error: { code: "ERR_JWT_KEY_NOT_PUBLISHED" },
    });
    const [h, , s] = vcJwt(payload, key).split(".");
    const tampered = Buffer.from(JSON.stringify({ ...payload, name: "Other" })).toString("base64url");
    expect(await verifyJwtInBrowser(`${h}.${tampered}.${s}`, [key.jwk], DID)).toEqual({
      ok: false,
      error: { code: "ERR_JWT_SIGNATURE", message: "signature does not match" },
    });
    expect(await verifyJwtInBrowser(vcJwt(payload, key, { alg: "none" }), [key.jwk], DID)).toMatchObject({
      ok: false,
      error: { code: "ERR_JWT_HEADER" },
    });
    for (const junk of ["", "a.b", "a.b.c", "..", `${h}.${tampered}.AAAA`])
      expect((await verifyJwtInBrowser(junk, [key.jwk], DID)).ok).toBe(false);
    expect(await verifyJwtInBrowser(vcJwt(payload, key), [key.jwk], "")).toMatchObject({
      ok: false,
      error: { code: "ERR_JWT_NO_ISSUER" },
    });
  });
});
