/**
 * Learning platforms (admin only): each source with its addresses, course mapping, keys and
 * settings; adding one, rotating a secret, enabling or disabling; the last events with outcomes.
 * Secrets appear only in the answer to the create or rotate that made them.
 */
import { html, raw, type Raw } from "../html";
import { dateTime, table } from "./format";
import type { ConsoleMessages } from "./messages";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** Platform kinds (schemas/completion-source-fields.json). */
export const SOURCE_KINDS = ["generic", "thinkific", "moodle", "teachable", "learnworlds", "canvas", "other"] as const;

/** A source as staff see it (services/completion-sources.ts describeSources). */
export interface SourceView {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  notify: boolean;
  courses: Record<string, string>;
  defaultLanguage: string;
  webhookUrl: string;
  claimUrl: string;
  keys: { id: string; purpose: string; kind: string; createdAt: string; expiresAt: string | null; live: boolean }[];
}

/** A completion event as listed. */
export interface EventView {
  seq: number;
  source: string;
  channel: string;
  receivedAt: string;
  outcome: "issued" | "duplicate" | "rejected";
  code: string | null;
  reason: string | null;
  course: string | null;
  certificateId: string | null;
}

/** Secrets to show once, after a create or a rotation. */
export interface ShownSecrets {
  sourceId: string;
  secrets: { label: string; value: string }[];
}

/** The course mapping as the form's lines (`course = achievement`). */
export const courseLines = (courses: Record<string, string>) =>
  Object.entries(courses)
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");

function settingsFields(p: ConsolePage, prefix: string, s?: SourceView): Raw {
  const { t } = p;
  const lang = s?.defaultLanguage ?? "en";
  return html`<label for="${prefix}-name">${t.sourceName}</label>
    <input type="text" id="${prefix}-name" name="name" required maxlength="100" value="${s?.name ?? ""}" />
    <label for="${prefix}-courses">${t.coursesLines}</label>
    <textarea id="${prefix}-courses" name="courses">${s ? courseLines(s.courses) : ""}</textarea>
    <label for="${prefix}-lang">${t.defaultLanguage}</label>
    <select id="${prefix}-lang" name="defaultLanguage">
      <option value="en" ${lang === "en" ? raw("selected") : ""}>English</option>
      <option value="ko" ${lang === "ko" ? raw("selected") : ""}>한국어</option>
    </select>
    <label class="check"
      ><input type="checkbox" name="notify" value="yes" ${s?.notify === false ? "" : raw("checked")} />
      ${t.notifySource}</label
    >`;
}

function rotateForm(p: ConsolePage, s: SourceView, purpose: "webhook" | "claim"): Raw {
  const { t } = p;
  const id = `grace-${s.id}-${purpose}`;
  return html`<form method="post" action="/console/sources/${s.id}/rotate" class="panel">
    ${csrfField(p)}
    <input type="hidden" name="purpose" value="${purpose}" />
    <label for="${id}">${t.graceLabel}</label>
    <select id="${id}" name="graceSeconds">
      <option value="86400">${t.graceDay}</option>
      <option value="3600">${t.graceHour}</option>
      <option value="0">${t.graceNone}</option>
    </select>
    <p>
      <button class="btn" type="submit">${purpose === "webhook" ? t.rotateWebhook : t.rotateClaim}</button>
    </p>
  </form>`;
}

