/**
 * Cohort upload: the file form, then the check page (column mapping, every row with its problems
 * inline) from which the valid rows are issued. No script: the file travels between the steps in a
 * hidden field, and the server checks it again at every step.
 */
import { html, raw, type Raw } from "../html";
import type { ConsoleMessages } from "./messages";
import { table } from "./format";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

const FIELDS = ["name", "email", "achievementId", "externalId", "validUntil"] as const;
type Field = (typeof FIELDS)[number];

/** The upload carried between steps. */
export interface CarriedFile {
  name: string;
  kind: string;
  /** base64 of the file's bytes. */
  data: string;
  achievementId: string;
  validUntil: string;
  /** Header → field or "" (leave out), as chosen in the mapping step. */
  mapping: Record<string, string>;
}

/** The preview as the services describe it (see services/batch-preview.ts). */
export interface PreviewView {
  ready: boolean;
  fileError?: { code: string; message: string };
  columns?: { column: number; header: string; field: string | null }[];
  missing?: string[];
  provided?: { field: string; by: "default" | "derived" }[];
  counts: { total: number; ready: number; issued: number; error: number };
  rows: {
    line: number;
    values: Partial<Record<Field, string>>;
    state: "ready" | "issued" | "error";
    errors: { field: string | null; message: string }[];
    certificateId?: string;
  }[];
}

const fieldName = (t: ConsoleMessages, f: string) =>
  ({
    name: t.fieldName,
    email: t.fieldEmail,
    achievementId: t.fieldAchievement,
    externalId: t.fieldExternalId,
    validUntil: t.fieldValidUntil,
  })[f] ?? f;

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k) => String(v[k] ?? m));

function programmeSelect(
  p: ConsolePage,
  id: string,
  programmes: { id: string; name: string }[],
  selected: string,
): Raw {
  return html`<select id="${id}" name="achievementId">
    <option value="">${p.t.noDefault}</option>
    ${programmes.map((a) => html`<option value="${a.id}" ${a.id === selected ? raw("selected") : ""}>${a.name}</option>`)}
  </select>`;
}

/** Step 1: choose the file. */
export function renderUploadForm(p: ConsolePage, programmes: { id: string; name: string }[], error?: string): string {
  const { t } = p;
  const body = html`<p>${t.uploadIntro}</p>
    ${error ? html`<p class="flash bad" role="alert">${error}</p>` : ""}
    <form method="post" action="/console/upload/preview" enctype="multipart/form-data">
      ${csrfField(p)}
      <label for="file">${t.fileLabel}</label>
      <input
        type="file"
        id="file"
        name="file"
        required
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      />
      <label for="default-programme">${t.defaultProgrammeLabel}</label>
      ${programmeSelect(p, "default-programme", programmes, "")}
      <label for="default-valid-until">${t.defaultValidUntilLabel}</label>
      <input type="text" id="default-valid-until" name="validUntil" maxlength="10" />
      <p><button class="btn primary" type="submit">${t.previewSubmit}</button></p>
    </form>`;
  return consoleLayout(p, t.uploadTitle, body);
}

function carried(f: CarriedFile, withMapping: boolean): Raw {
  return html`<input type="hidden" name="fileName" value="${f.name}" />
    <input type="hidden" name="fileKind" value="${f.kind}" />
    <input type="hidden" name="fileData" value="${f.data}" />
    ${withMapping ? html`<input type="hidden" name="mapping" value="${JSON.stringify(f.mapping)}" />` : ""}`;
}

