/**
 * Issue 15: an uploaded PDF this isolate has recognised before is recognised again without reading
 * the register of served PDFs (`certificate_pdfs`); a PDF it does not know is looked up every time
 * (never remembered, never taken for a known one); and a recognised PDF of a certificate revoked
 * since is still answered with the certificate's current status.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createDeps } from "../../src/index";
import { ADMIN, BASE, call, issue } from "../support/api";
import { workerEnv } from "../support/deps";
import { withTrailingBytes } from "../support/pdf-attacks";
import { recordingD1 } from "../support/recording-d1";

const registerReads = (seen: string[]) => seen.filter((sql) => /select .*from "certificate_pdfs"/i.test(sql)).length;

let pdf: Uint8Array;
let id: string;

beforeAll(async () => {
  id = (await issue("Amara Okafor", "champions-2023-online")).id;
  pdf = new Uint8Array(await (await call(`/c/${id}.pdf`)).arrayBuffer());
});

describe("verifying an uploaded PDF (issue 15)", () => {
  it("reads the register once per isolate for a PDF it recognises, and every time for one it does not", async () => {
    const seen: string[] = [];
    // A new store: what a new isolate starts with (the memory is per store).
    const app = createApp(await createDeps({ ...workerEnv, DB: recordingD1(workerEnv.DB, seen) }));
    const verify = async (bytes: Uint8Array) => {
      const res = await app.request(`${BASE}/credentials/verify`, {
        method: "POST",
        headers: { "content-type": "application/pdf" },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
      return {
        status: res.status,
        body: await res.json<{ verified: boolean; verdict: string; pdf: { issued: boolean } }>(),
      };
    };

    const first = await verify(pdf);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ verified: true, pdf: { issued: true } });
    expect(registerReads(seen)).toBe(1);

    const again = await verify(pdf);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ verified: true, pdf: { issued: true } });
    expect(registerReads(seen)).toBe(1);

    // Not a PDF WeGO handed out (one byte more): looked up each time, never recognised.
    const edited = withTrailingBytes(pdf, "\n");
    for (const expected of [2, 3]) {
      const r = await verify(edited);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ verified: false, pdf: { issued: false } });
      expect(registerReads(seen)).toBe(expected);
    }
    // The genuine file is still recognised from memory.
    const third = await verify(pdf);
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ verified: true, pdf: { issued: true } });
    expect(registerReads(seen)).toBe(3);

    // Revoked since (through this app, whose status cache the revocation updates): still recognised
    // from memory as the PDF issued, and answered with the certificate's current status.
    const revoked = await app.request(`${BASE}/admin/certificates/${id}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ reason: "withdrawn" }),
    });
    expect(revoked.status).toBe(200);
    const after = await verify(pdf);
    expect(after.status).toBe(400);
    expect(after.body).toMatchObject({ verified: false, verdict: "revoked", pdf: { issued: true } });
    expect(registerReads(seen)).toBe(3);
  });
});
