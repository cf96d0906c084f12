/**
 * Red team: PDFs. An upload that merely names a certificate in a plain-text /Keywords line makes
 * the service re-render that certificate's full PDF (fonts, layout, QR, embedded files) to compare
 * bytes: a ~100-byte request buys a full render, every time (nothing is remembered for a miss).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, issue } from "../support/api";

let id: string;
beforeAll(async () => {
  id = (await issue("Ana Souza", "champions-2023-workshop-baku")).id;
  await call(`/c/${id}.pdf`); // warm the renderer and fonts
});

async function postPdf(bytes: Uint8Array) {
  const t0 = Date.now();
  const res = await call("/credentials/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: bytes });
  const body = await res.json<any>();
  return { status: res.status, body, ms: Date.now() - t0 };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("redteam: PDF recognition cost", () => {
  it("a 120-byte fake PDF naming a real certificate costs no more than a fake naming none", async () => {
    const named = enc(`%PDF-1.7\n/Keywords (WeGO certificate Open Badges 3.0 Verifiable Credential ${id})\n`);
    const anon = enc(`%PDF-1.7\n/Keywords (WeGO certificate Open Badges 3.0 Verifiable Credential none)\n`);
    let bestNamed = Infinity;
    let bestAnon = Infinity;
    for (let i = 0; i < 3; i++) {
      const a = await postPdf(named);
      expect(a.body.verdict).toBe("invalid");
      bestNamed = Math.min(bestNamed, a.ms);
      const b = await postPdf(anon);
      expect(b.body.verdict).toBe("invalid");
      bestAnon = Math.min(bestAnon, b.ms);
    }
    // A full render per tiny request is a CPU amplifier; a miss should be remembered or refused cheaply.
    expect(bestNamed, `named ${bestNamed} ms vs anonymous ${bestAnon} ms`).toBeLessThan(bestAnon + 20);
  });
});
