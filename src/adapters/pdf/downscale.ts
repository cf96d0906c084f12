/**
 * Area-average (box filter) downscaling of 8-bit image channels, for brand images far larger than the
 * size they are printed at. Colour is averaged premultiplied by alpha, so fully transparent pixels
 * (whose colour is arbitrary) do not bleed into the edges of a logo. Plain arithmetic only (no
 * `Math` functions with engine-dependent precision): Node at build time and workerd at render time
 * give the same bytes.
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
  return [Math.max(1, Math.ceil(width * scale)), Math.max(1, Math.ceil(height * scale))];
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

/** Resamples float planes of `channels` interleaved samples per pixel: rows first, then columns. */
function resample(src: Float64Array, w: number, h: number, channels: number, tw: number, th: number): Float64Array {
  const xs = spans(w, tw);
  const rows = new Float64Array(tw * h * channels);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < tw; x++) {
      const { start, weights } = xs[x]!;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let i = 0; i < weights.length; i++) sum += src[(y * w + start + i) * channels + c]! * weights[i]!;
        rows[(y * tw + x) * channels + c] = sum;
      }
    }
  const ys = spans(h, th);
  const out = new Float64Array(tw * th * channels);
  for (let y = 0; y < th; y++) {
    const { start, weights } = ys[y]!;
    for (let x = 0; x < tw; x++)
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let i = 0; i < weights.length; i++) sum += rows[((start + i) * tw + x) * channels + c]! * weights[i]!;
        out[(y * tw + x) * channels + c] = sum;
      }
  }
  return out;
}

const byte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * Downscales 8-bit RGB samples (and their alpha channel, if any) from `width` × `height` to
 * `tw` × `th` (each no larger than the source).
 */
export function downscaleRgba(
  rgb: Uint8Array,
  alpha: Uint8Array | undefined,
  width: number,
  height: number,
  tw: number,
  th: number,
): { rgb: Uint8Array; alpha?: Uint8Array } {
  const n = width * height;
  const planes = new Float64Array(n * 4);
  for (let p = 0; p < n; p++) {
    const a = alpha ? alpha[p]! / 255 : 1;
    planes[p * 4] = rgb[p * 3]! * a;
    planes[p * 4 + 1] = rgb[p * 3 + 1]! * a;
    planes[p * 4 + 2] = rgb[p * 3 + 2]! * a;
    planes[p * 4 + 3] = a;
  }
  const small = resample(planes, width, height, 4, tw, th);
  const m = tw * th;
  const outRgb = new Uint8Array(m * 3);
  const outAlpha = alpha ? new Uint8Array(m) : undefined;
  for (let p = 0; p < m; p++) {
    const a = small[p * 4 + 3]!;
    for (let c = 0; c < 3; c++) outRgb[p * 3 + c] = a > 0 ? byte(small[p * 4 + c]! / a) : 0;
    if (outAlpha) outAlpha[p] = byte(a * 255);
  }
  return { rgb: outRgb, alpha: outAlpha };
}
