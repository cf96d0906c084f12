/**
 * Checks one brand image file before it is served or embedded: PNG signature and IHDR size
 * (PNG spec, ISO/IEC 15948 §5.2, §11.2.2), and for SVG a document that cannot run script or load
 * anything (the pages show it with <img>, but the file is also reachable at its own URL).
 */
import { fail, ok, type Failure, type Result } from "./result";

/** Largest accepted file: brand images are small; this bounds memory in the Worker. */
export const MAX_BRAND_FILE_BYTES = 2 * 1024 * 1024;
/** Largest accepted PNG edge in pixels. */
export const MAX_BRAND_EDGE = 6000;

/** Why a brand file is refused; the message completes "<file> …" (e.g. "logo.png is empty"). */
export type BrandImageProblem = Failure<
  | "ERR_BRAND_EMPTY"
  | "ERR_BRAND_TOO_LARGE"
  | "ERR_BRAND_NOT_PNG"
  | "ERR_BRAND_PNG_SIZE"
  | "ERR_BRAND_NOT_SVG"
  | "ERR_BRAND_SVG_UNSAFE"
>;

/** Outcome of {@link inspectBrandImage}: the image's size, or why not (never thrown). */
export type BrandImageCheck = Result<{ width: number; height: number }, BrandImageProblem>;

const refuse = (code: BrandImageProblem["code"], message: string) => fail<BrandImageProblem>({ code, message });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Pixel size from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // IHDR must be the first chunk: length 13, type "IHDR".
  if (view.getUint32(8) !== 13 || String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

// Anything that runs code or fetches a resource inside an SVG document.
const SVG_FORBIDDEN: [RegExp, string][] = [
  [/<script\b/i, "contains <script>"],
  [/<foreignObject\b/i, "contains <foreignObject>"],
  [/\son[a-z]+\s*=/i, "has an event-handler attribute"],
  [/(?:href|src)\s*=\s*["']\s*(?!#)[^"']*["']/i, "references an external resource (only #fragment links allowed)"],
  [/url\(\s*["']?\s*(?!#)/i, "references an external resource in url()"],
  [/<!ENTITY/i, "declares XML entities"],
  [/@import\b/i, "imports a stylesheet"],
];

/** Checks a brand file's bytes for its format. */
export function inspectBrandImage(format: "png" | "svg", bytes: Uint8Array): BrandImageCheck {
  if (bytes.length === 0) return refuse("ERR_BRAND_EMPTY", "is empty");
  if (bytes.length > MAX_BRAND_FILE_BYTES)
    return refuse("ERR_BRAND_TOO_LARGE", `is ${bytes.length} bytes, over the ${MAX_BRAND_FILE_BYTES}-byte limit`);
  if (format === "png") {
    const size = pngSize(bytes);
    if (!size) return refuse("ERR_BRAND_NOT_PNG", "is not a PNG file");
    if (size.width < 1 || size.height < 1 || size.width > MAX_BRAND_EDGE || size.height > MAX_BRAND_EDGE)
      return refuse("ERR_BRAND_PNG_SIZE", `is ${size.width}×${size.height} px; each side must be 1–${MAX_BRAND_EDGE}`);
    return ok(size);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse("ERR_BRAND_NOT_SVG", "is not UTF-8 text");
  }
  if (!/<svg[\s>]/i.test(text)) return refuse("ERR_BRAND_NOT_SVG", "is not an SVG document");
  for (const [re, reason] of SVG_FORBIDDEN) if (re.test(text)) return refuse("ERR_BRAND_SVG_UNSAFE", reason);
  const box = /viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(text);
  if (!box) return refuse("ERR_BRAND_NOT_SVG", "has no viewBox (pages scale it)");
  return ok({ width: Number(box[1]), height: Number(box[2]) });
}
