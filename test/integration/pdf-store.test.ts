/**
 * The durable PDF store (R2) and background rendering after issue: a new isolate with no Cache API
 * entry serves a stored PDF without rendering, a changed stored object is never served, the brand
 * files name the stored rendering, and issuing asks for a render without ever failing on it.
 */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { call, issue, postJson } from "../support/api";
import { testDeps, workerEnv } from "../support/deps";
import { pdfRenders, prerenderPdf, servePdf } from "../../src/services/certificate-pdf";
import { handlePdfJobs } from "../../src/services/pdf-jobs";
import { sha256Hex } from "../../src/services/pdf-bytes-cache";
import { signedCertificate } from "../../src/services/signed-certificates";
import { consumeDeliveries } from "../../src/worker/queue";
import type { AppDeps } from "../../src/services/context";
import type { QueueJob } from "../../src/services/delivery-consumer";

const bucket = (env as unknown as { PDFS: R2Bucket }).PDFS;

/** A queue message as the consumer sees it, recording what the consumer decided. */
function job(body: unknown) {
  const seen: string[] = [];
  const j: QueueJob & { seen: string[]; id: string; timestamp: Date } = {
    id: crypto.randomUUID(),
    timestamp: new Date(),
    body,
    attempts: 1,
    ack: () => void seen.push("ack"),
    retry: () => void seen.push("retry"),
    seen,
  };
  return j;
}

/** The stored objects of one certificate (keys end with the rendering's name, which starts with the id). */
async function storedObjects(id: string) {
  const listed = await bucket.list({ prefix: "pdf/" });
  return listed.objects.filter((o) => o.key.split("/")[2] === id);
}

/** A new isolate: fresh memories (keyed by the store object) and no Cache API. */
const newIsolate = (overrides: Partial<AppDeps> = {}) => testDeps({ edgeCache: undefined, ...overrides });

