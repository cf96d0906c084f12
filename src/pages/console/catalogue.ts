/** The catalogue: every programme and workshop with its use, and (admin) adding a programme year. */
import { html, type Raw } from "../html";
import { table } from "./format";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** One achievement with how many certificates carry it. */
export interface CatalogueRow {
  id: string;
  kind: "online" | "workshop";
  name: string;
  city: string | null;
  date: string | null;
  certificates: number;
}

const WORKSHOP_ROWS = 4;

function addProgramme(p: ConsolePage, error?: string): Raw {
  const { t } = p;
  const workshops = Array.from({ length: WORKSHOP_ROWS }, (_, i) => {
    const n = i + 1;
    return html`<fieldset class="panel">
      <legend>${t.workshopN.replace("{n}", String(n))}</legend>
      <label for="w${n}-city">${t.city}</label>
      <input type="text" id="w${n}-city" name="w${n}-city" maxlength="100" />
      <label for="w${n}-date">${t.date}</label>
      <input type="date" id="w${n}-date" name="w${n}-date" />
      <label for="w${n}-venue">${t.venue}</label>
      <input type="text" id="w${n}-venue" name="w${n}-venue" maxlength="200" />
      <label for="w${n}-themes">${t.themesLines}</label>
      <textarea id="w${n}-themes" name="w${n}-themes"></textarea>
    </fieldset>`;
  });
  return html`<form method="post" action="/console/catalogue/programmes" class="panel">
    ${csrfField(p)}
    <h2>${t.addProgrammeTitle}</h2>
    ${error ? html`<p class="flash bad" role="alert">${error}</p>` : ""}
    <label for="programme-id">${t.programmeId}</label>
    <input type="text" id="programme-id" name="id" required maxlength="40" pattern="[a-z0-9]+(-[a-z0-9]+)*" />
    <label for="programme-name">${t.programmeName}</label>
    <input type="text" id="programme-name" name="name" required maxlength="150" />
    <label for="online-themes">${t.onlineThemes}</label>
    <textarea id="online-themes" name="onlineThemes"></textarea>
    ${workshops}
    <p><button class="btn primary" type="submit">${t.addProgramme}</button></p>
  </form>`;
}

export function renderCatalogue(
  p: ConsolePage,
  rows: CatalogueRow[],
  o: { canEdit: boolean; flash?: string; error?: string },
): string {
  const { t } = p;
  const list = table(
    "catalogue",
    t.catalogueTitle,
    html`<tr>
      <th scope="col">${t.programme}</th>
      <th scope="col">${t.kind}</th>
      <th scope="col">${t.city}</th>
      <th scope="col">${t.date}</th>
      <th scope="col" class="num">${t.certificatesCount}</th>
      <th scope="col">${t.status}</th>
    </tr>`,
    rows.map(
      (r) =>
        html`<tr>
          <th scope="row">${r.name} <code>${r.id}</code></th>
          <td>${r.kind === "online" ? t.kindOnline : t.kindWorkshop}</td>
          <td>${r.city ?? ""}</td>
          <td>${r.date ?? ""}</td>
          <td class="num">
            <a href="/console/certificates?programme=${encodeURIComponent(r.id)}">${r.certificates}</a>
          </td>
          <td>
            ${r.certificates > 0 ? t.inUse : t.notUsed}
            ${
              o.canEdit && r.certificates === 0
                ? html`<a href="/console/catalogue/${r.id}/edit" aria-label="${t.editAchievement}: ${r.name}"
                    >${t.editAchievement}</a
                  >`
                : ""
            }
          </td>
        </tr>`,
    ),
  );
  const body = html`<p>${t.catalogueIntro}</p>
    ${list}${o.canEdit ? addProgramme(p, o.error) : ""}`;
  return consoleLayout(p, t.catalogueTitle, body, o.flash ? { text: o.flash } : undefined);
}
