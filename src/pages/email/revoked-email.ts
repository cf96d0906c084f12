/**
 * The revocation notice: sent only when staff ask for it on revoking (issue 12). It states the
 * public reason in the same words employers see on the certificate page (src/pages/i18n), never
 * the staff's internal note, and links to the certificate page, which now shows it revoked.
 */
import { isPublicReason, type PublicReason } from "../../domain/status-reasons";
import type { CertificateMailItem, EmailLang, RenderedEmail } from "../../domain/email";
import { html } from "../html";
import { fill, formatDate, messages } from "../i18n";
import { greeting, safeName, shell, STYLE } from "./certificate-email";
import { emailMessages } from "./messages";

/** A public reason in the participant's language, as the public pages word it. */
export function publicReasonText(lang: EmailLang, reason: PublicReason): string {
  const m = messages(lang);
  const words = {
    "issued-in-error": m.reasonIssuedInError,
    replaced: m.reasonReplaced,
    withdrawn: m.reasonWithdrawn,
    "under-review": m.reasonUnderReview,
  } satisfies Record<PublicReason, string>;
  return words[reason];
}

/** The notice that a certificate was revoked, with its public reason (when it has one). */
export function renderRevokedEmail(lang: EmailLang, baseUrl: string, item: CertificateMailItem): RenderedEmail {
  const t = emailMessages(lang);
  const name = safeName(item.name);
  const subject = fill(t.revokedSubject, { achievement: item.achievementName });
  const intro = fill(t.revokedIntro, { achievement: item.achievementName, date: formatDate(lang, item.issuedAt) });
  const reason = isPublicReason(item.statusReason)
    ? fill(t.revokedReason, { reason: publicReasonText(lang, item.statusReason) })
    : "";
  const find = fill(t.findAgain, { findUrl: `${baseUrl}/find` });
  const greet = greeting(t, name);
  const content = html`${greet.html}
    <p>${intro}</p>
    ${reason ? html`<p style="${STYLE.note}" id="reason">${reason}</p>` : ""}
    <p>${t.revokedWhat}</p>
    <p><a href="${item.url}" style="${STYLE.button}">${t.revokedLink}</a></p>
    <p style="${STYLE.muted}">${item.url}</p>
    <p>${t.revokedContact}</p>
    <p style="${STYLE.muted}">${find}</p>`;
  const text = [
    greet.text,
    "",
    intro,
    ...(reason ? [reason] : []),
    "",
    t.revokedWhat,
    "",
    `${t.revokedLink}: ${item.url}`,
    "",
    t.revokedContact,
    find,
    "",
    "-- ",
    t.footer,
  ].join("\n");
  return { subject, text, html: shell(lang, subject, content, t.footer) };
}
