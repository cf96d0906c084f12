/**
 * Build-time preparation of the base fonts (scripts/prepare-fonts.mjs): what font-embed.ts would
 * derive from each font file in a Worker's first render, computed once from the same code and stored
 * next to the fonts (prepared-font.ts). Node only in practice (it parses the whole font).
 */
import { FontFace } from "./font-embed";
import { loadFont } from "./fonts";
import { BASE_CODE_POINTS, BASE_FONTS, encodePreparedFont, fontKey } from "./prepared-font";
import { advanceWidth } from "./sfnt";
import type { FontName, FontSource } from "./types";

/** The fonts that have a prepared form: those of the fixed texts (and of most names). */
export const PREPARED_FONTS: readonly FontName[] = [...BASE_FONTS];

/** The prepared data of a base font, read from `source` (which must offer no prepared data itself). */
export async function prepareFont(source: FontSource, name: FontName): Promise<Uint8Array> {
  if (!BASE_FONTS.has(name)) throw new Error(`${name} has no base subset`);
  const cached = await loadFont(source, name);
  const face = FontFace.fromFont(name, source, cached);
  const cmap = new Map<number, { id: number; xAdvance: number }>();
  for (const cp of BASE_CODE_POINTS) {
    if (cached.glyphId(cp) === 0) continue;
    const [g] = cached.layout(String.fromCodePoint(cp));
    if (!g || g.xOffset !== 0 || g.yOffset !== 0) throw new Error(`${name}: U+${cp.toString(16)} is shaped`);
    cmap.set(cp, { id: g.id, xAdvance: g.xAdvance });
  }
  const advances = new Map<number, number>();
  for (const gid of face.base!.order) advances.set(gid, advanceWidth(cached.sfnt, gid));
  return encodePreparedFont({
    ttf: await fontKey(cached.bytes),
    metrics: face.metrics,
    cmap,
    advances,
    base: face.base!,
  });
}
