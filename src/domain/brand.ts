/**
 * WeGO's brand assets (logo, emblem, the Secretary General's facsimile signature) are configuration:
 * the deployment supplies the files (README "Configuration", `WEGO_BRAND_DIR`); a neutral placeholder
 * set marked "PLACEHOLDER" is used otherwise. This module names them and defines the port the
 * PDF renderer, the pages and the emails read them through.
 */

/** The brand images every deployment supplies. */
export const BRAND_ASSETS = ["logo", "emblem", "signature"] as const;

/** One of {@link BRAND_ASSETS}. */
export type BrandAssetName = (typeof BRAND_ASSETS)[number];

/** PNG for the PDF and raster previews; SVG (optional) for pages, which scale it. */
export type BrandFormat = "png" | "svg";

/** What is known about one brand image without reading it. */
export interface BrandImageInfo {
  /** Pixel size of the PNG (also the aspect ratio of the SVG, which must match it). */
  width: number;
  height: number;
  /** True when an SVG is supplied as well as the PNG. */
  svg: boolean;
  /** Hex SHA-256 of the PNG: changes whenever the deployment supplies a new file. */
  sha256: string;
}

/** The brand set in use, written next to the files at build time (`/brand/manifest.json`). */
export interface BrandManifest {
  /** True for the neutral placeholders: pages and documents then say so. */
  placeholder: boolean;
  assets: Record<BrandAssetName, BrandImageInfo>;
}

/**
 * Where brand files come from: a directory in Node (tests, scripts), Workers static assets in the
 * Worker. Implementations cache; `load` rejects for an SVG the manifest does not list.
 */
export interface BrandSource {
  manifest(): Promise<BrandManifest>;
  load(name: BrandAssetName, format: BrandFormat): Promise<Uint8Array>;
  /**
   * The PNG prepared for the PDF at build time (decoded and re-compressed, see
   * adapters/pdf/png-image.ts), or undefined where the build made none: the renderer then decodes
   * the PNG itself, with the same result.
   */
  pdfImage?(name: BrandAssetName): Promise<Uint8Array | undefined>;
}

/** Public path of the PNG prepared for the PDF (written by scripts/copy-brand.mjs). */
export function brandPdfImagePath(name: BrandAssetName): string {
  return `/brand/${name}.pdf-image`;
}

/** Public path of a brand file (served as a static asset). */
export function brandAssetPath(name: BrandAssetName, format: BrandFormat): string {
  return `/brand/${name}.${format}`;
}

/** The best file for a web page: the SVG when supplied, else the PNG. */
export function brandImageForPage(manifest: BrandManifest, name: BrandAssetName): string {
  return brandAssetPath(name, manifest.assets[name].svg ? "svg" : "png");
}