describe("PDF store", () => {
  it("renders in the background into R2; a new isolate serves those exact bytes without rendering", async () => {
    const issued = await issue("Amina Haddad", "champions-2023-online");
    expect(await storedObjects(issued.id)).toEqual([]);
    const deps = await newIsolate();
    const j = job({ renderPdf: issued.id });
    await handlePdfJobs(deps, [j]);
    expect(j.seen).toEqual(["ack"]);
    const [object, ...more] = await storedObjects(issued.id);
    expect(more).toEqual([]);
    const stored = await bucket.get(object!.key);
    const bytes = new Uint8Array(await stored!.arrayBuffer());
    expect(stored!.customMetadata?.sha256).toBe(await sha256Hex(bytes));
    // Already stored: a repeated job renders nothing.
    const renders = pdfRenders();
    expect(await prerenderPdf(await newIsolate(), issued.id)).toBe("already-stored");
    expect(pdfRenders()).toBe(renders);

    const row = (await signedCertificate(deps, issued.id))!;
    expect(await servePdf(await newIsolate(), row)).toMatchObject({ bytes, source: "store" });
    expect(pdfRenders()).toBe(renders);
    // The download route hands out the same bytes, and they verify as the PDF WeGO issued (the hash
    // was recorded before the file was stored).
    const res = await call(`/c/${issued.id}.pdf`);
    expect(res.headers.get("server-timing")).toBe("pdf;desc=store");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect((await call(`/c/${issued.id}.pdf`)).headers.get("server-timing")).toBe("pdf;desc=memory");
    const verified = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: bytes,
    });
    expect([verified.status, (await verified.json<any>()).verdict]).toEqual([200, "valid"]);
  });

  it("never serves a stored object whose bytes do not match its hash: renders again and repairs it", async () => {
    const issued = await issue("Lukas Weber", "champions-2023-workshop-munich");
    await handlePdfJobs(await newIsolate(), [job({ renderPdf: issued.id })]);
    const [object] = await storedObjects(issued.id);
    const good = new Uint8Array(await (await bucket.get(object!.key))!.arrayBuffer());
    const forged = good.slice();
    forged[forged.length - 100] = forged[forged.length - 100]! ^ 0x01;
    await bucket.put(object!.key, forged, { customMetadata: { sha256: await sha256Hex(good) } });

    const renders = pdfRenders();
    const deps = await newIsolate();
    const served = await servePdf(deps, (await signedCertificate(deps, issued.id))!);
    expect(served).toMatchObject({ bytes: good, source: "render" });
    expect(pdfRenders()).toBe(renders + 1);
    expect(new Uint8Array(await (await bucket.get(object!.key))!.arrayBuffer())).toEqual(good);
  });

  it("a stored rendering belongs to the brand files it printed: other brand files miss it", async () => {
    const issued = await issue("Sofia Rossi", "champions-2023-workshop-milan");
    const base = await newIsolate();
    expect(await prerenderPdf(base, issued.id)).toBe("stored");
    const manifest = await base.brand.manifest();
    const rebranded = await newIsolate({
      brand: {
        ...base.brand,
        manifest: async () => ({
          ...manifest,
          assets: { ...manifest.assets, signature: { ...manifest.assets.signature, sha256: "0".repeat(64) } },
        }),
      },
    });
    const renders = pdfRenders();
    await servePdf(rebranded, (await signedCertificate(rebranded, issued.id))!);
    expect(pdfRenders()).toBe(renders + 1);
    expect(await storedObjects(issued.id)).toHaveLength(2);
  });

  it("stores nothing for a revoked certificate, and the route refuses it whatever is stored", async () => {
    const issued = await issue("Giorgos Nikolaidis", "champions-2023-workshop-athens");
    expect(await prerenderPdf(await newIsolate(), issued.id)).toBe("stored");
    const revoked = await postJson(`/admin/certificates/${issued.id}/revoke`, { reason: "withdrawn" });
    expect(revoked.status).toBe(200);
    const fresh = await issue("Nino Beridze", "champions-2023-online");
    await postJson(`/admin/certificates/${fresh.id}/revoke`, { reason: "issued-in-error" });
    expect(await prerenderPdf(await newIsolate(), fresh.id)).toBe("not-served");
    expect(await storedObjects(fresh.id)).toEqual([]);
    const res = await call(`/c/${issued.id}.pdf`);
    expect([res.status, (await res.json<any>()).code]).toEqual([410, "ERR_REVOKED"]);
  });

  it("issuing asks for a background render; a queue that refuses never fails the issue", async () => {
    const asked: string[][] = [];
    const { issueCertificate } = await import("../../src/services/issue-certificate");
    const who = { actor: "test", requestId: "pdf-store" };
    const request = {
      recipient: { name: "Aylin Demir", email: "aylin.demir@example.org" },
      achievementId: "champions-2023-online",
    };
    const queued = await issueCertificate(
      await newIsolate({ pdfJobs: async (ids) => void asked.push(ids) }),
      request,
      who,
    );
    expect(asked).toEqual([[queued.id]]);
    const refused = await issueCertificate(
      await newIsolate({ pdfJobs: () => Promise.reject(new Error("queue unavailable")) }),
      request,
      who,
    );
    expect((await call(`/c/${refused.id}.json`)).status).toBe(200);
    // A queue that never answers: the issue completes once RENDER_ENQUEUE_TIMEOUT_MS has passed.
    const hung = await issueCertificate(await newIsolate({ pdfJobs: () => new Promise<void>(() => {}) }), request, who);
    expect((await call(`/c/${hung.id}.json`)).status).toBe(200);
    // Without a PDF store nothing is asked.
    const none: string[][] = [];
    await issueCertificate(
      await newIsolate({ pdfStore: undefined, pdfJobs: async (ids) => void none.push(ids) }),
      request,
      who,
    );
    expect(none).toEqual([]);
  });

  it("the render queue's consumer renders render jobs and leaves malformed ones", async () => {
    const issued = await issue("Tural Aliyev", "champions-2023-workshop-baku");
    const render = job({ renderPdf: issued.id });
    const malformed = job({ renderPdf: "../../etc" });
    await consumeDeliveries(
      { queue: "wego-pdf-renders", messages: [render, malformed] } as unknown as MessageBatch<unknown>,
      { ...workerEnv },
    );
    expect([render.seen, malformed.seen]).toEqual([["ack"], ["ack"]]);
    expect(await storedObjects(issued.id)).toHaveLength(1);
  });
});
