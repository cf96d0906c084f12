/**
 * Renders the one-page, A4-landscape certificate PDF (deterministic: same input, same bytes).
 *
 * Speed: everything that does not depend on the certificate (the artwork and the fixed texts, as one
 * pre-compressed content stream; the Latin base subsets of the two main fonts, see font-embed.ts) is
 * built once per isolate; per certificate only the variable text and the QR code are laid out, one
 * small content stream and the two attachments are compressed, and the file is written by a minimal
 * serializer (pdf-writer.ts) instead of pdf-lib's object graph and `save()`.
 */
import { PDFContentStream, PDFDocument, type PDFRef, type RGB } from "pdf-lib";
import { COLORS, drawFrame, drawSeal } from "./design";
import { type FontFace, loadFace } from "./font-embed";
import { FontUse } from "./font-use";
import { onFontCacheClear } from "./fonts";
import { checkRenderableName } from "./names";
import { PdfWriter, ascii, date, deflate, name as pdfName, num, ref, text as pdfText } from "./pdf-writer";
import { qrOperators } from "./qr";
import { fitText, prepareBodyText, wrapText } from "./text";
import { NameMeasure } from "./name-runs";
import { type CertificatePdfInput, type FontName, type FontSource, UnrenderableNameError } from "./types";

/** A4 landscape, in points. */
export const PAGE_SIZE: [number, number] = [841.89, 595.28];
/** Fixed texts of the certificate. */
export const ORGANIZATION = "World Smart Sustainable Cities Organization (WeGO)";
export const SIGNATORY = { name: "Park Jung Sook", title: "Secretary General", organization: ORGANIZATION };
export const PDF_CREATOR = "WeGO Certificates";
export const PDF_PRODUCER = "WeGO Certificates";
/** Printed size of the QR symbol, quiet zone excluded: 80 pt = 28.2 mm. */
export const QR_SYMBOL_SIZE = 80;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `27 November 2026` from a Date (UTC) or a `YYYY-MM-DD…` string; other strings are returned as they are. */
export function formatDate(value: Date | string): string {
  if (typeof value === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return value;
    const month = MONTHS[Number(m[2]) - 1];
    return month ? `${Number(m[3])} ${month} ${m[1]}` : value;
  }
  return `${value.getUTCDate()} ${MONTHS[value.getUTCMonth()]} ${value.getUTCFullYear()}`;
}

/** The programme title: the part of the achievement name before ": ", e.g. "WeGO … Champions 2023". */
export function programTitle(achievementName: string): string {
  const i = achievementName.indexOf(": ");
  return i > 0 ? achievementName.slice(0, i) : achievementName;
}

/** "Certificate of Completion" (online) or "Certificate of Participation" (workshop). */
export function certificateTitle(kind: CertificatePdfInput["achievement"]["kind"]): string {
  return kind === "online" ? "Certificate of Completion" : "Certificate of Participation";
}

/** The box the participant's name is centred in (points, PDF coordinates: y up from the bottom). */
export const NAME_BOX = { cx: PAGE_SIZE[0] / 2, width: 620, bottom: 322, height: 60 };

const SERIF: FontName = "NotoSerif-Bold";
const SANS: FontName = "NotoSans-Regular";
const SEAL = { cx: 395, cy: 128, label: "WeGO", size: 13 };
const SIG_LEFT = 80;

function rgbOp(c: RGB): string {
  return `${num(c.red)} ${num(c.green)} ${num(c.blue)}`;
}

/** One page's variable content: text in embedded fonts plus raw operators. */
class Canvas {
  ops = "";
  private readonly uses = new Map<FontName, FontUse>();

  constructor(
    private readonly fonts: FontSource,
    serif: FontFace,
    sans: FontFace,
  ) {
    this.uses.set(SERIF, new FontUse(serif, "F1"));
    this.uses.set(SANS, new FontUse(sans, "F2"));
  }

