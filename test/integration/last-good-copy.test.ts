/** While D1 is down, status lists and PDFs are served from their last good copy while it is valid. */
import { describe, expect, it } from "vitest";
import { issue } from "../support/api";
import { client, failingD1, testDeps, workerEnv } from "../support/deps";
import { createStore } from "../../src/adapters/storage/database";

describe("last good copy", () => {
  it("serves the last signed status list and the PDF while the database fails, and not past validUntil", async () => {
    const a = await issue("Cache Probe");
    const listPath = new URL(
      (a.credential.credentialStatus as { statusListCredential: string }[])[0]!.statusListCredential,
    ).pathname;
    const up = client(await testDeps());
    const good = await up.get(listPath);
    expect(good.status).toBe(200);
    const body = await good.text();
    const pdf = await up.get(`/c/${a.id}.pdf`);
    expect(pdf.status).toBe(200);
    const pdfBytes = new Uint8Array(await pdf.arrayBuffer());

    const down = await testDeps({ store: createStore(failingD1(workerEnv.DB, () => true)) });
    const list = await client(down).get(listPath);
    expect(list.status).toBe(200);
    expect(list.headers.get("x-served-from")).toBe("last-good-copy");
    // The same list: same ETag (its stored version) and bits. In a runtime shared with other files
    // the copy kept can be an earlier signature of those bits (a copy is re-stored only when the
    // ETag changes or after ten minutes), so the signature itself may differ.
    const served = await list.text();
    expect(list.headers.get("etag")).toBe(good.headers.get("etag"));
    expect(JSON.parse(served).credentialSubject).toEqual(JSON.parse(body).credentialSubject);
    const pdfCopy = await client(down).get(`/c/${a.id}.pdf`);
    expect([pdfCopy.status, pdfCopy.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    expect(pdfCopy.headers.get("x-served-from")).toBe("last-good-copy");
    expect(pdfCopy.headers.get("x-pdf-rendering")).toBeNull();
    expect(pdfCopy.headers.get("content-disposition")).toBe(pdf.headers.get("content-disposition"));
    expect(new Uint8Array(await pdfCopy.arrayBuffer())).toEqual(pdfBytes);
    // The certificate JSON is never served from a copy: it must show the current status.
    expect((await client(down).get(`/c/${a.id}.json`)).status).toBe(503);

    // Past the list's validUntil the copy is useless to a verifier: 503, as without a copy.
    const validUntil = Date.parse(JSON.parse(served).validUntil);
    const later = client({ ...down, clock: () => new Date(validUntil + 1000) });
    expect((await later.get(listPath)).status).toBe(503);
  });

  it("keeps a stored PDF's copy as a pointer to the store, and a PDF's bytes without a store", async () => {
    const a = await issue("Pointer Probe");
    const b = await issue("Bytes Probe");
    const up = client(await testDeps());
    const stored = new Uint8Array(await (await up.get(`/c/${a.id}.pdf`)).arrayBuffer());
    const noStore = client(await testDeps({ pdfStore: undefined }));
    const kept = new Uint8Array(await (await noStore.get(`/c/${b.id}.pdf`)).arrayBuffer());
    const failing = createStore(failingD1(workerEnv.DB, () => true));
    // With a store the copy holds no bytes: a changed stored object is not served from it either.
    const key = (await workerEnv.PDFS!.list({ prefix: "pdf/" })).objects.find((o) => o.key.split("/")[2] === a.id)!.key;
    const fromStore = await client(await testDeps({ store: failing })).get(`/c/${a.id}.pdf`);
    expect([fromStore.status, fromStore.headers.get("x-served-from")]).toEqual([200, "last-good-copy"]);
    expect(new Uint8Array(await fromStore.arrayBuffer())).toEqual(stored);
    await workerEnv.PDFS!.put(key, stored.slice(0, 100), { customMetadata: { sha256: "0".repeat(64) } });
    expect((await client(await testDeps({ store: failing })).get(`/c/${a.id}.pdf`)).status).toBe(503);
    // Without a store the copy holds the bytes.
    const fromCopy = await client(await testDeps({ store: failing, pdfStore: undefined })).get(`/c/${b.id}.pdf`);
    expect([fromCopy.status, fromCopy.headers.get("x-served-from")]).toEqual([200, "last-good-copy"]);
    expect(new Uint8Array(await fromCopy.arrayBuffer())).toEqual(kept);
  });
});
