/**
 * The certificate's picture as a PNG (1200×630): the page shows it, link previews use it as
 * og:image. Rendered in the Worker on first request from the signed credential and the brand
 * files, then kept per isolate (same certificate and brand set, same picture).
 */
import { checkRenderableName } from "../adapters/pdf/names";
import type { FontName } from "../adapters/pdf/types";
import { certificatePreviewSvg, type PreviewImage } from "../adapters/preview/certificate-svg";
import type { BrandAssetName } from "../domain/brand";
import { signedFacts } from "../domain/signed-facts";
import { certificateFileName, contentDisposition } from "../lib/content-disposition";
import type { AppDeps } from "./context";
import type { SignedCertificate } from "./signed-certificates";

/** About 100 KB each: 5 MB at most per isolate. */
const MAX_CACHED = 50;
const cache = new Map<string, Uint8Array>();

async function brandImage(deps: AppDeps, name: BrandAssetName): Promise<PreviewImage> {
  const info = (await deps.brand.manifest()).assets[name];
  return { png: await deps.brand.load(name, "png"), width: info.width, height: info.height };
}

/** The fonts the picture needs: its serif and sans, and the one that covers the name's script. */
function fontsFor(name: string): { fonts: FontName[]; direction: "ltr" | "rtl" } {
  const check = checkRenderableName(name);
  const fonts = new Set<FontName>(["NotoSerif-Bold", "NotoSans-Regular"]);
  if (check.ok) fonts.add(check.font);
  return { fonts: [...fonts], direction: check.ok ? check.direction : "ltr" };
}

/** The PNG picture of a certificate. */
export async function certificatePreviewPng(deps: AppDeps, row: SignedCertificate): Promise<Uint8Array> {
  const manifest = await deps.brand.manifest();
  // The brand set is part of the key: new brand files give new pictures without a restart.
  const key = `${row.id}:${manifest.assets.logo.sha256.slice(0, 8)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const facts = signedFacts(JSON.parse(row.credential));
  const { fonts, direction } = fontsFor(facts.participant);
  const [logo, emblem, signature, fontFiles] = await Promise.all([
    brandImage(deps, "logo"),
    brandImage(deps, "emblem"),
    brandImage(deps, "signature"),
    Promise.all(fonts.map((f) => deps.fonts.load(f))),
  ]);
  const svg = certificatePreviewSvg({
    facts,
    verifyAt: `${new URL(deps.config.baseUrl).host}/c/${row.id}`,
    issuedOn: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(facts.validFrom),
    ),
    logo,
    emblem,
    signature,
    direction,
  });
  const png = await deps.rasterize(svg, fontFiles);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, png);
  return png;
}

/**
 * The file name a participant expects when saving the picture or the PDF: "WeGO certificate -
 * <name>.<ext>", as an RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name
 * (RFC 8187 `filename*`).
 */
export function certificateFileDisposition(
  name: string,
  id: string,
  ext: string,
  type: "inline" | "attachment" = "inline",
): string {
  return contentDisposition(type, certificateFileName(name, ext), `wego-certificate-${id}.${ext}`);
}
