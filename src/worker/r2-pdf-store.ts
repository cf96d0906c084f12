/** The R2 bucket of rendered certificate PDFs. */
import type { PdfStore } from "../services/context";

/** Custom metadata carrying the SHA-256 recorded when the object was stored. */
const HASH = "sha256";

/** The R2 bucket as a {@link PdfStore}; objects carry their SHA-256, checked again by the reader. */
export function r2PdfStore(bucket: R2Bucket): PdfStore {
  return {
    get: async (key) => {
      const obj = await bucket.get(key);
      const sha256 = obj?.customMetadata?.[HASH];
      if (!obj || !sha256) return undefined;
      return { bytes: new Uint8Array(await obj.arrayBuffer()), sha256 };
    },
    put: async (key, pdf) => {
      await bucket.put(key, pdf.bytes, {
        httpMetadata: { contentType: "application/pdf" },
        customMetadata: { [HASH]: pdf.sha256 },
        // R2 checks the upload against this digest (a truncated write is refused, not stored).
        sha256: pdf.sha256,
      });
    },
  };
}
