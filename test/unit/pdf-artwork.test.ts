/** The renderer's pre-recorded artwork (artwork.generated.ts) is exactly what pdf-lib draws from design.ts today. */
import { describe, expect, it } from "vitest";
import { artworkOperators } from "../../src/adapters/pdf/artwork";
import { ARTWORK_OPERATORS } from "../../src/adapters/pdf/artwork.generated";

describe("artwork.generated.ts", () => {
  it("matches pdf-lib's drawing of the frame, rules and seal (else run node scripts/gen-artwork.mjs)", async () => {
    expect(ARTWORK_OPERATORS.plain).toBe(await artworkOperators(false));
    expect(ARTWORK_OPERATORS.seal).toBe(await artworkOperators(true));
    expect(ARTWORK_OPERATORS.seal.length).toBeGreaterThan(ARTWORK_OPERATORS.plain.length);
  });
});
