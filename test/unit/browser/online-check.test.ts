import { beforeAll, describe, expect, it } from "vitest";
import { browserRecheck, type RecheckInput } from "../../../src/browser/online-check";
import { BAKU, credential, DID, ID, shownFor, testKey, vcJwt, type TestKey } from "./fixtures";

let key: TestKey;
let base: RecheckInput;

beforeAll(async () => {
  key = await testKey();
  const c = await credential();
  const jwt = vcJwt(c, key);
  base = {
    verdict: "valid",
    id: ID,
    issuerDid: DID,
    achievementId: BAKU.id,
    shown: shownFor(c),
    now: Date.parse("2024-01-01T00:00:00Z"),
    fetchJwt: async () => jwt,
    fetchKeys: async () => [key.jwk],
  };
});

describe("browserRecheck (the second check on a live page)", () => {
  it("passes when the VC-JWT signs exactly every field shown", async () => {
    expect(await browserRecheck(base)).toEqual({ state: "ok" });
  });

  it.each(["revoked", "suspended", "expired", "invalid", "not-yet-valid", "could-not-check", undefined])(
    "is not run, and shows nothing, on a %s page",
    async (verdict) => {
      let fetched = false;
      const r = await browserRecheck({
        ...base,
        verdict,
        fetchJwt: async () => {
          fetched = true;
          return "";
        },
      });
      expect(r).toEqual({ state: "hidden" });
      expect(fetched).toBe(false);
    },
  );

  it("fails when any shown field differs from the signed credential, or a signed field is not shown", async () => {
    for (const field of ["participant", "city", "venue", "themes", "date", "valid-from", "issuer-name"] as const)
      expect(await browserRecheck({ ...base, shown: { ...base.shown, [field]: "Edited" } }), field).toMatchObject({
        state: "failed",
      });
    const { venue: _venue, ...withoutVenue } = base.shown;
    expect(await browserRecheck({ ...base, shown: withoutVenue })).toMatchObject({ state: "failed" });
    expect(await browserRecheck({ ...base, achievementId: "champions-2023-online" })).toMatchObject({
      state: "failed",
    });
  });

  it("fails for another certificate, a foreign issuer, and outside the validity period", async () => {
    expect(await browserRecheck({ ...base, id: "ZZZZZZZZZZZZZZZZZZZZZZ" })).toMatchObject({ state: "failed" });
    const foreign = vcJwt(await credential({ issuerDid: "did:web:evil.example" }), key);
    expect(await browserRecheck({ ...base, fetchJwt: async () => foreign })).toEqual({
      state: "failed",
      reason: "issuer is not WeGO",
    });
    const ended = await credential({ validUntil: "2023-12-31T00:00:00Z" });
    const r = await browserRecheck({ ...base, shown: shownFor(ended), fetchJwt: async () => vcJwt(ended, key) });
    expect(r).toEqual({ state: "failed", reason: "outside the validity period" });
  });

  it("is 'unavailable', not a verdict, when the keys or the JWT cannot be fetched", async () => {
    expect(await browserRecheck({ ...base, fetchKeys: () => Promise.reject(new Error("offline")) })).toEqual({
      state: "unavailable",
    });
  });
});
