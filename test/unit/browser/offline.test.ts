import { beforeAll, describe, expect, it } from "vitest";
import { verifyOffline, type OfflineInput } from "../../../src/browser/offline";
import { BAKU, credential, DID, ID, ISSUED, qrToken, shownFor, testKey, vcJwt, type TestKey } from "./fixtures";

let key: TestKey;
let base: OfflineInput;

beforeAll(async () => {
  key = await testKey();
  const c = await credential();
  base = {
    id: ID,
    token: await qrToken(key),
    keys: [key.jwk],
    issuerDid: DID,
    shown: shownFor(c),
    achievementId: BAKU.id,
    jwt: vcJwt(c, key),
    now: Date.parse("2024-01-01T00:00:00Z"),
  };
});

describe("verifyOffline", () => {
  it("with the saved VC-JWT, checks every shown field", async () => {
    expect(await verifyOffline(base)).toMatchObject({ ok: true, value: { scope: "all-fields", validity: "current" } });
  });

  it("finds the key in a saved JWKS that names it by DID URL, as the service publishes it now", async () => {
    const byDidUrl = { ...key.jwk, kid: `${DID}#${key.jwk.kid}` };
    expect(await verifyOffline({ ...base, keys: [byDidUrl] })).toMatchObject({
      ok: true,
      value: { scope: "all-fields" },
    });
  });

  it("without the saved credential, checks only the token's facts and says so", async () => {
    const r = await verifyOffline({ ...base, jwt: undefined });
    expect(r).toMatchObject({ ok: true, value: { scope: "token-fields", achievementId: BAKU.id } });
  });

  it("without the saved credential, still compares name, programme and both dates with the page", async () => {
    const cases: [Partial<OfflineInput>, string, string][] = [
      [{ shown: { ...base.shown, participant: "Mallory" } }, "ERR_OFFLINE_NAME", "name does not match"],
      [{ achievementId: "champions-2023-online" }, "ERR_OFFLINE_PROGRAMME", "programme does not match"],
      [
        { shown: { ...base.shown, "valid-from": "2023-10-03T09:00:00Z" } },
        "ERR_OFFLINE_VALID_FROM",
        "issue date does not match",
      ],
      [
        { shown: { ...base.shown, "valid-until": "2030-01-01T00:00:00Z" } },
        "ERR_OFFLINE_VALID_UNTIL",
        "end date does not match",
      ],
      [{ shown: { ...base.shown, participant: undefined } }, "ERR_OFFLINE_NAME", "name does not match"],
    ];
    for (const [change, code, message] of cases)
      expect(await verifyOffline({ ...base, jwt: undefined, ...change })).toEqual({
        ok: false,
        error: { code, message },
      });
  });

  it("with the saved credential, a changed city, venue, theme or description on the page fails", async () => {
    for (const field of ["city", "venue", "themes", "description", "achievement-name", "official"] as const) {
      const r = await verifyOffline({ ...base, shown: { ...base.shown, [field]: "Edited" } });
      expect(r, field).toEqual({
        ok: false,
        error: { code: "ERR_OFFLINE_CREDENTIAL_FIELDS", message: "details shown differ from the signed credential" },
      });
    }
    const extra = await verifyOffline({
      ...base,
      shown: { ...base.shown, "valid-until": undefined, venue: undefined },
    });
    expect(extra.ok).toBe(false);
  });

  it("refuses a token signed by a key that was retired at that date, or is compromised", async () => {
    const retired = { ...key.jwk, status: "retired", notAfter: "2023-06-01T00:00:00Z" };
    const compromised = { ...key.jwk, status: "compromised" };
    for (const jwk of [retired, compromised])
      expect(await verifyOffline({ ...base, keys: [jwk], jwt: undefined })).toEqual({
        ok: false,
        error: {
          code: "ERR_OFFLINE_KEY_UNUSABLE",
          message: "signed by a key that was retired or compromised at that date",
        },
      });
    const stillValid = { ...key.jwk, status: "retired", notAfter: "2024-06-01T00:00:00Z" };
    expect((await verifyOffline({ ...base, keys: [stillValid] })).ok).toBe(true);
  });

  it("refuses a foreign issuer in the saved credential, even signed with WeGO's key", async () => {
    const foreign = vcJwt(await credential({ issuerDid: "did:web:evil.example" }), key);
    expect(await verifyOffline({ ...base, jwt: foreign })).toEqual({
      ok: false,
      error: {
        code: "ERR_OFFLINE_CREDENTIAL",
        message: "saved credential: issuer is not WeGO",
        credential: "ERR_JWT_ISSUER",
      },
    });
  });

  it("refuses another key, a tampered token, a token for another certificate, and reports missing keys", async () => {
    const other = await testKey();
    expect(await verifyOffline({ ...base, keys: [other.jwk] })).toMatchObject({
      ok: false,
      error: { code: "ERR_OFFLINE_SIGNATURE" },
    });
    const t = base.token;
    const flipped = t.slice(0, 30) + (t[30] === "A" ? "B" : "A") + t.slice(31);
    expect((await verifyOffline({ ...base, token: flipped })).ok).toBe(false);
    expect(await verifyOffline({ ...base, id: "ZZZZZZZZZZZZZZZZZZZZZZ" })).toMatchObject({
      ok: false,
      error: { code: "ERR_OFFLINE_SIGNATURE" },
    });
    expect(await verifyOffline({ ...base, keys: [] })).toEqual({
      ok: false,
      error: { code: "ERR_OFFLINE_NO_KEYS", message: "no keys saved" },
    });
    expect(await verifyOffline({ ...base, token: "%zz" })).toEqual({
      ok: false,
      error: { code: "ERR_OFFLINE_TOKEN_MALFORMED", message: "malformed token" },
    });
  });

  it("reports expired and not-yet-valid from the token's signed dates", async () => {
    const until = new Date("2023-12-31T00:00:00Z");
    const c = await credential({ validUntil: until.toISOString().replace(".000", "") });
    const input = { ...base, token: await qrToken(key, { validUntil: until }), shown: shownFor(c), jwt: vcJwt(c, key) };
    expect(await verifyOffline(input)).toMatchObject({ ok: true, value: { validity: "expired" } });
    expect(await verifyOffline({ ...input, now: ISSUED.getTime() - 1000 })).toMatchObject({
      ok: true,
      value: { validity: "not-yet-valid" },
    });
  });

  it("never throws, whatever it is given", async () => {
    const junk = { ...base, keys: [null, 1, { kid: 5 }] as never, shown: null as never };
    expect((await verifyOffline(junk)).ok).toBe(false);
  });
});
