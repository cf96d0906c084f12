/** Workers {@link FontSource}: fonts served as static assets (see scripts/copy-fonts.mjs, scripts/prepare-fonts.mjs). */
import { BASE_FONTS } from "./prepared-font";
import type { FontName, FontSource } from "./types";

/** The subset of the Workers static-assets binding used here. */
export interface AssetsFetcher {
  fetch(input: string): Promise<Response>;
}

/**
 * Loads `/fonts/<FontName>.ttf` through the `ASSETS` binding, and `/fonts/<FontName>.prepared` (the
 * build's prepared base data, prepared-font.ts) for the base fonts. The URL origin is irrelevant to
 * the binding; `origin` only needs to be an absolute URL. `harfbuzz` is the shaper's module, imported
 * by the Worker entry (Workers instantiate only WebAssembly modules uploaded with the Worker).
 */
export function assetsFontSource(
  assets: AssetsFetcher,
  harfbuzz: WebAssembly.Module,
  origin = "https://assets.local",
): FontSource {
  return {
    async load(name: FontName): Promise<Uint8Array> {
      const res = await assets.fetch(`${origin}/fonts/${name}.ttf`);
      if (!res.ok) throw new Error(`font ${name}: assets answered ${res.status} (run node scripts/build-assets.mjs)`);
      return new Uint8Array(await res.arrayBuffer());
    },
    shaper: async () => harfbuzz,
    async prepared(name: FontName): Promise<Uint8Array | undefined> {
      if (!BASE_FONTS.has(name)) return undefined;
      const res = await assets.fetch(`${origin}/fonts/${name}.prepared`);
      if (res.ok) return new Uint8Array(await res.arrayBuffer());
      // A build without them: everything is derived from the font file instead (same bytes).
      await res.body?.cancel();
      return undefined;
    },
  };
}
