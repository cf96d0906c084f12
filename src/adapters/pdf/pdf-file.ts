/** Assembles the certificate file: page, fonts, images, the attached credential, metadata. */
import type { Canvas } from "./canvas";
import type { PdfImage } from "./png-image";
import { PdfWriter, ascii, date, deflate, name as pdfName, num, ref, text as pdfText } from "./pdf-writer";
import type { CertificatePdfInput } from "./types";

export const PDF_CREATOR = "WeGO Certificates";
export const PDF_PRODUCER = "WeGO Certificates";

/** What goes into the file besides the page's own operators. */
export interface PdfParts {
  size: [number, number];
  /** The compressed content stream of the fixed artwork and texts. */
  design: Uint8Array;
  page: Canvas;
  images: ReadonlyMap<string, PdfImage>;
  title: string;
  lang: string;
}

/** The complete, deterministic file. */
export function writeCertificateFile(input: CertificatePdfInput, parts: PdfParts): Uint8Array {
  const { page } = parts;
  const w = new PdfWriter();
  const catalog = w.alloc();
  const pages = w.alloc();
  const pageRef = w.alloc();
  const designRef = w.addStream(" /Filter /FlateDecode", parts.design);
  const contentRef = w.addStream(" /Filter /FlateDecode", deflate(ascii(page.ops)));
  const fontRefs = page.fontUses().map((use) => `/${use.resource} ${ref(use.write(w))}`);
  const imageRefs = [...page.images].map(([resource, key]) => `/${resource} ${ref(parts.images.get(key)!.write(w))}`);
  const xobjects = imageRefs.length > 0 ? ` /XObject << ${imageRefs.join(" ")} >>` : "";
  w.set(
    pageRef,
    `<< /Type /Page /Parent ${ref(pages)} /MediaBox [0 0 ${num(parts.size[0])} ${num(parts.size[1])}]` +
      ` /Resources << /Font << ${fontRefs.join(" ")} >>${xobjects} >> /Contents [${ref(designRef)} ${ref(contentRef)}] >>`,
  );
  w.set(pages, `<< /Type /Pages /Kids [${ref(pageRef)}] /Count 1 >>`);
  const files = attachCredential(w, input);
  w.set(
    catalog,
    `<< /Type /Catalog /Pages ${ref(pages)} /Lang ${pdfText(parts.lang)}` +
      ` /Names << /EmbeddedFiles << /Names [${files.map(([n, r]) => `${pdfText(n)} ${ref(r)}`).join(" ")}] >> >>` +
      ` /AF [${files.map(([, r]) => ref(r)).join(" ")}] >>`,
  );
  const info = w.add(metadata(input, parts.title));
  return w.finish(`/Root ${ref(catalog)} /Info ${ref(info)}`);
}

/** Writes the two attachments; returns [file name, file specification object] sorted by name. */
function attachCredential(w: PdfWriter, input: CertificatePdfInput): [string, number][] {
  const utf8 = new TextEncoder();
  const when = date(input.issuedAt);
  const files: [string, string, string, string][] = [
    [
      "credential.json",
      input.credentialJson,
      "application/vc+ld+json",
      "Signed Open Badges 3.0 credential (W3C VC 2.0, Data Integrity proof)",
    ],
    ["credential.jwt", input.vcJwt, "application/vc+jwt", "The same credential as a VC-JWT"],
  ];
  return files.map(([fileName, content, mimeType, description]) => {
    const bytes = utf8.encode(content);
    const stream = w.addStream(
      ` /Type /EmbeddedFile /Subtype ${pdfName(mimeType)}` +
        ` /Params << /Size ${bytes.length} /CreationDate ${when} /ModDate ${when} >> /Filter /FlateDecode`,
      deflate(bytes),
    );
    const spec = w.add(
      `<< /Type /Filespec /F ${pdfText(fileName)} /UF ${pdfText(fileName)} /EF << /F ${ref(stream)} >>` +
        ` /Desc ${pdfText(description)} /AFRelationship /Data >>`,
    );
    return [fileName, spec];
  });
}

/** The document information dictionary (CreationDate = ModDate = issuedAt). */
function metadata(input: CertificatePdfInput, title: string): string {
  const keywords = ["WeGO", "certificate", "Open Badges 3.0", "Verifiable Credential", input.certificateId].join(" ");
  return (
    `<< /Title ${pdfText(title)} /Subject ${pdfText(input.achievement.name)} /Author (WeGO)` +
    ` /Keywords ${pdfText(keywords)} /Creator ${pdfText(PDF_CREATOR)} /Producer ${pdfText(PDF_PRODUCER)}` +
    ` /CreationDate ${date(input.issuedAt)} /ModDate ${date(input.issuedAt)} >>`
  );
}
