/** `/verify`: upload a certificate PDF or credential file, or paste a link, JSON or JWT. */
import type { BrandManifest } from "../domain/brand";
import type { Check } from "../domain/types";
import { html, jsonScriptText, type Raw } from "./html";
import { resultMessageKeys } from "../browser/verify-result";
import type { Lang, MessageKey, Messages } from "./i18n";
import { layout } from "./layout";
import { checksList, verdictBanner, verdictTitle, type PageVerdict, type StatusDetail } from "./verdict";

/** The outcome shown after a POST. */
export type VerifyOutcome =
  | {
      kind: "result";
      verdict: PageVerdict;
      checks: readonly Check[];
      participant?: string;
      achievement?: string;
      status?: StatusDetail;
      /** Path of the certificate's page on this service (`/c/{id}`), when the input is one of ours. */
      certificatePath?: string;
    }
  | { kind: "error"; message: string };

function outcomeSection(t: Messages, lang: Lang, o: VerifyOutcome): Raw {
  if (o.kind === "error")
    return html`<section id="result" aria-labelledby="result-title">
      <h1 id="result-title">${t.verifyResult}</h1>
      <p role="alert" id="result-error">${o.message}</p>
    </section>`;
  // The verdict first, in its colour: on a phone it is the first thing on the screen.
  return html`<section id="result" aria-label="${t.verifyResult}">
    ${verdictBanner(t, lang, o.verdict, o.status)} ${o.participant ? html`<p class="name">${o.participant}</p>` : ""}
    ${o.achievement ? html`<p>${o.achievement}</p>` : ""}
    ${
      o.certificatePath && o.verdict !== "replaced"
        ? html`<p><a class="btn" href="${o.certificatePath}" id="certificate-link">${t.certificateTitle}</a></p>`
        : ""
    }
    ${
      o.checks.length > 0
        ? html`<details class="checks-disclosure">
            <summary>${t.checksTitle}</summary>
            ${checksList(t, o.checks)}
          </details>`
        : ""
    }
  </section>`;
}

/** Renders the verify page, with the outcome of a submission (above the form) when there is one. */
export function renderVerifyPage(
  t: Messages,
  lang: Lang,
  nonce: string,
  outcome?: VerifyOutcome,
  brand?: BrandManifest,
): string {
  const heading = outcome
    ? html`<h2 id="form-title">${t.verifyAnother}</h2>`
    : html`<h1 id="form-title">${t.verifyTitle}</h1>`;
  const body = html`${outcome ? outcomeSection(t, lang, outcome) : ""}
    <section class="verify-form" aria-labelledby="form-title">
      ${heading}
      <p>${t.verifyIntro}</p>
      <form method="post" action="/verify?lang=${lang}" enctype="multipart/form-data" id="verify-form">
        <div class="drop" id="drop">
          <label for="file">${t.verifyFileLabel}</label>
          <input
            type="file"
            id="file"
            name="file"
            accept=".pdf,.json,.jwt,.txt,application/pdf,application/json,application/vc+jwt,text/plain"
            aria-describedby="drop-hint"
          />
          <p class="muted" id="drop-hint">${t.verifyDropHint}</p>
        </div>
        <label for="text">${t.verifyTextLabel}</label>
        <textarea id="text" name="text" spellcheck="false" autocomplete="off"></textarea>
        <p><button class="btn primary" type="submit">${t.verifySubmit}</button></p>
      </form>
    </section>`;
  return layout({
    lang,
    t,
    nonce,
    brand,
    title: outcome?.kind === "result" ? `${verdictTitle(t, outcome.verdict)} — ${t.verifyTitle}` : t.verifyTitle,
    meta: { title: t.verifyTitle, description: t.ogDescription },
    path: "/verify",
    body,
    noindex: false,
    data: jsonScriptText({
      page: "verify",
      lang,
      messages: Object.fromEntries([...resultMessageKeys(), "verifyResult"].map((k) => [k, t[k as MessageKey]])),
    }),
  });
}
