/** `/verify`: upload a certificate PDF or credential file, or paste a link, JSON or JWT. */
import type { Check } from "../domain/types";
import { html, jsonScriptText, type Raw } from "./html";
import { resultMessageKeys } from "../browser/verify-result";
import type { Lang, MessageKey, Messages } from "./i18n";
import { layout } from "./layout";
import { checksList, verdictBanner, verdictTitle, type PageVerdict, type StatusDetail } from "./verdict";

/** The outcome shown under the form after a POST. */
export type VerifyOutcome =
  | {
      kind: "result";
      verdict: PageVerdict;
      checks: readonly Check[];
      participant?: string;
      achievement?: string;
      status?: StatusDetail;
      certificateUrl?: string;
    }
  | { kind: "error"; message: string };

function outcomeSection(t: Messages, lang: Lang, o: VerifyOutcome): Raw {
  if (o.kind === "error")
    return html`<section id="result" aria-labelledby="result-title">
      <h2 id="result-title">${t.verifyResult}</h2>
      <p role="alert" id="result-error">${o.message}</p>
    </section>`;
  return html`<section id="result" aria-labelledby="result-title">
    <h2 id="result-title" class="visually-hidden">${t.verifyResult}</h2>
    ${verdictBanner(t, lang, o.verdict, o.status, 2)} ${o.participant ? html`<p class="name">${o.participant}</p>` : ""}
    ${o.achievement ? html`<p>${o.achievement}</p>` : ""}
    ${o.certificateUrl ? html`<p><a href="${o.certificateUrl}">${o.certificateUrl}</a></p>` : ""}
    <h3>${t.checksTitle}</h3>
    ${checksList(t, o.checks)}
  </section>`;
}

/** Renders the verify page, with the outcome of a submission when there is one. */
export function renderVerifyPage(t: Messages, lang: Lang, nonce: string, outcome?: VerifyOutcome): string {
  const body = html`<h1>${t.verifyTitle}</h1>
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
    ${outcome ? outcomeSection(t, lang, outcome) : ""}`;
  return layout({
    lang,
    t,
    nonce,
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
