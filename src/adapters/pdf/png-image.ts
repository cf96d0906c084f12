/**
 * PNG images (the deployment's brand files) as PDF image XObjects: colour samples and the alpha channel
 * as a soft mask (ISO 32000-2 §8.9.5, §11.6.5.3), decoded once per isolate with pdf-lib's PNG reader
 * and re-compressed with the writer's deterministic deflate, so the same file gives the same bytes.
 */
import { PngEmbedder } from "pdf-lib";
import { deflate, type PdfWriter } from "./pdf-writer";

/** A decoded image, ready to be written into any number of documents. */
export interface PdfImage {
  width: number;
  height: number;
  /** Writes the image (and its soft mask) into a document; returns the image object's number. */
  write(w: PdfWriter): number;
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

/** FNV-1a over the bytes and their length: a cache key, not a security boundary (the files are ours). */
function key(bytes: Uint8Array): string {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619) >>> 0;
  return `${bytes.length}:${h}`;
}

async function decode(bytes: Uint8Array): Promise<PdfImage> {
  const embedder = await PngEmbedder.for(bytes);
  const png = (embedder as unknown as { image: DecodedPng }).image;
  const { width, height, bitsPerComponent: bpc } = png;
  const rgb = deflate(png.rgbChannel);
  const alpha = png.alphaChannel ? deflate(png.alphaChannel) : undefined;
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

/** The PDF image of a PNG file (decoded once per isolate and content). Rejects bytes that are not a PNG. */
export function pngImage(bytes: Uint8Array): Promise<PdfImage> {
  const k = key(bytes);
  let image = cache.get(k);
  if (!image) {
    image = decode(bytes);
    image.catch(() => cache.delete(k));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(k, image);
  }
  return image;
}
