/** Every message renderer, as the Worker entry hands them to the services (domain/email.ts). */
import type { EmailTemplates } from "../../domain/email";
import { renderCertificateEmail, renderLookupEmail } from "./certificate-email";
import { renderRevokedEmail } from "./revoked-email";

/** The renderers of certificate, lookup and revocation messages. */
export const emailTemplates: EmailTemplates = {
  certificate: renderCertificateEmail,
  lookup: renderLookupEmail,
  revoked: renderRevokedEmail,
};
