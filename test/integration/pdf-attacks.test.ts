/**
 * Regression tests for issue 9, classes 2, 3 and 5 (PDFs): a PDF is what viewers render, not what
 * one parser reads. Every variant here is built from a genuine certificate PDF the way an editor
 * or attacker would (test/support/pdf-attacks.ts; test/unit/pdf-attacks-render.test.ts checks
 * with a real renderer that the forged name is what viewers show). None may come out valid, on
 * the API or on the /verify form, and none may cost more than hashing the capped upload.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, issue, postJson } from "../support/api";
import {
  withAttachment,
  withOpenAction,
  withOtherName,
  withTrailingBytes,
  incrementalUpdate,
  stream,
} from "../support/pdf-attacks";

type Json = Record<string, any>;

let pdf: Uint8Array;
let issued: Json;

beforeAll(async () => {
  issued = await issue("Ana Souza", "champions-2023-online");
  pdf = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
});

async function verifyPdf(bytes: Uint8Array): Promise<{ status: number; body: Json }> {
  const res = await call("/credentials/verify", {
    method: "POST",
    headers: { "content-type": "application/pdf" },
    body: bytes,
  });
  return { status: res.status, body: await res.json<Json>() };
}

async function verifyForm(bytes: Uint8Array): Promise<{ status: number; html: string }> {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "application/pdf" }), "certificate.pdf");
  const res = await call("/verify", { method: "POST", body: form, headers: { accept: "text/html" } });
  return { status: res.status, html: await res.text() };
}

describe("edited PDFs are never valid", () => {
  it("control: the genuine PDF is valid on the API and on the form", async () => {
    expect((await verifyPdf(pdf)).body.verdict).toBe("valid");
    const form = await verifyForm(pdf);
    expect(form.status).toBe(200);
    expect(form.html).toContain('data-verdict="valid"');
  });

  const variants: Array<[string, () => Uint8Array]> = [
    ["an incremental update that shows another name", () => withOtherName(pdf, "Mallory Forger")],
    ["a catalog /OpenAction with JavaScript", () => withOpenAction(pdf)],
    ["bytes after %%EOF", () => withTrailingBytes(pdf, "\n% harmless?\n")],
    [
      "a redefined object that changes nothing visible",
      () => incrementalUpdate(pdf, { 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>" }),
    ],
    [
      "the attachment replaced by a rewritten credential",
      () => withAttachment(pdf, JSON.stringify({ ...issued.credential, name: "Doctorate" })),
    ],
    ["one byte changed", () => pdf.map((b, i) => (i === 1000 ? b ^ 1 : b))],
    ["truncated", () => pdf.slice(0, pdf.length - 10)],
  ];

  it.each(variants)("%s: 400 ERR_PDF_NOT_ISSUED on the API, 'not a WeGO certificate' on the form", async (_, make) => {
    const bytes = make();
    const api = await verifyPdf(bytes);
    expect([api.status, api.body.verified, api.body.verdict]).toEqual([400, false, "invalid"]);
    expect(api.body.checks.map((c: Json) => c.code)).toEqual(["ERR_PDF_NOT_ISSUED"]);
    const form = await verifyForm(bytes);
    expect(form.html).not.toContain('data-verdict="valid"');
    // WeGO did not issue these bytes: the form says so in red rather than "not valid".
    expect(form.html).toContain('data-verdict="not-wego"');
  });

  it("a revoked certificate's PDF with its attachment rewritten to hide the status is not valid", async () => {
    const victim = await issue("Ron Weasel", "champions-2023-workshop-baku");
    const genuine = new Uint8Array(await (await call(`/c/${victim.id}.pdf`)).arrayBuffer());
    expect(
      (await postJson(`/admin/certificates/${victim.id}/revoke`, { reason: "withdrawn", note: "fraud" })).status,
    ).toBe(200);
    const { credentialStatus, ...rest } = victim.credential as Json;
    const rewritten = { ...rest, "https://www.w3.org/2018/credentials#credentialStatus": credentialStatus };
    const api = await verifyPdf(withAttachment(genuine, JSON.stringify(rewritten)));
    expect([api.status, api.body.verdict]).toEqual([400, "invalid"]);
    expect((await verifyPdf(genuine)).body.verdict).toBe("revoked");
  });
});

describe("bounded cost", () => {
  it("a genuine PDF with a 20 MiB compressed stream appended is refused without inflating it", async () => {
    // 76 KB of deflate that inflates to 20 MiB: the verifier never parses, so never inflates it.
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const packed = new Uint8Array(
      await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream("deflate"))).arrayBuffer(),
    );
    expect(packed.length).toBeLessThan(100_000);
    const body = new TextDecoder("latin1").decode(packed);
    const bomb = incrementalUpdate(pdf, { 99: stream(body, " /Filter /FlateDecode") });
    const api = await verifyPdf(bomb);
    expect([api.status, api.body.checks[0].code]).toEqual([400, "ERR_PDF_NOT_ISSUED"]);
  });

  it("an object-stream bomb is refused", async () => {
    const inner = "1 0 ".repeat(1000) + "<< >> ".repeat(1000);
    const bomb = incrementalUpdate(pdf, {
      98: stream(inner, " /Type /ObjStm /N 1000 /First 4000"),
    });
    const api = await verifyPdf(bomb);
    expect([api.status, api.body.checks[0].code]).toEqual([400, "ERR_PDF_NOT_ISSUED"]);
  });

  it("uploads over the body cap get 413 with a code", async () => {
    const big = new Uint8Array(300 * 1024);
    big.set(pdf);
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json<Json>()).code).toBe("ERR_BODY_TOO_LARGE");
  });
});
