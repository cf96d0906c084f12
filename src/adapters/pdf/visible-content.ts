/**
 * Compares what a human sees on two PDFs: each page's dictionary (minus the page-tree link) with every
 * object it reaches - content streams (decoded), fonts with their glyph programs and ToUnicode maps,
 * images, form XObjects, annotations and their appearances - serialized canonically, independent of
 * object numbers and stream compression. Because rendering is deterministic, an uploaded certificate
 * whose visible fields were edited (name, dates, QR…) no longer matches a PDF re-rendered from its
 * attached credential.
 */
import { type PDFDocument, type PDFObject, PDFRef } from "pdf-lib";
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRawStream,
  PDFString,
  decodeStream,
  loadPdfSafely,
} from "./pdf-safe";

const MAX_DECODED_BYTES = 24 * 1024 * 1024;
const MAX_DEPTH = 64;
const MAX_PAGES = 10;
/** Keys that point back up the tree or only describe the encoding, not what is drawn. */
const SKIPPED_KEYS = new Set(["Parent", "P", "Length", "Filter", "DecodeParms", "Length1", "Length2", "Length3"]);

class Budget {
  used = 0;
  take(n: number): boolean {
    this.used += n;
    return this.used <= MAX_DECODED_BYTES;
  }
}

function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

async function canon(
  doc: PDFDocument,
  obj: PDFObject | undefined,
  depth: number,
  onPath: Set<PDFRef>,
  memo: Map<PDFRef, string>,
  budget: Budget,
): Promise<string> {
  if (depth > MAX_DEPTH) throw new Error("too deep");
  if (obj instanceof PDFRef) {
    const done = memo.get(obj);
    if (done !== undefined) return done;
    if (onPath.has(obj)) return "<cycle>";
    onPath.add(obj);
    const s = await canon(doc, doc.context.lookup(obj), depth + 1, onPath, memo, budget);
    onPath.delete(obj);
    memo.set(obj, s);
    return s;
  }
  if (obj === undefined) return "<undefined>";
  if (obj instanceof PDFRawStream) {
    const data = await decodeStream(obj, MAX_DECODED_BYTES);
    if (!data || !budget.take(data.length)) throw new Error("undecodable stream");
    return `stream(${await canon(doc, obj.dict, depth + 1, onPath, memo, budget)},${hex(data)})`;
  }
  if (obj instanceof PDFDict) {
    const entries: string[] = [];
    const keys = obj
      .keys()
      .map((k) => k.decodeText())
      .sort();
    for (const key of keys) {
      if (SKIPPED_KEYS.has(key)) continue;
      entries.push(`/${key} ${await canon(doc, obj.get(PDFName.of(key)), depth + 1, onPath, memo, budget)}`);
    }
    return `<<${entries.join(" ")}>>`;
  }
  if (obj instanceof PDFArray) {
    const items: string[] = [];
    for (const item of obj.asArray()) items.push(await canon(doc, item, depth + 1, onPath, memo, budget));
    return `[${items.join(" ")}]`;
  }
  if (obj instanceof PDFString || obj instanceof PDFHexString) return `(${hex(obj.asBytes())})`;
  if (obj instanceof PDFName) return `/${obj.decodeText()}`;
  if (obj instanceof PDFNumber) return String(obj.asNumber());
  if (obj instanceof PDFBool || obj === PDFNull) return obj.toString();
  throw new Error("unsupported object");
}

/** Canonical form of every page, or null when the document cannot be read or decoded within bounds. */
async function visiblePages(bytes: Uint8Array): Promise<string[] | null> {
  const doc = await loadPdfSafely(bytes);
  if ("error" in doc) return null;
  try {
    const pages = doc.getPages();
    if (pages.length === 0 || pages.length > MAX_PAGES) return null;
    const memo = new Map<PDFRef, string>();
    const budget = new Budget();
    const out: string[] = [];
    for (const page of pages) out.push(await canon(doc, page.node, 0, new Set([page.ref]), memo, budget));
    return out;
  } catch {
    return null;
  }
}

/**
 * Whether two PDFs show the same thing: same number of pages and, page by page, the same canonical
 * page content (see the module comment). Never throws; unreadable, oversized or undecodable input
 * (streams with filters other than Flate) gives false. A PDF re-saved by another tool may not match
 * even if it looks the same: the answer is "identical to what we render", not "looks alike".
 */
export async function pdfVisibleContentMatches(uploaded: Uint8Array, rerendered: Uint8Array): Promise<boolean> {
  try {
    const [a, b] = await Promise.all([visiblePages(uploaded), visiblePages(rerendered)]);
    return a !== null && b !== null && a.length === b.length && a.every((page, i) => page === b[i]);
  } catch {
    return false;
  }
}
