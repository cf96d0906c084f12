/**
 * The certificate PDF: rendering a stored certificate, and recognising an uploaded one.
 *
 * A PDF is what viewers render, not what one parser reads: incremental updates, duplicate object
 * numbers, object streams and catalog actions let a file show viewers one thing and a parser
 * another. So an uploaded PDF is never parsed. It is genuine only when its exact bytes are a PDF
 * this service handed out (recorded by SHA-256 when served) or, for PDFs served before that
 * register existed, equal to what the deterministic renderer produces for the certificate the file
 * names. Anything else, however it renders, is not a PDF WeGO issued.
 */
import {
  findPdfByHash,
  findPdfServingFacts,
  recordPdf,
  type PdfServingFacts,
} from "../adapters/storage/pdf-repository";
import { certificateLanguage } from "../adapters/storage/certificate-repository";
import { VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { shortCodeOf } from "./short-codes";
import { signedFacts } from "../domain/signed-facts";
import { koreanAchievement } from "../domain/catalogue-ko";
import type { AchievementRecord, Check, CheckCode, VerificationResult } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { describeCertificate } from "./issue-certificate";
import { signedCertificate, type SignedCertificate } from "./signed-certificates";
import { verifyCredential } from "./verify-credential";
import {
  isStored,
  keepPdf,
  keptPdf,
  renderingKey,
  sha256Hex,
  type PdfSource,
  type RenderedPdf,
} from "./pdf-bytes-cache";
import { brandImages, preparedBrand } from "./pdf-brand";

/**
 * Version of the renderer, recorded with each PDF hash (bump it when the output changes). 3: brand
 * images downscaled to 300 dpi at their drawn size.
 */
export const PDF_RENDERER = "wego-pdf-3";

let renders = 0;
/** PDFs rendered by this isolate (tests measure work with it, not time). */
export function pdfRenders(): number {
  return renders;
}

/**
 * The achievement as the credential signs it. The PDF prints only signed facts: the catalogue is
 * not consulted, so editing it never changes what an issued certificate's PDF claims.
 */
function signedAchievement(row: SignedCertificate): AchievementRecord {
  const credential = JSON.parse(row.credential) as Record<string, unknown>;
  const facts = signedFacts(credential);
  const subject = credential.credentialSubject as { achievement?: { criteria?: { narrative?: unknown } } };
  const narrative = subject.achievement?.criteria?.narrative;
  return {
    id: row.achievement_id,
    kind: facts.kind ?? "online",
    name: facts.achievementName,
    description: facts.description ?? "",
    criteria: typeof narrative === "string" ? narrative : "",
    city: facts.city ?? null,
    date: facts.date ?? null,
    themes: facts.themes,
    venue: facts.venue ?? null,
  };
}

/** The languages a certificate PDF can be printed in. */
export type PdfLanguage = "en" | "ko";

/**
 * The renderer (pdf-lib, fontkit, the QR encoder: most of the bundle's start-up CPU) is loaded on
 * first use, so isolates that only serve pages, lists and verification never evaluate it.
 */
const loadRenderer = () => import("../adapters/pdf/render-certificate");

/**
 * Renders the PDF of a stored certificate (deterministic: same certificate, language, stored short
 * code, fonts and brand files, same bytes). `language` defaults to the certificate's stored one;
 * `shortCode`, when the caller already read it, saves a query.
 */
export async function renderStoredCertificate(
  deps: AppDeps,
  row: SignedCertificate,
  language?: PdfLanguage,
  shortCode?: string,
): Promise<Uint8Array> {
  renders++;
  const achievement = signedAchievement(row);
  const [{ renderCertificatePdf }, code, printed, brand, prepared] = await Promise.all([
    loadRenderer(),
    shortCode ?? shortCodeOf(deps, row.id),
    language ?? certificateLanguage(deps.store, row.id),
    brandImages(deps),
    preparedBrand(deps),
  ]);
  return renderCertificatePdf(
    {
      certificateId: row.id,
      verificationUrl: describeCertificate(deps, row).qrUrl,
      recipientName: row.recipient_name,
      achievement: printed === "ko" ? koreanAchievement(achievement) : achievement,
      issuedAt: new Date(row.issued_at),
      validUntil: row.valid_until ?? undefined,
      credentialJson: row.credential,
      vcJwt: row.vc_jwt,
      shortCode: code,
      language: printed,
      brand,
      preparedBrand: prepared,
    },
    deps.fonts,
  );
}

/**
 * PDFs this isolate knows were served (SHA-256 hex → certificate id), recorded by it or read from the
 * register: serving one again costs no write, verifying one again no read. The service never changes
 * or deletes a register row (its key is the hash, and a second insert of a hash does nothing), so an
 * entry stays true; an operator's in-place D1 restore is followed by a redeploy, which starts new
 * isolates (RUNBOOK). Only PDFs found are kept, so unknown uploads never enter it.
 */
const servedPdfs = new WeakMap<AppDeps["store"], Map<string, string>>();
/** About 200 bytes each (a 64-character hash, a 22-character id, the Map's overhead): 2 MB at most. */
const MAX_SERVED_PDFS = 10_000;

/** This store's memory of served PDFs (per store: tests run several databases in one isolate). */
function servedIn(deps: AppDeps): Map<string, string> {
  let served = servedPdfs.get(deps.store);
  if (!served) servedPdfs.set(deps.store, (served = new Map()));
  return served;
}

/** Remembers a served PDF as the most recently used; the least recently used goes first when full. */
function rememberServed(served: Map<string, string>, hash: string, certificateId: string): void {
  served.delete(hash);
  if (served.size >= MAX_SERVED_PDFS) served.delete(served.keys().next().value!);
  served.set(hash, certificateId);
}

/** The current rendering's hash per certificate id: an upload naming one costs a render once per isolate. */
const renderedHash = new Map<string, string>();
const MAX_RENDERED_HASHES = 1000;

/**
 * A certificate's PDF for download: a kept rendering (services/pdf-bytes-cache.ts) or a new one,
 * whose hash is recorded first: a PDF that could not be recorded is not served (it could not be
 * recognised later), the caller gets 503 instead. `facts`, when the caller already read them, save
 * the language and short-code queries; whether the certificate may be served is the caller's check.
 * `keep: false` (print packs: many PDFs once) keeps nothing new: no evictions, no cache writes.
 */
export async function servePdf(
  deps: AppDeps,
  row: SignedCertificate,
  language?: PdfLanguage,
  facts?: Pick<PdfServingFacts, "language" | "code">,
  { keep = true }: { keep?: boolean } = {},
): Promise<{ bytes: Uint8Array; source: PdfSource; key: string }> {
  const printed = language ?? facts?.language ?? (await certificateLanguage(deps.store, row.id));
  const shortCode = facts?.code ?? (await shortCodeOf(deps, row.id));
  const key = pdfKey(row, printed, shortCode);
  const kept = await keptPdf(deps, key);
  if (kept) return { bytes: kept.bytes, source: kept.source, key };
  const pdf = await renderRecorded(deps, row, printed, shortCode);
  if (keep) await keepPdf(deps, key, pdf);
  return { bytes: pdf.bytes, source: "render", key };
}

/** The name of this renderer's rendering of `row` in `language` with `shortCode`. */
function pdfKey(row: SignedCertificate, language: PdfLanguage, shortCode: string): string {
  return renderingKey({ id: row.id, keyId: row.key_id, renderer: PDF_RENDERER, language, shortCode });
}

/** A new rendering whose hash is recorded in the register of served PDFs (a PDF is kept only after that). */
async function renderRecorded(
  deps: AppDeps,
  row: SignedCertificate,
  language: PdfLanguage,
  shortCode: string,
): Promise<RenderedPdf> {
  const bytes = await renderStoredCertificate(deps, row, language, shortCode);
  const sha256 = await sha256Hex(bytes);
  await recordServed(deps, row.id, sha256);
  return { bytes, sha256 };
}

/** What {@link prerenderPdf} did. */
export type PrerenderOutcome = "stored" | "already-stored" | "not-served";

/**
 * Renders a certificate's PDF in its own language into the PDF store ahead of its first download
 * (the render queue's consumer calls it after issue), so a download is a stored file, not a
 * render. The hash is recorded first, as for any served PDF. Certificates whose PDF is not served
 * (unknown, not a certificate, revoked, suspended) and PDFs already stored are left alone.
 */
export async function prerenderPdf(deps: AppDeps, certificateId: string): Promise<PrerenderOutcome> {
  if (!deps.pdfStore) return "not-served";
  const [row, facts] = await Promise.all([
    signedCertificate(deps, certificateId),
    findPdfServingFacts(deps.store, certificateId),
  ]);
  if (!row || !facts || row.achievement_id === VC_API_ACHIEVEMENT || facts.status !== "active") return "not-served";
  const shortCode = facts.code ?? (await shortCodeOf(deps, row.id));
  const key = pdfKey(row, facts.language, shortCode);
  if (await isStored(deps, key)) return "already-stored";
  await keepPdf(deps, key, await renderRecorded(deps, row, facts.language, shortCode), { local: false });
  return "stored";
}

/**
 * Records the hash of a PDF handed out for a certificate (once per isolate, hash and certificate).
 * Every PDF prints its certificate's id and credential, so a hash already recorded for another
 * certificate (the insert then does nothing) would take a SHA-256 collision.
 */
async function recordServed(deps: AppDeps, certificateId: string, hash: string): Promise<void> {
  const served = servedIn(deps);
  if (served.get(hash) === certificateId) return;
  await recordPdf(deps.store, {
    sha256: hash,
    certificate_id: certificateId,
    renderer: PDF_RENDERER,
    created_at: deps.clock().toISOString(),
  });
  rememberServed(served, hash, certificateId);
}

/** Result of verifying a PDF: the certificate's checks plus `pdf-content`. */
export type PdfVerificationResult = VerificationResult & {
  pdf: { issued: boolean; certificateId?: string };
};

/** "%PDF-" (ISO 32000-2 §7.5.2). */
function isPdf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}

