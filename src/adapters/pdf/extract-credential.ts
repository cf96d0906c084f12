/** Reads the credential attachments back out of an uploaded certificate PDF, never throwing. */
import { PDFArray, PDFDict, PDFName, type PDFDocument, type PDFObject, PDFRawStream } from "pdf-lib";
import { decodeStream, loadPdfSafely, pdfText, resolve } from "./pdf-safe";

export { MAX_PDF_BYTES } from "./pdf-safe";

/** Largest attachment accepted after decompression. */
const MAX_ATTACHMENT_BYTES = 256 * 1024;
const MAX_NAME_TREE_NODES = 200;

/** What {@link extractPdfCredential} found: at least one of the two attachments. */
export interface ExtractedCredential {
  credentialJson?: string;
  vcJwt?: string;
}

/** Walks the EmbeddedFiles name tree (bounded), yielding [file name, file specification]. */
function embeddedFiles(doc: PDFDocument): [string, PDFDict][] {
  const names = resolve(doc, doc.catalog.get(PDFName.of("Names")));
  const root = names instanceof PDFDict ? resolve(doc, names.get(PDFName.of("EmbeddedFiles"))) : undefined;
  const out: [string, PDFDict][] = [];
  const queue: PDFObject[] = root ? [root] : [];
  let visited = 0;
  while (queue.length > 0 && visited++ < MAX_NAME_TREE_NODES) {
    const node = resolve(doc, queue.shift());
    if (!(node instanceof PDFDict)) continue;
    const kids = resolve(doc, node.get(PDFName.of("Kids")));
    if (kids instanceof PDFArray) queue.push(...kids.asArray());
    const pairs = resolve(doc, node.get(PDFName.of("Names")));
    if (!(pairs instanceof PDFArray)) continue;
    for (let i = 0; i + 1 < pairs.size(); i += 2) {
      const spec = resolve(doc, pairs.get(i + 1));
      const key = pdfText(resolve(doc, pairs.get(i)));
      if (!(spec instanceof PDFDict)) continue;
      const name =
        pdfText(resolve(doc, spec.get(PDFName.of("UF")))) ?? pdfText(resolve(doc, spec.get(PDFName.of("F"))));
      out.push([name ?? key ?? "", spec]);
    }
  }
  return out;
}

async function fileText(doc: PDFDocument, spec: PDFDict): Promise<string | undefined> {
  const ef = resolve(doc, spec.get(PDFName.of("EF")));
  if (!(ef instanceof PDFDict)) return undefined;
  const stream = resolve(doc, ef.get(PDFName.of("UF")) ?? ef.get(PDFName.of("F")));
  if (!(stream instanceof PDFRawStream)) return undefined;
  const bytes = await decodeStream(stream, MAX_ATTACHMENT_BYTES);
  if (!bytes) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Extracts `credential.json` and `credential.jwt` from a certificate PDF. Never throws: returns
 * `{ error }` with a stable code (`not-bytes`, `empty`, `too-large` (> 5 MiB), `not-a-pdf`,
 * `unreadable-pdf`, `no-credential-attachment`, `unreadable-credential-attachment`) for anything else. Attachments larger than 256 KiB
 * decompressed, non-Flate filters and invalid UTF-8 are ignored.
 */
export async function extractPdfCredential(bytes: Uint8Array): Promise<ExtractedCredential | { error: string }> {
  try {
    const doc = await loadPdfSafely(bytes);
    if ("error" in doc) return doc;
    const found: ExtractedCredential = {};
    for (const [name, spec] of embeddedFiles(doc)) {
      if (name === "credential.json" && found.credentialJson === undefined) {
        const text = await fileText(doc, spec);
        // Fail closed: a credential attachment that is there but unreadable is tampering.
        if (text === undefined) return { error: "unreadable-credential-attachment" };
        found.credentialJson = text;
      } else if (name === "credential.jwt" && found.vcJwt === undefined) {
        const text = await fileText(doc, spec);
        if (text === undefined) return { error: "unreadable-credential-attachment" };
        found.vcJwt = text.trim();
      }
    }
    if (found.credentialJson === undefined && found.vcJwt === undefined) return { error: "no-credential-attachment" };
    return found;
  } catch {
    return { error: "unreadable-pdf" };
  }
}
