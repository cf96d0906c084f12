/** Defensive helpers for reading untrusted PDFs: bounded parsing and bounded stream decoding. */
import pako from "pako";
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from "pdf-lib";

/** Largest upload parsed (certificates are ~15–60 KB). */
export const MAX_PDF_BYTES = 5 * 1024 * 1024;

/** Whether the bytes start like a PDF (`%PDF-` in the first KiB, as readers tolerate leading junk). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  for (let i = 0; i + magic.length <= head.length; i++) if (magic.every((b, j) => head[i + j] === b)) return true;
  return false;
}

/** Parses an untrusted PDF; returns an error string instead of throwing. */
export async function loadPdfSafely(bytes: unknown): Promise<PDFDocument | { error: string }> {
  if (!(bytes instanceof Uint8Array)) return { error: "not-bytes" };
  if (bytes.length === 0) return { error: "empty" };
  if (bytes.length > MAX_PDF_BYTES) return { error: "too-large" };
  if (!looksLikePdf(bytes)) return { error: "not-a-pdf" };
  try {
    return await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
  } catch {
    return { error: "unreadable-pdf" };
  }
}

/**
 * Inflates zlib data, giving up (null) beyond `maxBytes` of output or on corrupt input. Uses pako
 * (already pdf-lib's inflater): workerd's DecompressionStream reports corrupt input as an
 * unhandled rejection even when the read is awaited, and a public endpoint must not do that.
 */
export async function inflateCapped(data: Uint8Array, maxBytes: number): Promise<Uint8Array | null> {
  const inflator = new pako.Inflate();
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflator.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    // Abort from inside the inflater: a deflate bomb never materialises beyond the cap.
    if (total > maxBytes) throw new RangeError("inflate cap");
    chunks.push(chunk);
  };
  try {
    inflator.push(data, true);
  } catch {
    return null;
  }
  if (inflator.err || !inflator.ended) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The decoded content of a stream: unfiltered or FlateDecode only (others: null). */
export async function decodeStream(stream: PDFRawStream, maxBytes: number): Promise<Uint8Array | null> {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const single = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (single === undefined) return stream.contents.length <= maxBytes ? stream.contents : null;
  if (single === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms")))
    return inflateCapped(stream.contents, maxBytes);
  return null;
}

/** Looks up a (possibly indirect) object; null for dangling references. */
export function resolve(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

/** Decoded text of a PDF string object (literal or hex), or undefined. */
export function pdfText(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) {
    try {
      return obj.decodeText();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRawStream, PDFRef, PDFString };
