/** The certificate page an employer sees after scanning the QR code. */
import type { Check } from "../domain/types";
import { LIVE_END, LIVE_START, SAVED_BANNER_ID } from "../browser/saved-copies";
import { html, jsonScriptText, raw, type Raw } from "./html";
import { fill, formatDate, type Lang, type MessageKey, type Messages } from "./i18n";
import { layout } from "./layout";
import { linkedInAddToProfileUrl } from "./linkedin";
import type { ShownField, SignedFacts } from "../domain/signed-facts";
import { checksList, verdictBanner, verdictTitle, type PageVerdict, type StatusDetail } from "./verdict";

/** The certificate page's view model: only what the credential signs, plus the live verdict. */
export interface CertificateView {
  id: string;
  /** Public certificate URL (credential `id`). */
  url: string;
  verdict: PageVerdict;
  status?: StatusDetail;
  checks: readonly Check[];
  /** Everything shown about the certificate, read from the signed credential only. */
  facts: SignedFacts;
  /** WeGO's DID, which the browser re-check pins the issuer to. */
  issuerDid: string;
  /** When the server rendered this verdict (ISO 8601): a saved copy is dated by it. */
  checkedAt: string;
}

/** Strings the browser script needs (it has no catalogue of its own). */
export const BROWSER_KEYS = [
  "browserCheckPending",
  "browserCheckOk",
  "browserCheckFailed",
  "browserCheckUnavailable",
  "browserMismatchTitle",
  "browserMismatchDetail",
  "offlineSignedTitle",
  "offlineCheckedAll",
  "offlineCheckedToken",
  "offlineNotChecked",
  "offlineStatusUnknown",
  "offlineFailed",
  "offlineFailedDetail",
  "offlineNoToken",
  "offlineBadFragment",
  "offlineNoKeys",
  "offlineExpiredTitle",
  "offlineNotYetValidTitle",
  "offlineValidityDetail",
  "savedTitle",
  "savedDetail",
  "savedExpiredTitle",
  "savedExpiredDetail",
  "savedVerdictDetail",
  "savedRetention",
  "verdictRevoked",
  "verdictSuspended",
  "verdictInvalid",
  "verdictExpired",
  "linkCopied",
] as const satisfies readonly MessageKey[];

function browserMessages(t: Messages): Record<string, string> {
  return Object.fromEntries(BROWSER_KEYS.map((k) => [k, t[k]]));
}

function field(name: ShownField, text: string, value?: string): Raw {
  return value === undefined
    ? html`<dd data-field="${name}">${text}</dd>`
    : html`<dd data-field="${name}" data-value="${value}">${text}</dd>`;
}

function details(t: Messages, lang: Lang, v: CertificateView) {
  const f = v.facts;
  return html`<h2 id="achievement-title">${t.achievement}</h2>
    <dl aria-labelledby="achievement-title">
      <dt>${t.programme}</dt>
      ${field("achievement-name", f.achievementName)}
      ${
        f.city
          ? html`<dt>${t.workshopCity}</dt>
              ${field("city", f.city)}`
          : ""
      }
      ${
        f.date
          ? html`<dt>${t.activityDate}</dt>
              ${field("date", formatDate(lang, f.date), f.date)}`
          : ""
      }
      ${
        f.themes.length
          ? html`<dt>${t.themes}</dt>
              ${field("themes", f.themes.join(", "))}`
          : ""
      }
      ${
        f.venue
          ? html`<dt>${t.venue}</dt>
              ${field("venue", f.venue)}`
          : ""
      }
      ${
        f.description
          ? html`<dt>${t.description}</dt>
              ${field("description", f.description)}`
          : ""
      }
    </dl>
    <h2 id="issuer-title">${t.issuer}</h2>
    <dl aria-labelledby="issuer-title">
      <dt>${t.issuer}</dt>
      ${field("issuer-name", f.issuerName)}
      ${
        f.official
          ? html`<dt>${t.signedBy}</dt>
              ${field("official", f.official)}`
          : ""
      }
      <dt>${t.issued}</dt>
      ${field("valid-from", formatDate(lang, f.validFrom), f.validFrom)}
      ${
        f.validUntil
          ? html`<dt>${t.validUntilLabel}</dt>
              ${field("valid-until", formatDate(lang, f.validUntil), f.validUntil)}`
          : html`<dt>${t.validity}</dt>
              <dd>${t.noEndDate}</dd>`
      }
    </dl>
    <p class="muted" id="facts-source">${t.factsSource}</p>`;
}

