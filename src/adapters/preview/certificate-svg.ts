/**
 * The picture of a certificate (1200×630, the Open Graph size): the page shows it and link
 * previews (LinkedIn, KakaoTalk, WhatsApp) use its PNG. Drawn from the signed facts only, with the
 * deployment's brand images, as an SVG document that resvg rasterizes (./rasterize.ts).
 */
import type { SignedFacts } from "../../domain/signed-facts";

/** A brand image embedded in the picture. */
export interface PreviewImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Everything the picture shows. */
export interface PreviewInput {
  facts: SignedFacts;
  /** The certificate's address as printed, e.g. `certificates.we-gov.org/c/…`. */
  verifyAt: string;
  /** Issue date in words, e.g. "1 October 2023". */
  issuedOn: string;
  logo: PreviewImage;
  emblem: PreviewImage;
  signature: PreviewImage;
  /** The direction the name is written in. */
  direction: "ltr" | "rtl";
}

/** Width and height of the picture in px (Open Graph's recommended 1.91:1). */
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

const NAVY = "#0b3d6e";
const GOLD = "#a67c2e";
const INK = "#1b1f24";
const MUTED = "#4a5360";
const SERIF = "Noto Serif, Noto Sans KR, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans";
const SANS = "Noto Sans, Noto Sans KR, Noto Sans Arabic, Noto Sans Hebrew";

/** RFC 4648 §4 base64 with padding, as data URIs use it. */
function base64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function image(img: PreviewImage, x: number, y: number, height: number, anchor: "start" | "end" = "start"): string {
  const width = Math.round((img.width / img.height) * height);
  const left = anchor === "end" ? x - width : x;
  // PNG as a data URI: the SVG stays self-contained (resvg and <img> load nothing else).
  const href = `data:image/png;base64,${base64(img.png)}`;
  return `<image x="${left}" y="${y}" width="${width}" height="${height}" href="${href}"/>`;
}

/** Splits a title into at most two lines of about `max` characters, at spaces. */
function twoLines(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const words = text.split(" ");
  let first = "";
  while (words.length && [...`${first} ${words[0]}`.trim()].length <= max) first = `${first} ${words.shift()}`.trim();
  if (!first) return [text];
  const rest = words.join(" ");
  return [first, [...rest].length > max + 3 ? `${[...rest].slice(0, max).join("")}…` : rest];
}

/** The size of the name: large, smaller for long names so it fits the 960 px line. */
function nameSize(name: string): number {
  const chars = [...name].length;
  // Han and Hangul glyphs are about twice as wide as Latin ones.
  const wide = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u.test(name) ? 1.9 : 1;
  return Math.max(28, Math.min(72, Math.floor(1700 / (chars * wide + 4))));
}

/** The picture as an SVG document. */
export function certificatePreviewSvg(p: PreviewInput): string {
  const { width: W, height: H } = PREVIEW_SIZE;
  const f = p.facts;
  const title = twoLines(f.achievementName, 58);
  const size = nameSize(f.participant);
  const titleY = 372;
  const officialY = 548;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${xml(`WeGO certificate: ${f.participant}`)}</title>
<rect width="${W}" height="${H}" fill="#fbfaf6"/>
<rect x="18" y="18" width="${W - 36}" height="${H - 36}" fill="none" stroke="${NAVY}" stroke-width="6"/>
<rect x="32" y="32" width="${W - 64}" height="${H - 64}" fill="none" stroke="${GOLD}" stroke-width="2"/>
${image(p.logo, 64, 56, 72)}
${image(p.emblem, W - 64, 50, 96, "end")}
<text x="${W / 2}" y="172" text-anchor="middle" font-family="${SANS}" font-size="26" font-weight="bold" letter-spacing="6" fill="${NAVY}">CERTIFICATE</text>
<text x="${W / 2}" y="214" text-anchor="middle" font-family="${SANS}" font-size="20" fill="${MUTED}">awarded to</text>
<text x="${W / 2}" y="${270 + size / 3}" text-anchor="middle" direction="${p.direction}" font-family="${SERIF}" font-size="${size}" font-weight="bold" fill="${INK}">${xml(f.participant)}</text>
<line x1="240" y1="318" x2="${W - 240}" y2="318" stroke="${GOLD}" stroke-width="2"/>
${title
  .map(
    (line, i) =>
      `<text x="${W / 2}" y="${titleY + i * 36}" text-anchor="middle" font-family="${SANS}" font-size="28" fill="${INK}">${xml(line)}</text>`,
  )
  .join("\n")}
<text x="${W / 2}" y="${titleY + title.length * 36 + 14}" text-anchor="middle" font-family="${SANS}" font-size="20" fill="${MUTED}">${xml(`Issued by WeGO (we-gov.org) on ${p.issuedOn}`)}</text>
${image(p.signature, 80, 468, 62)}
<line x1="80" y1="${officialY - 14}" x2="400" y2="${officialY - 14}" stroke="${MUTED}" stroke-width="1"/>
<text x="80" y="${officialY + 8}" font-family="${SANS}" font-size="17" fill="${INK}">${xml(f.official ?? f.issuerName)}</text>
<text x="${W - 80}" y="${officialY - 20}" text-anchor="end" font-family="${SANS}" font-size="16" fill="${MUTED}">Verify at</text>
<text x="${W - 80}" y="${officialY + 8}" text-anchor="end" font-family="${SANS}" font-size="17" fill="${NAVY}">${xml(p.verifyAt)}</text>
</svg>`;
}
