/**
 * The badge images a credential names (OB 3.0 §B.1.1 `Achievement.image`),
 * drawn as self-contained SVG: no scripts, no styles, no external references, no fonts to fetch,
 * so it renders under `Content-Security-Policy: default-src 'none'` and in wallets that inline it.
 */
import type { AchievementRecord } from "../domain/types";

const GREEN = "#00704a";
const BLUE = "#004b87";

/** XML text escaping (XML 1.0 §2.4): the five characters with meaning in character data or attributes. */
function xml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Lines of at most `max` characters, broken at spaces, at most `lines` lines (the last one cut with …). */
function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = kept[lines - 1]!.slice(0, max - 1) + "…";
    return kept;
  }
  return out.map((l) => (l.length > max ? l.slice(0, max - 1) + "…" : l));
}

function text(x: number, y: number, size: number, weight: number, fill: string, content: string): string {
  return `<text x="${x}" y="${y}" font-family="'Noto Sans', Arial, Helvetica, sans-serif" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle">${xml(content)}</text>`;
}

/** The city (or "Online lectures") in the middle: one line up to 16 characters, else two smaller ones. */
function headlineLines(headline: string): string {
  const lines = wrap(headline, 16, 2);
  if (lines.length === 1) return text(256, 262, lines[0]!.length > 10 ? 38 : 48, 700, BLUE, lines[0]!);
  return lines.map((l, i) => text(256, 244 + i * 34, 30, 700, BLUE, l)).join("");
}

function svg(title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" role="img" aria-labelledby="t">` +
    `<title id="t">${xml(title)}</title>${body}</svg>`
  );
}

/** The round badge of a catalogue achievement: programme, city (or "Online lectures") and year. */
export function achievementBadgeSvg(a: AchievementRecord): string {
  const headline = a.kind === "online" ? "Online lectures" : (a.city ?? "Workshop");
  const year = (a.date ?? /\b(19|20)\d{2}\b/.exec(a.name)?.[0] ?? "").slice(0, 4);
  const caption = wrap(a.themes.join(" · "), 30, 2);
  return svg(
    `Badge: ${a.name}`,
    `<circle cx="256" cy="256" r="248" fill="${BLUE}"/>` +
      `<circle cx="256" cy="256" r="226" fill="#ffffff"/>` +
      `<circle cx="256" cy="256" r="214" fill="none" stroke="${GREEN}" stroke-width="6"/>` +
      text(256, 120, 44, 700, BLUE, "WeGO") +
      text(256, 160, 19, 600, GREEN, "SUSTAINABLE SMART CITY") +
      text(256, 186, 19, 600, GREEN, "CHAMPIONS") +
      headlineLines(headline) +
      caption.map((l, i) => text(256, 306 + i * 26, 18, 400, "#333333", l)).join("") +
      (year ? text(256, 410, 34, 700, GREEN, year) : ""),
  );
}
