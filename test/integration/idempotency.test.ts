import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson } from "../support/api";

const DB = (env as unknown as { DB: D1Database }).DB;
const body = {
  recipient: { name: "Nina Ivanova", email: "nina@example.org" },
  achievementId: "champions-2023-workshop-munich",
};

describe("Idempotency-Key", () => {
  it("50 concurrent requests with one key create exactly one certificate", async () => {
    const before = (await DB.prepare("SELECT count(*) AS n FROM certificates").first<{ n: number }>())!.n;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        postJson("/admin/certificates", body, { "idempotency-key": "cohort-2023-nina" }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.json<any>()));
    expect(responses.map((r) => r.status).every((s) => s === 201)).toBe(true);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true").length).toBe(49);
    const after = (await DB.prepare("SELECT count(*) AS n FROM certificates").first<{ n: number }>())!.n;
    expect(after - before).toBe(1);
  });

  it("the same key with a different body is 422", async () => {
    expect((await postJson("/admin/certificates", body, { "idempotency-key": "k-422" })).status).toBe(201);
    const res = await postJson(
      "/admin/certificates",
      { ...body, recipient: { ...body.recipient, name: "Someone Else" } },
      { "idempotency-key": "k-422" },
    );
    expect(res.status).toBe(422);
    expect((await res.json<any>()).code).toBe("ERR_IDEMPOTENCY_KEY_REUSED");
  });

  it("without a key, each request issues a new certificate", async () => {
    const [a, b] = await Promise.all([postJson("/admin/certificates", body), postJson("/admin/certificates", body)]);
    expect((await a.json<any>()).id).not.toBe((await b.json<any>()).id);
  });
});
