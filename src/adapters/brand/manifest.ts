/** Reads `/brand/manifest.json` (written by scripts/copy-brand.mjs) into a checked {@link BrandManifest}. */
import { BRAND_ASSETS, type BrandImageInfo, type BrandManifest } from "../../domain/brand";
import { AppError } from "../../errors";

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function info(name: string, v: unknown): BrandImageInfo {
  const r = rec(v);
  const dim = (k: string) => {
    const n = r?.[k];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw bad(`assets.${name}.${k}`);
    return n;
  };
  const sha256 = r?.sha256;
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) throw bad(`assets.${name}.sha256`);
  if (typeof r?.svg !== "boolean") throw bad(`assets.${name}.svg`);
  return { width: dim("width"), height: dim("height"), svg: r.svg, sha256 };
}

function bad(field: string): AppError {
  return new AppError("ERR_CONFIG", `brand/manifest.json: ${field} is missing or malformed (run npm run build:assets)`);
}

/** Checks the manifest's shape; throws `ERR_CONFIG` naming the first bad field. */
export function parseBrandManifest(json: unknown): BrandManifest {
  const r = rec(json);
  if (typeof r?.placeholder !== "boolean") throw bad("placeholder");
  const assets = rec(r.assets);
  if (!assets) throw bad("assets");
  const out = {} as Record<(typeof BRAND_ASSETS)[number], BrandImageInfo>;
  for (const name of BRAND_ASSETS) out[name] = info(name, assets[name]);
  return { placeholder: r.placeholder, assets: out };
}
