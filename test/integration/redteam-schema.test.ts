/**
 * Red team: JSON Schema validation of hostile keys. @cfworker/json-schema builds an instance
 * pointer with encodeURI(key) for every property it visits; a key holding a lone UTF-16 surrogate
 * (which JSON.parse happily produces from "\ud800") makes encodeURI throw URIError.
 */
import { describe, expect, it } from "vitest";
import { call, issue, postJson } from "../support/api";

async function text(res: Response) {
  return new TextDecoder().decode(await res.arrayBuffer());
}

describe("redteam: lone-surrogate property names", () => {
  it("POST /credentials/verify with an extra top-level key \\ud800 is a 4xx, not a 500", async () => {
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"verifiableCredential":{},"\\ud800":1}',
    });
    const body = await text(res);
    expect(res.status, body).toBe(400);
  });

  it("POST /credentials/verify with a credential carrying a key \\udfff is a 400 verdict, not a 500", async () => {
    const c = await issue();
    const cred = JSON.stringify(c.credential).replace(/^\{/, '{"\\udfff":1,');
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"verifiableCredential":${cred}}`,
    });
    const body = await text(res);
    expect(res.status, body).toBe(400);
  });

  it("POST /verify (the page) with such a credential pasted answers the page, not a 500", async () => {
    const c = await issue();
    const cred = JSON.stringify(c.credential).replace(/^\{/, '{"\\ud800x":1,');
    const form = new FormData();
    form.set("text", cred);
    const res = await call("/verify", { method: "POST", body: form, headers: { accept: "text/html" } });
    const body = await text(res);
    expect(res.status, body.slice(0, 500)).toBeLessThan(500);
  });

  it("admin endpoints with such a key answer 400, not 500", async () => {
    const res = await postJson(
      "/admin/certificates",
      '{"recipient":{"name":"A","email":"a@b.org"},"achievementId":"champions-2023-online","\\ud800":1}',
    );
    expect(res.status, await text(res)).toBe(400);
  });
});