/** Step 2: the column mapping and every row, with problems inline; then Issue. */
export function renderPreview(
  p: ConsolePage,
  o: { file: CarriedFile; preview: PreviewView; programmes: { id: string; name: string }[] },
): string {
  const { t } = p;
  const v = o.preview;
  const names = new Map(o.programmes.map((a) => [a.id, a.name]));
  const mapping = v.columns?.length
    ? html`<form method="post" action="/console/upload/preview" class="panel">
        ${csrfField(p)} ${carried(o.file, false)}
        <h2 id="mapping-title">${t.mappingTitle}</h2>
        <p>${t.mappingIntro}</p>
        ${table(
          "mapping",
          t.mappingTitle,
          html`<tr>
            <th scope="col">${t.column}</th>
            <th scope="col">${t.header}</th>
            <th scope="col">${t.fieldLabel}</th>
          </tr>`,
          v.columns.map(
            (c) =>
              html`<tr>
                <td>${c.column}</td>
                <th scope="row">${c.header}</th>
                <td>
                  <select name="map:${c.header}" aria-label="${t.fieldLabel}: ${c.header}">
                    <option value="">${t.fieldIgnore}</option>
                    ${FIELDS.map(
                      (f) =>
                        html`<option value="${f}" ${c.field === f ? raw("selected") : ""}>${fieldName(t, f)}</option>`,
                    )}
                  </select>
                </td>
              </tr>`,
          ),
        )}
        ${
          v.missing?.length
            ? html`<p class="err" role="alert">
                ${fill(t.missingFields, { fields: v.missing.map((f) => fieldName(t, f)).join(", ") })}
              </p>`
            : ""
        }
        ${v.provided?.some((x) => x.field === "externalId" && x.by === "derived") ? html`<p class="hint">${t.derivedExternalId}</p>` : ""}
        <label for="map-programme">${t.defaultProgrammeLabel}</label>
        ${programmeSelect(p, "map-programme", o.programmes, o.file.achievementId)}
        <label for="map-valid-until">${t.defaultValidUntilLabel}</label>
        <input type="text" id="map-valid-until" name="validUntil" maxlength="10" value="${o.file.validUntil}" />
        <p><button class="btn" type="submit">${t.applyMapping}</button></p>
      </form>`
    : "";
  const problem = v.fileError
    ? html`<p class="flash bad" role="alert">${fill(t.fileProblem, { message: v.fileError.message })}</p>`
    : "";
  const stateText = (s: string) => (s === "ready" ? t.stateReady : s === "issued" ? t.stateIssued : t.stateError);
  const rows = v.rows.length
    ? table(
        "rows",
        o.file.name,
        html`<tr>
          <th scope="col">${t.line}</th>
          <th scope="col">${t.fieldName}</th>
          <th scope="col">${t.fieldEmail}</th>
          <th scope="col">${t.fieldAchievement}</th>
          <th scope="col">${t.fieldExternalId}</th>
          <th scope="col">${t.state}</th>
          <th scope="col">${t.problems}</th>
        </tr>`,
        v.rows.map(
          (r) =>
            html`<tr id="line-${r.line}" class="${r.state}">
              <td>${r.line}</td>
              <td>${r.values.name ?? ""}</td>
              <td>${r.values.email ?? ""}</td>
              <td>${names.get(r.values.achievementId ?? "") ?? r.values.achievementId ?? ""}</td>
              <td>${r.values.externalId ?? ""}</td>
              <td>
                ${
                  r.certificateId
                    ? html`<a href="/console/certificates/${r.certificateId}">${stateText(r.state)}</a>`
                    : html`<span
                        class="badge ${r.state === "error" ? "revoked" : r.state === "ready" ? "active" : "suspended"}"
                        >${stateText(r.state)}</span
                      >`
                }
              </td>
              <td>
                ${
                  r.errors.length
                    ? html`<ul class="problems">
                        ${r.errors.map((e) => html`<li class="err">${e.field ? `${fieldName(t, e.field)}: ` : ""}${e.message}</li>`)}
                      </ul>`
                    : ""
                }
              </td>
            </tr>`,
        ),
      )
    : "";
  const counts = v.ready ? html`<p role="status" id="counts">${fill(t.previewCounts, v.counts)}</p>` : "";
  const bad = v.rows.filter((r) => r.errors.length);
  // The problems first, each linking to its row in the full table below.
  const summary = bad.length
    ? html`<ul class="problems" id="problems">
        ${bad.map(
          (r) =>
            html`<li>
              <a href="#line-${r.line}">${t.line} ${r.line}</a>:
              ${r.errors.map((e) => `${e.field ? `${fieldName(t, e.field)}: ` : ""}${e.message}`).join("; ")}
            </li>`,
        )}
      </ul>`
    : "";
  const issue =
    v.ready && v.counts.ready > 0
      ? html`<form method="post" action="/console/upload/issue">
          ${csrfField(p)} ${carried(o.file, true)}
          <input type="hidden" name="achievementId" value="${o.file.achievementId}" />
          <input type="hidden" name="validUntil" value="${o.file.validUntil}" />
          ${v.counts.error ? html`<p>${t.fixAndReupload}</p>` : ""}
          <label><input type="checkbox" name="notify" value="yes" /> ${t.notifySource}</label>
          <p>
            <button class="btn primary" type="submit" id="issue">${fill(t.issueRows, { n: v.counts.ready })}</button>
          </p>
        </form>`
      : v.ready
        ? html`<p>${t.nothingToIssue}</p>`
        : "";
  return consoleLayout(p, t.previewTitle, html`${problem}${counts}${summary}${issue}${mapping}${rows}`);
}
