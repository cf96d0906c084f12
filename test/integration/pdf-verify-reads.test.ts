/**
 * Issue 15: an uploaded PDF this isolate has recognised before is recognised again without reading
 * the register of served PDFs (`certificate_pdfs`); a PDF it does not know is looked up every time,
 * so an unknown upload can neither fill the memory nor be taken for a known one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createDeps } from "../../src/index";
import { BASE, call, issue } from "../support/api";
import { workerEnv } from "../support/deps";
import { withTrailingBytes } from "../support/pdf-attacks";

/** The D1 binding, recording the SQL of every statement it prepares. */
function recordingD1(db: D1Database, seen: string[]): D1Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "prepare")
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

const registerReads = (seen: string[]) => seen.filter((sql) => /select .*from "certificate_pdfs"/i.test(sql)).length;

let pdf: Uint8Array;

beforeAll(async () => {
  const issued = await issue("Amara Okafor", "champions-2023-online");
  pdf = new Uint8Array(await (await call(`/c/${issued.id}.pdf`)).arrayBuffer());
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
      return { status: res.status, body: await res.json<{ verified: boolean; pdf: { issued: boolean } }>() };
    };

    const first = await verify(pdf);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ verified: true, pdf: { issued: true } });
    expect(registerReads(seen)).toBe(1);

    const again = await verify(pdf);
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
    expect((await verify(pdf)).body).toMatchObject({ verified: true });
    expect(registerReads(seen)).toBe(3);
  });
});
