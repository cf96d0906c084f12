/** Minimal HTML templating: everything interpolated is escaped unless wrapped in {@link raw}. */

const RAW = Symbol("raw");

/** Markup that is already safe (built by {@link html}). */
export interface Raw {
  readonly [RAW]: true;
  readonly value: string;
}

/** Marks trusted markup so {@link html} does not escape it. */
export function raw(value: string): Raw {
  return { [RAW]: true, value };
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

type Part = string | number | Raw | null | undefined | false | readonly Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return "";
  if (Array.isArray(p)) return p.map(render).join("");
  if (typeof p === "object") return (p as Raw).value;
  return esc(String(p));
}

/** Tagged template: escapes every interpolation (strings, numbers, arrays of parts). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return raw(out);
}

/**
 * JSON for a `<script type="application/json">` data block: `<` is escaped so the text can never
 * close the element (HTML §4.12.1.3 restrictions for contents of script elements).
 */
export function jsonScriptText(value: unknown): Raw {
  return raw(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
}

/**
 * Fills `{name}` placeholders of a translated sentence with text or markup: the sentence itself is
 * escaped, so a translation can never inject markup; values built with {@link html} are kept.
 */
export function fillHtml(template: string, values: Record<string, string | Raw>): Raw {
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(template.slice(last, m.index));
    const v = values[m[1]!];
    parts.push(v === undefined ? m[0] : v);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return raw(render(parts));
}