/**
 * The certificate id our renderer writes in plain text in the document information dictionary
 * (`/Keywords (… Verifiable Credential <id>)`). Read from the raw bytes, never by parsing: it only
 * picks which single certificate to re-render and compare byte for byte.
 */
function namedCertificateId(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder("latin1").decode(bytes);
  return /\/Keywords \(WeGO certificate Open Badges 3\.0 Verifiable Credential ([A-Za-z0-9_-]{22})\)/.exec(text)?.[1];
}

function notIssued(code: CheckCode, message: string, status: Check["status"] = "failed"): PdfVerificationResult {
  const check: Check = { check: "pdf-content", status, code, message };
  return {
    verified: false,
    verdict: status === "failed" ? "invalid" : "could-not-check",
    checks: [check],
    errors: [check],
    pdf: { issued: false },
  };
}

/** Finds the certificate this exact PDF was issued for; undefined when it is not one of ours. */
async function issuedFor(deps: AppDeps, bytes: Uint8Array): Promise<SignedCertificate | undefined> {
  const hash = await sha256Hex(bytes);
  const served = servedIn(deps);
  const known = served.get(hash) ?? (await findPdfByHash(deps.store, hash));
  if (known) {
    // A hit moves it to the most recently used end.
    rememberServed(served, hash, known);
    return signedCertificate(deps, known);
  }
  const named = namedCertificateId(bytes);
  const row = named ? await signedCertificate(deps, named) : undefined;
  // A VC-API credential that is not a certificate has no PDF: nothing to render or compare.
  if (!row || row.achievement_id === VC_API_ACHIEVEMENT) return undefined;
  let current = renderedHash.get(row.id);
  if (current === undefined) {
    current = await sha256Hex(await renderStoredCertificate(deps, row));
    if (renderedHash.size >= MAX_RENDERED_HASHES) renderedHash.delete(renderedHash.keys().next().value!);
    renderedHash.set(row.id, current);
  }
  if (current !== hash) return undefined;
  // The bytes equal the current rendering: record them without rendering again.
  await recordServed(deps, row.id, hash);
  return row;
}

