/** The audit log page: filters (actor, action, target, dates) and pages of entries, newest first. */
import { html, raw } from "../html";
import type { HistoryEntry } from "./certificate";
import { summaryText } from "./certificate";
import { dateTime, table } from "./format";
import { consoleLayout, type ConsolePage } from "./shell";

/** The filters as submitted. */
export interface AuditForm {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
}

export function renderAudit(
  p: ConsolePage,
  o: { form: AuditForm; actions: string[]; entries: HistoryEntry[]; olderHref: string | null; error?: string },
): string {
  const { t, lang } = p;
  const text = (id: keyof AuditForm, label: string, type = "text") =>
    html`<div>
      <label for="${id}">${label}</label>
      <input type="${type}" id="${id}" name="${id}" value="${o.form[id]}" maxlength="200" />
    </div>`;
  const form = html`<form method="get" action="/console/audit" class="filters" role="search">
    ${text("actor", t.filterActor)}
    <div>
      <label for="action">${t.filterAction}</label>
      <select id="action" name="action">
        <option value="">${t.anyOption}</option>
        ${o.actions.map((a) => html`<option value="${a}" ${a === o.form.action ? raw("selected") : ""}>${a}</option>`)}
      </select>
    </div>
    ${text("target", t.filterTarget)} ${text("from", t.filterFrom, "date")} ${text("to", t.filterTo, "date")}
    <div><button class="btn primary" type="submit">${t.filterSubmit}</button></div>
  </form>`;
  const entries = o.entries.length
    ? table(
        "audit-entries",
        t.auditTitle,
        html`<tr>
          <th scope="col">${t.when}</th>
          <th scope="col">${t.who}</th>
          <th scope="col">${t.action}</th>
          <th scope="col">${t.target}</th>
          <th scope="col">${t.detailsColumn}</th>
        </tr>`,
        o.entries.map(
          (e) =>
            html`<tr>
              <td>${dateTime(lang, e.at)}</td>
              <td>${e.actor}</td>
              <td>${e.action}</td>
              <td>
                ${
                  e.target && /^[A-Za-z0-9_-]{22}$/.test(e.target) && e.action.startsWith("certificate.")
                    ? html`<a href="/console/certificates/${e.target}"><code>${e.target}</code></a>`
                    : (e.target ?? "")
                }
              </td>
              <td>${summaryText(e.summary)}</td>
            </tr>`,
        ),
      )
    : html`<p role="status">${t.noEntries}</p>`;
  const older = o.olderHref ? html`<p><a class="btn" href="${o.olderHref}" rel="next">${t.olderEntries}</a></p>` : "";
  const error = o.error ? html`<p class="flash bad" role="alert">${o.error}</p>` : "";
  return consoleLayout(p, t.auditTitle, html`${error}${form}${entries}${older}`);
}
