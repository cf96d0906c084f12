/** The page a participant sees when a claim link cannot issue: what happened, in plain language. */
import { html } from "./html";
import type { Lang, Messages } from "./i18n";
import { layout } from "./layout";

/** Why a claim link did not lead to a certificate. */
export type ClaimProblem = "expired" | "invalid" | "unmapped" | "details";

const TEXT = {
  expired: ["claimExpiredTitle", "claimExpiredDetail"],
  invalid: ["claimInvalidTitle", "claimInvalidDetail"],
  unmapped: ["claimUnmappedTitle", "claimUnmappedDetail"],
  details: ["claimDetailsTitle", "claimDetailsDetail"],
} as const;

/** Renders the explanation page (served with a 4xx status by routes/claim.ts). */
export function renderClaimProblemPage(t: Messages, lang: Lang, nonce: string, problem: ClaimProblem): string {
  const [title, detail] = TEXT[problem];
  return layout({
    lang,
    t,
    nonce,
    title: `${t[title]} — WeGO`,
    meta: { title: t[title], description: t.ogDescription },
    // Language links must not repeat the token: they lead to the verification page instead.
    path: "/verify",
    body: html`<section
        class="verdict warn"
        id="verdict"
        role="status"
        aria-labelledby="verdict-title"
        data-claim-problem="${problem}"
      >
        <h1 id="verdict-title">${t[title]}</h1>
        <p>${t[detail]}</p>
        <p>${t.claimWhatNext}</p>
      </section>
      <p><a href="/verify">${t.verifyAnother}</a></p>`,
  });
}
