/**
 * The console behind Cloudflare Access (locally generated team keys): the Access JWT is required on
 * every request, the email maps to a staff account, an unknown email gets a clear page. Also the
 * idle expiry of token sessions, with a controlled clock.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccessVerifier } from "../../src/adapters/access/access-jwt";
import { createApp } from "../../src/app";
import { addStaff } from "../../src/services/staff";
import { ADMIN, BASE } from "../support/api";
import { consoleClient } from "../support/console";
import { testDeps, workerEnv } from "../support/deps";

const TEAM = "wego-test.cloudflareaccess.com";
const AUD = "console-aud-tag";
let key: CryptoKey;
let verifier: ReturnType<typeof createAccessVerifier>;

async function accessJwt(email: string) {
  return new SignJWT({ email, type: "app" })
    .setProtectedHeader({ alg: "RS256", kid: "team-key" })
    .setIssuedAt()
    .setExpirationTime("10m")
    .setIssuer(`https://${TEAM}`)
    .setAudience([AUD])
    .setSubject(email)
    .sign(key);
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "team-key", alg: "RS256" };
  verifier = createAccessVerifier({ teamDomain: TEAM, audience: AUD }, createLocalJWKSet({ keys: [jwk] }));
});

describe("console behind Cloudflare Access", () => {
  it("refuses requests without a valid Access JWT, shows 'not a WeGO staff account' to unknown emails, signs staff in", async () => {
    const deps = await testDeps({ access: verifier });
    const app = createApp(deps);
    const fetchApp = (path: string, init?: RequestInit) => app.request(BASE + path, init);
    const browser = consoleClient(fetchApp);

    const none = await browser.get("/console");
    expect(none.status).toBe(401);
    expect(await none.text()).toContain("Sign in through Cloudflare Access");
    // The token form is not offered: Access decides who gets in.
    expect((await browser.get("/console/sign-in")).status).toBe(303);

    const stranger = await browser.get("/console", { "cf-access-jwt-assertion": await accessJwt("someone@gmail.com") });
    expect(stranger.status).toBe(403);
    const strangerPage = await stranger.text();
    expect(strangerPage).toContain("Not a WeGO staff account");
    expect(strangerPage).toContain("someone@gmail.com");
    expect(strangerPage).not.toContain("/console/certificates");

    await addStaff(
      deps,
      { email: "Programme.Officer@we-gov.org", name: "Programme Officer", scopes: ["read", "revoke"] },
      { actor: "test" },
    );
    const jwt = await accessJwt("programme.officer@we-gov.org");
    const staff = await browser.get("/console", { "cf-access-jwt-assertion": jwt });
    expect(staff.status).toBe(200);
    const dash = await staff.text();
    expect(dash).toContain("Programme Officer &#60;programme.officer@we-gov.org&#62;");
    expect(dash).not.toContain('href="/console/issue"');
    // The session cookie alone is not enough: every request needs the Access JWT.
    expect((await browser.get("/console")).status).toBe(401);
    const audit = await workerEnv.DB.prepare(
      "SELECT actor FROM audit_log WHERE action = 'console.sign-in' ORDER BY seq DESC LIMIT 1",
    ).first<any>();
    expect(audit.actor).toBe("staff:programme.officer@we-gov.org");

    const wrongAud = await new SignJWT({ email: "programme.officer@we-gov.org" })
      .setProtectedHeader({ alg: "RS256", kid: "team-key" })
      .setIssuedAt()
      .setExpirationTime("10m")
      .setIssuer(`https://${TEAM}`)
      .setAudience(["another-app"])
      .sign(key);
    expect((await browser.get("/console", { "cf-access-jwt-assertion": wrongAud })).status).toBe(401);
  });
});

describe("token sessions", () => {
  it("end after 30 minutes without a request", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const deps = await testDeps({ clock: () => new Date(now) });
    const app = createApp(deps);
    const browser = consoleClient((path, init) => app.request(BASE + path, init));
    expect((await browser.signIn(ADMIN)).status).toBe(303);
    now += 29 * 60_000;
    expect((await browser.get("/console")).status).toBe(200);
    now += 29 * 60_000; // active 29 minutes ago: still alive
    expect((await browser.get("/console")).status).toBe(200);
    now += 31 * 60_000;
    const expired = await browser.get("/console");
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe("/console/sign-in?expired");
  });
});
