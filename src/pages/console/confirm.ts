/** The confirmation step of every certificate action: what will happen, then "Yes" or "Cancel". */
import { html, type Raw } from "../html";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** A confirmation page that re-posts `fields` with confirm=yes. */
export function renderConfirm(
  p: ConsolePage,
  o: {
    title: string;
    question: string;
    facts: [string, string][];
    action: string;
    fields: Record<string, string>;
    button: string;
    cancelHref: string;
    danger?: boolean;
  },
): string {
  const facts: Raw = html`<dl>
    ${o.facts.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;
  const body = html`<p id="question">${o.question}</p>
    ${facts}
    <form method="post" action="${o.action}">
      ${csrfField(p)}
      ${Object.entries(o.fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
      <input type="hidden" name="confirm" value="yes" />
      <ul class="actions">
        <li><button class="btn primary${o.danger ? " danger" : ""}" type="submit" id="confirm">${o.button}</button></li>
        <li><a class="btn" href="${o.cancelHref}">${p.t.cancel}</a></li>
      </ul>
    </form>`;
  return consoleLayout(p, o.title, body);
}