  async font(name: FontName): Promise<FontUse> {
    let use = this.uses.get(name);
    if (!use) {
      use = new FontUse(await loadFace(this.fonts, name), `F${this.uses.size + 1}`);
      // (another call may have added it while this one was loading)
      if (!this.uses.has(name)) this.uses.set(name, use);
      use = this.uses.get(name)!;
    }
    return use;
  }

  fontUses(): FontUse[] {
    return [...this.uses.values()];
  }

  text(use: FontUse, text: string, x: number, y: number, size: number, color: RGB): void {
    const shown = use.show(text, size, x, y);
    this.ops += `q\nBT\n${rgbOp(color)} rg\n/${use.resource} ${num(size)} Tf\n${shown.text}ET\n`;
    this.ops += shown.paths ? `${shown.paths}Q\n` : "Q\n";
  }

  async centred(
    text: string,
    y: number,
    size: number,
    fontName: FontName | "body",
    color: RGB,
    maxWidth = 680,
  ): Promise<void> {
    const prepared = fontName === "body" ? prepareBodyText(text) : { text, font: fontName };
    const use = await this.font(prepared.font);
    const width = use.face.widthOfTextAtSize(prepared.text, 1);
    const s = Math.min(size, maxWidth / Math.max(width, 1e-6));
    this.text(use, prepared.text, PAGE_SIZE[0] / 2 - (width * s) / 2, y, s, color);
  }

  async paragraph(text: string, y: number, size: number, color: RGB, maxLines: number): Promise<number> {
    const prepared = prepareBodyText(text);
    const use = await this.font(prepared.font);
    const lines = wrapText(prepared.text, use.face, size, 600, maxLines);
    for (const line of lines) {
      const w = use.face.widthOfTextAtSize(line, size);
      this.text(use, line, PAGE_SIZE[0] / 2 - w / 2, y, size, color);
      y -= size * 1.4;
    }
    return y;
  }

  async rightAligned(text: string, right: number, y: number, size: number, color: RGB): Promise<void> {
    const prepared = prepareBodyText(text);
    const use = await this.font(prepared.font);
    this.text(use, prepared.text, right - use.face.widthOfTextAtSize(prepared.text, size), y, size, color);
  }

  line(x1: number, x2: number, y: number, thickness: number, color: RGB): void {
    this.ops += `q\n${rgbOp(color)} RG\n${num(thickness)} w\n${num(x1)} ${num(y)} m\n${num(x2)} ${num(y)} l\nS\nQ\n`;
  }
}

/**
 * Draws the participant's name centred in a box: one line shrunk to fit, else two balanced lines, each
 * line set in runs of the fonts the name needs (see {@link NameMeasure}).
 */
async function drawName(
  page: Canvas,
  check: Extract<ReturnType<typeof checkRenderableName>, { ok: true }>,
  box: { cx: number; width: number; bottom: number; height: number },
  maxSize: number,
  minSize: number,
): Promise<void> {
  const uses = new Map<FontName, FontUse>();
  for (const run of check.runs) if (!uses.has(run.font)) uses.set(run.font, await page.font(run.font));
  const measure = new NameMeasure(check.runs, new Map([...uses].map(([n, u]) => [n, u.face])));
  const fitted = fitText(check.name, measure, box.width, box.height, maxSize, minSize);
  const lineHeight = fitted.size * 1.15;
  const ascent = measure.heightAtSize(fitted.size, { descender: false });
  const blockHeight = measure.heightAtSize(fitted.size, { descender: true }) + lineHeight * (fitted.lines.length - 1);
  let y = box.bottom + (box.height + blockHeight) / 2 - ascent;
  for (const line of fitted.lines) {
    let x = box.cx - measure.widthOfTextAtSize(line, fitted.size) / 2;
    for (const run of measure.runs(line)) {
      const use = uses.get(run.font)!;
      page.text(use, run.text, x, y, fitted.size, COLORS.ink);
      x += use.face.widthOfTextAtSize(run.text, fitted.size);
    }
    y -= lineHeight;
  }
}

