/**
 * PNG images (the deployment's brand files) as PDF image XObjects: colour samples and the alpha channel
 * as a soft mask (ISO 32000-2 §8.9.5, §11.6.5.3), decoded with pdf-lib's PNG reader and re-compressed
 * with the writer's deterministic deflate, so the same file gives the same bytes.
 *
 * Decoding and re-compressing a PNG is the most expensive step of a new isolate's first PDF (pure
 * JavaScript inflate and deflate of every pixel, about two thirds of that render's CPU), so the
 * build does it once (scripts/copy-brand.mjs → {@link preparePngImage}) and the Worker embeds the
 * prepared streams as they are ({@link pngImage}'s `prepared`): the same bytes as decoding at run time.
 */
import { deflate, type PdfWriter } from "./pdf-writer";

/** A decoded image, ready to be written into any number of documents. */
export interface PdfImage {
  width: number;
  height: number;
  /** Writes the image (and its soft mask) into a document; returns the image object's number. */
  write(w: PdfWriter): number;
}

/** The compressed streams of one image: what {@link PdfImage.write} writes. */
interface ImageParts {
  width: number;
  height: number;
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
const MAX_CACHED = 16;
const PREPARED_VERSION = 1;

/** FNV-1a over the bytes and their length: a cache key, not a security boundary (the files are ours). */
function key(bytes: Uint8Array): string {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619) >>> 0;
  return `${bytes.length}:${h}`;
}

async function decodeParts(bytes: Uint8Array): Promise<ImageParts> {
  // pdf-lib is loaded only here: a Worker embedding the build's prepared images never loads it.
  const { PngEmbedder } = await import("pdf-lib");
  const embedder = await PngEmbedder.for(bytes);
  const png = (embedder as unknown as { image: DecodedPng }).image;
  return {
    width: png.width,
    height: png.height,
    bpc: png.bitsPerComponent,
    rgb: deflate(png.rgbChannel),
    alpha: png.alphaChannel ? deflate(png.alphaChannel) : undefined,
  };
}

function imageOf({ width, height, bpc, rgb, alpha }: ImageParts): PdfImage {
  const dims = `/Width ${width} /Height ${height} /BitsPerComponent ${bpc}`;
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

/**
 * The prepared form of a PNG (build time): a JSON header naming the PNG it came from, then the
 * compressed colour and alpha streams.
 */
export async function preparePngImage(png: Uint8Array): Promise<Uint8Array> {
  const parts = await decodeParts(png);
  const head = new TextEncoder().encode(
    JSON.stringify({
      v: PREPARED_VERSION,
      png: key(png),
      width: parts.width,
      height: parts.height,
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

/** The parts of a prepared image when it was prepared from exactly `png` (else undefined: decode). */
function preparedParts(prepared: Uint8Array, png: string): ImageParts | undefined {
  try {
    const n = new DataView(prepared.buffer, prepared.byteOffset, prepared.byteLength).getUint32(0);
    const h = JSON.parse(new TextDecoder().decode(prepared.subarray(4, 4 + n))) as Record<string, unknown>;
    if (h.v !== PREPARED_VERSION || h.png !== png) return undefined;
    const [rgbLength, alphaLength] = [Number(h.rgb), Number(h.alpha)];
    if (4 + n + rgbLength + alphaLength !== prepared.length) return undefined;
    const rgb = prepared.slice(4 + n, 4 + n + rgbLength);
    const alpha = alphaLength > 0 ? prepared.slice(4 + n + rgbLength) : undefined;
    return { width: Number(h.width), height: Number(h.height), bpc: Number(h.bpc), rgb, alpha };
  } catch {
    return undefined;
  }
}

/**
 * The PDF image of a PNG file (once per isolate and content). `prepared`, the build's
 * {@link preparePngImage} output, is used when it was made from these very bytes; otherwise the PNG
 * is decoded here. Rejects bytes that are not a PNG.
 */
export function pngImage(bytes: Uint8Array, prepared?: Uint8Array): Promise<PdfImage> {
  const k = key(bytes);
  let image = cache.get(k);
  if (!image) {
    const parts = prepared ? preparedParts(prepared, k) : undefined;
    image = parts ? Promise.resolve(imageOf(parts)) : decodeParts(bytes).then(imageOf);
    image.catch(() => cache.delete(k));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(k, image);
  }
  return image;
}
