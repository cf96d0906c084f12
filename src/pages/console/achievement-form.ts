/** Editing one achievement that no certificate has signed yet: every field (the id never changes). */
import type { AchievementRecord } from "../../domain/types";
import { html, raw } from "../html";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** The form, filled with the record (or with what was typed, after an error). */
export function renderAchievementForm(p: ConsolePage, a: AchievementRecord, error?: string): string {
  const { t } = p;
  const text = (id: keyof AchievementRecord, label: string, value: string | null, max: number, required = false) =>
    html`<label for="a-${id}">${label}</label>
      <input
        type="text"
        id="a-${id}"
        name="${id}"
        value="${value ?? ""}"
        maxlength="${max}"
        ${required ? raw("required") : ""}
      />`;
  const body = html`<p>${t.editAchievementIntro}</p>
    ${error ? html`<p class="flash bad" role="alert">${error}</p>` : ""}
    <form method="post" action="/console/catalogue/${a.id}" class="panel">
      ${csrfField(p)}
      <p><code>${a.id}</code></p>
      <label for="a-kind">${t.kind}</label>
      <select id="a-kind" name="kind">
        <option value="online" ${a.kind === "online" ? raw("selected") : ""}>${t.kindOnline}</option>
        <option value="workshop" ${a.kind === "workshop" ? raw("selected") : ""}>${t.kindWorkshop}</option>
      </select>
      ${text("name", t.programmeName, a.name, 200, true)}
      <label for="a-description">${t.description}</label>
      <textarea id="a-description" name="description" maxlength="2000" required>${a.description}</textarea>
      <label for="a-criteria">${t.criteria}</label>
      <textarea id="a-criteria" name="criteria" maxlength="2000" required>${a.criteria}</textarea>
      ${text("city", t.city, a.city, 100)}
      <label for="a-date">${t.date}</label>
      <input type="date" id="a-date" name="date" value="${a.date ?? ""}" />
      ${text("venue", t.venue, a.venue, 200)}
      <label for="a-themes">${t.themesLines}</label>
      <textarea id="a-themes" name="themes">${a.themes.join("\n")}</textarea>
      <p><button class="btn primary" type="submit">${t.saveAchievement}</button></p>
    </form>`;
  return consoleLayout(p, t.editAchievementTitle.replace("{name}", a.name), body);
}
