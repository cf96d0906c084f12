/** Issue 17 items in place: an honest /health, and no participant email kept in batch rows once signed. */
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors";
import { ADMIN, call, expectHealthy } from "../support/api";
import { client, testDeps, workerEnv } from "../support/deps";

describe("/health", () => {
  it("is 200 with its checks when storage answers and the signing key loads", async () => {
    const res = await call("/health");
    await expectHealthy(res.clone());
    expect(await res.json()).toMatchObject({ status: "ok", checks: { storage: "ok", signer: "ok" } });
  });

  it("is 503 when the signing key is missing or does not load, so monitoring sees it before lists expire", async () => {
    const noKey = client(
      await testDeps({ signer: () => Promise.reject(new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY is not set")) }),
    );
    const res = await noKey.get("/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", checks: { storage: "ok", signer: "misconfigured" } });
  });
});

describe("batch rows", () => {
  it("keep no name or email in clear once signed", async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const res = await call("/admin/batches", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        rows: [
          { name: "Row One", email: "one@example.org", achievementId: "champions-2023-online", externalId: "ops-1" },
          { name: "Row Two", email: "two@example.org", achievementId: "champions-2023-online", externalId: "ops-2" },
        ],
      }),
    });
    expect(res.status).toBe(202);
    const { id } = await res.json<{ id: string }>();
    for (let i = 0; i < 10; i++) {
      const r = await (await call(`/admin/batches/${id}/process`, { method: "POST", headers: auth })).json<any>();
      if (r.done) break;
    }
    const kept = await workerEnv.DB.prepare(
      "SELECT count(*) AS n FROM batch_rows WHERE batch_id = ? AND payload IS NOT NULL",
    )
      .bind(id)
      .first<{ n: number }>();
    const settled = await workerEnv.DB.prepare(
      "SELECT count(*) AS n FROM batch_rows WHERE batch_id = ? AND state = 'issued'",
    )
      .bind(id)
      .first<{ n: number }>();
    expect([settled!.n, kept!.n]).toEqual([2, 0]);
  });
});
