/** The Find page: search by name (any script), certificate id or external id, with filters and pages. */
import { html, raw } from "../html";
import { dateTime, statusBadge, statusName, table } from "./format";
import { consoleLayout, type ConsolePage } from "./shell";

/** The filters as submitted, to refill the form. */
export interface FindForm {
  q: string;
  programme: string;
  status: string;
  batch: string;
}

/** One result row. */
export interface FindRow {
  id: string;
  recipient_name: string;
  achievement_id: string;
  status: string;
  issued_at: string;
  external_id: string | null;
}

function option(value: string, label: string, selected: string) {
  return html`<option value="${value}" ${value === selected ? raw("selected") : ""}>${label}</option>`;
}

export function renderFind(
  p: ConsolePage,
  o: {
    form: FindForm;
    programmes: { id: string; name: string }[];
    rows: FindRow[];
    nextHref: string | null;
    firstHref: string | null;
    /** The print pack (ZIP of PDFs) of every certificate matching the filters. */
    packHref: string | null;
    error?: string;
  },
): string {
  const { t, lang } = p;
  const names = new Map(o.programmes.map((a) => [a.id, a.name]));
  const form = html`<form method="get" action="/console/certificates" role="search" class="filters">
    <div>
      <label for="q">${t.searchLabel}</label>
      <input type="search" id="q" name="q" value="${o.form.q}" aria-describedby="q-hint" maxlength="200" />
      <p class="hint" id="q-hint">${t.searchHint}</p>
    </div>
    <div>
      <label for="programme">${t.filterProgramme}</label>
      <select id="programme" name="programme">
        ${option("", t.anyOption, o.form.programme)} ${o.programmes.map((a) => option(a.id, a.name, o.form.programme))}
      </select>
    </div>
    <div>
      <label for="status">${t.filterStatus}</label>
      <select id="status" name="status">
        ${option("", t.anyOption, o.form.status)}
        ${["active", "suspended", "revoked"].map((s) => option(s, statusName(t, s), o.form.status))}
      </select>
    </div>
    <div>
      <label for="batch">${t.filterBatch}</label>
      <input type="text" id="batch" name="batch" value="${o.form.batch}" maxlength="64" />
    </div>
    <div><button class="btn primary" type="submit">${t.searchSubmit}</button></div>
  </form>`;
  const results = o.rows.length
    ? table(
        "results",
        t.resultsTitle,
        html`<tr>
          <th scope="col">${t.participant}</th>
          <th scope="col">${t.programme}</th>
          <th scope="col">${t.status}</th>
          <th scope="col">${t.issued}</th>
          <th scope="col">${t.externalId}</th>
        </tr>`,
        o.rows.map(
          (r) =>
            html`<tr>
              <th scope="row"><a href="/console/certificates/${r.id}">${r.recipient_name}</a></th>
              <td>${names.get(r.achievement_id) ?? r.achievement_id}</td>
              <td>${statusBadge(t, r.status)}</td>
              <td>${dateTime(lang, r.issued_at)}</td>
              <td>${r.external_id ?? ""}</td>
            </tr>`,
        ),
      )
    : html`<h2>${t.resultsTitle}</h2>
        <p role="status">${t.noResults}</p>`;
  const pager = html`<nav aria-label="${t.resultsTitle}">
    <ul class="actions">
      ${o.firstHref ? html`<li><a class="btn" href="${o.firstHref}">${t.firstPage}</a></li>` : ""}
      ${o.nextHref ? html`<li><a class="btn" href="${o.nextHref}" rel="next">${t.nextPage}</a></li>` : ""}
    </ul>
  </nav>`;
  const pack = o.packHref
    ? html`<section class="panel" aria-labelledby="pack-title">
        <h2 id="pack-title">${t.printPackTitle}</h2>
        <p>${t.printPackIntro}</p>
        <p><a class="btn" href="${o.packHref}" download>${t.downloadPrintPack}</a></p>
      </section>`
    : "";
  const error = o.error ? html`<p class="flash bad" role="alert">${o.error}</p>` : "";
  return consoleLayout(p, t.findTitle, html`${error}${form}${results}${pager}${pack}`);
}