/** Artwork operators (frame, ornaments, rules, seal) recorded from pdf-lib's drawing primitives. */
async function artworkOperators(): Promise<string> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(PAGE_SIZE);
  const cx = PAGE_SIZE[0] / 2;
  drawFrame(page);
  page.drawLine({ start: { x: cx - 230, y: 314 }, end: { x: cx + 230, y: 314 }, thickness: 0.8, color: COLORS.gold });
  page.drawLine({
    start: { x: SIG_LEFT, y: 120 },
    end: { x: SIG_LEFT + 230, y: 120 },
    thickness: 0.7,
    color: COLORS.navy,
  });
  drawSeal(page, SEAL.cx, SEAL.cy);
  const contents = page.node.Contents();
  const refs = contents ? ("asArray" in contents ? contents.asArray() : [contents]) : [];
  let ops = "";
  for (const r of refs) {
    const stream = doc.context.lookup(r as PDFRef);
    if (stream instanceof PDFContentStream) ops += stream.getContentsString();
  }
  return ops;
}

interface Static {
  serif: FontFace;
  sans: FontFace;
  /** The compressed content stream of everything that never changes. */
  design: Uint8Array;
}

let statics: Promise<Static> | undefined;
onFontCacheClear(() => (statics = undefined));

/** Fonts and the fixed part of the page, built once per isolate. */
function loadStatics(fonts: FontSource): Promise<Static> {
  if (!statics) {
    const p = (async (): Promise<Static> => {
      const [serif, sans] = await Promise.all([loadFace(fonts, SERIF), loadFace(fonts, SANS)]);
      const canvas = new Canvas(fonts, serif, sans);
      canvas.ops = await artworkOperators();
      await canvas.centred(ORGANIZATION, 522, 12.5, SANS, COLORS.navy);
      await canvas.centred("This is to certify that", 393, 12, SANS, COLORS.muted);
      const [F1, F2] = canvas.fontUses() as [FontUse, FontUse];
      canvas.text(F1, SIGNATORY.name, SIG_LEFT, 102, 13, COLORS.ink);
      canvas.text(F2, SIGNATORY.title, SIG_LEFT, 88, 10, COLORS.muted);
      canvas.text(F2, SIGNATORY.organization, SIG_LEFT, 75, 8.5, COLORS.muted);
      const w = serif.widthOfTextAtSize(SEAL.label, SEAL.size);
      canvas.text(F1, SEAL.label, SEAL.cx - w / 2, SEAL.cy - SEAL.size * 0.35, SEAL.size, COLORS.white);
      if (F1.hasExtras || F2.hasExtras) throw new Error("fixed texts must stay within the base subsets");
      return { serif, sans, design: deflate(ascii(canvas.ops)) };
    })();
    p.catch(() => {
      if (statics === p) statics = undefined;
    });
    statics = p;
  }
  return statics;
}

/**
 * Renders the certificate: header, title, the participant's name (shrunk, then wrapped onto two lines,
 * to stay in its box), the achievement, signature block, rosette seal, QR code (vector, error
 * correction M, 4-module quiet zone, 28 mm) with the verification URL beside it, issue date and id;
 * attaches `credential.json` and `credential.jwt`; sets metadata with CreationDate = ModDate = issuedAt.
 * Deterministic: the same input gives byte-identical output.
 * @throws {UnrenderableNameError} when {@link checkRenderableName} rejects the name (check at issue time).
 */
