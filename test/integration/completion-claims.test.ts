/**
 * GET /claim/{source}?token=…: a simulated platform signs claim-link JWTs with `jose`. A link
 * issues once and lands on the certificate page; expired, tampered or forged links explain
 * themselves on a plain-language page (EN/KO) with the pages' strict CSP.
 */
import { env } from "cloudflare:test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN, call } from "../support/api";
import { client, testDeps } from "../support/deps";
import { claimToken, createSource } from "../support/platform";

const db = (env as unknown as { DB: D1Database }).DB;
const HTML = { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" };

function open(source: string, token: string, headers: Record<string, string> = HTML) {
  return call(`/claim/${source}?token=${encodeURIComponent(token)}`, { headers, redirect: "manual" });
}

async function certificatesFor(source: string): Promise<string[]> {
  const r = await db
    .prepare("SELECT DISTINCT certificate_id AS id FROM completion_claims WHERE source_id = ?")
    .bind(source)
    .all<{ id: string }>();
  return r.results.map((x) => x.id);
}

describe("claim links", () => {
  it("opened twice: one certificate, both times a redirect to its page (in the link's language)", async () => {
    const s = await createSource("claim-twice", { "course-7": "champions-2023-online" });
    const token = await claimToken(s.claimSecret, {
      name: "김민준",
      email: "minjun@example.org",
      course: "course-7",
      jti: "link-1",
      lang: "ko",
    });
    const first = await open(s.id, token);
    expect(first.status).toBe(303);
    const location = first.headers.get("location")!;
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:8787\/c\/[A-Za-z0-9_-]{22}\?lang=ko$/);
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    const second = await open(s.id, token);
    expect([second.status, second.headers.get("location")]).toEqual([303, location]);
    expect(await certificatesFor(s.id)).toHaveLength(1);
    const page = await call(new URL(location).pathname + "?lang=ko", { headers: HTML });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("김민준");
    const json = await open(s.id, token, { accept: "application/json" });
    expect([json.status, (await json.json<any>()).outcome]).toEqual([200, "duplicate"]);
  });

  it("opened five times at once: one certificate, every answer leads to it", async () => {
    const s = await createSource("claim-race", { c: "champions-2023-online" });
    const token = await claimToken(s.claimSecret, {
      name: "Ann Lee",
      email: "a@example.org",
      course: "c",
      jti: "race",
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => open(s.id, token)));
    expect(answers.map((r) => r.status)).toEqual([303, 303, 303, 303, 303]);
    expect(new Set(answers.map((r) => r.headers.get("location"))).size).toBe(1);
    expect(await certificatesFor(s.id)).toHaveLength(1);
  });

  it("an expired link explains itself (EN and KO) and issues nothing; a used link still leads to its certificate", async () => {
    const s = await createSource("claim-expired", { c: "champions-2023-online" });
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await claimToken(
      s.claimSecret,
      { name: "Ann Lee", email: "a@example.org", course: "c", jti: "old" },
      past,
      past - 600,
    );
    const en = await open(s.id, expired, { ...HTML, "accept-language": "en" });
    expect(en.status).toBe(410);
    expect(en.headers.get("content-security-policy")).toMatch(/default-src 'none'|script-src/);
    const enText = await en.text();
    expect(enText).toContain('data-claim-problem="expired"');
    expect(enText).toContain("This link has expired");
    const ko = await open(s.id, expired, { ...HTML, "accept-language": "ko-KR" });
    expect(await ko.text()).toContain("링크의 유효 기간이 지났습니다");
    const api = await open(s.id, expired, { accept: "application/json" });
    expect([api.status, (await api.json<any>()).code]).toEqual([410, "ERR_CLAIM_EXPIRED"]);
    expect(await certificatesFor(s.id)).toHaveLength(0);

    // A link used while valid keeps working after it expires: same certificate, nothing new.
    const fresh = await claimToken(
      s.claimSecret,
      { name: "Ann Lee", email: "a@example.org", course: "c", jti: "short" },
      "10m",
    );
    const used = await open(s.id, fresh);
    expect(used.status).toBe(303);
    const twoHoursLater = client(await testDeps({ clock: () => new Date(Date.now() + 2 * 3600_000) }));
    const later = await twoHoursLater.get(`/claim/${s.id}?token=${fresh}`, HTML);
    expect([later.status, later.headers.get("location")]).toEqual([303, used.headers.get("location")]);
    const ev = await call(`/admin/completion-events?source=${s.id}&limit=1`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect((await ev.json<any>()).events[0]).toMatchObject({ outcome: "duplicate", messageId: "short" });
    const unused = await claimToken(
      s.claimSecret,
      { name: "Bo Kim", email: "b@example.org", course: "c", jti: "unused" },
      "10m",
    );
    expect((await twoHoursLater.get(`/claim/${s.id}?token=${unused}`, HTML)).status).toBe(410);
    expect(await certificatesFor(s.id)).toHaveLength(1);
  });

  it("a tampered or forged link is refused with a clear page and recorded; nothing is issued", async () => {
    const s = await createSource("claim-forged", { c: "champions-2023-online" });
    const good = await claimToken(s.claimSecret, { name: "Ann Lee", email: "a@example.org", course: "c", jti: "t-1" });
    const [h, p, sig] = good.split(".");
    const payload = JSON.parse(atob(p!.replace(/-/g, "+").replace(/_/g, "/")));
    const evil = btoa(JSON.stringify({ ...payload, name: "Eve Lee" }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    const tampered = await open(s.id, `${h}.${evil}.${sig}`);
    expect(tampered.status).toBe(400);
    const text = await tampered.text();
    expect(text).toContain('data-claim-problem="invalid"');
    expect(text).toContain("This link cannot be used");
    expect(text).not.toContain("Eve Lee");

    const other = await claimToken("not-the-platform-secret-0123456789", {
      name: "Eve",
      email: "e@example.org",
      course: "c",
      jti: "t-2",
    });
    expect((await open(s.id, other)).status).toBe(400);
    const garbage = await open(s.id, "not-a-jwt");
    expect(garbage.status).toBe(400);
    const none = await open(s.id, `${btoa('{"alg":"none"}').replace(/=+$/, "")}.${p}.`);
    expect(none.status).toBe(400);
    expect(await certificatesFor(s.id)).toHaveLength(0);

    const res = await call(`/admin/completion-events?source=${s.id}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const events = (await res.json<any>()).events;
    expect(events).toHaveLength(4);
    expect(
      events.every((e: any) => e.outcome === "rejected" && e.code === "ERR_CLAIM_INVALID" && e.channel === "claim"),
    ).toBe(true);
  });

  it("an unmapped course is explained to the participant and listed for staff", async () => {
    const s = await createSource("claim-unmapped", { c: "champions-2023-online" });
    const token = await claimToken(s.claimSecret, {
      name: "Ann Lee",
      email: "a@example.org",
      course: "zzz",
      jti: "u-1",
    });
    const r = await open(s.id, token);
    expect(r.status).toBe(422);
    expect(await r.text()).toContain('data-claim-problem="unmapped"');
    const res = await call(`/admin/completion-events?source=${s.id}&outcome=rejected`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const [e] = (await res.json<any>()).events;
    expect([e.code, e.course, e.messageId]).toEqual(["ERR_UNMAPPED_COURSE", "zzz", "u-1"]);
  });

  it("verifies links signed with the platform's own Ed25519 key (public JWK registered)", async () => {
    const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const jwk = await exportJWK(publicKey);
    const s = await createSource("claim-jwk", { c: "champions-2023-online" }, { claimJwk: { ...jwk, alg: "EdDSA" } });
    expect(s.body.secrets.claim).toBeUndefined();
    const token = await new SignJWT({ name: "Ann Lee", email: "a@example.org", course: "c", jti: "k-1" })
      .setProtectedHeader({ alg: "EdDSA" })
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
    expect((await open(s.id, token)).status).toBe(303);
    // An HS256 token "signed" with the public key as a shared secret (algorithm confusion) is refused.
    const confused = await new SignJWT({ name: "Eve", email: "e@example.org", course: "c", jti: "k-2" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(JSON.stringify(jwk)));
    expect((await open(s.id, confused)).status).toBe(400);
  });
});
