/** Brand assets as configuration: the file checks, the directory reader and the committed placeholders. */
import { mkdtemp, readFile, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { brandDirectory, nodeBrandSource, readBrandDirectory } from "../../../src/adapters/brand/brand-directory";
import { BRAND_ASSETS, brandImageForPage } from "../../../src/domain/brand";
import { inspectBrandImage, pngSize } from "../../../src/lib/brand-image";

const PLACEHOLDERS = "brand/placeholder";
const svg = (body: string) =>
  new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2">${body}</svg>`);

describe("brand files", () => {
  it("the committed placeholders are complete, checked and marked as placeholders", async () => {
    const { manifest, files } = await readBrandDirectory(PLACEHOLDERS);
    expect(manifest.placeholder).toBe(true);
    expect(Object.keys(manifest.assets).sort()).toEqual([...BRAND_ASSETS].sort());
    expect(manifest.assets.logo).toMatchObject({ width: 1200, height: 360, svg: true });
    expect(manifest.assets.signature.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(files.size).toBe(6);
    // The placeholder says what it is, in the SVG's title and (drawn as paths) on its face.
    for (const name of BRAND_ASSETS)
      expect(new TextDecoder().decode(files.get(`${name}.svg`))).toContain(`PLACEHOLDER: not WeGO's ${name}`);
    expect(brandImageForPage(manifest, "logo")).toBe("/brand/logo.svg");
  });

  it("WEGO_BRAND_DIR chooses the deployment's directory", () => {
    expect(brandDirectory("/srv/app", {})).toBe("/srv/app/brand/placeholder");
    expect(brandDirectory("/srv/app", { WEGO_BRAND_DIR: "/secure/wego-brand" })).toBe("/secure/wego-brand");
  });

  it("a deployment's set without SVGs or brand.json is a real (non-placeholder) set served as PNG", async () => {
    const dir = await mkdtemp(join(tmpdir(), "brand-"));
    for (const name of BRAND_ASSETS) await copyFile(join(PLACEHOLDERS, `${name}.png`), join(dir, `${name}.png`));
    const source = nodeBrandSource(dir);
    const manifest = await source.manifest();
    expect(manifest.placeholder).toBe(false);
    expect(manifest.assets.emblem.svg).toBe(false);
    expect(brandImageForPage(manifest, "emblem")).toBe("/brand/emblem.png");
    expect(pngSize(await source.load("emblem", "png"))).toEqual({ width: 600, height: 600 });
    await expect(source.load("emblem", "svg")).rejects.toThrow(/no emblem\.svg/);
  });

  it("refuses a directory with missing, wrong or unsafe files, listing every problem", async () => {
    const dir = await mkdtemp(join(tmpdir(), "brand-"));
    await copyFile(join(PLACEHOLDERS, "logo.png"), join(dir, "logo.png"));
    await writeFile(join(dir, "logo.svg"), svg("<script>alert(1)</script>"));
    await writeFile(join(dir, "emblem.png"), await readFile(join(PLACEHOLDERS, "logo.svg")));
    await expect(readBrandDirectory(dir)).rejects.toThrow(
      /logo\.svg contains <script>; emblem\.png is not a PNG file; signature\.png is missing/,
    );
  });

  it("checks SVGs for anything that runs or loads, and the viewBox", () => {
    expect(inspectBrandImage("svg", svg('<path d="M0 0h4v2z"/>'))).toEqual({
      ok: true,
      value: { width: 4, height: 2 },
    });
    expect(inspectBrandImage("svg", svg('<use href="#a"/>')).ok).toBe(true);
    for (const [body, reason] of [
      ['<image href="https://evil.example/x.png"/>', /external resource/],
      ['<rect onload="x()"/>', /event-handler/],
      ["<foreignObject/>", /foreignObject/],
      ['<rect style="fill:url(https://x/y)"/>', /url\(\)/],
      ["<style>@import 'x.css'</style>", /imports/],
    ] as const)
      expect(inspectBrandImage("svg", svg(body))).toEqual({
        ok: false,
        error: { code: "ERR_BRAND_SVG_UNSAFE", message: expect.stringMatching(reason) },
      });
    expect(inspectBrandImage("svg", new TextEncoder().encode("<svg></svg>"))).toEqual({
      ok: false,
      error: { code: "ERR_BRAND_NOT_SVG", message: expect.stringMatching(/viewBox/) },
    });
    expect(inspectBrandImage("png", new Uint8Array(0))).toEqual({
      ok: false,
      error: { code: "ERR_BRAND_EMPTY", message: "is empty" },
    });
  });
});