function sourcePanel(p: ConsolePage, s: SourceView): Raw {
  const { t, lang } = p;
  const keys = table(
    `keys-${s.id}`,
    `${t.keysTitle}: ${s.name}`,
    html`<tr>
      <th scope="col">${t.keyPurpose}</th>
      <th scope="col">${t.createdAt}</th>
      <th scope="col">${t.keyExpires}</th>
    </tr>`,
    s.keys.map(
      (k) =>
        html`<tr>
          <td>${k.purpose === "webhook" ? t.webhookSecret : t.claimSecret} (${k.kind}, <code>${k.id}</code>)</td>
          <td>${dateTime(lang, k.createdAt)}</td>
          <td>${k.expiresAt ? dateTime(lang, k.expiresAt) : t.keyNever}</td>
        </tr>`,
    ),
  );
  return html`<section class="panel" aria-labelledby="source-${s.id}">
    <h2 id="source-${s.id}">${s.name} <code>${s.id}</code></h2>
    <dl>
      <dt>${t.sourceKind}</dt>
      <dd>${s.kind}</dd>
      <dt>${t.sourceState}</dt>
      <dd><span class="badge ${s.enabled ? "active" : "revoked"}">${s.enabled ? t.sourceOn : t.sourceOff}</span></dd>
      <dt>${t.webhookUrl}</dt>
      <dd><code>${s.webhookUrl}</code></dd>
      <dt>${t.claimUrl}</dt>
      <dd><code>${s.claimUrl}</code></dd>
      <dt>${t.courseMapping}</dt>
      <dd>${Object.keys(s.courses).length ? html`<pre>${courseLines(s.courses)}</pre>` : "—"}</dd>
    </dl>
    ${keys}
    <div class="grid2">
      <form method="post" action="/console/sources/${s.id}" class="panel">
        ${csrfField(p)} ${settingsFields(p, `edit-${s.id}`, s)}
        <p><button class="btn primary" type="submit">${t.saveSource}</button></p>
      </form>
      <div>
        ${rotateForm(p, s, "webhook")} ${rotateForm(p, s, "claim")}
        <form method="post" action="/console/sources/${s.id}/enabled">
          ${csrfField(p)}
          <input type="hidden" name="enabled" value="${s.enabled ? "no" : "yes"}" />
          <button class="btn${s.enabled ? " danger" : ""}" type="submit">
            ${s.enabled ? t.disableSource : t.enableSource}
          </button>
        </form>
      </div>
    </div>
  </section>`;
}

function outcomeText(t: ConsoleMessages, o: EventView["outcome"]): string {
  return o === "issued" ? t.outcomeIssued : o === "duplicate" ? t.outcomeDuplicate : t.outcomeRejected;
}

function eventsTable(p: ConsolePage, events: EventView[]): Raw {
  const { t, lang } = p;
  if (!events.length)
    return html`<h2>${t.recentEvents}</h2>
      <p>${t.noEvents}</p>`;
  return table(
    "events",
    t.recentEvents,
    html`<tr>
      <th scope="col">${t.when}</th>
      <th scope="col">${t.sourceName}</th>
      <th scope="col">${t.channel}</th>
      <th scope="col">${t.course}</th>
      <th scope="col">${t.outcome}</th>
      <th scope="col">${t.lastError}</th>
    </tr>`,
    events.map(
      (e) =>
        html`<tr>
          <td>${dateTime(lang, e.receivedAt)}</td>
          <td><code>${e.source}</code></td>
          <td>${e.channel}</td>
          <td>${e.course ?? ""}</td>
          <td>
            ${
              e.certificateId
                ? html`<a href="/console/certificates/${e.certificateId}">${outcomeText(t, e.outcome)}</a>`
                : outcomeText(t, e.outcome)
            }
          </td>
          <td>${e.code ? html`<code>${e.code}</code> ${e.reason ?? ""}` : ""}</td>
        </tr>`,
    ),
  );
}

export function renderSources(
  p: ConsolePage,
  d: { sources: SourceView[]; events: EventView[] },
  o: { shown?: ShownSecrets; error?: string; flash?: string } = {},
): string {
  const { t } = p;
  const shown = o.shown
    ? html`<section class="panel" aria-labelledby="secrets-title" id="secrets">
        <h2 id="secrets-title">${t.newSecretsTitle.replace("{id}", o.shown.sourceId)}</h2>
        <p>${t.secretShownOnce}</p>
        <dl>
          ${o.shown.secrets.map(
            (x) =>
              html`<dt>${x.label}</dt>
                <dd class="token-once">${x.value}</dd>`,
          )}
        </dl>
      </section>`
    : "";
  const add = html`<form method="post" action="/console/sources" class="panel">
    ${csrfField(p)}
    <h2>${t.addSource}</h2>
    <label for="new-id">${t.sourceId}</label>
    <input type="text" id="new-id" name="id" required maxlength="40" pattern="[a-z0-9][a-z0-9\\-]{0,39}" />
    <label for="new-kind">${t.sourceKind}</label>
    <select id="new-kind" name="kind">
      ${SOURCE_KINDS.map((k) => html`<option value="${k}">${k}</option>`)}
    </select>
    ${settingsFields(p, "new")}
    <p><button class="btn primary" type="submit">${t.addSource}</button></p>
  </form>`;
  const body = html`<p>${t.sourcesIntro}</p>
    ${o.error ? html`<p class="flash bad" role="alert">${o.error}</p>` : ""} ${shown}
    ${d.sources.length ? d.sources.map((s) => sourcePanel(p, s)) : html`<p>${t.noSources}</p>`}
    ${eventsTable(p, d.events)} ${add}`;
  return consoleLayout(p, t.sourcesTitle, body, o.flash ? { text: o.flash } : undefined);
}