/**
 * Verifies an uploaded certificate PDF: recognised by its exact bytes, then the certificate it was
 * issued for is verified as stored (signature, validity, revocation). Never parses the upload, so
 * its cost is one SHA-256 over the capped body plus at most one render; never throws on bad input.
 */
export async function verifyPdf(deps: AppDeps, bytes: Uint8Array): Promise<PdfVerificationResult> {
  if (!isPdf(bytes)) return notIssued("ERR_PDF_NOT_PDF", "This file is not a PDF.");
  let row: SignedCertificate | undefined;
  try {
    row = await issuedFor(deps, bytes);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "ERR_UNAVAILABLE") throw e;
    return notIssued(
      "ERR_RECORD_UNAVAILABLE",
      "WeGO's register of issued certificates could not be read. Try again in a moment.",
      "could-not-check",
    );
  }
  if (!row)
    return notIssued(
      "ERR_PDF_NOT_ISSUED",
      "This file is not a PDF that WeGO issued, or it was changed after download. " +
        "Check the certificate with the QR code or the link printed on it instead.",
    );
  const result = await verifyCredential(deps, JSON.parse(row.credential));
  const check: Check = {
    check: "pdf-content",
    status: "passed",
    code: "OK",
    message: "This file is exactly the PDF WeGO issued for this certificate.",
  };
  const checks = [...result.checks, check];
  return { ...result, checks, pdf: { issued: true, certificateId: row.id } };
}
