/** Renders the one-page, A4-landscape certificate PDF (deterministic: same input, same bytes). */
import { AFRelationship, PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { COLORS, drawFrame, drawSeal } from "./design";
import { embedCachedFont, useCachedFontkit } from "./fonts";
import { checkRenderableName } from "./names";
import { drawQr } from "./qr";
import { fitText, prepareBodyText, wrapText } from "./text";
import { type CertificatePdfInput, type FontName, type FontSource, UnrenderableNameError } from "./types";

/** A4 landscape, in points. */
export const PAGE_SIZE: [number, number] = [841.89, 595.28];
/** Fixed texts of the certificate. */
export const ORGANIZATION = "World Smart Sustainable Cities Organization (WeGO)";
export const SIGNATORY = { name: "Park Jung Sook", title: "Secretary General", organization: ORGANIZATION };
export const PDF_CREATOR = "WeGO Certificates";
export const PDF_PRODUCER = "WeGO Certificates (pdf-lib 1.17)";
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

interface Ctx {
  page: PDFPage;
  font(name: FontName): Promise<PDFFont>;
}

async function centred(
  ctx: Ctx,
  text: string,
  y: number,
  size: number,
  fontName: FontName | "body",
  color: RGB,
  maxWidth = 680,
): Promise<void> {
  const prepared = fontName === "body" ? prepareBodyText(text) : { text, font: fontName };
  const font = await ctx.font(prepared.font);
  const width = font.widthOfTextAtSize(prepared.text, 1);
  const s = Math.min(size, maxWidth / Math.max(width, 1e-6));
  ctx.page.drawText(prepared.text, { x: PAGE_SIZE[0] / 2 - (width * s) / 2, y, size: s, font, color });
}

async function paragraph(
  ctx: Ctx,
  text: string,
  y: number,
  size: number,
  color: RGB,
  maxLines: number,
): Promise<number> {
  const prepared = prepareBodyText(text);
  const font = await ctx.font(prepared.font);
  const lines = wrapText(prepared.text, font, size, 600, maxLines);
  for (const line of lines) {
    const w = font.widthOfTextAtSize(line, size);
    ctx.page.drawText(line, { x: PAGE_SIZE[0] / 2 - w / 2, y, size, font, color });
    y -= size * 1.4;
  }
  return y;
}

async function rightAligned(ctx: Ctx, text: string, right: number, y: number, size: number, color: RGB): Promise<void> {
  const prepared = prepareBodyText(text);
  const font = await ctx.font(prepared.font);
  ctx.page.drawText(prepared.text, { x: right - font.widthOfTextAtSize(prepared.text, size), y, size, font, color });
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

  const doc = await PDFDocument.create({ updateMetadata: false });
  useCachedFontkit(doc);
  const embedded = new Map<FontName, Promise<PDFFont>>();
  const page = doc.addPage(PAGE_SIZE);
  const ctx: Ctx = {
    page,
    font(name) {
      let f = embedded.get(name);
      if (!f) embedded.set(name, (f = embedCachedFont(doc, fonts, name)));
      return f;
    },
  };
  const [W] = PAGE_SIZE;
  const cx = W / 2;
  const title = certificateTitle(achievement.kind);

  drawFrame(page);
  await centred(ctx, ORGANIZATION, 522, 12.5, "NotoSans-Regular", COLORS.navy);
  await centred(ctx, programTitle(achievement.name), 496, 16, "body", COLORS.gold);
  await centred(ctx, title, 425, 36, "NotoSerif-Bold", COLORS.navy);
  await centred(ctx, "This is to certify that", 393, 12, "NotoSans-Regular", COLORS.muted);

  // The name, centred in its box (x: cx ± 310, y: 322–382).
  const nameFont = await ctx.font(check.font);
  const box = { width: 620, bottom: 322, height: 60 };
  const fitted = fitText(check.name, nameFont, box.width, box.height, 38, 24);
  const lineHeight = fitted.size * 1.15;
  const ascent = nameFont.heightAtSize(fitted.size, { descender: false });
  const blockHeight = nameFont.heightAtSize(fitted.size, { descender: true }) + lineHeight * (fitted.lines.length - 1);
  let y = box.bottom + (box.height + blockHeight) / 2 - ascent;
  for (const line of fitted.lines) {
    const w = nameFont.widthOfTextAtSize(line, fitted.size);
    page.drawText(line, { x: cx - w / 2, y, size: fitted.size, font: nameFont, color: COLORS.ink });
    y -= lineHeight;
  }
  page.drawLine({ start: { x: cx - 230, y: 314 }, end: { x: cx + 230, y: 314 }, thickness: 0.8, color: COLORS.gold });

  // The achievement.
  const online = achievement.kind === "online";
  await centred(
    ctx,
    online ? "has successfully completed" : "has participated in",
    292,
    12,
    "NotoSans-Regular",
    COLORS.muted,
  );
  await centred(ctx, achievement.name, 268, 15, "body", COLORS.navy);
  if (online) {
    await paragraph(ctx, achievement.description, 247, 10, COLORS.muted, 2);
  } else {
    const where = [achievement.city, achievement.date ? formatDate(achievement.date) : null, achievement.venue];
    const next = await paragraph(ctx, where.filter((s) => s).join(" · "), 247, 11, COLORS.ink, 2);
    if (achievement.themes.length > 0)
      await paragraph(ctx, `Themes: ${achievement.themes.join("; ")}`, next - 2, 10, COLORS.muted, 2);
  }

  // Signature block.
  const sigLeft = 80;
  page.drawLine({
    start: { x: sigLeft, y: 120 },
    end: { x: sigLeft + 230, y: 120 },
    thickness: 0.7,
    color: COLORS.navy,
  });
  const serif = await ctx.font("NotoSerif-Bold");
  const sans = await ctx.font("NotoSans-Regular");
  page.drawText(SIGNATORY.name, { x: sigLeft, y: 102, size: 13, font: serif, color: COLORS.ink });
  page.drawText(SIGNATORY.title, { x: sigLeft, y: 88, size: 10, font: sans, color: COLORS.muted });
  page.drawText(SIGNATORY.organization, { x: sigLeft, y: 75, size: 8.5, font: sans, color: COLORS.muted });

  drawSeal(page, 395, 128, "WeGO", serif);

  // QR code, URL beside it, and certificate details.
  const qr = drawQr(page, input.verificationUrl, W - 52, 170, QR_SYMBOL_SIZE);
  const right = qr.x - 10;
  let dy = 158;
  const detail = async (text: string, size: number, color: RGB) => {
    await rightAligned(ctx, text, right, dy, size, color);
    dy -= size * 1.45;
  };
  await detail("Verify this certificate at", 8, COLORS.muted);
  const url = input.verificationUrl.replace(/\s/g, "");
  const urlSize = Math.min(8.5, 225 / Math.max(sans.widthOfTextAtSize(url, 1), 1e-6));
  if (urlSize >= 6.5) await detail(url, urlSize, COLORS.navy);
  else for (const line of wrapText(url, sans, 6.5, 225, 3)) await detail(line, 6.5, COLORS.navy);
  dy -= 4;
  await detail(`Certificate ID: ${input.certificateId}`, 8.5, COLORS.ink);
  await detail(`Date of issue: ${formatDate(input.issuedAt)}`, 8.5, COLORS.ink);
  if (input.validUntil) await detail(`Valid until: ${formatDate(input.validUntil)}`, 8.5, COLORS.ink);

  await attachCredential(doc, input);
  setMetadata(doc, input, `${title}: ${check.name}`);
  // objectsPerTick: Infinity — pdf-lib otherwise yields to a setTimeout every 50 objects (idle time per render).
  return doc.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
}

function attachCredential(doc: PDFDocument, input: CertificatePdfInput): Promise<void[]> {
  const utf8 = new TextEncoder();
  const dates = { creationDate: input.issuedAt, modificationDate: input.issuedAt, afRelationship: AFRelationship.Data };
  return Promise.all([
    doc.attach(utf8.encode(input.credentialJson), "credential.json", {
      mimeType: "application/vc+ld+json",
      description: "Signed Open Badges 3.0 credential (W3C VC 2.0, Data Integrity proof)",
      ...dates,
    }),
    doc.attach(utf8.encode(input.vcJwt), "credential.jwt", {
      mimeType: "application/vc+jwt",
      description: "The same credential as a VC-JWT",
      ...dates,
    }),
  ]);
}

function setMetadata(doc: PDFDocument, input: CertificatePdfInput, title: string): void {
  doc.setTitle(title);
  doc.setSubject(input.achievement.name);
  doc.setAuthor("WeGO");
  doc.setKeywords(["WeGO", "certificate", "Open Badges 3.0", "Verifiable Credential", input.certificateId]);
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PDF_PRODUCER);
  doc.setLanguage("en");
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
}
