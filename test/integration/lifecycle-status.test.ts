/** Revocation, suspension, expiry: through /credentials/verify and by decoding the published list. */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createStore } from "../../src/adapters/storage/database";
import { call, issue, postJson, verify } from "../support/api";
import { client, failingD1, testDeps, workerEnv } from "../support/deps";

/** Independent Bitstring Status List reader (spec §3.2): fetch, multibase-u decode, gunzip, read bit. */
async function bitOf(entry: { statusListCredential: string; statusListIndex: string }) {
  const path = new URL(entry.statusListCredential).pathname;
  const list = await (await call(path)).json<any>();
  expect(list.type).toContain("BitstringStatusListCredential");
  expect(list.proof.cryptosuite).toBe("eddsa-rdfc-2022");
  const encoded: string = list.credentialSubject.encodedList;
  expect(encoded[0]).toBe("u");
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  expect(bytes.length).toBeGreaterThanOrEqual(16384);
  const i = Number(entry.statusListIndex);
  return (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
}

const statusOf = (vc: any) =>
  vc.credentialStatus as { statusPurpose: string; statusListCredential: string; statusListIndex: string }[];

describe("credential status", () => {
  it("carries revocation then suspension entries pointing at served lists", async () => {
    const { credential } = await issue();
    const [r, s] = statusOf(credential);
    expect([r!.statusPurpose, s!.statusPurpose]).toEqual(["revocation", "suspension"]);
    expect(r!.statusListIndex).toBe(s!.statusListIndex);
    expect(await bitOf(r!)).toBe(0);
    expect(await bitOf(s!)).toBe(0);
    const res = await call(new URL(r!.statusListCredential).pathname);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers.get("cache-control")).toContain("max-age=60");
    const again = await call(new URL(r!.statusListCredential).pathname, {
      headers: { "if-none-match": res.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
    // Signed by WeGO's key, but not a certificate: the certificate verifier must not call it valid.
    const listVerdict = await verify(await res.json());
    expect(listVerdict.body.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(["ERR_NOT_A_CERTIFICATE"]),
    );
  });

  it("revoke: bit set, verify says revoked with the reason; revoke again and unsuspend are 409", async () => {
    const { id, credential } = await issue();
    const res = await postJson(`/admin/certificates/${id}/revoke`, {
      reason: "issued-in-error",
      note: "Wrong workshop city entered by staff",
    });
    expect(res.status).toBe(200);
    expect(await bitOf(statusOf(credential)[0]!)).toBe(1);
    const { status, body } = await verify(credential);
    expect([status, body.verified, body.verdict]).toEqual([400, false, "revoked"]);
    expect(body.statusDetail).toMatchObject({ state: "revoked", reason: "issued-in-error" });
    // The staff note is internal: no public answer carries it.
    expect(JSON.stringify(body)).not.toContain("Wrong workshop city");
    expect((await postJson(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(409);
    expect((await postJson(`/admin/certificates/${id}/unsuspend`, {})).status).toBe(409);
    expect((await postJson(`/admin/certificates/${id}/suspend`, { reason: "under-review" })).status).toBe(409);
  });

  it("suspend then unsuspend: bit set then cleared, verdict suspended then valid", async () => {
    const { id, credential } = await issue();
    expect((await postJson(`/admin/certificates/${id}/suspend`, { reason: "under-review" })).status).toBe(200);
    expect(await bitOf(statusOf(credential)[1]!)).toBe(1);
    expect(await bitOf(statusOf(credential)[0]!)).toBe(0);
    expect((await verify(credential)).body.verdict).toBe("suspended");
    expect((await postJson(`/admin/certificates/${id}/unsuspend`, { note: "Review done" })).status).toBe(200);
    expect(await bitOf(statusOf(credential)[1]!)).toBe(0);
    expect((await verify(credential)).body.verdict).toBe("valid");
  });

  it("reason is required; unknown certificate is 404", async () => {
    const { id } = await issue();
    const p = await (await postJson(`/admin/certificates/${id}/revoke`, {})).json<any>();
    expect([p.status, p.field]).toEqual([400, "reason"]);
    expect((await postJson(`/admin/certificates/AAAAAAAAAAAAAAAAAAAAAA/revoke`, { reason: "withdrawn" })).status).toBe(
      404,
    );
  });

  it("100 concurrent revocations of different certificates set exactly 100 bits", async () => {
    const issued = [];
    for (let i = 0; i < 100; i++) issued.push(await issue(`Participant ${i}`));
    const before = await (
      await call(new URL(statusOf(issued[0]!.credential)[0]!.statusListCredential).pathname)
    ).json<any>();
    const countBits = (list: any) => {
      const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), "base64url"));
      let n = 0;
      for (const b of bytes) for (let k = 0; k < 8; k++) n += (b >> k) & 1;
      return n;
    };
    const base = countBits(before);
    const results = await Promise.all(
      issued.map((c) => postJson(`/admin/certificates/${c.id}/revoke`, { reason: "withdrawn" })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const after = await (
      await call(new URL(statusOf(issued[0]!.credential)[0]!.statusListCredential).pathname)
    ).json<any>();
    expect(countBits(after) - base).toBe(100);
    for (const c of issued.slice(0, 5)) expect(await bitOf(statusOf(c.credential)[0]!)).toBe(1);
  });

  it("a status list that cannot be read gives could-not-check (503), never valid", async () => {
    const { credential } = await issue();
    const deps = await testDeps({
      store: createStore(failingD1(workerEnv.DB, (sql) => /status_index/.test(sql) && /select/i.test(sql))),
    });
    const res = await client(deps).post("/credentials/verify", { verifiableCredential: credential });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    const body = await res.json<any>();
    expect([body.verified, body.verdict]).toEqual([false, "could-not-check"]);
    expect(body.checks.find((c: any) => c.check === "status").status).toBe("could-not-check");
  });

  it("expiry and not-yet-valid are reported from the clock", async () => {
    const { credential } = await issue("Time Traveller", "champions-2023-online", {
      validUntil: "2030-01-01T00:00:00Z",
    });
    const future = await testDeps({ clock: () => new Date("2031-01-01T00:00:00Z") });
    const late = await (
      await client(future).post("/credentials/verify", { verifiableCredential: credential })
    ).json<any>();
    expect([late.verified, late.verdict]).toEqual([false, "expired"]);
    const past = await testDeps({ clock: () => new Date("2020-06-01T00:00:00Z") });
    const early = await (
      await client(past).post("/credentials/verify", { verifiableCredential: credential })
    ).json<any>();
    expect([early.verified, early.verdict]).toEqual([false, "not-yet-valid"]);
  });

  it("corrections: reissue revokes the old one as replaced and links to the new one", async () => {
    const old = await issue("Lemen Aliyeva", "champions-2023-workshop-baku");
    const res = await postJson(`/admin/certificates/${old.id}/reissue`, {
      recipient: { name: "Ləman Əliyeva", email: "leman@example.org" },
      achievementId: "champions-2023-workshop-baku",
    });
    expect(res.status).toBe(201);
    const fresh = await res.json<any>();
    expect(fresh.supersedes).toBe(old.id);
    expect((fresh.credential.credentialSubject as any).name).toBe("Ləman Əliyeva");
    const v = (await verify(old.credential)).body;
    expect(v.verdict).toBe("revoked");
    expect(v.statusDetail).toMatchObject({ reason: "replaced", supersededBy: fresh.id });
    expect((await verify(fresh.credential)).body.verified).toBe(true);
    const again = await postJson(`/admin/certificates/${old.id}/reissue`, {
      recipient: { name: "X", email: "x@example.org" },
      achievementId: "champions-2023-workshop-baku",
    });
    expect(again.status).toBe(409);
  });
});
