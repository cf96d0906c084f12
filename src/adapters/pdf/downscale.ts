/**
 * Area-average (box filter) downscaling of 8-bit image channels, for brand images far larger than the
 * size they are printed at. Colour is averaged premultiplied by alpha, so fully transparent pixels
 * (whose colour is arbitrary) do not bleed into the edges of a logo. Plain arithmetic only (no
 * `Math` functions with engine-dependent precision) in a fixed order: Node at build time and workerd
 * at render time give the same bytes. A change to the output is a change to the PDF: bump
 * `PREPARED_VERSION` (png-image.ts) and `PDF_RENDERER` (services/certificate-pdf.ts).
 */

/** Print resolution the brand images are kept at, in pixels per inch (the PDF's unit is 1/72 in). */
export const BRAND_IMAGE_DPI = 300;

/**
 * The pixel size an image of `width` × `height` needs when drawn contained in a `box` (points), at
 * {@link BRAND_IMAGE_DPI}: never larger than the image itself.
 */
export function targetPixels(width: number, height: number, box: { w: number; h: number }): [number, number] {
  const fit = Math.min(box.w / width, box.h / height);
  const scale = (fit * BRAND_IMAGE_DPI) / 72;
  if (scale >= 1) return [width, height];
  return [Math.ceil(width * scale), Math.ceil(height * scale)];
}

/** For each destination index, the source indexes it covers and the weight of each (sums to 1). */
function spans(from: number, to: number): { start: number; weights: number[] }[] {
  const step = from / to;
  const out: { start: number; weights: number[] }[] = [];
  for (let d = 0; d < to; d++) {
    const lo = d * step;
    const hi = d === to - 1 ? from : (d + 1) * step;
    const start = Math.floor(lo);
    const weights: number[] = [];
    for (let s = start; s < hi; s++) weights.push((Math.min(s + 1, hi) - Math.max(s, lo)) / (hi - lo));
    out.push({ start, weights });
  }
  return out;
}

const byte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * Downscales 8-bit RGB samples (and their alpha channel, if any) from `width` × `height` to
 * `tw` × `th` (each no larger than the source). One source row at a time: a Worker that decodes a
 * large PNG itself (no prepared file) holds two destination rows of floats, not the image.
 */
export function downscaleRgba(
  rgb: Uint8Array,
  alpha: Uint8Array | undefined,
  width: number,
  height: number,
  tw: number,
  th: number,
): { rgb: Uint8Array; alpha?: Uint8Array } {
  const xs = spans(width, tw);
  const ys = spans(height, th);
  // Each source row's destination rows and weights, in destination order (spans are contiguous).
  const into: { d: number; w: number }[][] = Array.from({ length: height }, () => []);
  ys.forEach(({ start, weights }, d) => weights.forEach((w, i) => into[start + i]!.push({ d, w })));
  const outRgb = new Uint8Array(tw * th * 3);
  const outAlpha = alpha ? new Uint8Array(tw * th) : undefined;
  const row = new Float64Array(tw * 4);
  const open = new Map<number, Float64Array>();
  for (let y = 0; y < height; y++) {
    // Horizontal pass over source row y, colour premultiplied by alpha.
    for (let x = 0; x < tw; x++) {
      const { start, weights } = xs[x]!;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let i = 0; i < weights.length; i++) {
        const p = y * width + start + i;
        const pa = alpha ? alpha[p]! / 255 : 1;
        const w = weights[i]!;
        r += rgb[p * 3]! * pa * w;
        g += rgb[p * 3 + 1]! * pa * w;
        b += rgb[p * 3 + 2]! * pa * w;
        a += pa * w;
      }
      row[x * 4] = r;
      row[x * 4 + 1] = g;
      row[x * 4 + 2] = b;
      row[x * 4 + 3] = a;
    }
    // Vertical pass: add it, weighted, to each destination row it falls in.
    for (const { d, w } of into[y]!) {
      let acc = open.get(d);
      if (!acc) open.set(d, (acc = new Float64Array(tw * 4)));
      for (let k = 0; k < acc.length; k++) acc[k]! += row[k]! * w;
      if (ys[d]!.start + ys[d]!.weights.length - 1 === y) {
        open.delete(d);
        for (let x = 0; x < tw; x++) {
          const q = d * tw + x;
          const pa = acc[x * 4 + 3]!;
          for (let c = 0; c < 3; c++) outRgb[q * 3 + c] = pa > 0 ? byte(acc[x * 4 + c]! / pa) : 0;
          if (outAlpha) outAlpha[q] = byte(pa * 255);
        }
      }
    }
  }
  return { rgb: outRgb, alpha: outAlpha };
}
