/** What a message to a participant is made of (rendered by src/pages/email, sent by the services). */

/** Message languages. */
export type EmailLang = "en" | "ko";

/** Why a certificate message is sent. */
export type CertificateEmailKind = "issued" | "reissued" | "resend";

/** One certificate as a message presents it (facts from the signed credential). */
export interface CertificateMailItem {
  name: string;
  achievementName: string;
  issuerName: string;
  official?: string;
  issuedAt: string;
  validUntil?: string;
  /** Certificate id (LinkedIn's certId). */
  id: string;
  url: string;
  pdfUrl: string;
  /** The public reason code of a revoked certificate (src/domain/status-reasons.ts). */
  statusReason?: string;
}

/** A rendered message: subject, plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Renders messages (implemented in src/pages/email, handed to services by the Worker entry). */
export interface EmailTemplates {
  certificate(kind: CertificateEmailKind, lang: EmailLang, baseUrl: string, item: CertificateMailItem): RenderedEmail;
  lookup(lang: EmailLang, baseUrl: string, items: CertificateMailItem[]): RenderedEmail;
  /** The notice staff may ask for when they revoke a certificate, with its public reason. */
  revoked(lang: EmailLang, baseUrl: string, item: CertificateMailItem): RenderedEmail;
}
