/**
 * Rendered certificate PDFs, kept so that serving one again costs no render.
 *
 * Rendering is deterministic: the same certificate, signing key, renderer version, language and
 * short code give the same bytes, so those name an entry. Entries are written only after their
 * SHA-256 is in the register of served PDFs (services/certificate-pdf.ts), so every byte handed out
 * from here verifies as a PDF WeGO issued. Two levels:
 *
 * - this isolate's memory, bounded by {@link MAX_MEMORY_BYTES} (least recently used out first);
 * - the PDF store (R2, durable and global, when bound): every data centre's first download of a
 *   certificate rendered anywhere before, including in the background right after issue
 *   (services/pdf-jobs.ts). Its keys name the brand files by their SHA-256 (the deployment's
 *   configuration) besides the renderer version, so a new logo or signature is never served from an
 *   older rendering, while a deploy that changes neither keeps every stored PDF. Fonts and drawing
 *   code are part of the renderer: a change to their output bumps PDF_RENDERER;
 * - without a PDF store, the Cache API (per data centre, survives isolates): a cold isolate serves a
 *   PDF another isolate rendered without loading the renderer. The key also names the deployed
 *   version, so a deploy that changes brand files or fonts never serves an older rendering. With a
 *   store it is not used: one lookup per new isolate instead of two, and R2 is never evicted.
 *
 * Entries from either shared level are checked against the hash stored beside them before use.
 *
 * Whether the certificate may still be served (revoked, suspended) is decided before, on a fresh
 * read: a cached PDF is never a reason to serve it.
 */
import { toHex } from "../lib/encoding";
import type { AppDeps } from "./context";

/** A rendered PDF and the SHA-256 (hex) of its bytes. */
export interface RenderedPdf {
  bytes: Uint8Array;
  sha256: string;
}

/** Where a served PDF came from (the download's `Server-Timing` names it). */
export type PdfSource = "memory" | "edge" | "store" | "render";

/** About 60 certificate PDFs of ~140 KB: a small share of an isolate's 128 MB. */
const MAX_MEMORY_BYTES = 8 * 2 ** 20;
/** Cache keys live under a host we never serve, so an entry is reachable only through this code. */
const KEY_ORIGIN = "https://rendered-pdf.invalid/";
const HASH_HEADER = "X-Sha256";

const memories = new WeakMap<AppDeps["store"], { entries: Map<string, RenderedPdf>; bytes: number }>();

function memoryOf(deps: AppDeps) {
  let m = memories.get(deps.store);
  if (!m) memories.set(deps.store, (m = { entries: new Map(), bytes: 0 }));
  return m;
}

/** SHA-256 of `bytes`, lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

/** The name of one rendering: everything the bytes depend on besides code, fonts and brand files. */
export function renderingKey(parts: {
  id: string;
  keyId: string;
  renderer: string;
  language: string;
  shortCode: string;
}): string {
  return [parts.id, parts.keyId, parts.renderer, parts.language, parts.shortCode].map(encodeURIComponent).join("/");
}

function remember(deps: AppDeps, key: string, pdf: RenderedPdf): void {
  const m = memoryOf(deps);
  const old = m.entries.get(key);
  if (old) {
    m.entries.delete(key);
    m.bytes -= old.bytes.length;
  }
  while (m.entries.size > 0 && m.bytes + pdf.bytes.length > MAX_MEMORY_BYTES) {
    const [first, evicted] = m.entries.entries().next().value!;
    m.entries.delete(first);
    m.bytes -= evicted.bytes.length;
  }
  if (pdf.bytes.length > MAX_MEMORY_BYTES) return;
  m.entries.set(key, pdf);
  m.bytes += pdf.bytes.length;
}

const edgeKey = (deps: AppDeps, key: string) => `${KEY_ORIGIN}${encodeURIComponent(deps.version ?? "dev")}/${key}`;

const brandPrints = new WeakMap<AppDeps["brand"], Promise<string>>();

