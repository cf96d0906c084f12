/**
 * Status work that does not grow with the database: slots from a counter, list ETags from a
 * stored version, query plans on indexes, and the per-isolate status cache's freshness bound.
 */
import { describe, expect, it } from "vitest";
import { createStore } from "../../src/adapters/storage/database";
import { STATUS_CACHE_TTL_MS } from "../../src/services/status-cache";
import { call } from "../support/api";
import { client, testDeps, workerEnv } from "../support/deps";

async function plan(sql: string, ...params: unknown[]): Promise<string> {
  const { results } = await workerEnv.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join(" | ");
}

describe("query plans of the hot status queries", () => {
  it("verification's slot read and the list's set bits use an index, never a table scan", async () => {
    const slot = await plan("SELECT id, status FROM certificates WHERE status_list = ? AND status_index = ?", 1, 5);
    expect(slot).toMatch(/USING INDEX certificates_status_slot/);
    const bits = await plan(
      "SELECT status_index FROM certificates WHERE status_list = ? AND status = ? ORDER BY status_index",
      1,
      "revoked",
    );
    expect(bits).toMatch(/USING COVERING INDEX certificates_status_bits/);
    expect(bits).not.toMatch(/TEMP B-TREE/);
    const version = await plan("SELECT version FROM status_lists WHERE list = ?", 1);
    expect(version).toMatch(/USING INTEGER PRIMARY KEY/);
    const claim = await plan(
      "UPDATE status_lists SET next = next + ? WHERE list = (SELECT max(list) FROM status_lists) AND next + ? <= ?",
      1,
      1,
      131072,
    );
    expect(claim).not.toMatch(/SCAN status_lists(?! USING)/);
  });

  it("a batch chunk's pending rows and its progress counts read the (batch_id, state, line) index, not the batch's settled rows", async () => {
    const { store } = await testDeps();
    const counts = store.db
      .selectFrom("batch_rows")
      .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("batch_id", "=", "b")
      .groupBy("state")
      .compile();
    expect(await plan(counts.sql, ...counts.parameters)).toMatch(/USING COVERING INDEX batch_rows_state_line/);
    const pending = store.db
      .selectFrom("batch_rows")
      .selectAll()
      .where("batch_id", "=", "b")
      .where("state", "=", "pending")
      .orderBy("line")
      .limit(100)
      .compile();
    const pendingPlan = await plan(pending.sql, ...pending.parameters);
    expect(pendingPlan).toMatch(/USING INDEX batch_rows_state_line \(batch_id=\? AND state=\?\)/);
    expect(pendingPlan).not.toMatch(/TEMP B-TREE/);
  });
});

describe("slot allocation and list versions", () => {
  it("hands out distinct slots from one counter row, and every status change moves the list's version", async () => {
    const deps = await testDeps();
    const api = client(deps);
    const ids: string[] = [];
    const slots = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await api.post("/admin/certificates", {
        recipient: { name: `Scale ${i}`, email: "scale@example.org" },
        achievementId: "champions-2023-online",
      });
      expect(res.status).toBe(201);
      const body = await res.json<any>();
      ids.push(body.id);
      slots.add(
        `${body.credential.credentialStatus[0].statusListCredential}#${body.credential.credentialStatus[0].statusListIndex}`,
      );
    }
    expect(slots.size).toBe(6);
    const row = await workerEnv.DB.prepare(
      "SELECT list, version FROM status_lists WHERE list = (SELECT status_list FROM certificates WHERE id = ?)",
    )
      .bind(ids[0])
      .first<{ list: number; version: number }>();
    expect(row).not.toBeNull();
    const list = `/status/r${row!.list}`;
    const before = (await call(list)).headers.get("etag");
    expect((await api.post(`/admin/certificates/${ids[0]}/suspend`, { reason: "under-review" })).status).toBe(200);
    const after = await workerEnv.DB.prepare("SELECT version FROM status_lists WHERE list = ?")
      .bind(row!.list)
      .first<{ version: number }>();
    expect(after!.version).toBe(row!.version + 1);
    const changed = (await call(list)).headers.get("etag");
    expect(changed).not.toBe(before);
    // Unchanged list: same ETag, and a conditional request is answered 304.
    expect((await call(list, { headers: { "if-none-match": changed! } })).status).toBe(304);
  });
});

describe("per-isolate status cache", () => {
  it("sees its own isolate's revocation at once, another isolate's within the stated bound", async () => {
    let now = Date.parse("2026-06-01T00:00:00Z");
    const clock = () => new Date(now);
    // Two apps over the same D1 with their own stores: two isolates.
    const a = client(await testDeps({ clock, store: createStore(workerEnv.DB) }));
    const b = client(await testDeps({ clock, store: createStore(workerEnv.DB) }));
    const issued = await a.post("/admin/certificates", {
      recipient: { name: "Cache Check", email: "cache@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(issued.status).toBe(201);
    const { id, credential } = await issued.json<any>();
    const verdictIn = async (app: typeof a) =>
      (await (await app.post("/credentials/verify", { verifiableCredential: credential })).json<any>()).verdict;

    expect(await verdictIn(a)).toBe("valid");
    expect(await verdictIn(b)).toBe("valid"); // b has now cached the slot as active
    expect((await a.post(`/admin/certificates/${id}/revoke`, { reason: "issued-in-error" })).status).toBe(200);
    expect(await verdictIn(a)).toBe("revoked"); // the writing isolate: at once

    // The other isolate may answer from memory until the bound, never after it.
    now += STATUS_CACHE_TTL_MS - 1000;
    expect(await verdictIn(b)).toBe("valid");
    now += 1000;
    expect(await verdictIn(b)).toBe("revoked");
    expect(STATUS_CACHE_TTL_MS).toBeLessThanOrEqual(60_000); // no staler than the published lists' max-age
  });
});
