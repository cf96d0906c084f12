/** Scoped admin tokens (hashed, 401/403) and the append-only audit log. */
import { describe, expect, it } from "vitest";
import { call, issue, postJson } from "../support/api";
import { workerEnv } from "../support/deps";

async function createToken(scopes: string[]) {
  const res = await postJson("/admin/tokens", { name: `t-${scopes.join("-")}`, scopes });
  expect(res.status).toBe(201);
  return res.json<{ id: string; token: string }>();
}

const asToken = (token: string) => ({ authorization: `Bearer ${token}` });

describe("admin tokens", () => {
  it("stores only a hash, enforces scopes (403) and revocation (401)", async () => {
    const reader = await createToken(["read"]);
    expect(reader.token).toMatch(/^wego_[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$/);
    const row = await workerEnv.DB.prepare("SELECT * FROM admin_tokens WHERE id = ?").bind(reader.id).first<any>();
    expect(JSON.stringify(row)).not.toContain(reader.token.split(".")[1]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const body = { recipient: { name: "Scope Test", email: "s@example.org" }, achievementId: "champions-2023-online" };
    const denied = await postJson("/admin/certificates", body, asToken(reader.token));
    expect(denied.status).toBe(403);
    expect((await denied.json<any>()).code).toBe("ERR_FORBIDDEN");
    expect((await call("/admin/audit?limit=1", { headers: asToken(reader.token) })).status).toBe(200);

    const issuer = await createToken(["issue"]);
    const ok = await postJson("/admin/certificates", body, asToken(issuer.token));
    expect(ok.status).toBe(201);
    const { id } = await ok.json<any>();
    expect(
      (await postJson(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" }, asToken(issuer.token))).status,
    ).toBe(403);
    expect((await postJson("/admin/tokens", { name: "x", scopes: ["admin"] }, asToken(issuer.token))).status).toBe(403);

    expect((await postJson(`/admin/tokens/${issuer.id}/revoke`, {})).status).toBe(200);
    const revoked = await postJson("/admin/certificates", body, asToken(issuer.token));
    expect(revoked.status).toBe(401);
    // A well-formed token with the right id but a wrong secret is unknown.
    const forged = reader.token.slice(0, -4) + "AAAA";
    expect((await call("/admin/audit", { headers: asToken(forged) })).status).toBe(401);
  });

  it("lists tokens without hashes; validation names fields", async () => {
    const list = await (
      await call("/admin/tokens", { headers: { authorization: `Bearer ${(workerEnv as any).ADMIN_TOKEN}` } })
    ).json<any>();
    expect(JSON.stringify(list)).not.toContain("token_hash");
    const bad = await (await postJson("/admin/tokens", { name: "x", scopes: ["root"] })).json<any>();
    expect([bad.status, bad.field]).toEqual([400, "scopes.0"]);
  });
});

describe("audit log", () => {
  it("records issue, suspend, unsuspend, revoke, reissue and token actions with actor and request id", async () => {
    const { id } = await issue("Audit Trail");
    const suspended = await postJson(
      `/admin/certificates/${id}/suspend`,
      { reason: "under-review", note: "check" },
      { "x-request-id": "forged-by-client" },
    );
    // The service's own request id, never the client's.
    const requestId = suspended.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await postJson(`/admin/certificates/${id}/unsuspend`, { note: "ok" });
    const re = await (
      await postJson(`/admin/certificates/${id}/reissue`, {
        recipient: { name: "Audit Trail II", email: "a@example.org" },
        achievementId: "champions-2023-online",
      })
    ).json<any>();
    await postJson(`/admin/certificates/${re.id}/revoke`, { reason: "withdrawn" });
    const page = await (
      await call("/admin/audit?limit=200", { headers: { authorization: `Bearer ${(workerEnv as any).ADMIN_TOKEN}` } })
    ).json<any>();
    const forId = (t: string) => page.entries.filter((e: any) => e.target === t).map((e: any) => e.action);
    expect(forId(id)).toEqual([
      "certificate.reissue",
      "certificate.unsuspend",
      "certificate.suspend",
      "certificate.issue",
    ]);
    expect(forId(re.id)).toEqual(["certificate.revoke"]);
    const suspend = page.entries.find((e: any) => e.target === id && e.action === "certificate.suspend");
    expect(suspend).toMatchObject({ actor: "bootstrap", request_id: requestId });
    expect(suspend.summary).toEqual({
      before: { status: "active", reason: null, note: null },
      after: { status: "suspended", reason: "under-review", note: "check" },
    });
  });

  it("pages with before=, and the table refuses UPDATE and DELETE", async () => {
    await issue("Pager");
    const auth = { authorization: `Bearer ${(workerEnv as any).ADMIN_TOKEN}` };
    const first = await (await call("/admin/audit?limit=2", { headers: auth })).json<any>();
    expect(first.entries.length).toBe(2);
    const second = await (await call(first.next, { headers: auth })).json<any>();
    expect(second.entries[0].seq).toBeLessThan(first.entries[1].seq);
    await expect(workerEnv.DB.prepare("UPDATE audit_log SET actor = 'x'").run()).rejects.toThrow(/append-only/);
    await expect(workerEnv.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
    expect((await call("/admin/audit?limit=0", { headers: auth })).status).toBe(400);
  });
});
