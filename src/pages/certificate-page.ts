/** The certificate page an employer sees after scanning the QR code. */
import type { Check } from "../domain/types";
import { html, jsonScriptText } from "./html";
import { fill, formatDate, type Lang, type MessageKey, type Messages } from "./i18n";
import { layout } from "./layout";
import { linkedInAddToProfileUrl } from "./linkedin";
import { checksList, verdictBanner, verdictTitle, type PageVerdict, type StatusDetail } from "./verdict";

/** What the page shows about the achievement (from the credential, completed from the catalogue). */
export interface AchievementView {
  name: string;
  description?: string;
  kind?: "online" | "workshop";
  city?: string;
  date?: string;
  themes: string[];
  venue?: string;
}

/** The certificate page's view model. */
export interface CertificateView {
  id: string;
  /** Public certificate URL (credential `id`). */
  url: string;
  verdict: PageVerdict;
  status?: StatusDetail;
  checks: readonly Check[];
  participant: string;
  achievement: AchievementView;
  issuer: { name: string; official?: string };
  validFrom: string;
  validUntil?: string;
}

/** Strings the browser script needs (it has no catalogue of its own). */
export const BROWSER_KEYS = [
  "browserCheckPending",
  "browserCheckOk",
  "browserCheckFailed",
  "browserCheckUnavailable",
  "offlineOk",
  "offlineOkDetail",
  "offlineStatusUnknown",
  "offlineFailed",
  "offlineFailedDetail",
  "offlineNoToken",
  "linkCopied",
  "verdictUnavailable",
] as const satisfies readonly MessageKey[];

function browserMessages(t: Messages): Record<string, string> {
  return Object.fromEntries(BROWSER_KEYS.map((k) => [k, t[k]]));
}

function details(t: Messages, lang: Lang, v: CertificateView) {
  const a = v.achievement;
  return html`<h2 id="achievement-title">${t.achievement}</h2>
    <dl aria-labelledby="achievement-title">
      <dt>${t.programme}</dt>
      <dd id="achievement-name">${a.name}</dd>
      ${
        a.city
          ? html`<dt>${t.workshopCity}</dt>
              <dd>${a.city}</dd>`
          : ""
      }
      ${
        a.date
          ? html`<dt>${t.activityDate}</dt>
              <dd>${formatDate(lang, a.date)}</dd>`
          : ""
      }
      ${
        a.themes.length
          ? html`<dt>${t.themes}</dt>
              <dd>${a.themes.join(", ")}</dd>`
          : ""
      }
      ${
        a.venue
          ? html`<dt>${t.venue}</dt>
              <dd>${a.venue}</dd>`
          : ""
      }
      ${
        a.description
          ? html`<dt>${t.description}</dt>
              <dd>${a.description}</dd>`
          : ""
      }
    </dl>
    <h2 id="issuer-title">${t.issuer}</h2>
    <dl aria-labelledby="issuer-title">
      <dt>${t.issuer}</dt>
      <dd>${v.issuer.name}</dd>
      ${
        v.issuer.official
          ? html`<dt>${t.signedBy}</dt>
              <dd>${v.issuer.official}</dd>`
          : ""
      }
      <dt>${t.issued}</dt>
      <dd>${formatDate(lang, v.validFrom)}</dd>
      <dt>${t.validity}</dt>
      <dd>
        ${
          v.validUntil
            ? fill(t.validFromUntil, { from: formatDate(lang, v.validFrom), until: formatDate(lang, v.validUntil) })
            : fill(t.validFromNoEnd, { from: formatDate(lang, v.validFrom) })
        }
      </dd>
    </dl>`;
}

function actions(t: Messages, v: CertificateView, issuerName: string) {
  const base = `/c/${v.id}`;
  const linkedIn = linkedInAddToProfileUrl({
    name: v.achievement.name,
    organizationName: issuerName,
    issued: new Date(v.validFrom),
    expires: v.validUntil ? new Date(v.validUntil) : undefined,
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

/** Renders the page for a certificate that exists (any verdict). */
export function renderCertificatePage(t: Messages, lang: Lang, nonce: string, v: CertificateView): string {
  // Details are shown for every verdict (an employer needs to see what was revoked), but the banner
  // above them always states the verdict first.
  const body = html`${verdictBanner(t, lang, v.verdict, v.status)}
    <p class="name" id="participant"><span class="visually-hidden">${t.participant}: </span>${v.participant}</p>
    ${details(t, lang, v)}
    <h2 id="checks-title">${t.checksTitle}</h2>
    ${checksList(t, v.checks)}
    <section class="browser" id="browser-check" aria-labelledby="browser-title">
      <h2 id="browser-title">${t.browserCheckTitle}</h2>
      <p id="browser-result" role="status" aria-live="polite">${t.browserCheckUnavailable}</p>
    </section>
    ${actions(t, v, v.issuer.name)}
    <p class="no-print"><a href="/verify">${t.verifyAnother}</a></p>`;
  return layout({
    lang,
    t,
    nonce,
    title: `${verdictTitle(t, v.verdict)} — ${v.achievement.name} — WeGO`,
    meta: { title: `${t.certificateTitle}: ${v.achievement.name}`, description: t.ogDescription, url: v.url },
    path: `/c/${v.id}`,
    body,
    data: jsonScriptText({
      page: "certificate",
      id: v.id,
      verdict: v.verdict,
      participant: v.participant,
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
