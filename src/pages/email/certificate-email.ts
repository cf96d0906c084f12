/**
 * The messages sent to participants: an HTML part built for mail clients (layout tables, inline
 * styles, no scripts, no images) and a plain-text alternative with the same content. Every value is
 * escaped for the part it goes into; names are also stripped of control and bidi-override
 * characters and isolated, so no name can reorder or restyle the text around it.
 */
import { html, type Raw } from "../html";
import { fill, formatDate } from "../i18n";
import { linkedInAddToProfileUrl } from "../linkedin";
import type { CertificateEmailKind, CertificateMailItem, EmailLang, RenderedEmail } from "../../domain/email";
import { emailMessages, type EmailMessages } from "./messages";

/** Longest name shown; longer ones (never issued: names are at most 200 characters) are cut. */
const MAX_NAME = 200;

/**
 * A name made safe to show: no C0/C1 controls, line or paragraph separators, bidi embeddings,
 * overrides or isolates (Unicode UAX #9 §2), at most {@link MAX_NAME} code points.
 */
export function safeName(name: string): string {
  const clean = name.replace(/[\p{Cc}\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/gu, "").trim();
  const chars = [...clean];
  return chars.length > MAX_NAME ? chars.slice(0, MAX_NAME).join("") + "…" : clean;
}

/** First Strong Isolate … Pop Directional Isolate: the name's direction stays inside it (UAX #9 §2.7). */
export const isolate = (s: string) => `\u2068${s}\u2069`;

/** Inline styles of the messages (mail clients drop style sheets). */
export const STYLE = {
  body: "margin:0;padding:0;background:#f4f6f8;",
  card: "max-width:600px;width:100%;background:#ffffff;border-collapse:collapse;",
  cell: "padding:24px 28px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1b2733;",
  head: "padding:20px 28px;background:#0b4f6c;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:18px;font-weight:bold;",
  button:
    "display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;background:#0b4f6c;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;",
  button2:
    "display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;background:#e8eef2;color:#0b4f6c;text-decoration:none;border-radius:4px;font-weight:bold;",
  muted: "color:#5b6875;font-size:13px;",
  note: "padding:10px 12px;background:#fff4e5;border-left:4px solid #b36200;",
} as const;

/** The message frame: a centred card with the WeGO header and a footer line. */
export function shell(lang: EmailLang, title: string, content: Raw, footer: string): string {
  return (
    "<!DOCTYPE html>\n" +
    html`<html lang="${lang}">
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
      </head>
      <body style="${STYLE.body}">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="${STYLE.body}">
          <tr>
            <td align="center" style="padding:16px;">
              <table role="presentation" cellpadding="0" cellspacing="0" style="${STYLE.card}">
                <tr>
                  <td style="${STYLE.head}">WeGO</td>
                </tr>
                <tr>
                  <td style="${STYLE.cell}">${content}</td>
                </tr>
                <tr>
                  <td style="${STYLE.cell}"><p style="${STYLE.muted}">${footer}</p></td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`.value
  );
}

function signedLine(t: EmailMessages, lang: EmailLang, item: CertificateMailItem): string {
  return fill(t.signedBy, {
    issuer: item.issuerName,
    official: item.official ?? item.issuerName,
    date: formatDate(lang, item.issuedAt),
  });
}

function linkedIn(item: CertificateMailItem): string {
  return linkedInAddToProfileUrl({
    name: item.achievementName,
    organizationName: item.issuerName,
    issued: new Date(item.issuedAt),
    expires: item.validUntil ? new Date(item.validUntil) : undefined,
    certUrl: item.url,
    certId: item.id,
  });
}

function itemHtml(t: EmailMessages, lang: EmailLang, item: CertificateMailItem): Raw {
  return html`<p><strong>${item.achievementName}</strong><br />${signedLine(t, lang, item)}</p>
    <p>
      <a href="${item.url}" style="${STYLE.button}">${t.viewCertificate}</a>
      <a href="${item.pdfUrl}" style="${STYLE.button2}">${t.downloadPdf}</a>
      <a href="${linkedIn(item)}" style="${STYLE.button2}">${t.addToLinkedIn}</a>
    </p>
    <p style="${STYLE.muted}">${item.url}</p>`;
}

function itemText(t: EmailMessages, lang: EmailLang, item: CertificateMailItem): string {
  return [
    item.achievementName,
    signedLine(t, lang, item),
    `${t.viewCertificate}: ${item.url}`,
    `${t.downloadPdf}: ${item.pdfUrl}`,
    `${t.addToLinkedIn}: ${linkedIn(item)}`,
  ].join("\n");
}

/** The message for one certificate: newly issued, reissued (with the replacement note) or resent. */
/**
 * The greeting with the participant's name isolated (Unicode UAX #9: a right-to-left name cannot
 * reorder the words around it): `<bdi>` in HTML, FSI…PDI in text.
 */
export function greeting(t: EmailMessages, name: string): { html: Raw; text: string } {
  const [before, after] = t.greeting.split("{name}") as [string, string];
  return {
    html: html`<p>
      ${before}<bdi dir="auto"><strong>${name}</strong></bdi
      >${after}
    </p>`,
    text: before + isolate(name) + after,
  };
}

export function renderCertificateEmail(
  kind: CertificateEmailKind,
  lang: EmailLang,
  baseUrl: string,
  item: CertificateMailItem,
): RenderedEmail {
  const t = emailMessages(lang);
  const name = safeName(item.name);
  const achievement = { achievement: item.achievementName };
  const subject = fill(kind === "reissued" ? t.reissuedSubject : t.issuedSubject, achievement);
  const intro = fill(kind === "reissued" ? t.reissuedIntro : t.issuedIntro, achievement);
  const verify = fill(t.howToVerify, { verifyUrl: `${baseUrl}/verify` });
  const find = fill(t.findAgain, { findUrl: `${baseUrl}/find` });
  const greet = greeting(t, name);
  const content = html`${greet.html}
    <p>${intro}</p>
    ${kind === "reissued" ? html`<p style="${STYLE.note}">${t.reissuedNote}</p>` : ""} ${itemHtml(t, lang, item)}
    <p>${verify}</p>
    <p style="${STYLE.muted}">${find}</p>`;
  const text = [
    greet.text,
    "",
    intro,
    ...(kind === "reissued" ? ["", t.reissuedNote] : []),
    "",
    itemText(t, lang, item),
    "",
    verify,
    find,
    "",
    "-- ",
    t.footer,
  ].join("\n");
  return { subject, text, html: shell(lang, subject, content, t.footer) };
}

/** The "find my certificates" answer: every certificate of the address, one block each. */
export function renderLookupEmail(lang: EmailLang, baseUrl: string, items: CertificateMailItem[]): RenderedEmail {
  const t = emailMessages(lang);
  const findUrl = `${baseUrl}/find`;
  const footer = fill(t.lookupFooter, { findUrl });
  const verify = fill(t.howToVerify, { verifyUrl: `${baseUrl}/verify` });
  const content = html`<p>${t.lookupIntro}</p>
    ${items.map(
      (item) =>
        html`<p>
            <bdi dir="auto"><strong>${safeName(item.name)}</strong></bdi>
          </p>
          ${itemHtml(t, lang, item)}
          <hr style="border:0;border-top:1px solid #d5dde3;" />`,
    )}
    <p>${verify}</p>`;
  const text = [
    t.lookupIntro,
    "",
    ...items.flatMap((item) => [isolate(safeName(item.name)), itemText(t, lang, item), ""]),
    verify,
    "",
    "-- ",
    footer,
  ].join("\n");
  return { subject: t.lookupSubject, text, html: shell(lang, t.lookupSubject, content, footer) };
}
