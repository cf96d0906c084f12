/**
 * Migrations upgrade-tested from a previous release, with its data. Each folder in
 * test/integration/upgrade/ is one release: `release.json` names the commit, the migrations that
 * release had applied, its configuration (a throwaway identity) and what its own verifier said
 * about each certificate; `data.sql` is its D1 after staff issued, revoked, suspended, reissued,
 * batched, emailed and erased through its API (made by scripts/upgrade-fixture.ts, run once per
 * release). The test builds the release's schema from its migrations in an empty database, loads
 * the data, applies every migration of this version that the release lacked (in name order, as
 * `wrangler d1 migrations apply` does, including ones numbered below the release's newest), and
 * checks that every certificate verifies as before, that the status lists say the same, and that
 * new writes work on the old rows.
 */
/// <reference types="vite/client" />
import { applyD1Migrations, env } from "cloudflare:test";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { PUBLIC_REASONS } from "../../src/domain/status-reasons";
import { createDeps } from "../../src/index";
import { ADMIN } from "../support/api";
import { workerEnv } from "../support/deps";

type Migrations = Parameters<typeof applyD1Migrations>[1];
interface Release {
  release: string;
  migrations: string[];
  env: Record<string, string> & { PUBLIC_BASE_URL: string };
  certificates: { id: string; status: string; verified: boolean; verdict: string }[];
}
type StatusEntry = { statusPurpose: string; statusListCredential: string; statusListIndex: string };

const bindings = env as unknown as { RESTORE_DB: D1Database; TEST_MIGRATIONS: Migrations };
const manifests = import.meta.glob<Release>("./upgrade/*/release.json", { eager: true, import: "default" });
const dumps = import.meta.glob<string>("./upgrade/*/data.sql", { eager: true, query: "?raw", import: "default" });
const releases = Object.entries(manifests).map(([file, r]) => ({
  ...r,
  data: dumps[file.replace("release.json", "data.sql")]!,
}));

