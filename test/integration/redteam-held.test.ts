/**
 * Red team: attacks that held up (no valid verdict for anything but a genuine, current certificate
 * exactly as issued). Kept as regression tests.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, issue, postJson, verify } from "../support/api";

type Json = Record<string, any>;
let genuine: Json;
let jwt: string;
let pdf: Uint8Array;

beforeAll(async () => {
  genuine = await issue("Ana Souza", "champions-2023-online");
  jwt = await (await call(`/c/${genuine.id}.jwt`)).text();
  pdf = new Uint8Array(await (await call(`/c/${genuine.id}.pdf`)).arrayBuffer());
});

async function verifyRaw(body: string) {
  const res = await call("/credentials/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: res.status, body: await res.json<Json>() };
}

async function form(parts: Array<[string, string | Blob, string?]>) {
  const f = new FormData();
  for (const [k, v, name] of parts)
    if (typeof v === "string") f.append(k, v);
    else f.append(k, v, name);
  const res = await call("/verify", { method: "POST", body: f, headers: { accept: "text/html" } });
  return { status: res.status, html: await res.text() };
}

describe("redteam: held", () => {
  it("control: genuine credential, JWT and PDF are valid", async () => {
    expect((await verify(genuine.credential)).body.verdict).toBe("valid");
    expect((await verify(jwt)).body.verdict).toBe("valid");
    expect((await verify(` \n${jwt}\t`)).body.verdict).toBe("valid"); // trimmed, still the same token
  });

  it("VC-JWT variants of the genuine token are not valid", async () => {
    const [h, p, s] = jwt.split(".");
    for (const v of [
      `${h}=.${p}.${s}`,
      `${h}.${p}.${s}=`,
      `${h}.${p}.${s}A`,
      `${h}.${p}.${s!.slice(0, -1)}`,
      `${h}.${p}.`,
      `${h}..${s}`,
      `${h} .${p}.${s}`,
    ]) {
      const r = await verify(v);
      expect(r.body.verified, v.slice(0, 40)).toBe(false);
    }
  });

  it("duplicate keys, __proto__ and key order: last duplicate must equal, extra __proto__ refused", async () => {
    const c = JSON.stringify(genuine.credential);
    // A duplicate `name` whose last value is the genuine one: JSON.parse keeps the last, equal to record.
    const dupOk = c.replace(/^\{/, '{"name":"Forged Name",');
    expect((await verifyRaw(`{"verifiableCredential":${dupOk}}`)).body.verified).toBe(true); // same parsed value
    // The other order: the forged value last.
    const dupBad = c.replace(/\}$/, ',"name":"Forged Name"}');
    expect((await verifyRaw(`{"verifiableCredential":${dupBad}}`)).body.verified).toBe(false);
    const proto = c.replace(/^\{/, '{"__proto__":{"validUntil":"2000-01-01T00:00:00Z"},');
    expect((await verifyRaw(`{"verifiableCredential":${proto}}`)).body.verified).toBe(false);
  });

  it("credential ids with another host, case, trailing slash, percent-encoding or NFC/NFKC look-alikes are not on record", async () => {
    const id = genuine.credential.id as string;
    const variants = [
      id.replace("127.0.0.1", "localhost"),
      id.replace("http://", "HTTP://"),
      id + "/",
      id.replace("/c/", "/c/%2F").slice(0, -3),
      id.replace(/\/c\/(.)/, (_m, ch) => `/c/%${ch.charCodeAt(0).toString(16)}`),
      id.replace(/[A-Za-z]$/, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)), // full-width last letter
    ];
    for (const v of variants) {
      const r = await verify({ ...genuine.credential, id: v });
      expect(r.body.verified, v).toBe(false);
    }
  });

  it("a status list credential (signed by WeGO) is not a certificate, on the API and on /verify", async () => {
    const list = await (await call("/status/r1")).json<Json>();
    expect((await verify(list)).body.verified).toBe(false);
    const f = await form([["text", JSON.stringify(list)]]);
    expect(f.html).not.toContain('data-verdict="valid"');
  });

  it("/verify multipart: a genuine PDF plus a forged second file field, and text + file, never validate the forgery", async () => {
    const forged = new Uint8Array(pdf);
    forged[forged.length - 10] = forged[forged.length - 10]! ^ 1;
    const twoFiles = await form([
      ["file", new Blob([pdf], { type: "application/pdf" }), "a.pdf"],
      ["file", new Blob([forged], { type: "application/pdf" }), "b.pdf"],
    ]);
    expect(twoFiles.status).toBeLessThan(500);
    expect(twoFiles.html).not.toContain('data-verdict="valid"');
    const textAndFile = await form([
      ["text", JSON.stringify(genuine.credential)],
      ["file", new Blob([forged], { type: "application/pdf" }), "b.pdf"],
    ]);
    expect(textAndFile.html).not.toContain('data-verdict="valid"');
  });

  it("revocation is seen at once by the API (JSON, JWT, PDF), /verify and the page despite the per-isolate cache", async () => {
    const c = await issue("Revoke Me", "champions-2023-online");
    const j = await (await call(`/c/${c.id}.jwt`)).text();
    const p = new Uint8Array(await (await call(`/c/${c.id}.pdf`)).arrayBuffer());
    expect((await verify(c.credential)).body.verdict).toBe("valid"); // cache warm
    expect((await postJson(`/admin/certificates/${c.id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    expect((await verify(c.credential)).body.verdict).toBe("revoked");
    expect((await verify(j)).body.verdict).toBe("revoked");
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: p,
    });
    expect((await res.json<Json>()).verdict).toBe("revoked");
    const page = await call(`/c/${c.id}`, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toContain('data-verdict="valid"');
    // After revocation the PDF is no longer handed out (410), so no fresh copy can circulate.
    const again = await call(`/c/${c.id}.pdf`);
    expect([again.status, (await again.json<Json>()).code]).toEqual([410, "ERR_REVOKED"]);
  });

  it("a suspended certificate is suspended, and valid again after unsuspend", async () => {
    const c = await issue("Suspend Me", "champions-2023-online");
    await verify(c.credential);
    expect((await postJson(`/admin/certificates/${c.id}/suspend`, { reason: "under-review" })).status).toBe(200);
    expect((await verify(c.credential)).body.verdict).toBe("suspended");
    const f = await form([["text", JSON.stringify(c.credential)]]);
    expect(f.html).not.toContain('data-verdict="valid"');
  });

  it("/c/{id} page for case-changed, percent-encoded or trailing-slash ids is not a valid page of another certificate", async () => {
    const lower = genuine.id.toLowerCase() === genuine.id ? genuine.id.toUpperCase() : genuine.id.toLowerCase();
    for (const path of [`/c/${lower}`, `/c/${genuine.id}/`, `/c/${genuine.id}%00`, `/c/${genuine.id}.json.pdf`]) {
      const res = await call(path, { headers: { accept: "text/html" } });
      expect(res.status, path).toBeLessThan(500);
      expect(await res.text(), path).not.toContain('data-verdict="valid"');
    }
  });
});
