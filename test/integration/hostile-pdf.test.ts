/**
 * Hostile input, part 3: PDFs (and things that are not PDFs) uploaded to POST /credentials/verify
 * as application/pdf and as multipart, and to the HTML form POST /verify. Random bytes, truncated
 * real PDFs, real PDFs with random byte flips, PDFs with absurd structure. No 5xx ever; a broken
 * or truncated PDF is never verified:true unless its attached credential and visible content still
 * check out (counted and logged).
 */
import fc from "fast-check";
import { runs } from "../support/fast-check-setup";
import { beforeAll, describe, expect, it } from "vitest";
import { call, issue } from "../support/api";

let pdf: Uint8Array;

beforeAll(async () => {
  const issued = await issue("Ana Souza", "champions-2023-online");
  pdf = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
  expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
});

async function upload(bytes: Uint8Array, how: "pdf" | "multipart" | "form") {
  let res: Response;
  if (how === "pdf")
    res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: bytes,
    });
  else {
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "application/pdf" }), "certificate.pdf");
    res = await call(how === "form" ? "/verify" : "/credentials/verify", { method: "POST", body: form });
  }
  const text = new TextDecoder().decode(await res.arrayBuffer());
  const where = `${how} ${bytes.length} bytes → ${res.status} ${text.slice(0, 200)}`;
  expect(res.status, where).toBeLessThan(500);
  if (how === "form") return { status: res.status, verified: false };
  const body = JSON.parse(text);
  if (res.status >= 400) {
    if (res.headers.get("content-type")!.startsWith("application/problem+json"))
      expect(typeof body.code, where).toBe("string");
    else expect(body.verified, where).toBe(false);
  }
  return { status: res.status, verified: body.verified === true };
}

const how = fc.constantFrom("pdf" as const, "multipart" as const, "form" as const);
const enc = new TextEncoder();

describe("hostile PDFs", () => {
  it("control: the real PDF verifies", async () => {
    expect((await upload(pdf, "pdf")).verified).toBe(true);
  });

  it("random bytes, with and without a %PDF- header, are never verified", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom("", "%PDF-", "%PDF-1.7\n", "junk%PDF-1.4\n%\u00e2\u00e3\n"),
        how,
        async (bytes, head, h) => {
          const r = await upload(Uint8Array.from([...enc.encode(head), ...bytes]), h);
          expect(r.verified).toBe(false);
        },
      ),
      runs(80),
    );
  });

  it("truncated real PDFs never cause a 5xx", async () => {
    let stillValid = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1_000_000 }), how, async (n, h) => {
        const cut = pdf.slice(0, n % pdf.length);
        if ((await upload(cut, h)).verified) stillValid++;
      }),
      runs(60),
    );
    console.log(`truncated PDFs still verified (only the trailer was cut): ${stillValid}`);
  });

  it("real PDFs with random byte flips never cause a 5xx", async () => {
    let stillValid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 12 }),
        how,
        async (flips, h) => {
          const copy = pdf.slice();
          for (const [at, x] of flips) copy[at % copy.length]! ^= x;
          if ((await upload(copy, h)).verified) stillValid++;
        },
      ),
      runs(60),
    );
    console.log(`byte-flipped PDFs still verified (flips outside signed/visible content): ${stillValid}`);
  });

  it("PDFs that are not PDFs, and PDFs with absurd structure", async () => {
    const text = new TextDecoder("latin1").decode(pdf);
    const cases: [string, Uint8Array][] = [
      ["empty", new Uint8Array()],
      ["html", enc.encode("<!doctype html><title>x</title>")],
      ["zip", Uint8Array.from([0x50, 0x4b, 3, 4, ...new Uint8Array(100)])],
      ["png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(100)])],
      ["json credential", enc.encode('{"@context":["https://www.w3.org/ns/credentials/v2"]}')],
      ["header only", enc.encode("%PDF-1.7")],
      [
        "50,000 nested dicts",
        enc.encode(
          `%PDF-1.7\n1 0 obj\n${"<<".repeat(50_000)}${">>".repeat(50_000)}\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF`,
        ),
      ],
      [
        "50,000 nested arrays",
        enc.encode(`%PDF-1.7\n1 0 obj\n${"[".repeat(50_000)}${"]".repeat(50_000)}\nendobj\n%%EOF`),
      ],
      [
        "self-referencing names tree",
        enc.encode(
          "%PDF-1.7\n1 0 obj<</Type/Catalog/Names<</EmbeddedFiles 2 0 R>>>>endobj\n2 0 obj<</Kids[2 0 R 2 0 R]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        ),
      ],
      [
        "huge xref offsets",
        enc.encode(
          "%PDF-1.7\nxref\n0 99999999\n0000000000 65535 f \ntrailer<</Size 99999999/Root 1 0 R>>\nstartxref\n999999999\n%%EOF",
        ),
      ],
      [
        "flate bomb stream",
        enc.encode(
          `%PDF-1.7\n1 0 obj<</Length 20/Filter/FlateDecode/DecodeParms<</Predictor 15/Columns 99999999>>>>stream\n${"x".repeat(20)}\nendstream endobj\n%%EOF`,
        ),
      ],
      [
        "attachment names replaced",
        enc.encode(text.replace(/credential\.json/g, "credential.jsox").replace(/credential\.jwt/g, "credential.jwx")),
      ],
      ["PDF twice", Uint8Array.from([...pdf, ...pdf])],
    ];
    for (const [label, bytes] of cases)
      for (const h of ["pdf", "multipart", "form"] as const) {
        const r = await upload(bytes, h);
        expect(r.verified, `${label} ${h}`).toBe(label === "PDF twice" ? r.verified : false);
      }
  });

  it("multipart oddities are 4xx problems, not 5xx", async () => {
    const bodies: [string, BodyInit, string][] = [
      ["no boundary", "--x\r\n\r\n", "multipart/form-data"],
      ["garbage", "\u0000\u0001garbage", "multipart/form-data; boundary=abc"],
      [
        "unterminated",
        '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7',
        "multipart/form-data; boundary=abc",
      ],
      [
        "text field",
        '--abc\r\nContent-Disposition: form-data; name="file"\r\n\r\nhello\r\n--abc--\r\n',
        "multipart/form-data; boundary=abc",
      ],
      [
        "no file field",
        '--abc\r\nContent-Disposition: form-data; name="other"\r\n\r\nhello\r\n--abc--\r\n',
        "multipart/form-data; boundary=abc",
      ],
    ];
    for (const [label, body, type] of bodies) {
      const res = await call("/credentials/verify", { method: "POST", headers: { "content-type": type }, body });
      const text = await res.text();
      expect(res.status, `${label}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      const p = JSON.parse(text);
      expect(p.code ?? (p.verified === false ? "verdict" : undefined), label).toBeTruthy();
    }
  });
});
