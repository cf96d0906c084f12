/**
 * PNG images (the deployment's brand files) as PDF image XObjects: colour samples and the alpha channel
 * as a soft mask (ISO 32000-2 §8.9.5, §11.6.5.3), decoded with pdf-lib's PNG reader, downscaled to
 * 300 dpi at the size they are drawn (downscale.ts: a 3000-pixel logo would otherwise be carried at
 * full size in every certificate) and re-compressed with the writer's deterministic deflate, so the
 * same file gives the same bytes.
 *
 * Decoding and re-compressing a PNG is the most expensive step of a new isolate's first PDF (pure
 * JavaScript inflate and deflate of every pixel, about two thirds of that render's CPU), so the
 * build does it once (scripts/copy-brand.mjs → {@link preparePngImage}) and the Worker embeds the
 * prepared streams as they are ({@link pngImage}'s `prepared`): the same bytes as decoding at run time.
 */
import { downscaleRgba, targetPixels } from "./downscale";
import { onFontCacheClear } from "./fonts";
import { deflate, type PdfWriter } from "./pdf-writer";

/** A decoded image, ready to be written into any number of documents. */
export interface PdfImage {
  /** The PNG's own size: its aspect ratio places it (the samples written may be fewer). */
  width: number;
  height: number;
  /** Writes the image (and its soft mask) into a document; returns the image object's number. */
  write(w: PdfWriter): number;
}

/** The compressed streams of one image: what {@link PdfImage.write} writes. */
interface ImageParts {
  /** The PNG's size. */
  width: number;
  height: number;
  /** The samples' size (smaller when downscaled). */
  pixelWidth: number;
  pixelHeight: number;
  bpc: number;
  rgb: Uint8Array;
  alpha?: Uint8Array;
}

interface DecodedPng {
  width: number;
  height: number;
  bitsPerComponent: number;
  rgbChannel: Uint8Array;
  alphaChannel?: Uint8Array;
}

const cache = new Map<string, Promise<PdfImage>>();
/** The same images by the identity of the bytes (brand sources hand out one array per file per isolate). */
let byBytes = new WeakMap<Uint8Array, Map<string, Promise<PdfImage>>>();
let decodes = 0;
onFontCacheClear(() => {
  cache.clear();
  byBytes = new WeakMap();
});

/** PNGs decoded by this isolate (tests check that prepared images spare the decoding). */
export function pngDecodes(): number {
  return decodes;
}
const MAX_CACHED = 16;
const PREPARED_VERSION = 3;

/** The box (points) an image is drawn contained in. */
export interface DrawnBox {
  w: number;
  h: number;
}

