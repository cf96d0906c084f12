/** The certificate page's geometry (points, PDF coordinates: y up from the bottom). */

/** A4 landscape, in points. */
export const PAGE_SIZE: [number, number] = [841.89, 595.28];
const [W] = PAGE_SIZE;
/** The page's vertical centre line. */
export const CX = W / 2;
/** Printed size of the QR symbol, quiet zone excluded: 80 pt = 28.2 mm. */
export const QR_SYMBOL_SIZE = 80;
/** The box the participant's name is centred in (points, PDF coordinates: y up from the bottom). */
export const NAME_BOX = { cx: CX, width: 640, bottom: 306, height: 62 };
/** The baseline the three bottom blocks (signature, emblem, QR) end on. */
export const BOTTOM_BASELINE = 76;
/** Right edge of the content (the frame's inner rule is at 46 pt). */
export const RIGHT = W - 70;
/** The signature block: centre and width. */
export const SIGNATURE = { cx: 196, width: 220 };
/** The emblem (or drawn seal) size. */
export const EMBLEM = { size: 92 };
/** The logo's box. */
export const LOGO = { width: 230, height: 52, top: 536 };
/** The signature image's height (its width is the signature block's). */
export const SIGNATURE_IMAGE_HEIGHT = 54;
/**
 * The box (points) each brand image is drawn contained in: the build prepares each image at 300 dpi
 * of it (scripts/copy-brand.mjs), the renderer draws it there.
 */
export const BRAND_BOXES = {
  logo: { w: LOGO.width, h: LOGO.height },
  signature: { w: SIGNATURE.width, h: SIGNATURE_IMAGE_HEIGHT },
  emblem: { w: EMBLEM.size, h: EMBLEM.size },
} as const;
