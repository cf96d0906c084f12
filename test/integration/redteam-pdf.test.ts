/**
 * Red team: PDFs. An upload that merely names a certificate in a plain-text /Keywords line makes
 * the service re-render that certificate's full PDF (fonts, layout, QR, embedded files) to compare
 * bytes: a ~100-byte request buys a full render, every time (nothing is remembered for a miss).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { pdfRenders } from "../../src/services/certificate-pdf";
import { BASE, call, issue } from "../support/api";
import { testDeps } from "../support/deps";

let id: string;
beforeAll(async () => {
  id = (await issue("Ana Souza", "champions-2023-workshop-baku")).id;
  await call(`/c/${id}.pdf`); // warm the renderer and fonts
});

// Built in this module instance, so pdfRenders() counts its renders.
let app: ReturnType<typeof createApp>;
async function postPdf(bytes: Uint8Array) {
  app ??= createApp(await testDeps());
  const t0 = Date.now();
  const res = await app.request(BASE + "/credentials/verify", {
    method: "POST",
    headers: { "content-type": "application/pdf" },
    body: bytes,
  });
  const body = await res.json<any>();
  return { status: res.status, body, ms: Date.now() - t0 };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("redteam: PDF recognition cost", () => {
  it("a 120-byte fake PDF naming a real certificate renders that certificate at most once per isolate", async () => {
    const named = enc(`%PDF-1.7\n/Keywords (WeGO certificate Open Badges 3.0 Verifiable Credential ${id})\n`);
    const anon = enc(`%PDF-1.7\n/Keywords (WeGO certificate Open Badges 3.0 Verifiable Credential none)\n`);
    const before = pdfRenders();
    for (let i = 0; i < 3; i++) {
      expect((await postPdf(named)).body.verdict).toBe("invalid");
      expect((await postPdf(anon)).body.verdict).toBe("invalid");
    }
    // A full render per tiny request would be a CPU amplifier: the rendered hash is remembered.
    expect(pdfRenders() - before).toBe(1);
  });
});
