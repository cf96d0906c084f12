import { describe, expect, it } from "vitest";
import { SCALE_CONTROL, SCALE_OPS, scaleTable, type ScalePoint } from "../../../bench/scale";

/** A size where every operation took `ms`, and the control `controlMs`. */
function point(certificates: number, ms: number, controlMs: number, read = ms): ScalePoint {
  const ops: ScalePoint["ops"] = {};
  for (const op of SCALE_OPS) ops[op] = { cpuMs: ms, wallMs: ms * 2, n: 25 };
  ops[SCALE_OPS[0]] = { cpuMs: read, wallMs: read * 2, n: 25 };
  ops[SCALE_CONTROL] = { cpuMs: controlMs, wallMs: controlMs * 2, n: 25 };
  return { certificates, ops };
}

const verdicts = (lines: string[]) => lines.slice(2).map((l) => l.split("|").at(-2)!.trim());

describe("bench/scale scaleTable (the 1k vs 100k verdict)", () => {
  it("judges each operation's growth divided by the control's, and prints both", () => {
    // Everything 1.6× slower, the control too: the machine moved, not the work per request.
    const lines = scaleTable(point(1_000, 2, 1), point(100_000, 3.2, 1.6));
    expect(lines[0]).toContain("÷ the control's growth (1.60×)");
    expect(lines[2]).toContain("| 1.60× | 1.00× |");
    expect(verdicts(lines)).toEqual([...SCALE_OPS.map(() => "yes"), "—"]);
  });

  it("fails an operation that grew past 1.5× the control, and only that one", () => {
    const lines = scaleTable(point(1_000, 2, 1), point(100_000, 2, 1, 3.2));
    expect(verdicts(lines)).toEqual(["NO", ...SCALE_OPS.slice(1).map(() => "yes"), "—"]);
  });

  it("is stricter when the control sped up", () => {
    // Raw growth 1.2× is 2.0× a control that went 0.6×.
    const lines = scaleTable(point(1_000, 2, 1), point(100_000, 2.4, 0.6));
    expect(verdicts(lines).slice(0, -1)).toEqual(SCALE_OPS.map(() => "NO"));
  });
});
