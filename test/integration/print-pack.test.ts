/** Print packs: every PDF of a batch or a filter in one ZIP, named by participant, byte-equal to the served PDFs. */
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { packFileNames } from "../../src/services/print-pack";
import { ADMIN, call, postJson } from "../support/api";

const auth = { authorization: `Bearer ${ADMIN}` };
const NAMES = ["김민준", "Zoë / Ångström", "Kim Minjun", "Kim Minjun", "..Ελένη?"];

async function unzip(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

describe("print pack", () => {
  it("a batch's ZIP holds exactly its certificates' PDFs, as served, named by participant", async () => {
    const res = await postJson("/admin/batches", {
      rows: NAMES.map((name, i) => ({
        name,
        email: `pack${i}@example.org`,
        achievementId: "champions-2023-workshop-munich",
        externalId: `pack-${i}`,
      })),
    });
    const batch = await res.json<any>();
    expect(batch.counts.issued).toBe(NAMES.length);
    const report = await (await call(`/admin/batches/${batch.id}`, { headers: auth })).json<any>();
    const ids: string[] = report.rows.map((r: any) => r.certificateId);
    // One revoked: left out of the pack.
    expect((await postJson(`/admin/certificates/${ids[4]}/revoke`, { reason: "withdrawn" })).status).toBe(200);

    const files = await unzip(await call(`/admin/batches/${batch.id}/pdfs.zip`, { headers: auth }));
    const pdfNames = Object.keys(files).filter((f) => f.endsWith(".pdf"));
    expect(pdfNames.sort()).toEqual(
      [
        `김민준 (${ids[0]!.slice(0, 8)}).pdf`,
        `Zoë _ Ångström (${ids[1]!.slice(0, 8)}).pdf`,
        `Kim Minjun (${ids[2]!.slice(0, 8)}).pdf`,
        `Kim Minjun (${ids[3]!.slice(0, 8)}).pdf`,
      ].sort(),
    );
    for (const [i, id] of ids.slice(0, 4).entries()) {
      const name = pdfNames.find((n) => n.includes(id.slice(0, 8)))!;
      const served = new Uint8Array(await (await call(`/c/${id}.pdf`)).arrayBuffer());
      expect([i, files[name]!.length]).toEqual([i, served.length]);
      expect(files[name]).toEqual(served);
      expect(new TextDecoder().decode(files[name]!.subarray(0, 5))).toBe("%PDF-");
    }
    const audit = await (await call("/admin/audit?action=certificates.print-pack", { headers: auth })).json<any>();
    expect(audit.entries[0]).toMatchObject({ actor: "bootstrap", target: batch.id });
    expect(audit.entries[0].summary.after.certificates).toBe(4);
    const manifest = new TextDecoder().decode(files["manifest.csv"]).split("\r\n");
    expect(manifest[0]).toBe("file,certificateId,recipientName,achievementId,status,url");
    expect(manifest.filter(Boolean)).toHaveLength(5);

    // A PDF from the pack is recognised as one WeGO issued by the PDF check.
    const check = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: files[pdfNames[0]!] as BodyInit,
    });
    expect((await check.json<any>()).pdf).toMatchObject({ issued: true });
  }, 120_000);

  it("a filter's ZIP: the list's parameters; revoked only when asked; errors are clear", async () => {
    const files = await unzip(await call(`/admin/certificates/pdfs.zip?q=pack-2`, { headers: auth }));
    expect(Object.keys(files).sort()).toEqual([expect.stringMatching(/^Kim Minjun \(.{8}\)\.pdf$/), "manifest.csv"]);
    const revoked = await unzip(await call(`/admin/certificates/pdfs.zip?q=pack-4&status=revoked`, { headers: auth }));
    expect(Object.keys(revoked)).toHaveLength(2);
    const none = await unzip(await call(`/admin/certificates/pdfs.zip?q=nobody-at-all`, { headers: auth }));
    expect(Object.keys(none)).toEqual(["manifest.csv"]);
    const bad = await call(`/admin/certificates/pdfs.zip?limit=5`, { headers: auth });
    expect([bad.status, (await bad.json<any>()).field]).toEqual([400, "limit"]);
    expect((await call(`/admin/batches/nope/pdfs.zip`, { headers: auth })).status).toBe(404);
    expect((await call(`/admin/batches/nope/pdfs.zip`)).status).toBe(401);
  });

  it("file names are safe and unique in any script", () => {
    const names = packFileNames([
      { id: "AAAAAAAAxxxxxxxxxxxxxx", recipientName: "CON" },
      { id: "AAAAAAAAyyyyyyyyyyyyyy", recipientName: "con" },
      { id: "BBBBBBBBzzzzzzzzzzzzzz", recipientName: "a\u0000b/..\\c:*?\u200F" },
      { id: "CCCCCCCCzzzzzzzzzzzzzz", recipientName: "   " },
      { id: "DDDDDDDDzzzzzzzzzzzzzz", recipientName: "محمد" },
    ]);
    expect(names).toEqual([
      "CON (AAAAAAAA).pdf",
      "con (AAAAAAAAyyyyyyyyyyyyyy).pdf",
      "ab_.._c___ (BBBBBBBB).pdf",
      "certificate (CCCCCCCC).pdf",
      "محمد (DDDDDDDD).pdf",
    ]);
  });
});