function actions(t: Messages, v: CertificateView) {
  const base = `/c/${v.id}`;
  const f = v.facts;
  const linkedIn = linkedInAddToProfileUrl({
    name: f.achievementName,
    organizationName: f.issuerName,
    issued: new Date(f.validFrom),
    expires: f.validUntil ? new Date(f.validUntil) : undefined,
    certUrl: v.url,
    certId: v.id,
  });
  return html`<h2 id="actions-title">${t.actionsTitle}</h2>
    <ul class="actions" aria-labelledby="actions-title">
      <li><a class="btn primary" href="${base}.pdf" download>${t.downloadPdf}</a></li>
      <li><a class="btn" href="${base}.json" download>${t.downloadCredential}</a></li>
      <li><a class="btn" href="${base}.jwt" download="wego-certificate-${v.id}.jwt">${t.downloadJwt}</a></li>
      <li><button class="btn" type="button" id="copy-link" data-url="${v.url}" hidden>${t.copyLink}</button></li>
      <li>
        <a class="btn" id="linkedin" href="${linkedIn}" rel="noopener noreferrer" target="_blank">${t.addToLinkedIn}</a>
      </li>
      <li><button class="btn" type="button" id="print" hidden>${t.print}</button></li>
    </ul>
    <p id="copy-status" class="muted" role="status" aria-live="polite"></p>`;
}

/**
 * The banner a saved copy shows when the service worker serves it: it carries no verdict of its own
 * (the service worker removes the live one), only the date this device last loaded it online. The
 * page script replaces it with what it could confirm.
 */
function savedBanner(t: Messages, lang: Lang, checkedAt: string): Raw {
  // Inside a <template>, so a live page's document holds only one banner and one h1.
  return html`<template id="${SAVED_BANNER_ID}">
    <section
      class="verdict unknown"
      id="verdict"
      role="status"
      aria-labelledby="verdict-title"
      data-verdict="saved-unconfirmed"
    >
      <h1 id="verdict-title"><span class="icon" aria-hidden="true">?</span>${t.savedTitle}</h1>
      <p>${fill(t.savedDetail, { date: formatDate(lang, checkedAt) })}</p>
    </section>
  </template>`;
}

/** Renders the page for a certificate that exists (any verdict). */
export function renderCertificatePage(t: Messages, lang: Lang, nonce: string, v: CertificateView): string {
  // Details are shown for every verdict (an employer needs to see what was revoked), but the banner
  // above them always states the verdict first. Live-only parts sit between markers the service
  // worker strips from a saved copy, so a copy never shows a stale verdict by itself.
  const body = html`${raw(LIVE_START)}${verdictBanner(t, lang, v.verdict, v.status)}${raw(LIVE_END)}
    ${savedBanner(t, lang, v.checkedAt)}
    <p class="name" id="participant">
      <span class="visually-hidden">${t.participant}: </span
      ><span data-field="participant">${v.facts.participant}</span>
    </p>
    ${details(t, lang, v)} ${raw(LIVE_START)}
    <div class="live">
      <h2 id="checks-title">${t.checksTitle}</h2>
      ${checksList(t, v.checks)}
    </div>
    ${raw(LIVE_END)}
    <section class="browser" id="browser-check" aria-labelledby="browser-title" hidden>
      <h2 id="browser-title">${t.browserCheckTitle}</h2>
      <p id="browser-result" role="status" aria-live="polite"></p>
    </section>
    ${actions(t, v)}
    <p class="no-print"><a href="/verify">${t.verifyAnother}</a></p>`;
  return layout({
    lang,
    t,
    nonce,
    title: `${verdictTitle(t, v.verdict)} — ${v.facts.achievementName} — WeGO`,
    meta: { title: `${t.certificateTitle}: ${v.facts.achievementName}`, description: t.ogDescription, url: v.url },
    path: `/c/${v.id}`,
    body,
    data: jsonScriptText({
      page: "certificate",
      id: v.id,
      lang,
      verdict: v.verdict,
      checkedAt: v.checkedAt,
      issuerDid: v.issuerDid,
      achievementId: v.facts.achievementId,
      messages: browserMessages(t),
    }),
  });
}

/**
 * The page for an unknown id and for a malformed one: identical for both (same status, same
 * bytes apart from the nonce), so it reveals nothing about which ids exist.
 */
export function renderNotFoundPage(t: Messages, lang: Lang, nonce: string): string {
  return layout({
    lang,
    t,
    nonce,
    title: `${t.notFoundTitle} — WeGO`,
    meta: { title: t.notFoundTitle, description: t.ogDescription },
    path: "/verify",
    body: html`${verdictBanner(t, lang, "not-found")}
      <p><a href="/verify">${t.verifyAnother}</a></p>`,
  });
}

/** The page when the store cannot be read: never a verdict, served with 503 + Retry-After. */
export function renderUnavailablePage(t: Messages, lang: Lang, nonce: string, id: string): string {
  return layout({
    lang,
    t,
    nonce,
    title: `${t.verdictUnavailable} — WeGO`,
    meta: { title: t.verdictUnavailable, description: t.ogDescription },
    path: `/c/${id}`,
    body: html`${verdictBanner(t, lang, "could-not-check")}`,
  });
}
