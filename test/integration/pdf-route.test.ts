/** GET /c/{id}.pdf in workerd (fonts from the ASSETS binding) and PDF verification by upload. */
import { describe, expect, it } from "vitest";
import { call, issue } from "../support/api";

async function verifyPdf(bytes: Uint8Array, multipart = false) {
  let init: RequestInit;
  if (multipart) {
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "application/pdf" }), "certificate.pdf");
    init = { method: "POST", body: form };
  } else init = { method: "POST", headers: { "content-type": "application/pdf" }, body: bytes };
  const res = await call("/credentials/verify", init);
  return { status: res.status, body: await res.json<any>() };
}

describe("certificate PDF", () => {
  it("serves a deterministic PDF that verifies as the PDF WeGO issued", async () => {
    const issued = await issue("김민준", "champions-2023-online");
    const res = await call(`/c/${issued.id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    // Served again from the kept rendering (services/pdf-bytes-cache.ts): same bytes, no render; a
    // fresh isolate's app finds it in the Cache API.
    const { pdfRenders } = await import("../../src/services/certificate-pdf");
    const renders = pdfRenders();
    const again = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
    expect(again).toEqual(pdf);
    const { createApp } = await import("../../src/app");
    const { testDeps } = await import("../support/deps");
    const { BASE } = await import("../support/api");
    const cold = createApp(await testDeps());
    expect(new Uint8Array(await (await cold.request(`${BASE}/c/${issued.id}.pdf`)).arrayBuffer())).toEqual(pdf);
    expect(pdfRenders()).toBe(renders);
    const etag = res.headers.get("etag")!;
    expect((await call(`/c/${issued.id}.pdf`, { headers: { "if-none-match": etag } })).status).toBe(304);

    for (const multipart of [false, true]) {
      const { status, body } = await verifyPdf(pdf, multipart);
      expect([status, body.verified, body.verdict]).toEqual([200, true, "valid"]);
      expect(body.pdf).toEqual({ issued: true, certificateId: issued.id });
      expect(body.checks.map((c: any) => [c.check, c.status])).toContainEqual(["pdf-content", "passed"]);
    }
  });

  it("a PDF of another certificate with this one's attachment, garbage and a PDF without attachment are not valid", async () => {
    const a = await issue("Ελένη Παπαδοπούλου", "champions-2023-workshop-athens");
    const pdf = new Uint8Array(await (await call(`/c/${a.id}.pdf`)).arrayBuffer());
    // One changed byte inside the attached credential (the signature no longer matches or the PDF breaks).
    const text = new TextDecoder("latin1").decode(pdf);
    const at = text.indexOf("Ελένη") >= 0 ? -1 : text.indexOf("/Type /EmbeddedFile");
    expect(at).toBeGreaterThan(0);
    const flipped = pdf.slice();
    flipped[at + 200] = flipped[at + 200]! ^ 0x01;
    // A tampered attachment is invalid (400), not could-not-check (503).
    const r1 = await verifyPdf(flipped);
    expect([r1.status, r1.body.verdict, r1.body.checks[0].code]).toEqual([400, "invalid", "ERR_PDF_NOT_ISSUED"]);
    const r2 = await verifyPdf(new TextEncoder().encode("%PDF-1.7\nnot really a pdf"));
    expect([r2.status, r2.body.verified]).toEqual([400, false]);
    expect(r2.body.checks[0].code).toBe("ERR_PDF_NOT_ISSUED");
    const r3 = await verifyPdf(new Uint8Array([1, 2, 3]));
    expect([r3.status, r3.body.checks[0].code]).toEqual([400, "ERR_PDF_NOT_PDF"]);
  });

  it("a PDF served before the register existed is recognised by re-rendering the certificate it names", async () => {
    const issued = await issue("Łukasz Żółć", "champions-2023-workshop-munich");
    const pdf = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
    const { workerEnv } = await import("../support/deps");
    await workerEnv.DB.prepare("DELETE FROM certificate_pdfs WHERE certificate_id = ?").bind(issued.id).run();
    const { status, body } = await verifyPdf(pdf);
    expect([status, body.verdict, body.pdf.certificateId]).toEqual([200, "valid", issued.id]);
  });

  it("the PDF prints only what the credential signs: a catalogue edit changes nothing", async () => {
    const issued = await issue("Sofia Greco", "champions-2023-workshop-athens");
    const before = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
    const { workerEnv } = await import("../support/deps");
    const { createApp } = await import("../../src/app");
    const { testDeps } = await import("../support/deps");
    const { BASE } = await import("../support/api");
    await workerEnv.DB.prepare("UPDATE achievements SET name = 'Edited', venue = 'Elsewhere' WHERE id = ?")
      .bind("champions-2023-workshop-athens")
      .run();
    try {
      // A fresh app (no per-isolate caches, no Cache API) renders from storage again.
      const fresh = createApp(await testDeps({ edgeCache: undefined }));
      const after = new Uint8Array(await (await fresh.request(`${BASE}/c/${issued.id}.pdf`)).arrayBuffer());
      expect(after).toEqual(before);
    } finally {
      await workerEnv.DB.prepare("UPDATE achievements SET name = ?, venue = ? WHERE id = ?")
        .bind(
          (issued.credential.credentialSubject as any).achievement.name,
          "Patras University",
          "champions-2023-workshop-athens",
        )
        .run();
    }
  });

  it("a revoked certificate's genuine PDF is revoked", async () => {
    const issued = await issue("Mia Chen", "champions-2023-workshop-milan");
    const pdf = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
    const { postJson } = await import("../support/api");
    expect((await postJson(`/admin/certificates/${issued.id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    // The kept rendering is no reason to serve it: the status is read fresh.
    expect((await call(`/c/${issued.id}.pdf`)).status).toBe(410);
    const { status, body } = await verifyPdf(pdf);
    expect([status, body.verdict]).toEqual([400, "revoked"]);
  });

  it("unknown ids give 404 for the PDF too", async () => {
    expect((await call("/c/AAAAAAAAAAAAAAAAAAAAAA.pdf")).status).toBe(404);
  });
});