/** The brand files a rendering printed, named by the SHA-256s in the brand manifest (read once per isolate). */
function brandPrint(deps: Pick<AppDeps, "brand">): Promise<string> {
  let p = brandPrints.get(deps.brand);
  if (!p) {
    p = deps.brand.manifest().then(async (m) => {
      const names = Object.keys(m.assets).sort() as (keyof typeof m.assets)[];
      const text = names.map((n) => `${n}:${m.assets[n].sha256}`).join(",");
      return (await sha256Hex(new TextEncoder().encode(text))).slice(0, 32);
    });
    p.catch(() => brandPrints.delete(deps.brand));
    brandPrints.set(deps.brand, p);
  }
  return p;
}

/**
 * Reads the brand files' print ahead of the first download (worker/warm-up.ts): with the manifest
 * bundled this needs no I/O, so the Worker's start-up can do it.
 */
export async function prepareStoreKeys(deps: Pick<AppDeps, "brand">): Promise<void> {
  await brandPrint(deps);
}

/** The PDF store's key of a rendering: brand files, then the rendering's own name. */
const storeKey = async (deps: AppDeps, key: string) => `pdf/${await brandPrint(deps)}/${key}`;

function logStoreFailure(op: string, e: unknown) {
  console.warn(JSON.stringify({ level: "warn", event: `pdf-store.${op}-failed`, error: String(e) }));
}

/** A rendering from the PDF store, checked against its recorded hash; undefined when absent or unreadable. */
export async function storedPdf(deps: AppDeps, key: string): Promise<RenderedPdf | undefined> {
  if (!deps.pdfStore) return undefined;
  let stored;
  try {
    stored = await deps.pdfStore.get(await storeKey(deps, key));
  } catch (e) {
    // An unreadable store is a miss: the PDF is rendered as if it had never been stored.
    logStoreFailure("get", e);
    return undefined;
  }
  if (!stored || (await sha256Hex(stored.bytes)) !== stored.sha256) return undefined;
  return stored;
}

/** A kept rendering (memory, Cache API, PDF store) and where it was; undefined when none has it (or it does not check). */
export async function keptPdf(
  deps: AppDeps,
  key: string,
): Promise<(RenderedPdf & { source: Exclude<PdfSource, "render"> }) | undefined> {
  const m = memoryOf(deps);
  const hit = m.entries.get(key);
  if (hit) {
    m.entries.delete(key);
    m.entries.set(key, hit);
    return { ...hit, source: "memory" };
  }
  const source = deps.pdfStore ? "store" : "edge";
  const pdf = source === "store" ? await storedPdf(deps, key) : await edgePdf(deps, key);
  if (!pdf) return undefined;
  remember(deps, key, pdf);
  return { ...pdf, source };
}

async function edgePdf(deps: AppDeps, key: string): Promise<RenderedPdf | undefined> {
  const saved = await deps.edgeCache?.match(edgeKey(deps, key)).catch(() => undefined);
  if (!saved) return undefined;
  const stored = saved.headers.get(HASH_HEADER);
  const bytes = new Uint8Array(await saved.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  return sha256 === stored ? { bytes, sha256 } : undefined;
}

/** Whether the PDF store holds a rendering (its bytes checked), for background rendering. */
export async function isStored(deps: AppDeps, key: string): Promise<boolean> {
  return (await storedPdf(deps, key)) !== undefined;
}

/**
 * Keeps a rendering whose hash is already in the register: memory, then the PDF store or else the
 * Cache API, best effort (a failure is logged; the PDF is rendered again when asked). `local:
 * false` (background rendering) keeps it out of this isolate's memory.
 */
export async function keepPdf(
  deps: AppDeps,
  key: string,
  pdf: RenderedPdf,
  { local = true }: { local?: boolean } = {},
): Promise<void> {
  if (local) remember(deps, key, pdf);
  const store = deps.pdfStore;
  if (store) {
    try {
      await store.put(await storeKey(deps, key), pdf);
    } catch (e) {
      logStoreFailure("put", e);
    }
    return;
  }
  const response = new Response(pdf.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Cache-Control": "public, max-age=2592000",
      [HASH_HEADER]: pdf.sha256,
    },
  });
  await deps.edgeCache?.put(edgeKey(deps, key), response).catch(() => undefined);
}
