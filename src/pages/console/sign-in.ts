/** Sign-in pages: the "Access token" form, and the pages Cloudflare Access mode shows instead. */
import { html } from "../html";
import { consoleLayout, type ConsolePage } from "./shell";

/** The token sign-in form; `loginCsrf` is the double-submit value also set as a cookie. */
export function renderSignIn(p: ConsolePage, o: { loginCsrf: string; error?: string; notice?: string }): string {
  const { t } = p;
  const body = html`<p>${t.signInIntro}</p>
    <form method="post" action="/console/sign-in" autocomplete="off">
      <input type="hidden" name="csrf" value="${o.loginCsrf}" />
      <label for="token">${t.accessTokenLabel}</label>
      <p class="hint" id="token-hint">${t.accessTokenHint}</p>
      ${o.error ? html`<p class="err" id="token-error">${o.error}</p>` : ""}
      <input
        type="password"
        id="token"
        name="token"
        required
        spellcheck="false"
        autocomplete="off"
        aria-describedby="${o.error ? "token-hint token-error" : "token-hint"}"
        ${o.error ? html`aria-invalid="true"` : ""}
      />
      <p><button class="btn primary" type="submit">${t.signInSubmit}</button></p>
    </form>`;
  return consoleLayout(p, t.signInTitle, body, o.notice ? { text: o.notice } : undefined);
}

/** A page with a title, one paragraph and an optional link (errors, Access pages). */
export function renderMessage(
  p: ConsolePage,
  title: string,
  detail: string,
  link?: { href: string; text: string },
): string {
  const body = html`<p>${detail}</p>
    ${link ? html`<p><a href="${link.href}">${link.text}</a></p>` : ""}`;
  return consoleLayout(p, title, body);
}
