/**
 * Renders the one-page, A4-landscape certificate PDF (deterministic: same input, same bytes).
 *
 * Layout, top to bottom: the logo and the organisation (once); the title; the participant's name; what
 * they completed (the programme title once, then the phase and its details); the completion date;
 * and three blocks whose bottoms share one baseline: the Secretary General's signature, the emblem
 * (or a drawn seal), and the QR code with the short verification code, issue date and link. Everything
 * sits inside a frame 12.7 mm from the edge (office printers clip up to about 6 mm).
 *
 * Speed: the artwork (recorded from pdf-lib at generation time, artwork.generated.ts) and the fixed
 * texts are one pre-compressed content stream per isolate and language; the Latin base subsets of the
 * main fonts are prepared at build time (prepared-font.ts, font-embed.ts) and the brand images too
 * (png-image.ts); per certificate only the variable text, the QR code and the file are written
 * (pdf-writer.ts). A Latin certificate thus loads neither pdf-lib nor fontkit nor HarfBuzz.
 */
import { Canvas } from "./canvas";
import {
  type CertificateLanguage,
  type CertificateTexts,
  certificateTexts,
  phaseTitle,
  programTitle,
} from "./certificate-texts";
import { ARTWORK_OPERATORS } from "./artwork.generated";
import {
  BOTTOM_BASELINE,
  BRAND_BOXES,
  CX,
  EMBLEM,
  LOGO,
  NAME_BOX,
  PAGE_SIZE,
  QR_SYMBOL_SIZE,
  RIGHT,
  SIGNATURE,
} from "./layout";
import { COLORS } from "./palette";
import { loadFace } from "./font-embed";
import { onFontCacheClear } from "./fonts";
import { checkRenderableName } from "./names";
import { writeCertificateFile } from "./pdf-file";
import { ascii, deflate } from "./pdf-writer";
import { type PdfImage, pngImage } from "./png-image";
import { QR_QUIET_ZONE, qrOperators, qrRuns } from "./qr";
import { type CertificatePdfInput, type FontName, type FontSource, UnrenderableNameError } from "./types";

export { certificateTitle, formatDate, programTitle } from "./certificate-texts";
import { ENGLISH } from "./certificate-texts";
/** Fixed English texts (the benchmark's pdf-lib baseline draws the same ones). */
export const ORGANIZATION = ENGLISH.organization;
export const SIGNATORY = { name: ENGLISH.signatoryName, title: ENGLISH.signatoryTitle, organization: ORGANIZATION };
export { PDF_CREATOR, PDF_PRODUCER } from "./pdf-file";
export { BOTTOM_BASELINE, NAME_BOX, PAGE_SIZE, QR_SYMBOL_SIZE } from "./layout";

const SERIF: FontName = "NotoSerif-Bold";
const SANS: FontName = "NotoSans-Regular";
const SANS_BOLD: FontName = "NotoSans-Bold";

/** The fonts of the fixed texts, first on every page (F1, F2, F3). */
function preloadedFaces(fonts: FontSource) {
  return Promise.all([SERIF, SANS, SANS_BOLD].map((f) => loadFace(fonts, f)));
}

const statics = new Map<string, Promise<Uint8Array>>();
onFontCacheClear(() => statics.clear());

/** The fixed part of the page for a language (with or without the drawn seal), built once per isolate. */
function loadStatics(fonts: FontSource, t: CertificateTexts, seal: boolean, logo: boolean): Promise<Uint8Array> {
  const key = `${t.lang === "en" ? "en" : "other"}|${seal}|${logo}`;
  let p = statics.get(key);
  if (!p) {
    p = (async () => {
      // The same fonts in the same order as every page, so resource names (/F1…) match.
      const canvas = new Canvas(fonts, await preloadedFaces(fonts));
      canvas.ops = seal ? ARTWORK_OPERATORS.seal : ARTWORK_OPERATORS.plain;
      if (t.lang === "en") await fixedTexts(canvas, t, seal, logo);
      if (canvas.fontUses().some((u) => u.hasExtras)) throw new Error("fixed texts must stay within the base subsets");
      return deflate(ascii(canvas.ops));
    })();
    p.catch(() => statics.delete(key));
    statics.set(key, p);
  }
  return p;
}

/**
 * The texts every certificate of a language shows. English ones go into the per-isolate fixed stream
 * (they stay within the pre-built Latin subsets); other languages need per-document glyphs, so they
 * are drawn with the page.
 */
async function fixedTexts(canvas: Canvas, t: CertificateTexts, seal: boolean, logo: boolean): Promise<void> {
  await canvas.centred(t.organization, CX, 462, 12, "body", COLORS.navy);
  await canvas.centred(t.certify, CX, 384, 12.5, "body", COLORS.muted);
  await canvas.centred(t.signatoryName, SIGNATURE.cx, 92, 12.5, t.lang === "en" ? SANS_BOLD : "body", COLORS.ink);
  await canvas.centred(t.signatoryTitle, SIGNATURE.cx, BOTTOM_BASELINE, 9.5, "body", COLORS.muted);
  // Without the deployment's files: the WeGO wordmark in place of the logo, and on the drawn seal.
  if (!logo) await canvas.centred("WeGO", CX, 490, 34, SERIF, COLORS.navy);
  if (seal) await canvas.centred("WeGO", CX, BOTTOM_BASELINE + EMBLEM.size / 2 - 4.5, 13, SERIF, COLORS.white);
}

