/** Workers {@link BrandSource}: brand files served as static assets under `/brand/` (scripts/copy-brand.mjs). */
import {
  brandAssetPath,
  brandPdfImagePath,
  type BrandAssetName,
  type BrandFormat,
  type BrandSource,
} from "../../domain/brand";
import { AppError } from "../../errors";
import { parseBrandManifest } from "./manifest";

/** The subset of the Workers static-assets binding used here. */
export interface AssetsFetcher {
  fetch(input: string): Promise<Response>;
}

/**
 * Reads the manifest once per isolate and each file at most once (a failed read is retried next
 * time). The URL origin is irrelevant to the binding; it only needs to be absolute.
 * `bundledManifest`: the manifest built with the assets and bundled into the Worker
 * (worker/brand-manifest.ts), checked and used instead of reading `/brand/manifest.json`.
 */
export function assetsBrandSource(
  assets: AssetsFetcher,
  { origin = "https://assets.local", bundledManifest }: { origin?: string; bundledManifest?: unknown } = {},
): BrandSource {
  const files = new Map<string, Promise<Uint8Array>>();
  let manifest: ReturnType<BrandSource["manifest"]> | undefined;
  const get = async (path: string): Promise<Response> => {
    const res = await assets.fetch(`${origin}${path}`);
    if (!res.ok) throw new AppError("ERR_CONFIG", `${path}: assets answered ${res.status} (run npm run build:assets)`);
    return res;
  };
  const cached = <T>(p: Promise<T>, forget: () => void): Promise<T> => {
    p.catch(forget);
    return p;
  };
  const source: BrandSource = {
    manifest() {
      manifest ??= cached(
        bundledManifest === undefined
          ? get("/brand/manifest.json").then(async (r) => parseBrandManifest(await r.json()))
          : Promise.resolve(bundledManifest).then(parseBrandManifest),
        () => (manifest = undefined),
      );
      return manifest;
    },
    async load(name: BrandAssetName, format: BrandFormat) {
      if (format === "svg" && !(await source.manifest()).assets[name].svg)
        throw new AppError("ERR_CONFIG", `brand: no SVG supplied for ${name}`);
      const path = brandAssetPath(name, format);
      let p = files.get(path);
      if (!p) {
        p = cached(
          get(path).then(async (r) => new Uint8Array(await r.arrayBuffer())),
          () => files.delete(path),
        );
        files.set(path, p);
      }
      return p;
    },
    async pdfImage(name: BrandAssetName) {
      // Optional: a build without the prepared file leaves the renderer to decode the PNG.
      const path = brandPdfImagePath(name);
      let p = files.get(path);
      if (!p) {
        p = cached(
          assets.fetch(`${origin}${path}`).then(async (r) => {
            if (r.ok) return new Uint8Array(await r.arrayBuffer());
            await r.body?.cancel();
            return new Uint8Array(0);
          }),
          () => files.delete(path),
        );
        files.set(path, p);
      }
      const bytes = await p;
      return bytes.length > 0 ? bytes : undefined;
    },
  };
  return source;
}
