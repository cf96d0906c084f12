/** Brand files through the Workers static-assets binding, as the Worker's PDF and pages read them. */
import { describe, expect, it } from "vitest";
import { assetsBrandSource } from "../../src/adapters/brand/assets-brand-source";
import { pngSize } from "../../src/lib/brand-image";
import { BUNDLED_BRAND_MANIFEST } from "../../src/worker/brand-manifest";
import { workerEnv } from "../support/deps";

describe("brand assets (ASSETS binding)", () => {
  it("loads the manifest and every file it lists, with the manifest's sizes", async () => {
    const brand = assetsBrandSource(workerEnv.ASSETS);
    const manifest = await brand.manifest();
    expect(manifest.placeholder).toBe(true);
    for (const name of ["logo", "emblem", "signature"] as const) {
      const png = await brand.load(name, "png");
      const { width, height } = manifest.assets[name];
      expect(pngSize(png)).toEqual({ width, height });
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", png));
      expect([...digest].map((b) => b.toString(16).padStart(2, "0")).join("")).toBe(manifest.assets[name].sha256);
      expect(new TextDecoder().decode(await brand.load(name, "svg"))).toMatch(/^<\?xml[\s\S]*<svg /);
    }
  });

  it("the manifest bundled into the Worker is the one built with the assets, and is checked", async () => {
    const served = await assetsBrandSource(workerEnv.ASSETS).manifest();
    const asked: string[] = [];
    const fetcher = { fetch: async (url: string) => (asked.push(url), workerEnv.ASSETS.fetch(url)) };
    const bundled = assetsBrandSource(fetcher, { bundledManifest: BUNDLED_BRAND_MANIFEST });
    expect(await bundled.manifest()).toEqual(served);
    expect(asked).toEqual([]);
    const broken = assetsBrandSource(fetcher, { bundledManifest: { placeholder: true, assets: {} } });
    await expect(broken.manifest()).rejects.toMatchObject({ code: "ERR_CONFIG" });
  });

  it("fails with ERR_CONFIG when the assets are not built", async () => {
    const empty = assetsBrandSource({ fetch: async () => new Response("", { status: 404 }) });
    await expect(empty.manifest()).rejects.toMatchObject({ code: "ERR_CONFIG" });
    await expect(empty.load("logo", "png")).rejects.toMatchObject({ code: "ERR_CONFIG" });
  });
});
