/** Shapes shared by the certificate PDF adapter. */
import type { AchievementRecord } from "../../domain/types";

/** Everything printed on, or attached to, one certificate PDF. */
export interface CertificatePdfInput {
  /** Certificate id, e.g. 22-char base64url; printed and used in the metadata. */
  certificateId: string;
  /** QR content, `https://<base>/c/<id>#<offline token>`; printed as text without the fragment. */
  verificationUrl: string;
  /** The participant's name, as issued (normalized before drawing). */
  recipientName: string;
  /** The catalogue entry: online phase, or workshop city, date (YYYY-MM-DD), themes and venue. */
  achievement: AchievementRecord;
  /** Issue instant: printed (UTC date) and used as the PDF CreationDate and ModDate. */
  issuedAt: Date;
  /** Optional expiry, an ISO 8601 date or date-time; printed as a date. */
  validUntil?: string;
  /** The signed credential, attached as `credential.json`. */
  credentialJson: string;
  /** The VC-JWT, attached as `credential.jwt`. */
  vcJwt: string;
  /** The short human verification code printed under the QR code (e.g. `WEGO-7KQ4-M2XD`). */
  shortCode?: string;
  /** The certificate's language for the fixed texts: "en" (default) or "ko". */
  language?: "en" | "ko";
  /** The deployment's brand images (PNG): logo at the top, emblem in the middle, signature facsimile. */
  brand?: { logo?: Uint8Array; emblem?: Uint8Array; signature?: Uint8Array };
  /**
   * The build's prepared form of each brand PNG (png-image.ts `preparePngImage`): embedded as is
   * when it was made from the same PNG, which saves decoding and re-compressing it at run time.
   */
  preparedBrand?: { logo?: Uint8Array; emblem?: Uint8Array; signature?: Uint8Array };
}

/** The font files the adapter can use (all Noto, SIL Open Font License); see font-files.json. */
export type FontName =
  | "NotoSerif-Bold"
  | "NotoSans-Regular"
  | "NotoSans-Bold"
  | "NotoSansKR-Regular"
  | "NotoSansKR-Bold"
  | "NotoSansSC-Bold"
  | "NotoSansTC-Bold"
  | "NotoSansJP-Bold"
  | "NotoSansArabic-Regular"
  | "NotoSansArabic-Bold"
  | "NotoSansHebrew-Regular"
  | "NotoSansHebrew-Bold"
  | "NotoSansDevanagari-Bold"
  | "NotoSansBengali-Bold"
  | "NotoSansTamil-Bold"
  | "NotoSansSinhala-Bold"
  | "NotoSansThai-Bold"
  | "NotoSansLao-Bold"
  | "NotoSansKhmer-Bold"
  | "NotoSansMyanmar-Bold"
  | "NotoSansGeorgian-Bold"
  | "NotoSansArmenian-Bold"
  | "NotoSansEthiopic-Bold"
  | "NotoSansGujarati-Bold"
  | "NotoSansGurmukhi-Bold"
  | "NotoSansKannada-Bold"
  | "NotoSansTelugu-Bold"
  | "NotoSansMalayalam-Bold"
  | "NotoSansOriya-Bold";

/**
 * Where font files come from: node_modules in Node (tests, bench), Workers static assets in
 * the Worker. `load` must return the same bytes every time for a given name; results are cached
 * by the adapter, so `load` is called at most once per name per isolate (unless it fails).
 */
export interface FontSource {
  load(name: FontName): Promise<Uint8Array>;
  /** The compiled HarfBuzz shaper (`harfbuzzjs/dist/harfbuzz.wasm`); called at most once per isolate. */
  shaper(): Promise<WebAssembly.Module>;
  /**
   * The font's data prepared at build time (prepared-font.ts), or undefined where there are none
   * (then everything is derived from the font file, with the same result).
   */
  prepared?(name: FontName): Promise<Uint8Array | undefined>;
}

/** Text direction of a name as drawn. */
export type TextDirection = "ltr" | "rtl";

/** Why a name cannot be drawn; stable codes for API error details. */
export type NameProblemCode =
  | "empty"
  | "too-long"
  | "only-combining-marks"
  | "leading-combining-mark"
  | "unsupported-characters"
  | "mixed-direction";

/** Result of {@link checkRenderableName}: never thrown, always returned. */
export type NameCheck =
  | {
      ok: true;
      name: string;
      /** The font of the first run (the only one for most names). */
      font: FontName;
      /** The name split into runs of one font each, in logical order. */
      runs: { text: string; font: FontName }[];
      direction: TextDirection;
    }
  | { ok: false; code: NameProblemCode; reason: string; field: "recipient.name" };

/** Error thrown by {@link renderCertificatePdf} when the name cannot be drawn (the API should have checked first). */
export class UnrenderableNameError extends Error {
  override readonly name = "UnrenderableNameError";
  constructor(
    readonly code: NameProblemCode,
    readonly reason: string,
  ) {
    super(`recipient.name: ${reason}`);
  }
}
