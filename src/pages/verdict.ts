/** The verdict banner and the plain-language list of checks, shared by the certificate and verify pages. */
import type { Check, CheckName, CheckStatus, VerificationResult } from "../domain/types";
import { html, type Raw } from "./html";
import type { MessageKey, Messages } from "./i18n/en";
import { formatDate, type Lang } from "./i18n/locale";
import type { PublicReason } from "../domain/status-reasons";

/**
 * Everything a page can conclude: the verification verdicts, plus "not-found" (no certificate at
 * this id), "replaced" (revoked because WeGO issued a corrected one) and "not-wego" (the input is
 * not a WeGO certificate at all).
 */
export type PageVerdict = VerificationResult["verdict"] | "not-found" | "replaced" | "not-wego";

/** Revocation / suspension facts, from the status check or the certificate row. */
export interface StatusDetail {
  state: "active" | "revoked" | "suspended";
  /** Public reason code; anything else is never shown. */
  reason?: PublicReason;
  at?: string;
  /** Id of the corrected certificate that replaced this one. */
  supersededBy?: string;
}

/** Title, detail, tone and icon of each verdict. */
export const VERDICT: Record<PageVerdict, { title: MessageKey; detail: MessageKey; tone: string; icon: string }> = {
  valid: { title: "verdictValid", detail: "verdictValidDetail", tone: "valid", icon: "✓" },
  invalid: { title: "verdictInvalid", detail: "verdictInvalidDetail", tone: "bad", icon: "×" },
  revoked: { title: "verdictRevoked", detail: "verdictRevokedDetail", tone: "bad", icon: "×" },
  suspended: { title: "verdictSuspended", detail: "verdictSuspendedDetail", tone: "warn", icon: "!" },
  expired: { title: "verdictExpired", detail: "verdictExpiredDetail", tone: "warn", icon: "!" },
  "not-yet-valid": { title: "verdictNotYetValid", detail: "verdictNotYetValidDetail", tone: "warn", icon: "!" },
  "could-not-check": { title: "verdictUnavailable", detail: "verdictUnavailableDetail", tone: "unknown", icon: "?" },
  "not-found": { title: "verdictNotFound", detail: "verdictNotFoundDetail", tone: "bad", icon: "×" },
  replaced: { title: "verdictReplaced", detail: "verdictReplacedDetail", tone: "neutral", icon: "→" },
  "not-wego": { title: "verdictNotWego", detail: "verdictNotWegoDetail", tone: "bad", icon: "×" },
};

/** The translated label of each public reason. */
export const REASON_LABEL: Record<PublicReason, MessageKey> = {
  "issued-in-error": "reasonIssuedInError",
  replaced: "reasonReplaced",
  withdrawn: "reasonWithdrawn",
  "under-review": "reasonUnderReview",
};

/** The verdict's title, for `<title>` and the banner heading. */
export function verdictTitle(t: Messages, verdict: PageVerdict): string {
  return t[VERDICT[verdict].title];
}

/** Only verdicts under which a certificate may be downloaded, printed and shared. */
export function shareable(verdict: PageVerdict): boolean {
  return verdict === "valid" || verdict === "expired" || verdict === "not-yet-valid";
}

function statusFacts(t: Messages, lang: Lang, verdict: PageVerdict, status: StatusDetail | undefined): Raw | "" {
  if (!status || !(verdict === "revoked" || verdict === "suspended" || verdict === "replaced")) return "";
  const reason = status.reason && verdict !== "replaced" ? t[REASON_LABEL[status.reason]] : undefined;
  return html`${
    status.at || reason
      ? html`<dl class="status-detail">
          ${
            status.at
              ? html`<dt>
                    ${verdict === "suspended" ? t.suspendedOn : verdict === "replaced" ? t.replacedOn : t.revokedOn}
                  </dt>
                  <dd>${formatDate(lang, status.at)}</dd>`
              : ""
          }
          ${
            reason
              ? html`<dt>${t.reason}</dt>
                  <dd data-reason="${status.reason}">${reason}</dd>`
              : ""
          }
        </dl>`
      : ""
  }
  ${
    verdict === "replaced" && status.supersededBy
      ? html`<p>
          <a class="btn primary large" id="current-certificate" href="/c/${status.supersededBy}">${t.viewCurrent}</a>
        </p>`
      : ""
  }`;
}

/**
 * The banner: `role="status"` makes screen readers announce it (WAI-ARIA 1.2 live region), and the
 * section is labelled by its heading. Colour is never the only cue: the heading says the verdict.
 */
export function verdictBanner(t: Messages, lang: Lang, verdict: PageVerdict, status?: StatusDetail, extra?: Raw): Raw {
  const v = VERDICT[verdict];
  return html`<section
    class="verdict ${v.tone}"
    id="verdict"
    role="status"
    aria-labelledby="verdict-title"
    data-verdict="${verdict}"
  >
    <h1 id="verdict-title"><span class="icon" aria-hidden="true">${v.icon}</span>${t[v.title]}</h1>
    <p id="verdict-detail">${t[v.detail]}</p>
    ${statusFacts(t, lang, verdict, status)} ${extra ?? ""}
  </section>`;
}

/** The plain-language name of each check. */
export const CHECK_LABEL: Record<CheckName, MessageKey> = {
  format: "checkFormat",
  record: "checkRecord",
  signature: "checkSignature",
  "issuer-key": "checkIssuerKey",
  validity: "checkValidity",
  status: "checkStatus",
  "pdf-content": "checkPdfContent",
};

/** What a passed / failed check means. */
export const EXPLAIN: Record<CheckName, [MessageKey, MessageKey]> = {
  format: ["explainFormatPassed", "explainFormatFailed"],
  record: ["explainRecordPassed", "explainRecordFailed"],
  signature: ["explainSignaturePassed", "explainSignatureFailed"],
  "issuer-key": ["explainIssuerKeyPassed", "explainIssuerKeyFailed"],
  validity: ["explainValidityPassed", "explainValidityFailed"],
  status: ["explainStatusPassed", "explainStatusFailed"],
  "pdf-content": ["explainPdfContentPassed", "explainPdfContentFailed"],
};

/** Passed / failed / could not check. */
export const STATUS_LABEL: Record<CheckStatus, MessageKey> = {
  passed: "checkPassed",
  failed: "checkFailed",
  "could-not-check": "checkCouldNotCheck",
};

/** The checks in plain language: what was checked, passed / failed / could not check, and what it means. */
export function checksList(t: Messages, checks: readonly Check[]): Raw {
  return html`<ul class="checks">
    ${checks.map((c) => {
      const explain =
        c.status === "passed"
          ? EXPLAIN[c.check][0]
          : c.status === "failed"
            ? EXPLAIN[c.check][1]
            : "explainCouldNotCheck";
      return html`<li data-check="${c.check}" data-status="${c.status}">
        <strong>${t[CHECK_LABEL[c.check]]}</strong>: <span class="st ${c.status}">${t[STATUS_LABEL[c.status]]}</span
        ><br />
        <span class="muted">${t[explain]}</span>
      </li>`;
    })}
  </ul>`;
}
