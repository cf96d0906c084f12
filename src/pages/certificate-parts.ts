/** Sections of the certificate page: the signed details, the actions, the technical checks, the report link. */
import type { Check } from "../domain/types";
import type { ShownField } from "../domain/signed-facts";
import { fill, formatDate, type Lang, type Messages } from "./i18n";
import { html, type Raw } from "./html";
import { linkedInAddToProfileUrl } from "./linkedin";
import { checksList } from "./verdict";
import type { CertificateView } from "./certificate-view";

function field(name: ShownField, text: string, value?: string): Raw {
  return value === undefined
    ? html`<dd data-field="${name}" dir="auto">${text}</dd>`
    : html`<dd data-field="${name}" data-value="${value}">${text}</dd>`;
}

function row(label: string, name: ShownField, text: string | undefined, value?: string): Raw | "" {
  return text
    ? html`<dt>${label}</dt>
        ${field(name, text, value)}`
    : "";
}

/**
 * What the credential signs, as a definition list; every value carries its `data-field` for the
 * browser re-check, and signed text keeps its own direction (`dir="auto"`) inside a page of another.
 */
export function details(t: Messages, lang: Lang, v: CertificateView): Raw {
  const f = v.facts;
  return html`<section class="facts" aria-labelledby="achievement-title">
    <h2 id="achievement-title">${t.achievement}</h2>
    <dl>
      ${row(t.programme, "achievement-name", f.achievementName)} ${row(t.workshopCity, "city", f.city)}
      ${row(t.activityDate, "date", f.date && formatDate(lang, f.date), f.date)}
      ${row(t.themes, "themes", f.themes.join(", "))} ${row(t.venue, "venue", f.venue)}
      ${row(t.description, "description", f.description)} ${row(t.issuer, "issuer-name", f.issuerName)}
      ${row(t.signedBy, "official", f.official)}
      ${row(t.issued, "valid-from", formatDate(lang, f.validFrom), f.validFrom)}
      ${
        f.validUntil
          ? row(t.validUntilLabel, "valid-until", formatDate(lang, f.validUntil), f.validUntil)
          : html`<dt>${t.validity}</dt>
              <dd>${t.noEndDate}</dd>`
      }
    </dl>
    <p class="muted" id="facts-source">${t.factsSource}</p>
  </section>`;
}

/**
 * The actions, in the order a participant needs them: the PDF, LinkedIn, sharing, printing; the
 * machine-readable files behind a disclosure. Only for a certificate that may be relied on: a
 * revoked, suspended, replaced or failed one offers nothing to pass on.
 */
export function actions(t: Messages, v: CertificateView): Raw {
  if (!v.shareable) return html`<p class="inactive" id="actions-off">${t.inactiveNoSharing}</p>`;
  const base = `/c/${v.id}`;
  const f = v.facts;
  const linkedIn = linkedInAddToProfileUrl({
    name: f.achievementName,
    organizationName: f.issuerName,
    organizationId: v.linkedInOrganizationId,
    issued: new Date(f.validFrom),
    expires: f.validUntil ? new Date(f.validUntil) : undefined,
    certUrl: v.url,
    certId: v.id,
  });
  return html`<section class="actions-block" aria-labelledby="actions-title">
    <h2 id="actions-title" class="visually-hidden">${t.actionsTitle}</h2>
    <ul class="actions">
      <li><a class="btn primary" id="download-pdf" href="${base}.pdf" download>${t.downloadPdf}</a></li>
      <li>
        <a class="btn" id="linkedin" href="${linkedIn}" rel="noopener noreferrer" target="_blank">${t.addToLinkedIn}</a>
      </li>
      <li>
        <button
          class="btn"
          type="button"
          id="share"
          data-url="${v.url}"
          data-title="${fill(t.shareTitle, { name: f.participant })}"
          hidden
        >
          ${t.share}
        </button>
      </li>
      <li>
        <a class="btn" id="print" href="${base}.pdf" data-pdf="${base}.pdf" target="_blank">${t.printCertificate}</a>
      </li>
    </ul>
    <p id="copy-status" class="muted" role="status" aria-live="polite"></p>
    <details class="formats">
      <summary>${t.otherFormats}</summary>
      <ul>
        <li><a href="${base}.json" download>${t.downloadCredential}</a></li>
        <li><a href="${base}.jwt" download="wego-certificate-${v.id}.jwt">${t.downloadJwt}</a></li>
      </ul>
    </details>
  </section>`;
}

/** The technical checks, behind a disclosure whose summary already says how many passed. */
export function checksDisclosure(t: Messages, checks: readonly Check[]): Raw {
  const passed = checks.filter((c) => c.status === "passed").length;
  return html`<details class="live checks-disclosure" id="checks">
    <summary id="checks-title">
      ${fill(t.technicalChecks, { passed: String(passed), total: String(checks.length) })}
    </summary>
    ${checksList(t, checks)}
  </details>`;
}

/** Where to report a suspected fake: a mail to WeGO naming this certificate, or WeGO's form. */
export function reportFake(t: Messages, v: { id: string; url: string; reportContact: string }): Raw {
  const href = v.reportContact.startsWith("https://")
    ? v.reportContact
    : `mailto:${v.reportContact}?subject=${encodeURIComponent(`Suspected fake certificate ${v.id}`)}&body=${encodeURIComponent(v.url)}`;
  return html`<p class="report no-print" id="report">
    ${t.reportFake} <a href="${href}" id="report-link">${t.reportFakeLink}</a>
  </p>`;
}