export async function renderCertificatePdf(input: CertificatePdfInput, fonts: FontSource): Promise<Uint8Array> {
  const check = checkRenderableName(input.recipientName);
  if (!check.ok) throw new UnrenderableNameError(check.code, check.reason);
  const { achievement } = input;
  const { serif, sans, design } = await loadStatics(fonts);
  const page = new Canvas(fonts, serif, sans);
  const [W] = PAGE_SIZE;
  const title = certificateTitle(achievement.kind);

  await page.centred(programTitle(achievement.name), 496, 16, "body", COLORS.gold);
  await page.centred(title, 425, 36, SERIF, COLORS.navy);

  await drawName(page, check, NAME_BOX, 38, 24);

  // The achievement.
  const online = achievement.kind === "online";
  await page.centred(online ? "has successfully completed" : "has participated in", 292, 12, SANS, COLORS.muted);
  await page.centred(achievement.name, 268, 15, "body", COLORS.navy);
  if (online) {
    await page.paragraph(achievement.description, 247, 10, COLORS.muted, 2);
  } else {
    const where = [achievement.city, achievement.date ? formatDate(achievement.date) : null, achievement.venue];
    const next = await page.paragraph(where.filter((s) => s).join(" · "), 247, 11, COLORS.ink, 2);
    if (achievement.themes.length > 0)
      await page.paragraph(`Themes: ${achievement.themes.join("; ")}`, next - 2, 10, COLORS.muted, 2);
  }

  // QR code, URL beside it, and certificate details.
  const qr = qrOperators(input.verificationUrl, W - 52, 170, QR_SYMBOL_SIZE);
  page.ops += qr.ops;
  const right = qr.x - 10;
  let dy = 158;
  const detail = async (text: string, size: number, color: RGB) => {
    await page.rightAligned(text, right, dy, size, color);
    dy -= size * 1.45;
  };
  await detail("Verify this certificate at", 8, COLORS.muted);
  // The short URL for people without a camera: the fragment (offline token) is for scanners only.
  const url = input.verificationUrl.replace(/#.*$/, "").replace(/\s/g, "");
  const urlSize = Math.min(8.5, 225 / Math.max(sans.widthOfTextAtSize(url, 1), 1e-6));
  if (urlSize >= 6.5) await detail(url, urlSize, COLORS.navy);
  else for (const line of wrapText(url, sans, 6.5, 225, 3)) await detail(line, 6.5, COLORS.navy);
  dy -= 4;
  await detail(`Certificate ID: ${input.certificateId}`, 8.5, COLORS.ink);
  await detail(`Date of issue: ${formatDate(input.issuedAt)}`, 8.5, COLORS.ink);
  if (input.validUntil) await detail(`Valid until: ${formatDate(input.validUntil)}`, 8.5, COLORS.ink);

  // The file.
  const w = new PdfWriter();
  const catalog = w.alloc();
  const pages = w.alloc();
  const pageRef = w.alloc();
  const designRef = w.addStream(" /Filter /FlateDecode", design);
  const contentRef = w.addStream(" /Filter /FlateDecode", deflate(ascii(page.ops)));
  const fontRefs = page.fontUses().map((use) => `/${use.resource} ${ref(use.write(w))}`);
  w.set(
    pageRef,
    `<< /Type /Page /Parent ${ref(pages)} /MediaBox [0 0 ${num(PAGE_SIZE[0])} ${num(PAGE_SIZE[1])}]` +
      ` /Resources << /Font << ${fontRefs.join(" ")} >> >> /Contents [${ref(designRef)} ${ref(contentRef)}] >>`,
  );
  w.set(pages, `<< /Type /Pages /Kids [${ref(pageRef)}] /Count 1 >>`);
  const files = attachCredential(w, input);
  w.set(
    catalog,
    `<< /Type /Catalog /Pages ${ref(pages)} /Lang (en)` +
      ` /Names << /EmbeddedFiles << /Names [${files.map(([n, r]) => `${pdfText(n)} ${ref(r)}`).join(" ")}] >> >>` +
      ` /AF [${files.map(([, r]) => ref(r)).join(" ")}] >>`,
  );
  const info = w.add(metadata(input, `${title}: ${check.name}`));
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
