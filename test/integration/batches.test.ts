/** Bulk issuance: validation by line, exactly-once issuance, re-upload and concurrent uploads. */
import { describe, expect, it } from "vitest";
import { ADMIN, call } from "../support/api";
import { workerEnv } from "../support/deps";
import { sized } from "../support/fast-check-setup";

/** Rows of the big batch: 1,000 in `npm test` (time budget), the full 10,000 in `npm run test:slow`. */
const ROWS = sized(1_000, 10_000);
const BAD = ROWS / 100;

const auth = { authorization: `Bearer ${ADMIN}` };

function upload(body: string | Uint8Array, type = "text/csv") {
  return call("/admin/batches", { method: "POST", headers: { ...auth, "content-type": type }, body });
}

async function drive(id: string) {
  for (let i = 0; i < 500; i++) {
    const r = await (await call(`/admin/batches/${id}/process`, { method: "POST", headers: auth })).json<any>();
    if (r.done) return r;
  }
  throw new Error("batch did not finish");
}

const count = async (sql: string, ...args: unknown[]) =>
  (await workerEnv.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

describe("bulk issuance", () => {
  it(`${ROWS.toLocaleString("en")} rows with 1% bad: exactly the good rows are issued, errors name lines, re-upload issues nothing`, async () => {
    const lines = ["\ufeffname,email,achievementId,externalId"];
    const bad = new Set<number>();
    for (let i = 0; i < ROWS; i++) {
      const broken = i % 100 === 37;
      if (broken) bad.add(i + 2); // physical line (header is line 1)
      const name = i % 3 === 0 ? `"Kim, Min-jun ${i}"` : `Participant ${i}`;
      lines.push(`${name},${broken ? "not-an-email" : `p${i}@example.org`},champions-2023-online,cohort23-${i}`);
    }
    const csv = lines.join("\r\n") + "\r\n";
    const before = await count("SELECT count(*) AS n FROM certificates");
    const res = await upload(csv);
    expect(res.status).toBe(202);
    const first = await res.json<any>();
    expect(first.total).toBe(ROWS);
    expect(first.counts.failed).toBe(BAD);
    const done = await drive(first.id);
    expect(done.counts).toEqual({ pending: 0, issued: ROWS - BAD, existing: 0, failed: BAD });
    expect((await count("SELECT count(*) AS n FROM certificates")) - before).toBe(ROWS - BAD);

    const report = await (await call(`/admin/batches/${first.id}`, { headers: auth })).json<any>();
    const failedLines = report.rows.filter((r: any) => r.state === "failed").map((r: any) => r.line);
    expect(new Set(failedLines)).toEqual(bad);
    const oneError = report.rows.find((r: any) => r.line === 39);
    expect(oneError.errors[0].field).toBe("email");
    const okRow = report.rows.find((r: any) => r.line === 2);
    expect(okRow.url).toMatch(/\/c\/[A-Za-z0-9_-]{22}$/);

    const csvReport = await call(`/admin/batches/${first.id}.csv`, { headers: auth });
    expect(csvReport.headers.get("content-type")).toContain("text/csv");
    expect((await csvReport.text()).split("\r\n")[0]).toBe("line,externalId,state,certificateId,url,errors");

    const again = await (await upload(csv)).json<any>();
    const redone = await drive(again.id);
    expect(redone.counts).toEqual({ pending: 0, issued: 0, existing: ROWS - BAD, failed: BAD });
    expect((await count("SELECT count(*) AS n FROM certificates")) - before).toBe(ROWS - BAD);
  }, 300_000);

  it("50 concurrent uploads of the same file issue each row once", async () => {
    const csv =
      "name,email,achievementId,externalId\n" +
      Array.from(
        { length: 30 },
        (_, i) => `Concurrent ${i},c${i}@example.org,champions-2023-workshop-geneva,conc-${i}`,
      ).join("\n");
    const uploads = await Promise.all(Array.from({ length: 50 }, () => upload(csv)));
    expect(uploads.every((r) => r.status === 202)).toBe(true);
    const ids = await Promise.all(uploads.map(async (r) => (await r.json<any>()).id as string));
    await Promise.all(ids.map(drive));
    expect(await count("SELECT count(*) AS n FROM certificates WHERE external_id LIKE 'conc-%'")).toBe(30);
    const reports = await Promise.all(
      ids.map(async (id) => (await call(`/admin/batches/${id}`, { headers: auth })).json<any>()),
    );
    const perExternal = new Map<string, Set<string>>();
    for (const rep of reports)
      for (const row of rep.rows) {
        expect(["issued", "existing"]).toContain(row.state);
        perExternal.set(row.externalId, (perExternal.get(row.externalId) ?? new Set()).add(row.certificateId));
      }
    expect([...perExternal.values()].every((s) => s.size === 1)).toBe(true);
    const issuedTotal = reports.reduce((n, r) => n + r.counts.issued, 0);
    expect(issuedTotal).toBe(30);
  });

  it("a broken encoding or a missing column is rejected with a clear error and nothing is written", async () => {
    const batchesBefore = await count("SELECT count(*) AS n FROM batches");
    const rowsBefore = await count("SELECT count(*) AS n FROM batch_rows");
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("name,email,achievementId,externalId\nJos"),
      0xe9,
      ...new TextEncoder().encode(",j@example.org,champions-2023-online,x1\n"),
    ]);
    const enc = await (await upload(latin1)).json<any>();
    expect([enc.status, enc.code]).toEqual([400, "ERR_BATCH_FILE"]);
    expect(enc.detail).toContain("ERR_CSV_ENCODING");
    const missing = await (await upload("name,email,externalId\nA,a@example.org,x2\n")).json<any>();
    expect([missing.status, missing.code]).toEqual([400, "ERR_BATCH_FILE"]);
    expect(missing.detail).toContain("achievementId");
    expect(await count("SELECT count(*) AS n FROM batches")).toBe(batchesBefore);
    expect(await count("SELECT count(*) AS n FROM batch_rows")).toBe(rowsBefore);
  });

  it("accepts JSON rows and reports unknown properties per row", async () => {
    const res = await upload(
      JSON.stringify({
        rows: [
          { name: "김민준", email: "k@example.org", achievementId: "champions-2023-online", externalId: "json-1" },
          {
            name: "X",
            email: "x@example.org",
            achievementId: "champions-2023-online",
            externalId: "json-2",
            admin: true,
          },
        ],
      }),
      "application/json",
    );
    const r = await res.json<any>();
    expect(r.counts).toMatchObject({ issued: 1, failed: 1 });
  });
});