/** SHA-256 of the bytes, hex (native: a JavaScript hash of the PNGs cost a new isolate milliseconds). */
async function key(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

async function decodeParts(bytes: Uint8Array, box: DrawnBox): Promise<ImageParts> {
  decodes++;
  // pdf-lib is loaded only here: a Worker embedding the build's prepared images never loads it.
  const { PngEmbedder } = await import("pdf-lib");
  const embedder = await PngEmbedder.for(bytes);
  const png = (embedder as unknown as { image: DecodedPng }).image;
  const [tw, th] = targetPixels(png.width, png.height, box);
  // pdf-lib decodes every PNG to 8-bit RGB and alpha (UPNG.toRGBA8).
  const scaled = png.bitsPerComponent === 8 && (tw < png.width || th < png.height);
  const small = scaled
    ? downscaleRgba(png.rgbChannel, png.alphaChannel, png.width, png.height, tw, th)
    : { rgb: png.rgbChannel, alpha: png.alphaChannel };
  return {
    width: png.width,
    height: png.height,
    pixelWidth: scaled ? tw : png.width,
    pixelHeight: scaled ? th : png.height,
    bpc: png.bitsPerComponent,
    rgb: deflate(small.rgb),
    alpha: small.alpha ? deflate(small.alpha) : undefined,
  };
}

function imageOf({ width, height, pixelWidth, pixelHeight, bpc, rgb, alpha }: ImageParts): PdfImage {
  const dims = `/Width ${pixelWidth} /Height ${pixelHeight} /BitsPerComponent ${bpc}`;
  return {
    width,
    height,
    write(w: PdfWriter): number {
      const mask = alpha
        ? w.addStream(` /Type /XObject /Subtype /Image ${dims} /ColorSpace /DeviceGray /Filter /FlateDecode`, alpha)
        : undefined;
      return w.addStream(
        ` /Type /XObject /Subtype /Image ${dims} /ColorSpace /DeviceRGB` +
          `${mask ? ` /SMask ${mask} 0 R` : ""} /Filter /FlateDecode`,
        rgb,
      );
    },
  };
}

const boxKey = (box: DrawnBox) => `${box.w}x${box.h}`;

/**
 * The prepared form of a PNG drawn in `box` (build time): a JSON header naming the PNG and the box it
 * was made for, then the compressed colour and alpha streams.
 */
export async function preparePngImage(png: Uint8Array, box: DrawnBox): Promise<Uint8Array> {
  const parts = await decodeParts(png, box);
  const head = new TextEncoder().encode(
    JSON.stringify({
      v: PREPARED_VERSION,
      png: await key(png),
      box: boxKey(box),
      width: parts.width,
      height: parts.height,
      pixelWidth: parts.pixelWidth,
      pixelHeight: parts.pixelHeight,
      bpc: parts.bpc,
      rgb: parts.rgb.length,
      alpha: parts.alpha?.length ?? 0,
    }),
  );
  const out = new Uint8Array(4 + head.length + parts.rgb.length + (parts.alpha?.length ?? 0));
  new DataView(out.buffer).setUint32(0, head.length);
  out.set(head, 4);
  out.set(parts.rgb, 4 + head.length);
  if (parts.alpha) out.set(parts.alpha, 4 + head.length + parts.rgb.length);
  return out;
}

/**
 * The parts of a prepared image when it was prepared from exactly `png` for `box` (else undefined:
 * decode).
 */
function preparedParts(prepared: Uint8Array, png: string, box: DrawnBox): ImageParts | undefined {
  try {
    const n = new DataView(prepared.buffer, prepared.byteOffset, prepared.byteLength).getUint32(0);
    const h = JSON.parse(new TextDecoder().decode(prepared.subarray(4, 4 + n))) as Record<string, unknown>;
    if (h.v !== PREPARED_VERSION || h.png !== png || h.box !== boxKey(box)) return undefined;
    const [width, height, pixelWidth, pixelHeight, bpc] = [h.width, h.height, h.pixelWidth, h.pixelHeight, h.bpc].map(
      Number,
    ) as [number, number, number, number, number];
    if (![width, height, pixelWidth, pixelHeight, bpc].every((n) => Number.isSafeInteger(n) && n > 0)) return undefined;
    // Samples of another size than this code's downscale gives (a file from other code): decode.
    const [tw, th] = targetPixels(width, height, box);
    if (pixelWidth !== tw || pixelHeight !== th) return undefined;
    const [rgbLength, alphaLength] = [Number(h.rgb), Number(h.alpha)];
    if (4 + n + rgbLength + alphaLength !== prepared.length) return undefined;
    const rgb = prepared.slice(4 + n, 4 + n + rgbLength);
    const alpha = alphaLength > 0 ? prepared.slice(4 + n + rgbLength) : undefined;
    return { width, height, pixelWidth, pixelHeight, bpc, rgb, alpha };
  } catch {
    return undefined;
  }
}

/**
 * The PDF image of a PNG file drawn in `box` (once per isolate, content and box). `prepared`, the
 * build's {@link preparePngImage} output, is used when it was made from these very bytes for this box;
 * otherwise the PNG is decoded here. Rejects bytes that are not a PNG.
 */
export function pngImage(bytes: Uint8Array, box: DrawnBox, prepared?: Uint8Array): Promise<PdfImage> {
  const perBox = byBytes.get(bytes) ?? new Map<string, Promise<PdfImage>>();
  byBytes.set(bytes, perBox);
  const drawn = boxKey(box);
  let image = perBox.get(drawn);
  if (!image) {
    image = key(bytes).then((png) => {
      const k = `${png}@${drawn}`;
      let known = cache.get(k);
      if (!known) {
        const parts = prepared ? preparedParts(prepared, png, box) : undefined;
        known = parts ? Promise.resolve(imageOf(parts)) : decodeParts(bytes, box).then(imageOf);
        known.catch(() => cache.delete(k));
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(k, known);
      }
      return known;
    });
    image.catch(() => perBox.delete(drawn));
    // (An array changed in place would keep its old image: the brand sources never change theirs.)
    perBox.set(drawn, image);
  }
  return image;
}
