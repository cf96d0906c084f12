/**
 * Red team 2: validUntil far in the future. The QR token states dates as uint32 Unix seconds, so
 * a date at or after 2106-02-07T06:28:16Z (and any year past 9999) cannot be stated there: every
 * entry point refuses it alike, and what they accept they store alike.
 */
import { describe, expect, it } from "vitest";
import { parseCompactToken } from "../../src/domain/compact-token";
import { ADMIN, call, postJson, verify } from "../support/api";

const auth = { authorization: `Bearer ${ADMIN}` };
const ONLINE = "http://127.0.0.1:8787/achievements/champions-2023-online";

async function drive(id: string) {
  for (let i = 0; i < 50; i++) {
    const r = await (await call(`/admin/batches/${id}/process`, { method: "POST", headers: auth })).json<any>();
    if (r.done) return r;
  }
  throw new Error("batch did not finish");
}

async function threeWays(name: string, validUntil: string, email: string) {
  const single = await postJson("/admin/certificates", {
    recipient: { name, email },
    achievementId: "champions-2023-online",
    validUntil,
  });
  const vcapi = await postJson("/credentials/issue", {
    credential: {
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      validUntil,
      credentialSubject: {
        type: ["AchievementSubject"],
        name,
        identifier: [{ type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: email }],
        achievement: { id: ONLINE, type: ["Achievement"] },
      },
    },
  });
  const batch = await postJson("/admin/batches", {
    rows: [{ name, email, achievementId: "champions-2023-online", externalId: `rt2-${Math.random()}`, validUntil }],
  });
  expect(batch.status).toBe(202);
  return { single, vcapi, batch: await batch.json<any>() };
}

describe("redteam2: validUntil beyond what the QR token can state", () => {
  it.each([
    ["a date after 2106", "2200-01-01"],
    ["the first second the token cannot state", "2106-02-07T06:28:16Z"],
    ["year 10000 reached through a time-zone offset", "9999-12-31T23:59:59-23:59"],
  ])("%s is refused by single, VC-API and bulk issuance alike", async (_, validUntil) => {
    const { single, vcapi, batch } = await threeWays("Far Future", validUntil, "far@example.org");
    expect([single.status, vcapi.status]).toEqual([400, 400]);
    expect((await single.json<any>()).field).toBe("validUntil");
    expect((await vcapi.json<any>()).field).toBe("credential.validUntil");
    expect(batch.counts.failed).toBe(1);
  });

  it("the last second the token can state is accepted, and token and credential agree", async () => {
    const res = await postJson("/admin/certificates", {
      recipient: { name: "Edge Of Time", email: "edge@example.org" },
      achievementId: "champions-2023-online",
      validUntil: "2106-02-07T06:28:15Z",
    });
    expect(res.status).toBe(201);
    const body = await res.json<any>();
    const token = parseCompactToken(new URL(body.qrUrl).hash.slice(1))!;
    expect(token.validUntil).toBe(Date.parse(body.credential.validUntil) / 1000);
    expect((await verify(body.credential)).body.verdict).toBe("valid");
  });

  it("single, VC-API and JSON batch issuance store the same facts (fraction + offset, spaced name)", async () => {
    const { single, vcapi, batch } = await threeWays(
      "  Agree\u200B  Name\u00a0 ",
      "2030-06-30T12:00:00.5+09:00",
      "agree@example.org",
    );
    expect([single.status, vcapi.status]).toEqual([201, 201]);
    expect(batch.counts.failed).toBe(0);
    await drive(batch.id);
    const report = await (await call(`/admin/batches/${batch.id}`, { headers: auth })).json<any>();
    const batchCert = await (
      await call(new URL(report.rows[0].url).pathname, { headers: { accept: "application/json" } })
    ).json<any>();
    const s = (await single.json<any>()).credential;
    const v = (await vcapi.json<any>()).verifiableCredential;
    const facts = (c: any) => ({ validUntil: c.validUntil, name: c.credentialSubject.name });
    expect(facts(v)).toEqual(facts(s));
    expect(facts(batchCert)).toEqual(facts(s));
  });
});