/** Empties the database (one per test file) so each release starts from nothing. */
async function wipe(db: D1Database): Promise<void> {
  const objects = await db
    .prepare(
      "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .all<{ type: string; name: string }>();
  if (objects.results.length)
    await db.batch([
      db.prepare("PRAGMA defer_foreign_keys = ON"),
      ...objects.results.map((o) => db.prepare(`DROP ${o.type.toUpperCase()} "${o.name}"`)),
    ]);
}

const bit = (bytes: Uint8Array, i: number) => (bytes[i >> 3]! >> (7 - (i & 7))) & 1;

describe.each(releases)("upgrade from release $release", (release) => {
  const db = bindings.RESTORE_DB;
  const call = async (path: string, init: RequestInit = {}) =>
    createApp(await deps()).request(release.env.PUBLIC_BASE_URL + path, init);
  const admin = (path: string, body?: unknown) =>
    call(path, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // The release's deployment, now running this version: same base URL, keys and email keys.
  let built: Awaited<ReturnType<typeof createDeps>> | undefined;
  const deps = async () => (built ??= await createDeps({ ...workerEnv, ...release.env, DB: db }));

  const verdictOf = async (id: string) => {
    const credential = await (await call(`/c/${id}.json`)).json();
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verifiableCredential: credential }),
    });
    const v = await res.json<{ verified: boolean; verdict: string }>();
    return { id, verified: v.verified, verdict: v.verdict };
  };
  const listBits = async (id: string) => {
    const res = await call(`/status/${id}`);
    expect(res.status).toBe(200);
    const list = await res.json<{ credentialSubject: { encodedList: string } }>();
    return gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), "base64url"));
  };
  const entries = async () => {
    const rows = await db
      .prepare("SELECT id, status, credential FROM certificates")
      .all<{ id: string; status: string; credential: string }>();
    return rows.results.map((r) => ({
      id: r.id,
      status: r.status,
      entries: JSON.parse(r.credential).credentialStatus as StatusEntry[],
    }));
  };
  /** Every certificate's bits in the served lists agree with its status (Bitstring Status List §3.2). */
  const expectListsMatchStatuses = async () => {
    const lists = new Map<string, Uint8Array>();
    for (const c of await entries())
      for (const e of c.entries) {
        const listId = new URL(e.statusListCredential).pathname.split("/").pop()!;
        if (!lists.has(listId)) lists.set(listId, await listBits(listId));
        const expected = e.statusPurpose === "revocation" ? c.status === "revoked" : c.status === "suspended";
        expect([c.id, e.statusPurpose, bit(lists.get(listId)!, Number(e.statusListIndex))]).toEqual([
          c.id,
          e.statusPurpose,
          expected ? 1 : 0,
        ]);
      }
  };

  it("builds the release's database and applies the migrations it lacked", async () => {
    await wipe(db);
    expect(
      await db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'certificates'").first<number>("n"),
    ).toBe(0);
    const all = bindings.TEST_MIGRATIONS;
    await applyD1Migrations(
      db,
      all.filter((m) => release.migrations.includes(m.name)),
    );
    // The dump also holds the rows the migrations seeded (the catalogue): its copy wins.
    const statements = release.data
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => l.replace(/^INSERT INTO /, "INSERT OR REPLACE INTO "));
    await db.batch(statements.map((s) => db.prepare(s)));
    expect(await db.prepare("SELECT count(*) AS n FROM certificates").first<number>("n")).toBe(
      release.certificates.length,
    );

    await applyD1Migrations(db, all);
    const applied = await db.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>();
    expect(applied.results.map((r) => r.name).sort()).toEqual(all.map((m) => m.name).sort());
  });

  it("every certificate verifies as the release said, and the status lists agree", async () => {
    const now = [];
    for (const c of release.certificates) now.push(await verdictOf(c.id));
    expect(now).toEqual(release.certificates.map(({ id, verified, verdict }) => ({ id, verified, verdict })));
    await expectListsMatchStatuses();
    // Free-text reasons of the release became public codes, the text kept as the staff note (0014).
    const changed = await db
      .prepare("SELECT status_reason AS reason FROM certificates WHERE status <> 'active'")
      .all<{ reason: string }>();
    expect(changed.results.length).toBeGreaterThan(0);
    for (const r of changed.results) expect(PUBLIC_REASONS).toContain(r.reason);
  });

  it("new writes work on the old rows: issue, revoke, unsuspend, PDF, email lookup", async () => {
    const audit = () => db.prepare("SELECT count(*) AS n FROM audit_log").first<number>("n");
    const auditBefore = await audit();
    const res = await admin("/admin/certificates", {
      recipient: { name: "After Upgrade", email: "after.upgrade@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(res.status).toBe(201);
    const fresh = await res.json<{ id: string }>();
    // A new slot never reuses an old certificate's bit (the per-list counter carried the release's slots).
    const slots = (await entries()).map(
      (c) => `${c.entries[0]!.statusListCredential}#${c.entries[0]!.statusListIndex}`,
    );
    expect(new Set(slots).size).toBe(slots.length);

    const active = release.certificates.find((c) => c.verdict === "valid")!;
    const suspended = release.certificates.find((c) => c.verdict === "suspended")!;
    expect(
      (await admin(`/admin/certificates/${active.id}/revoke`, { reason: "withdrawn", note: "after upgrade" })).status,
    ).toBe(200);
    expect((await admin(`/admin/certificates/${suspended.id}/unsuspend`, {})).status).toBe(200);
    expect([await verdictOf(fresh.id), await verdictOf(active.id), await verdictOf(suspended.id)]).toEqual([
      { id: fresh.id, verified: true, verdict: "valid" },
      { id: active.id, verified: false, verdict: "revoked" },
      { id: suspended.id, verified: true, verdict: "valid" },
    ]);
    await expectListsMatchStatuses();

    // An old certificate's PDF renders and gets its short code on first render (0011).
    const pdf = await call(`/c/${suspended.id}.pdf`);
    expect([pdf.status, pdf.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    expect(
      await db
        .prepare("SELECT count(*) AS n FROM certificate_codes WHERE certificate_id = ?")
        .bind(suspended.id)
        .first<number>("n"),
    ).toBe(1);
    // Addresses the release sealed are still found through its blind index.
    const found = await (
      await admin("/admin/participants?email=josé.fixture@example.org")
    ).json<{ certificates: unknown[] }>();
    expect(found.certificates).toHaveLength(1);
    // The release's batch report and audit log read back.
    const batchId = await db.prepare("SELECT id FROM batches").first<string>("id");
    const batch = await (await admin(`/admin/batches/${batchId}`)).json<{ total: number; done: boolean }>();
    expect([batch.total, batch.done]).toEqual([4, true]);
    expect((await admin("/admin/audit?limit=100")).status).toBe(200);
    expect(await audit()).toBeGreaterThan(auditBefore!);
  });
});
