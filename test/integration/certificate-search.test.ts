/** GET /admin/certificates: search in any script, filters, keyset paging, exports, bad queries. */
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, postJson } from "../support/api";
import { client, testDeps, workerEnv } from "../support/deps";

const auth = { authorization: `Bearer ${ADMIN}` };
const get = async (path: string) => {
  const res = await call(path, { headers: auth });
  return { status: res.status, body: await res.json<any>() };
};

const ACH = "search-2024-workshop-seoul";
const OTHER = "search-2024-online";
const PEOPLE = [
  { name: "김민준", email: "minjun@example.org" },
  { name: "Ləman Əliyeva", email: "leman@example.org" },
  { name: "Ελένη Παπαδοπούλου", email: "eleni@example.org" },
  { name: "Zoë Ångström", email: "Zoe.Angstrom@Example.org" },
  { name: "Jürgen Straße", email: "jurgen@example.org" },
  { name: "Nguyễn Thị Minh Khai", email: "khai@example.org" },
];
let batchId = "";
const ids = new Map<string, string>();

async function achievement(id: string, kind: "online" | "workshop") {
  const res = await postJson("/admin/achievements", {
    id,
    kind,
    name: `Search test ${id}`,
    description: "A test achievement.",
    criteria: "Took part.",
    themes: ["Testing"],
    ...(kind === "workshop" ? { city: "Seoul", date: "2024-10-01", venue: "City Hall" } : {}),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  await achievement(ACH, "workshop");
  await achievement(OTHER, "online");
  const res = await postJson("/admin/batches", {
    rows: PEOPLE.map((p, i) => ({ ...p, achievementId: ACH, externalId: i === 0 ? "=1+1" : `search-${i}` })),
  });
  const report = await res.json<any>();
  expect(report.counts).toMatchObject({ issued: PEOPLE.length, failed: 0 });
  batchId = report.id;
  const full = (await get(`/admin/batches/${batchId}`)).body;
  for (const row of full.rows) ids.set(PEOPLE[row.line - 1]!.name, row.certificateId);
  // Two more, issued one day later (own clock), under the other achievement.
  const later = client(await testDeps({ clock: () => new Date(Date.now() + 86_400_000) }));
  for (const name of ["Anna Lee", "Zoe Angstrom"]) {
    const r = await later.post("/admin/certificates", {
      recipient: { name, email: "anna@example.org" },
      achievementId: OTHER,
    });
    expect(r.status).toBe(201);
    ids.set(name, ((await r.json()) as { id: string }).id);
  }
});

const names = (body: any) => body.items.map((i: any) => i.recipientName).sort();

describe("search", () => {
  it("matches names in any script, ignoring case and accents", async () => {
    const cases: [string, string[]][] = [
      ["민준", ["김민준"]],
      ["ΕΛΕΝΗ", ["Ελένη Παπαδοπούλου"]],
      ["ləman", ["Ləman Əliyeva"]],
      ["angstrom", ["Zoe Angstrom", "Zoë Ångström"]],
      ["STRASSE", ["Jürgen Straße"]],
      ["nguyen thi", ["Nguyễn Thị Minh Khai"]],
      ["100%", []],
    ];
    for (const [q, expected] of cases) {
      const { status, body } = await get(`/admin/certificates?programme=search-2024&q=${encodeURIComponent(q)}`);
      expect([q, status]).toEqual([q, 200]);
      expect([q, names(body)]).toEqual([q, expected]);
    }
  });

  it("finds by certificate id, external id and email (case-insensitive)", async () => {
    const id = ids.get("Ελένη Παπαδοπούλου")!;
    expect(names((await get(`/admin/certificates?q=${id}`)).body)).toEqual(["Ελένη Παπαδοπούλου"]);
    expect(names((await get(`/admin/certificates?q=search-4`)).body)).toEqual(["Jürgen Straße"]);
    expect(names((await get(`/admin/certificates?q=${encodeURIComponent("zoe.angstrom@EXAMPLE.org")}`)).body)).toEqual([
      "Zoë Ångström",
    ]);
  });

  it("a q with @ also finds an external id that looks like an email", async () => {
    const res = await postJson("/admin/batches", {
      rows: [
        { name: "Ext Mail", email: "x1@example.org", achievementId: "champions-2023-online", externalId: "reg@2024" },
      ],
    });
    expect((await res.json<any>()).counts.issued).toBe(1);
    expect(names((await get(`/admin/certificates?q=${encodeURIComponent("reg@2024")}`)).body)).toEqual(["Ext Mail"]);
    expect(names((await get(`/admin/certificates?q=${encodeURIComponent("X1@example.org")}`)).body)).toEqual([
      "Ext Mail",
    ]);
  });

  it("names stored before migration 0013 get their key on the first search", async () => {
    await workerEnv.DB.prepare("UPDATE certificates SET search_name = NULL WHERE id = ?").bind(ids.get("김민준")).run();
    expect(
      names((await get(`/admin/certificates?programme=search-2024&q=${encodeURIComponent("김민")}`)).body),
    ).toEqual(["김민준"]);
    const row = await workerEnv.DB.prepare("SELECT search_name FROM certificates WHERE id = ?")
      .bind(ids.get("김민준"))
      .first<{ search_name: string }>();
    expect(row!.search_name).toBe("김민준".normalize("NFKD"));
  });

  it("filters by achievement, programme, status, batch, key and issued dates", async () => {
    const revoked = ids.get("Anna Lee")!;
    expect((await postJson(`/admin/certificates/${revoked}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const q = (s: string) => get(`/admin/certificates?${s}`).then((r) => r.body.items.length);
    expect(await q(`achievementId=${ACH}`)).toBe(6);
    expect(await q(`achievementId=${ACH},${OTHER}`)).toBe(8);
    expect(await q(`programme=search-2024`)).toBe(8);
    expect(await q(`programme=search-2024&status=revoked`)).toBe(1);
    expect(await q(`programme=search-2024&status=active&status=suspended`)).toBe(7);
    expect(await q(`batchId=${batchId}`)).toBe(6);
    expect(await q(`programme=search-2024&issuedFrom=${tomorrow}`)).toBe(2);
    expect(await q(`programme=search-2024&issuedTo=${today}`)).toBe(6);
    expect(await q(`programme=search-2024&issuedFrom=${today}&issuedTo=${today}`)).toBe(6);
    const { body } = await get(`/admin/certificates?batchId=${batchId}&limit=1`);
    expect(await q(`programme=search-2024&keyId=${encodeURIComponent(body.items[0].keyId)}`)).toBe(8);
    expect(await q(`programme=search-2024&keyId=nope`)).toBe(0);
  });

  it("pages in a stable newest-first order, unaffected by certificates issued meanwhile", async () => {
    const all = (await get(`/admin/certificates?programme=search-2024&limit=200&count=true`)).body;
    expect(all.total).toBe(8);
    // Newest first; within one second, the later insert first (rowid), never by id.
    const times: string[] = all.items.map((i: any) => i.issuedAt);
    expect(times).toEqual([...times].sort().reverse());
    const seen: string[] = [];
    let path: string | null = `/admin/certificates?programme=search-2024&limit=3`;
    while (path) {
      const { body } = await get(path);
      seen.push(...body.items.map((i: any) => i.id));
      if (seen.length === 3)
        await postJson("/admin/certificates", {
          recipient: { name: "Late Comer", email: "late@example.org" },
          achievementId: ACH,
        });
      path = body.next;
    }
    expect(seen).toEqual(all.items.map((i: any) => i.id));
  });

  it("exports every match as CSV (guarded against formulas) and JSON", async () => {
    const csv = await call(`/admin/certificates?batchId=${batchId}&format=csv`, { headers: auth });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="certificates-\d{8}-\d{4}\.csv"$/);
    expect(csv.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets then read UTF-8
    const text = new TextDecoder().decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "id,url,recipientName,achievementId,status,statusReason,statusChangedAt,issuedAt,validUntil,keyId,externalId,batchId,supersededBy,supersedes",
    );
    expect(lines).toHaveLength(6 + 2);
    expect(text).toContain(",'=1+1,");
    expect(text).toContain("김민준");
    const audit = await (await call("/admin/audit?action=certificates.export", { headers: auth })).json<any>();
    expect(audit.entries[0].summary.after).toMatchObject({ format: "csv", filter: { batchId } });
    const json = await call(`/admin/certificates?batchId=${batchId}&format=json`, { headers: auth });
    const items = await json.json<any[]>();
    expect(items.map((i) => i.id).sort()).toEqual(PEOPLE.map((p) => ids.get(p.name)).sort());
  });

  it("list queries walk an index, never a sort of the whole table", async () => {
    for (const [where, index] of [
      ["1", "certificates_issued"],
      ["batch_id = 'x'", "certificates_batch_issued"],
      ["achievement_id IN ('x')", "certificates_achievement_issued"],
      ["status IN ('revoked')", "certificates_status_issued"],
      // The keyed blind index (migration 0007) holds one person's few certificates: sorting them is cheap.
      ["email_index = 'x'", "certificates_email_index"],
    ]) {
      const plan = await workerEnv.DB.prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM certificates WHERE ${where} AND (issued_at, id) < ('9', 'z') ORDER BY issued_at DESC, id DESC LIMIT 51`,
      ).all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail).join(" | ");
      expect([where, details]).toEqual([where, expect.stringContaining(index!)]);
      if (where !== "email_index = 'x'") expect(details).not.toContain("TEMP B-TREE");
    }
  });

  it("bad queries are 400 naming the parameter; reading needs a token", async () => {
    for (const [query, field] of [
      ["status=gone", "status"],
      ["stauts=revoked", "stauts"],
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["limit=1e1", "limit"],
      ["cursor=abc", "cursor"],
      ["issuedFrom=2024-02-30", "issuedFrom"],
      ["issuedFrom=2024-03-01&issuedTo=2024-02-01", "issuedTo"],
      ["achievementId=Bad!", "achievementId"],
      ["format=xml", "format"],
      ["q=a&q=b", "q"],
    ]) {
      const { status, body } = await get(`/admin/certificates?${query}`);
      expect([query, status, body.code, body.field]).toEqual([query, 400, "ERR_VALIDATION", field]);
    }
    expect((await call("/admin/certificates")).status).toBe(401);
  });

  it("the OpenAPI document describes the staff endpoints next to the existing ones", async () => {
    const api = await (await call("/openapi.json")).json<any>();
    const methods = (p: string) => Object.keys(api.paths[p] ?? {}).sort();
    expect(methods("/admin/certificates")).toEqual(["get", "post"]);
    expect(methods("/admin/certificates/pdfs.zip")).toEqual(["get"]);
    expect(methods("/admin/batches/preview")).toEqual(["post"]);
    expect(methods("/admin/batches/{id}/pdfs.zip")).toEqual(["get"]);
    expect(methods("/admin/achievements")).toEqual(["get", "post"]);
    expect(methods("/admin/achievements/{id}")).toEqual(["put"]);
    expect(methods("/admin/programmes")).toEqual(["post"]);
    expect(api.components.schemas["create-programme-request"].required).toEqual(["id", "name"]);
  });
});
