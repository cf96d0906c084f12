/** Cohort uploads from spreadsheets: XLSX and CSV, column mapping, preview, then idempotent issuance. */
import writeXlsxFile from "write-excel-file/universal";
import { describe, expect, it } from "vitest";
import { ADMIN, call, postJson } from "../support/api";
import { workerEnv } from "../support/deps";

const auth = { authorization: `Bearer ${ADMIN}` };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const BAKU = "WeGO Sustainable Smart City Champions 2023: Baku workshop";

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Uint8Array> {
  const data = rows.map((r) =>
    r.map((v) =>
      v === null ? null : v instanceof Date ? { value: v, type: Date, format: "yyyy-mm-dd" } : { value: v },
    ),
  );
  return new Uint8Array(await (await writeXlsxFile(data as never).toBlob()).arrayBuffer());
}

const send = (path: string, body: BodyInit, type: string) =>
  call(path, { method: "POST", headers: { ...auth, "content-type": type }, body });
const count = async (table: string) =>
  (await workerEnv.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

async function drive(id: string) {
  for (let i = 0; i < 100; i++) {
    const r = await (await call(`/admin/batches/${id}/process`, { method: "POST", headers: auth })).json<any>();
    if (r.done) return r;
  }
  throw new Error("batch did not finish");
}

describe("spreadsheet cohort upload", () => {
  it("an .xlsx with our colleagues' headers: preview marks the bad rows, issuing is exactly-once", async () => {
    const N = 60;
    const rows: (string | number | Date | null)[][] = [["Full name", "E-mail", "Workshop", "Expires"]];
    for (let i = 0; i < N; i++)
      rows.push([
        i === 7 ? "Ann\u202E" : i % 2 ? `참가자 ${i}` : `Participant ${i}`,
        i === 20 ? "ann@localhost" : `xlsx${i}@example.org`,
        i % 3 ? BAKU : "champions-2023-online",
        i === 33 ? new Date("2001-01-01T00:00:00Z") : new Date("2031-06-30T00:00:00Z"),
      ]);
    const file = await xlsx(rows);
    const batchesBefore = await count("batches");
    const preview = await (await send("/admin/batches/preview", file, XLSX)).json<any>();
    expect(await count("batches")).toBe(batchesBefore); // a preview writes nothing
    expect(preview.ready).toBe(true);
    expect(preview.columns.map((c: any) => [c.header, c.field, c.by])).toEqual([
      ["Full name", "name", "synonym"],
      ["E-mail", "email", "synonym"],
      ["Workshop", "achievementId", "synonym"],
      ["Expires", "validUntil", "synonym"],
    ]);
    expect(preview.provided).toEqual([{ field: "externalId", by: "derived" }]);
    expect(preview.counts).toEqual({ total: N, ready: N - 3, issued: 0, error: 3 });
    // Spreadsheet row numbers (the header is row 1), the field, and the schema's message.
    expect(preview.errors.map((e: any) => [e.line, e.field])).toEqual([
      [9, "name"],
      [22, "email"],
      [35, "validUntil"],
    ]);
    const row9 = preview.rows.find((r: any) => r.line === 9);
    expect(row9).toMatchObject({ state: "error", values: { email: "xlsx7@example.org" } });
    const ok = preview.rows.find((r: any) => r.line === 3);
    expect(ok.values).toMatchObject({
      name: "참가자 1",
      achievementId: "champions-2023-workshop-baku",
      validUntil: "2031-06-30T23:59:59Z",
      externalId: expect.stringMatching(/^auto-[A-Za-z0-9_-]{22}$/),
    });

    const first = await (await send("/admin/batches", file, XLSX)).json<any>();
    expect(first.source).toBe("xlsx");
    const progress = await (await call(`/admin/batches/${first.id}`, { headers: auth })).json<any>();
    expect(progress.total).toBe(N);
    const done = await drive(first.id);
    expect(done.counts).toEqual({ pending: 0, issued: N - 3, existing: 0, failed: 3 });
    // The same file again: nothing is issued twice, and the preview already says so.
    const again = await (await send("/admin/batches/preview", file, XLSX)).json<any>();
    expect(again.counts).toEqual({ total: N, ready: 0, issued: N - 3, error: 3 });
    const second = await drive((await (await send("/admin/batches", file, XLSX)).json<any>()).id);
    expect(second.counts).toEqual({ pending: 0, issued: 0, existing: N - 3, failed: 3 });
  }, 120_000);

  it("preview and single issuance report the same fields for the same bad values (one validator)", async () => {
    const bad = [
      { name: "Ann\u202E", email: "a@example.org" },
      { name: "Ann\tLee", email: "a@example.org" },
      { name: "Ann", email: "ann@localhost" },
    ];
    const csv =
      "name,email,achievementId\n" + bad.map((b) => `"${b.name}",${b.email},champions-2023-online`).join("\n");
    const preview = await (await send("/admin/batches/preview", csv, "text/csv")).json<any>();
    for (const [i, b] of bad.entries()) {
      const single = await (
        await postJson("/admin/certificates", { recipient: b, achievementId: "champions-2023-online" })
      ).json<any>();
      const field = preview.rows[i].errors[0].field;
      expect([i, `recipient.${field}`]).toEqual([i, single.field]);
    }
  });

  it("headers that match nothing need a mapping; the mapping (or null to leave a column out) fixes it", async () => {
    const csv = "Participant,Contact,Event,Phone\nJi-woo Park,jw@example.org,champions-2023-online,010\n";
    const unmapped = await (await send("/admin/batches/preview", csv, "text/csv")).json<any>();
    expect(unmapped.ready).toBe(false);
    expect(unmapped.fileError.code).toBe("ERR_CSV_MISSING_COLUMN");
    expect(unmapped.missing).toEqual(["email", "achievementId"]);
    expect(unmapped.columns.map((c: any) => c.field)).toEqual(["name", null, null, null]);
    const mapping = encodeURIComponent(JSON.stringify({ Contact: "email", Event: "achievementId", Phone: null }));
    const mapped = await (await send(`/admin/batches/preview?mapping=${mapping}`, csv, "text/csv")).json<any>();
    expect(mapped.ready).toBe(true);
    expect(mapped.counts).toMatchObject({ total: 1, ready: 1 });
    // Issuing without the mapping is refused as a whole, and writes nothing.
    const refused = await send("/admin/batches", csv, "text/csv");
    expect([refused.status, (await refused.json<any>()).code]).toEqual([400, "ERR_BATCH_FILE"]);
  });

  it("an HTML form upload with one achievement for the whole sheet", async () => {
    const form = new FormData();
    const file = await xlsx([
      ["이름", "이메일"],
      ["김서연", "seoyeon@example.org"],
    ]);
    form.set("file", new File([file], "cohort.xlsx", { type: XLSX }));
    form.set("achievementId", "champions-2023-workshop-geneva");
    const res = await call("/admin/batches/preview", { method: "POST", headers: auth, body: form });
    const body = await res.json<any>();
    expect(body.counts).toMatchObject({ total: 1, ready: 1 });
    expect(body.rows[0].values.achievementId).toBe("champions-2023-workshop-geneva");
    expect(body.provided).toEqual([
      { field: "achievementId", by: "default" },
      { field: "externalId", by: "derived" },
    ]);
  });

  it("a file that is not a workbook is a clear error, never a 500", async () => {
    const junk = new TextEncoder().encode("PK\u0003\u0004 not really a zip");
    const preview = await (await send("/admin/batches/preview", junk, XLSX)).json<any>();
    expect([preview.ready, preview.fileError.code]).toEqual([false, "ERR_XLSX_UNREADABLE"]);
    const text = await (await send("/admin/batches/preview", "name\n", XLSX)).json<any>();
    expect(text.fileError.code).toBe("ERR_XLSX_UNREADABLE");
    const issue = await send("/admin/batches", junk, XLSX);
    expect([issue.status, (await issue.json<any>()).code]).toEqual([400, "ERR_BATCH_FILE"]);
    const badMapping = await send("/admin/batches/preview?mapping=%7B%22a%22%3A%22phone%22%7D", "a\n1\n", "text/csv");
    expect([badMapping.status, (await badMapping.json<any>()).field]).toEqual([400, "mapping"]);
    const pdf = await send("/admin/batches/preview", "x", "application/pdf");
    expect(pdf.status).toBe(415);
  });
});
