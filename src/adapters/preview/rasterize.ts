/**
 * SVG → PNG with resvg (Rust, compiled to WebAssembly; @resvg/resvg-wasm), which shapes text with
 * rustybuzz, so Arabic, Hangul and Devanagari names come out as a browser would draw them. Only
 * the fonts passed in are used (no system fonts exist in a Worker).
 */
import { initWasm, Resvg } from "@resvg/resvg-wasm";

/** Renders an SVG document to PNG bytes with the given font files. */
export type RasterizeSvg = (svg: string, fonts: Uint8Array[]) => Promise<Uint8Array>;

let ready: Promise<void> | undefined;

/**
 * A rasterizer over the resvg WebAssembly module: a compiled `WebAssembly.Module` in the Worker,
 * the `.wasm` bytes in Node. The module is instantiated once per isolate (resvg-wasm keeps one
 * instance globally).
 */
export function createRasterizer(wasm: () => Promise<WebAssembly.Module | BufferSource>): RasterizeSvg {
  return async (svg, fonts) => {
    ready ??= wasm()
      .then((m) => initWasm(m))
      .catch((e: unknown) => {
        // "Already initialized" is fine (another rasterizer in this isolate did it); anything else retries next time.
        if (e instanceof Error && /already/i.test(e.message)) return;
        ready = undefined;
        throw e;
      });
    await ready;
    const resvg = new Resvg(svg, {
      font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: "Noto Sans" } as never,
      fitTo: { mode: "original" },
      background: "#ffffff",
    });
    try {
      const image = resvg.render();
      try {
        return image.asPng();
      } finally {
        image.free();
      }
    } finally {
      resvg.free();
    }
  };
}
