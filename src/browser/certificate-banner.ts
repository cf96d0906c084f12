/** What the certificate page's script reads from the page and writes back: shown fields, banner, result. */
import { formatDate, type Lang } from "../pages/i18n/locale";
import { SHOWN_FIELDS, type ShownField } from "../domain/signed-facts";
import { doc, el } from "./dom";
import type { Display } from "./offline-verdict";

const collapse = (s: string | null): string => (s ?? "").replace(/\s+/g, " ").trim();

/**
 * The raw value of every field the page shows. A date's text must be its `data-value` formatted in
 * the page language, so the text shown is what is compared; duplicates or unknown fields throw.
 */
export function readShown(lang: Lang): Partial<Record<ShownField, string>> {
  const out: Partial<Record<ShownField, string>> = {};
  for (const e of Array.from(doc.querySelectorAll("[data-field]"))) {
    const name = e.getAttribute("data-field") as ShownField;
    if (!(SHOWN_FIELDS as readonly string[]).includes(name) || name in out) throw new Error(`field ${name}`);
    const value = e.getAttribute("data-value");
    const text = collapse(e.textContent);
    if (value !== null && text !== collapse(formatDate(lang, value))) throw new Error(`field ${name} text`);
    out[name] = value ?? text;
  }
  return out;
}

const ICON: Record<Display["tone"], string> = { valid: "✓", bad: "×", warn: "!", unknown: "?" };

/** Replaces the banner; the server's checks (live only) are hidden, never shown as current. */
export function showBanner(d: Display): void {
  const banner = doc.getElementById("verdict");
  if (!banner) return;
  banner.className = `verdict ${d.tone}`;
  banner.setAttribute("data-verdict", d.verdict);
  banner.setAttribute("aria-labelledby", "verdict-title");
  const h = el("h1");
  h.id = "verdict-title";
  const icon = el("span", ICON[d.tone], "icon");
  icon.setAttribute("aria-hidden", "true");
  h.append(icon, d.title);
  banner.replaceChildren(h, ...d.details.filter((t) => t).map((t) => el("p", t)));
  for (const node of Array.from(doc.querySelectorAll(".live"))) node.hidden = true;
  doc.title = `${d.title} — WeGO`;
}

/** Shows the browser's own check result under the banner. */
export function setResult(state: "ok" | "failed" | "unavailable", text: string): void {
  const section = doc.getElementById("browser-check");
  const out = doc.getElementById("browser-result");
  if (!section || !out) return;
  out.textContent = text;
  out.setAttribute("data-state", state);
  section.hidden = false;
}
