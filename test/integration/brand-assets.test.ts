/** Brand files through the Workers static-assets binding, as the Worker's PDF and pages read them. */
import { describe, expect, it } from "vitest";
import { assetsBrandSource } from "../../src/adapters/brand/assets-brand-source";
import { BRAND_BOXES } from "../../src/adapters/pdf/layout";
import { preparePngImage } from "../../src/adapters/pdf/png-image";
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

  it("each PNG prepared for the PDF in workerd gives the bytes the build prepared in Node", async () => {
    // The build (scripts/copy-brand.mjs, Node) decodes, downscales and deflates each image once; the
    // Worker uses that file only if decoding the PNG itself would give the same bytes, so both
    // engines must compute them alike (downscale.ts: plain arithmetic in a fixed order).
    const brand = assetsBrandSource(workerEnv.ASSETS);
    for (const name of ["logo", "emblem", "signature"] as const) {
      const built = await brand.pdfImage!(name);
      const here = await preparePngImage(await brand.load(name, "png"), BRAND_BOXES[name]);
      expect(built?.length, name).toBeGreaterThan(1000);
      expect(here.length, name).toBe(built!.length);
      expect(
        here.every((b, i) => b === built![i]),
        name,
      ).toBe(true);
    }
  });

  it("fails with ERR_CONFIG when the assets are not built", async () => {
    const empty = assetsBrandSource({ fetch: async () => new Response("", { status: 404 }) });
    await expect(empty.manifest()).rejects.toMatchObject({ code: "ERR_CONFIG" });
    await expect(empty.load("logo", "png")).rejects.toMatchObject({ code: "ERR_CONFIG" });
  });
});
