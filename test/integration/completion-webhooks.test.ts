/**
 * POST /hooks/completions/{source}: a simulated platform signs with `standardwebhooks`; the
 * service verifies, maps the course and participant, issues once, and lists every event for staff.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ADMIN, call, expectHealthy, postJson } from "../support/api";
import { client, workerEnv } from "../support/deps";
import { completionBody, createSource, deliver, signedHeaders } from "../support/platform";
import { createDeps } from "../../src/index";

const db = (env as unknown as { DB: D1Database }).DB;

async function events(source: string) {
  const res = await call(`/admin/completion-events?source=${source}`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json<any>()).events as any[];
}

describe("completion webhooks", () => {
  it("issues a certificate for a signed completion, once, and a retry answers the same certificate", async () => {
    const s = await createSource("hook-basic", { "c-101": "champions-2023-online" });
    const body = completionBody("c-101", "enr-1", "Nguyễn Thị Minh Khai", "minh@example.vn", "ko-KR");
    const headers = signedHeaders(s.webhookSecret, "msg_basic_1", body);
    const first = await deliver(s.id, headers, body);
    expect(first.status).toBe(201);
    const a = await first.json<any>();
    expect(a.outcome).toBe("issued");
    const cert = await (await call(`/c/${a.certificate.id}.json`)).json<any>();
    expect(cert.credentialSubject.name).toBe("Nguyễn Thị Minh Khai");
    expect(cert.credentialSubject.achievement.id).toMatch(/\/achievements\/champions-2023-online$/);

    const again = await deliver(s.id, headers, body);
    expect(again.status).toBe(200);
    expect(await again.json<any>()).toEqual({ outcome: "duplicate", certificate: a.certificate });
    // The platform fires "completed" again for the same enrolment under a new message id.
    const refire = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_basic_2", body), body);
    expect((await refire.json<any>()).certificate.id).toBe(a.certificate.id);

    const list = await events(s.id);
    expect(list.map((e) => e.outcome)).toEqual(["duplicate", "duplicate", "issued"]);
    expect(list.every((e) => e.certificateId === a.certificate.id && e.enrolment === "enr-1")).toBe(true);
    const audit = await db
      .prepare("SELECT actor, action FROM audit_log WHERE target = ?")
      .bind(a.certificate.id)
      .all<{ actor: string; action: string }>();
    expect(audit.results).toEqual([{ actor: "source:hook-basic", action: "certificate.issue" }]);
  });

  it("refuses a bad signature, a replay outside the window and missing headers, with codes, recorded", async () => {
    const s = await createSource("hook-refuse", { "c-1": "champions-2023-online" });
    const body = completionBody("c-1", "enr-x", "Ann Lee", "ann@example.org");
    const forged = signedHeaders("whsec_" + btoa("a".repeat(32)), "msg_forged", body);
    const r1 = await deliver(s.id, forged, body);
    expect([r1.status, (await r1.json<any>()).code]).toEqual([401, "ERR_WEBHOOK_SIGNATURE"]);

    const tampered = signedHeaders(s.webhookSecret, "msg_tampered", body);
    const r2 = await deliver(s.id, tampered, body.replace("Ann Lee", "Eve Lee"));
    expect([r2.status, (await r2.json<any>()).code]).toEqual([401, "ERR_WEBHOOK_SIGNATURE"]);

    // A genuine message captured and replayed ten minutes later.
    const old = new Date(Date.now() - 10 * 60_000);
    const r3 = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_replayed", body, old), body);
    expect([r3.status, (await r3.json<any>()).code]).toEqual([400, "ERR_WEBHOOK_REPLAY"]);

    const { "webhook-signature": _sig, ...unsigned } = signedHeaders(s.webhookSecret, "msg_unsigned", body);
    const r4 = await deliver(s.id, unsigned, body);
    expect([r4.status, (await r4.json<any>()).code]).toEqual([400, "ERR_WEBHOOK_HEADERS"]);

    const list = await events(s.id);
    expect(list.map((e) => [e.outcome, e.code, e.messageId])).toEqual([
      ["rejected", "ERR_WEBHOOK_HEADERS", "msg_unsigned"],
      ["rejected", "ERR_WEBHOOK_REPLAY", "msg_replayed"],
      ["rejected", "ERR_WEBHOOK_SIGNATURE", "msg_tampered"],
      ["rejected", "ERR_WEBHOOK_SIGNATURE", "msg_forged"],
    ]);
    const issued = await db
      .prepare("SELECT count(*) AS n FROM completion_claims WHERE source_id = ?")
      .bind(s.id)
      .first<{ n: number }>();
    expect(issued!.n).toBe(0);
    const audit = await db
      .prepare(
        "SELECT count(*) AS n FROM audit_log WHERE actor = 'source:hook-refuse' AND action = 'completion.reject'",
      )
      .first<{ n: number }>();
    expect(audit!.n).toBe(4);
  });

  it("rejects an unmapped course and a missing name (listed for staff), and issues once the course is mapped", async () => {
    const s = await createSource("hook-unmapped", { "c-1": "champions-2023-online" });
    const body = completionBody("c-999", "enr-u", "Ann Lee", "ann@example.org");
    const r1 = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_u1", body), body);
    const p1 = await r1.json<any>();
    expect([r1.status, p1.code, p1.field]).toEqual([422, "ERR_UNMAPPED_COURSE", "course"]);

    const noName = JSON.stringify({
      data: { course: { id: "c-1" }, enrolment: { id: "e" }, learner: { email: "a@example.org" } },
    });
    const r2 = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_u2", noName), noName);
    const p2 = await r2.json<any>();
    expect([r2.status, p2.code, p2.field]).toEqual([422, "ERR_COMPLETION_FIELD", "name"]);

    const badEmail = completionBody("c-1", "enr-b", "Ann Lee", "not-an-email");
    const r3 = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_u3", badEmail), badEmail);
    expect([r3.status, (await r3.json<any>()).code]).toEqual([422, "ERR_COMPLETION_FIELD"]);

    const rejected = await call(`/admin/completion-events?source=${s.id}&outcome=rejected`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const list = (await rejected.json<any>()).events;
    expect(list.map((e: any) => e.code)).toEqual([
      "ERR_COMPLETION_FIELD",
      "ERR_COMPLETION_FIELD",
      "ERR_UNMAPPED_COURSE",
    ]);
    expect(list[2].course).toBe("c-999");
    expect(list[2].reason).toContain("c-999");

    // Staff map the course; the platform's retry of the same message now issues.
    const patch = await call(`/admin/sources/${s.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ courses: { "c-1": "champions-2023-online", "c-999": "champions-2023-workshop-baku" } }),
    });
    expect(patch.status).toBe(200);
    const retry = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_u1", body), body);
    expect([retry.status, (await retry.json<any>()).outcome]).toEqual([201, "issued"]);
  });

  it("answers 404 ERR_UNKNOWN_SOURCE for an unknown source and writes nothing", async () => {
    const before = await db.prepare("SELECT count(*) AS n FROM completion_events").first<{ n: number }>();
    const body = completionBody("c", "e", "A", "a@example.org");
    const r = await deliver("no-such-source", signedHeaders("whsec_" + btoa("k".repeat(32)), "m", body), body);
    expect([r.status, (await r.json<any>()).code]).toEqual([404, "ERR_UNKNOWN_SOURCE"]);
    const after = await db.prepare("SELECT count(*) AS n FROM completion_events").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it("accepts the previous secret during the rotation grace and refuses it after, never returning secrets again", async () => {
    const s = await createSource("hook-rotate", { "c-1": "champions-2023-online" });
    const rot = await postJson(`/admin/sources/${s.id}/keys`, { purpose: "webhook", graceSeconds: 0 });
    expect(rot.status).toBe(201);
    const { secret } = await rot.json<any>();
    expect(secret).toMatch(/^whsec_/);
    const body = completionBody("c-1", "enr-r", "Ann Lee", "ann@example.org");
    const old = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_r1", body), body);
    expect([old.status, (await old.json<any>()).code]).toEqual([401, "ERR_WEBHOOK_SIGNATURE"]);
    const fresh = await deliver(s.id, signedHeaders(secret, "msg_r2", body), body);
    expect(fresh.status).toBe(201);

    const rot2 = await postJson(`/admin/sources/${s.id}/keys`, { purpose: "webhook", graceSeconds: 3600 });
    const { secret: third } = await rot2.json<any>();
    const body2 = completionBody("c-1", "enr-r2", "Ann Lee", "ann@example.org");
    // Both the previous (in grace) and the new secret sign, as a sender mid-rotation would.
    expect((await deliver(s.id, signedHeaders(secret, "msg_r3", body2), body2)).status).toBe(201);
    expect((await deliver(s.id, signedHeaders(third, "msg_r4", body2), body2)).status).toBe(200);

    const listing = await (await call("/admin/sources", { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    for (const x of [s.webhookSecret, s.claimSecret, secret, third])
      expect(listing).not.toContain(x.replace(/^whsec_/, ""));
    const stored = await db
      .prepare("SELECT material FROM source_keys WHERE source_id = ?")
      .bind(s.id)
      .all<{ material: string }>();
    for (const row of stored.results)
      for (const x of [s.webhookSecret, s.claimSecret, secret, third])
        expect(row.material).not.toContain(x.replace(/^whsec_/, ""));
    const src = JSON.parse(listing).sources.find((x: any) => x.id === s.id);
    expect(src.keys.filter((k: any) => k.purpose === "webhook" && k.live)).toHaveLength(2);
  });

  it("validates source requests: scope, unknown achievement, bad pointer, duplicate id", async () => {
    const readToken = await (await postJson("/admin/tokens", { name: "reader", scopes: ["read"] })).json<any>();
    const forbidden = await postJson(
      "/admin/sources",
      { id: "x", name: "x", kind: "generic" },
      {
        authorization: `Bearer ${readToken.token}`,
      },
    );
    expect([forbidden.status, (await forbidden.json<any>()).code]).toEqual([403, "ERR_FORBIDDEN"]);
    const unknown = await postJson("/admin/sources", {
      id: "v1",
      name: "v",
      kind: "generic",
      courses: { a: "no-such" },
    });
    expect([unknown.status, (await unknown.json<any>()).field]).toEqual([422, "courses.a"]);
    const pointer = await postJson("/admin/sources", {
      id: "v2",
      name: "v",
      kind: "generic",
      fields: { email: "email" },
    });
    expect([pointer.status, (await pointer.json<any>()).code]).toEqual([400, "ERR_VALIDATION"]);
    const other = await postJson("/admin/sources", { id: "v3", name: "v", kind: "moodle" });
    expect([other.status, (await other.json<any>()).field]).toEqual([400, "fields.course"]);
    // A private key (RFC 8037 Appendix A.1's example) is refused: only public JWKs are registered.
    const privateJwk = await postJson("/admin/sources", {
      id: "v5",
      name: "v",
      kind: "generic",
      claimJwk: {
        kty: "OKP",
        crv: "Ed25519",
        x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
      },
    });
    expect([privateJwk.status, (await privateJwk.json<any>()).code]).toEqual([400, "ERR_VALIDATION"]);
    await createSource("v4", {});
    const dup = await postJson("/admin/sources", { id: "v4", name: "v", kind: "generic" });
    expect([dup.status, (await dup.json<any>()).code]).toEqual([409, "ERR_CONFLICT"]);
  });

  it("a disabled source refuses events (recorded); without SOURCE_SECRETS_KEY only sources fail, with ERR_CONFIG", async () => {
    const s = await createSource("hook-disabled", { "c-1": "champions-2023-online" });
    const off = await call(`/admin/sources/${s.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ enabled: false }),
    });
    expect((await off.json<any>()).enabled).toBe(false);
    const body = completionBody("c-1", "enr-d", "Ann Lee", "ann@example.org");
    const r = await deliver(s.id, signedHeaders(s.webhookSecret, "msg_d1", body), body);
    expect([r.status, (await r.json<any>()).code]).toEqual([403, "ERR_SOURCE_DISABLED"]);
    expect((await events(s.id)).map((e) => e.code)).toEqual(["ERR_SOURCE_DISABLED"]);

    const noKey = client(await createDeps({ ...workerEnv, SOURCE_SECRETS_KEY: undefined }));
    const create = await noKey.post("/admin/sources", { id: "no-key", name: "n", kind: "generic" });
    expect([create.status, (await create.json<any>()).code]).toEqual([500, "ERR_CONFIG"]);
    await expectHealthy(await noKey.get("/health"));
  });

  it("is described in the OpenAPI document", async () => {
    const api = await (await call("/openapi.json")).json<any>();
    for (const p of ["/hooks/completions/{source}", "/claim/{source}", "/admin/sources", "/admin/completion-events"])
      expect(api.paths[p]).toBeDefined();
  });
});
