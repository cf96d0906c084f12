/** Cloudflare Access JWT validation with locally generated keys (no network). */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { accessIssuer, createAccessVerifier, type AccessVerifier } from "../../../src/adapters/access/access-jwt";

const TEAM = "wego.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const NOW = new Date("2026-12-01T09:00:00Z");
const now = () => NOW;

let key: CryptoKey;
let otherKey: CryptoKey;
let verify: AccessVerifier;

async function jwt(claims: JWTPayload, o: { key?: CryptoKey; kid?: string; alg?: string } = {}) {
  const iat = Math.floor(NOW.getTime() / 1000) - 60;
  return new SignJWT({ email: "staff@we-gov.org", type: "app", ...claims })
    .setProtectedHeader({ alg: o.alg ?? "RS256", kid: o.kid ?? "k1" })
    .setIssuedAt(iat)
    .setSubject("3b4c6f52-0000-4000-8000-000000000001")
    .setIssuer(claims.iss ?? `https://${TEAM}`)
    .setAudience(claims.aud ?? [AUD])
    .setExpirationTime(claims.exp ?? iat + 3600)
    .sign(o.key ?? key);
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  key = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  verify = createAccessVerifier({ teamDomain: TEAM, audience: AUD }, createLocalJWKSet({ keys: [jwk] }), now);
});

describe("Cloudflare Access JWT", () => {
  it("accepts a JWT signed by the team's key for this application, and returns the email lower-cased", async () => {
    expect(await verify(await jwt({ email: "Park.JS@We-Gov.org" }))).toEqual({
      ok: true,
      value: { email: "park.js@we-gov.org", subject: "3b4c6f52-0000-4000-8000-000000000001" },
    });
  });

  it("refuses an expired JWT (beyond the 60 s leeway)", async () => {
    const exp = Math.floor(NOW.getTime() / 1000) - 61;
    expect(await verify(await jwt({ exp }))).toMatchObject({ ok: false, error: { code: "ERR_ACCESS_EXPIRED" } });
  });

  it("refuses a JWT for another Access application (wrong audience)", async () => {
    expect(await verify(await jwt({ aud: ["another-application-aud"] }))).toMatchObject({
      ok: false,
      error: { code: "ERR_ACCESS_WRONG_AUDIENCE" },
    });
  });

  it("refuses a JWT from another team (wrong issuer)", async () => {
    expect(await verify(await jwt({ iss: "https://attacker.cloudflareaccess.com" }))).toMatchObject({
      ok: false,
      error: { code: "ERR_ACCESS_WRONG_ISSUER" },
    });
  });

  it("refuses a JWT signed by a key the team does not publish, and garbage", async () => {
    expect(await verify(await jwt({}, { key: otherKey }))).toMatchObject({
      ok: false,
      error: { code: "ERR_ACCESS_INVALID" },
    });
    expect(await verify("not.a.jwt")).toMatchObject({ ok: false, error: { code: "ERR_ACCESS_INVALID" } });
    expect(await verify("")).toMatchObject({ ok: false, error: { code: "ERR_ACCESS_INVALID" } });
  });

  it("refuses a JWT without an email (an Access service token is not a staff member)", async () => {
    expect(await verify(await jwt({ email: undefined, common_name: "ci.access" }))).toMatchObject({
      ok: false,
      error: { code: "ERR_ACCESS_NO_EMAIL" },
    });
  });

  it("derives the issuer from a bare team name or a URL", () => {
    expect(accessIssuer("wego")).toBe("https://wego.cloudflareaccess.com");
    expect(accessIssuer("https://WeGO.cloudflareaccess.com/")).toBe("https://wego.cloudflareaccess.com");
  });
});
