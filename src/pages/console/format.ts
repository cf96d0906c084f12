/** Small formatting helpers shared by the console pages. */
import { html, type Raw } from "../html";
import type { Lang } from "../i18n";
import type { ConsoleMessages } from "./messages";

/** Date and time in UTC, per locale ("1 Dec 2026, 09:30 UTC"). */
export function dateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return (
    new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(new Date(t)) + " UTC"
  );
}

/** The localised name of a certificate status. */
export function statusName(t: ConsoleMessages, status: string): string {
  return status === "active"
    ? t.statusActive
    : status === "suspended"
      ? t.statusSuspended
      : status === "revoked"
        ? t.statusRevoked
        : status;
}

/** A status badge (text, not colour alone, carries the meaning: WCAG 1.4.1). */
export function statusBadge(t: ConsoleMessages, status: string): Raw {
  return html`<span class="badge ${status}">${statusName(t, status)}</span>`;
}

/** A table in a horizontally scrollable region (narrow screens), labelled by its caption. */
export function table(id: string, caption: string, head: Raw, rows: Raw[]): Raw {
  return html`<div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0">
    <table>
      <caption id="${id}">
        ${caption}
      </caption>
      <thead>
        ${head}
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