/** The brand images supplied, decoded (once per isolate and file). */
async function brandImages(input: CertificatePdfInput): Promise<Map<string, PdfImage>> {
  const out = new Map<string, PdfImage>();
  for (const name of ["logo", "emblem", "signature"] as const) {
    const bytes = input.brand?.[name];
    if (bytes) out.set(name, await pngImage(bytes, BRAND_BOXES[name], input.preparedBrand?.[name]));
  }
  return out;
}

/**
 * Renders the certificate (see the module comment for the layout); attaches `credential.json` and
 * `credential.jwt`; sets metadata with CreationDate = ModDate = issuedAt. Deterministic: the same
 * input (and the same font and brand files) gives byte-identical output.
 * @throws {UnrenderableNameError} when {@link checkRenderableName} rejects the name (check at issue time).
 */
export async function renderCertificatePdf(input: CertificatePdfInput, fonts: FontSource): Promise<Uint8Array> {
  const check = checkRenderableName(input.recipientName);
  if (!check.ok) throw new UnrenderableNameError(check.code, check.reason);
  const t = certificateTexts(input.language as CertificateLanguage | undefined);
  const { achievement } = input;
  const images = await brandImages(input);
  const design = await loadStatics(fonts, t, !images.has("emblem"), images.has("logo"));
  const page = new Canvas(fonts, await preloadedFaces(fonts));
  if (t.lang !== "en") await fixedTexts(page, t, !images.has("emblem"), images.has("logo"));
  const title = t.title[achievement.kind];
  const place = (key: string, box: { x: number; y: number; w: number; h: number }) => {
    const image = images.get(key);
    if (image) page.image(key, image, box);
  };

  place("logo", { x: CX - LOGO.width / 2, y: LOGO.top - LOGO.height, ...BRAND_BOXES.logo });
  await page.centred(title, CX, 410, 34, t.lang === "en" ? SERIF : "NotoSansKR-Bold", COLORS.navy);
  await page.name(check, NAME_BOX, 40, 22, COLORS.ink);

  // What was completed: the programme once, then the phase and its details.
  const online = achievement.kind === "online";
  const programme = programTitle(achievement.name);
  const phase = phaseTitle(achievement.name);
  const where = online ? [phase] : [phase, achievement.venue];
  let y = 279;
  if (t.lang === "en") {
    await page.centred(t.statement[achievement.kind], CX, y, 12, "body", COLORS.muted);
    y -= 25;
  }
  await page.centred(programme, CX, y, 17, t.lang === "en" ? SANS_BOLD : "NotoSansKR-Bold", COLORS.navy);
  y -= 21;
  await page.centred(where.filter((s) => s).join(" · "), CX, y, 12, "body", COLORS.navy);
  y -= 18;
  const detail = online ? input.achievement.criteria : `${t.themes}: ${achievement.themes.join("; ")}`;
  if (detail && (online || achievement.themes.length > 0)) y = await page.paragraph(detail, CX, y, 10, COLORS.muted, 2);
  if (t.lang === "ko") await page.centred(t.statement[achievement.kind], CX, y - 4, 12, "body", COLORS.muted);
  if (achievement.date)
    await page.centred(
      t.completedOn(t.formatDate(achievement.date), achievement.kind),
      CX,
      176,
      11,
      "body",
      COLORS.ink,
    );

  // Bottom blocks on one baseline: signature, emblem, QR with the verification details.
  place("signature", { x: SIGNATURE.cx - SIGNATURE.width / 2, y: 111, ...BRAND_BOXES.signature });
  place("emblem", { x: CX - EMBLEM.size / 2, y: BOTTOM_BASELINE, ...BRAND_BOXES.emblem });
  const module = QR_SYMBOL_SIZE / qrRuns(input.verificationUrl).size;
  const quiet = QR_QUIET_ZONE * module;
  const qr = qrOperators(
    input.verificationUrl,
    RIGHT + quiet,
    BOTTOM_BASELINE + QR_SYMBOL_SIZE + quiet,
    QR_SYMBOL_SIZE,
  );
  page.ops += qr.ops;
  const right = qr.x + quiet - 12;
  // The short URL for people without a camera: the fragment (offline token) is for scanners only.
  const url = input.verificationUrl.replace(/#.*$/, "").replace(/\s/g, "");
  const lines: [string, number, typeof COLORS.ink, "body" | FontName][] = [];
  if (input.shortCode) {
    lines.push([t.code, 7.5, COLORS.muted, "body"]);
    lines.push([input.shortCode, 13, COLORS.navy, SANS_BOLD]);
  }
  lines.push([t.verifyAt, 7.5, COLORS.muted, "body"]);
  lines.push([url, Math.min(8, 190 / Math.max(await page.width(url, 1, "body"), 1e-6)), COLORS.navy, "body"]);
  lines.push([t.issuedOn(t.formatDate(input.issuedAt)), 8.5, COLORS.ink, "body"]);
  if (input.validUntil) lines.push([t.validUntil(t.formatDate(input.validUntil)), 8.5, COLORS.ink, "body"]);
  lines.push([`${t.certificateId}: ${input.certificateId}`, 7, COLORS.muted, "body"]);
  let dy = BOTTOM_BASELINE;
  lines.reverse(); // (bottom line first)
  for (const [i, [text, size, color, font]] of lines.entries()) {
    await page.aligned(text, "right", right, dy, size, font, color);
    dy += (lines[i + 1]?.[1] ?? size) * 1.25 + 3;
  }

  return writeCertificateFile(input, {
    size: PAGE_SIZE,
    design,
    page,
    images,
    title: `${title}: ${check.name}`,
    lang: t.lang,
  });
}
