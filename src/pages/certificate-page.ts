/** The certificate page an employer sees after scanning the QR code. */
import type { BrandManifest } from "../domain/brand";
import { LIVE_END, LIVE_START, SAVED_BANNER_ID } from "../browser/saved-copies";
import { fillHtml, html, jsonScriptText, raw, type Raw } from "./html";
import { fill, formatDate, formatTime, type Lang, type MessageKey, type Messages } from "./i18n";
import { layout } from "./layout";
import type { CertificateView } from "./certificate-view";
import { actions, checksDisclosure, details, reportFake } from "./certificate-parts";
import { verdictBanner, verdictTitle } from "./verdict";

export type { CertificateView };

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

/** The name as the headline, and the one sentence that says who issued what, when. */
function headline(t: Messages, lang: Lang, v: CertificateView): Raw {
  const f = v.facts;
  return html`<h2 class="name" id="participant">
      <span class="visually-hidden">${t.participant}: </span
      ><span data-field="participant" dir="auto">${f.participant}</span>
    </h2>
    <p class="lede" id="issued-sentence">
      ${fillHtml(t.issuedSentence, {
        issuer: "WeGO",
        site: html`<a href="https://we-gov.org" rel="noopener">we-gov.org</a>`,
        date: formatDate(lang, f.validFrom),
        achievement: html`<strong dir="auto">${f.achievementName}</strong>`,
      })}
    </p>`;
}

/** The picture of the certificate: the same image as the link preview, rendered from the signed facts. */
function preview(t: Messages, v: CertificateView): Raw | "" {
  if (!v.shareable) return "";
  return html`<figure class="preview" id="preview">
    <img
      src="/c/${v.id}.png"
      width="1200"
      height="630"
      alt="${fill(t.previewAlt, { name: v.facts.participant, achievement: v.facts.achievementName })}"
      decoding="async"
    />
  </figure>`;
}

function checkedAtLine(t: Messages, lang: Lang, checkedAt: string): Raw {
  return html`<p class="checked-at" id="checked-at" data-value="${checkedAt}">
    ${fill(t.checkedAt, { date: formatDate(lang, checkedAt), time: formatTime(checkedAt) })}
  </p>`;
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
  // The verdict comes first, then the name and the sentence that says what this is, the picture and
  // the actions; the details and the technical checks follow. Live-only parts sit between markers
  // the service worker strips from a saved copy, so a copy never shows a stale verdict by itself.
  const body = html`${raw(LIVE_START)}${verdictBanner(t, lang, v.verdict, v.status, checkedAtLine(t, lang, v.checkedAt))}${raw(LIVE_END)}
    ${savedBanner(t, lang, v.checkedAt)} ${headline(t, lang, v)} ${preview(t, v)} ${actions(t, v)}
    ${details(t, lang, v)} ${raw(LIVE_START)}${checksDisclosure(t, v.checks)}${raw(LIVE_END)}
    <section class="browser" id="browser-check" aria-labelledby="browser-title" hidden>
      <h2 id="browser-title">${t.browserCheckTitle}</h2>
      <p id="browser-result" role="status" aria-live="polite"></p>
    </section>
    ${reportFake(t, v)}
    <p class="no-print"><a href="/verify">${t.verifyAnother}</a></p>`;
  const ogTitle = `${v.facts.participant} — ${v.facts.achievementName}`;
  return layout({
    lang,
    t,
    nonce,
    brand: v.brand,
    title: `${verdictTitle(t, v.verdict)} — ${v.facts.participant} — WeGO`,
    meta: {
      title: ogTitle,
      description: t.ogDescription,
      url: v.url,
      image: v.shareable
        ? {
            url: `${v.baseUrl}/c/${v.id}.png`,
            width: 1200,
            height: 630,
            alt: fill(t.ogImageAlt, { name: v.facts.participant }),
          }
        : undefined,
    },
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
export function renderNotFoundPage(t: Messages, lang: Lang, nonce: string, brand?: BrandManifest): string {
  return layout({
    lang,
    t,
    nonce,
    brand,
    title: `${t.notFoundTitle} — WeGO`,
    meta: { title: t.notFoundTitle, description: t.ogDescription },
    path: "/verify",
    body: html`${verdictBanner(t, lang, "not-found")}
      <p><a href="/verify">${t.verifyAnother}</a></p>`,
  });
}

/** The page when the store cannot be read: never a verdict, served with 503 + Retry-After. */
export function renderUnavailablePage(
  t: Messages,
  lang: Lang,
  nonce: string,
  id: string,
  brand?: BrandManifest,
): string {
  return layout({
    lang,
    t,
    nonce,
    brand,
    title: `${t.verdictUnavailable} — WeGO`,
    meta: { title: t.verdictUnavailable, description: t.ogDescription },
    path: `/c/${id}`,
    body: html`${verdictBanner(t, lang, "could-not-check")}`,
  });
}
