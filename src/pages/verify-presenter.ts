/**
 * What the `/verify` form was given, and what its page shows about it. Pure apart from reading the
 * uploaded file; used by the route in routes/pages.ts.
 */
import type { VerificationResult } from "../domain/types";
import { pageVerdict, statusDetailOf } from "./certificate-presenter";
import type { VerifyOutcome } from "./verify-page";

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const CERT_LINK = /^(?:https?:\/\/[^/\s]+)?\/c\/([A-Za-z0-9_-]{22})(?:[?#]\S*)?$/;

/** What the form holds: a credential (object or VC-JWT), a PDF, a link to one of ours, or nothing usable. */
export type VerifyInput =
  | { kind: "credential"; value: unknown }
  | { kind: "pdf"; bytes: Uint8Array }
  | { kind: "link"; id: string }
  | { kind: "too-large" }
  | { kind: "empty" }
  | { kind: "unreadable" };

function rec(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** A pasted text or a text file: a VC-JWT, a credential JSON (bare or as a VC-API verify body). */
function parseCredentialText(text: string): VerifyInput {
  const s = text.trim();
  if (JWT.test(s)) return { kind: "credential", value: s };
  if (s.startsWith("{")) {
    try {
      const v = JSON.parse(s) as unknown;
      return { kind: "credential", value: rec(v).verifiableCredential ?? v };
    } catch {
      return { kind: "unreadable" };
    }
  }
  return { kind: "unreadable" };
}

/** Reads the form fields `file` and `text` (the file wins). */
export async function readVerifyForm(form: Record<string, unknown>, maxBytes: number): Promise<VerifyInput> {
  const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
  const text = typeof form.text === "string" ? form.text.trim() : "";
  if (file) {
    if (file.size > maxBytes) return { kind: "too-large" };
    const bytes = new Uint8Array(await file.arrayBuffer());
    // "%PDF-" (ISO 32000-2 §7.5.2): PDFs go to the API's PDF path unchanged.
    if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return { kind: "pdf", bytes };
    try {
      return parseCredentialText(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
    } catch {
      return { kind: "unreadable" };
    }
  }
  const link = CERT_LINK.exec(text);
  if (link) return { kind: "link", id: link[1]! };
  return text ? parseCredentialText(text) : { kind: "empty" };
}

/**
 * The page's account of a verification. Facts are shown only from a credential whose signature
 * checked out (and, for a PDF, whose pages match it); an invalid input that does not even name
 * WeGO as its issuer is "not a WeGO certificate".
 */
export function verifyOutcome(result: VerificationResult, baseUrl: string, issuerDid: string): VerifyOutcome {
  const credential = result.credential ?? {};
  const subject = rec(credential.credentialSubject);
  const id = str(credential.id);
  const ours = id?.startsWith(`${baseUrl}/c/`) ? id.slice(baseUrl.length) : undefined;
  const passed = (name: string) => result.checks.find((ch) => ch.check === name)?.status === "passed";
  const showFacts =
    passed("signature") && result.checks.every((ch) => ch.check !== "pdf-content" || ch.status === "passed");
  const issuer = credential.issuer;
  const issuerId = typeof issuer === "string" ? issuer : str(rec(issuer).id);
  // Invalid and not even claiming to be WeGO's, or a PDF whose bytes WeGO never issued: say so plainly.
  const notWego = result.verdict === "invalid" && issuerId !== issuerDid;
  const status = statusDetailOf(result);
  return {
    kind: "result",
    verdict: notWego ? "not-wego" : pageVerdict(result, status),
    checks: result.checks,
    participant: showFacts ? str(subject.name) : undefined,
    achievement: showFacts ? str(rec(subject.achievement).name) : undefined,
    status,
    certificatePath: ours,
  };
}
