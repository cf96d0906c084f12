/** The brand images a certificate PDF prints, as PNGs and as the build prepared them (adapters/pdf/png-image.ts). */
import type { AppDeps } from "./context";

/** The three brand PNGs the PDF prints. */
export type BrandImages = { logo: Uint8Array; emblem: Uint8Array; signature: Uint8Array };
const BRAND_IMAGES = ["logo", "emblem", "signature"] as const;

/** The deployment's logo, emblem and signature (PNG) for the PDF; brand files are configuration. */
export async function brandImages(deps: AppDeps): Promise<BrandImages> {
  const [logo, emblem, signature] = await Promise.all(BRAND_IMAGES.map((name) => deps.brand.load(name, "png")));
  return { logo: logo!, emblem: emblem!, signature: signature! };
}

/** The same images as the build prepared them for the PDF, where it did (see png-image.ts). */
export async function preparedBrand(deps: AppDeps): Promise<Partial<BrandImages>> {
  const { brand } = deps;
  if (!brand.pdfImage) return {};
  const [logo, emblem, signature] = await Promise.all(BRAND_IMAGES.map((name) => brand.pdfImage!(name)));
  return { logo, emblem, signature };
}
