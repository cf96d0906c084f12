/**
 * Node-only: reads a brand directory (the deployment's `WEGO_BRAND_DIR`, or the committed
 * `brand/placeholder`), checks every file, and builds its {@link BrandManifest}. Used by
 * scripts/copy-brand.mjs to publish the files, and as a {@link BrandSource} by tests and scripts.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  BRAND_ASSETS,
  type BrandAssetName,
  type BrandFormat,
  type BrandImageInfo,
  type BrandManifest,
  type BrandSource,
} from "../../domain/brand";
import { inspectBrandImage } from "../../lib/brand-image";

/** The committed neutral placeholders, relative to the project root. */
export const PLACEHOLDER_BRAND_DIR = "brand/placeholder";

/** The brand directory in use: `WEGO_BRAND_DIR`, else the placeholders. */
export function brandDirectory(root: string = process.cwd(), env = process.env): string {
  return resolve(root, env.WEGO_BRAND_DIR || PLACEHOLDER_BRAND_DIR);
}

/** A checked brand directory: its manifest and the bytes of every file it lists. */
export interface BrandDirectory {
  manifest: BrandManifest;
  files: Map<`${BrandAssetName}.${BrandFormat}`, Uint8Array>;
}

async function readOptional(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Reads `<dir>/{logo,emblem,signature}.png` (required) and `.svg` (optional) and `brand.json`
 * (optional, `{ "placeholder": true }` marks a placeholder set). Throws one Error listing every problem.
 */
export async function readBrandDirectory(dir: string): Promise<BrandDirectory> {
  const problems: string[] = [];
  const files: BrandDirectory["files"] = new Map();
  const assets = {} as Record<BrandAssetName, BrandImageInfo>;
  for (const name of BRAND_ASSETS) {
    const png = await readOptional(join(dir, `${name}.png`));
    const svg = await readOptional(join(dir, `${name}.svg`));
    if (!png) {
      problems.push(`${name}.png is missing`);
      continue;
    }
    const p = inspectBrandImage("png", png);
    if (!p.ok) problems.push(`${name}.png ${p.error.message}`);
    if (svg) {
      const s = inspectBrandImage("svg", svg);
      if (!s.ok) problems.push(`${name}.svg ${s.error.message}`);
      // The page reserves the PNG's aspect ratio for the SVG: a mismatch would distort it.
      else if (p.ok && Math.abs(s.value.width / s.value.height - p.value.width / p.value.height) > 0.01)
        problems.push(
          `${name}.svg has aspect ratio ${s.value.width}:${s.value.height}, the PNG ${p.value.width}:${p.value.height}`,
        );
      files.set(`${name}.svg`, svg);
    }
    if (!p.ok) continue;
    files.set(`${name}.png`, png);
    const sha256 = createHash("sha256").update(png).digest("hex");
    assets[name] = { width: p.value.width, height: p.value.height, svg: svg !== undefined, sha256 };
  }
  let placeholder = false;
  const meta = await readOptional(join(dir, "brand.json"));
  if (meta) {
    try {
      const v = JSON.parse(new TextDecoder().decode(meta)) as { placeholder?: unknown };
      if (v.placeholder !== undefined && typeof v.placeholder !== "boolean") throw new Error();
      placeholder = v.placeholder === true;
    } catch {
      problems.push('brand.json must be JSON like { "placeholder": false }');
    }
  }
  if (problems.length > 0) throw new Error(`brand directory ${dir}: ${problems.join("; ")}`);
  return { manifest: { placeholder, assets }, files };
}

/** A {@link BrandSource} over a directory, read and checked once. */
export function nodeBrandSource(dir: string = brandDirectory()): BrandSource {
  let read: Promise<BrandDirectory> | undefined;
  const get = () => (read ??= readBrandDirectory(dir));
  return {
    manifest: async () => (await get()).manifest,
    async load(name, format) {
      const bytes = (await get()).files.get(`${name}.${format}`);
      if (!bytes) throw new Error(`brand: no ${name}.${format} in ${dir}`);
      return bytes;
    },
  };
}
