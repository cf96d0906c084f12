import { describe, expect, it } from "vitest";
import { doneWhenTable, type DoneWhenInput } from "../../../bench/done-when";
import type { IsolateResult } from "../../../bench/isolate-run";
import { SCALE_CONTROL, SCALE_OPS, type ScalePoint } from "../../../bench/scale";

const cpu = (name: string, medianMs: number, p99Ms: number) => ({ name, medianMs, p99Ms, samples: 100 });
const iso = (name: string, medianMs: number, p99Ms: number) => ({
  ...cpu(name, medianMs, p99Ms),
  maxMs: p99Ms,
  processMedianMs: 0,
});
const dual = (...ms: number[]) => ms.map((isolateMs) => ({ isolateMs, processMs: 0 }));

function isolate(opts: { profiled: number; firstPdf: number[]; p99: number }): IsolateResult {
  return {
    firstPdf: dual(...opts.firstPdf),
    firstPdfVerify: dual(4, 5, 6),
    firsts: [],
    warm: [iso("OPTIONS /c/{id} (trivial)", 0.5, 2), iso("GET /c/{id} (HTML page)", 2, opts.p99)],
    calibration: { reference: cpu("ref", 5, 6), work: cpu("work", 25, 30) },
    profiled: { reference: iso("ref", 1, 1), work: iso("work", 1 + opts.profiled, 30) },
  };
}

function scalePoint(certificates: number, factor: number): ScalePoint {
  const ops = Object.fromEntries(
    [...SCALE_OPS, SCALE_CONTROL].map((op) => [op, { cpuMs: 2 * factor, wallMs: 5, n: 9 }]),
  );
  return { certificates, ops };
}

function input(over: Partial<DoneWhenInput> = {}): DoneWhenInput {
  return {
    http: [
      { name: "GET /c/{id}", target: 0.8, ratio: 0.83, cpuRatio: 0.8, rounds: undefined as never },
      { name: "POST /credentials/verify", target: 0.5, ratio: 0.76, cpuRatio: 0.7, rounds: undefined as never },
    ],
    isolate: isolate({ profiled: 20, firstPdf: [3, 4, 5], p99: 7 }),
    trivial: cpu("OPTIONS", 2, 7),
    routes: [
      cpu("GET /c/{id} (HTML page)", 5, 16),
      cpu("GET /c/{id}.pdf, another certificate each time, never rendered", 40, 75),
    ],
    cold: [{ name: "POST /credentials/verify (PDF)", ms: [8, 9, 10] }],
    scale: { small: scalePoint(2000, 1), large: scalePoint(100_000, 1.2) },
    phone: [{ verdictMs: 1100, fcpMs: 500, bytes: 1, verdict: "valid" }] as never,
    ...over,
  };
}

/** The verdict column, by item. */
const verdicts = (lines: string[]) =>
  lines
    .filter((l) => l.startsWith("| ") && !l.startsWith("| Done-when"))
    .map((l) => l.split(" | ").at(-1)!.replace(/ \|$/, ""));

describe("doneWhenTable (bench/done-when.ts)", () => {
  it("judges each item by the isolate, with the process figures beside it", () => {
    const lines = doneWhenTable(input());
    expect(verdicts(lines)).toEqual(["yes", "yes", "yes", "yes", "yes", "yes", "yes"]);
    // The render-every-time row of section 6 is not a warm answer; the page's p99 is over the line by process.
    expect(lines.join("\n")).toContain("over the line: GET /c/{id}");
    expect(lines.join("\n")).not.toContain("another certificate each time");
  });

  it("says NO when a first request, a p99, a growth, a ratio or the phone crosses its line", () => {
    const lines = doneWhenTable(
      input({
        isolate: isolate({ profiled: 20, firstPdf: [3, 10.5, 5], p99: 10.01 }),
        http: [{ name: "GET /c/{id}", target: 0.8, ratio: 0.79, cpuRatio: 0.8, rounds: undefined as never }],
        scale: {
          small: scalePoint(2000, 1),
          large: {
            ...scalePoint(100_000, 1),
            ops: { ...scalePoint(100_000, 1).ops, [SCALE_OPS[0]]: { cpuMs: 3.1, wallMs: 5, n: 9 } },
          },
        },
        phone: [{ verdictMs: 1500, fcpMs: 500, bytes: 1, verdict: "valid" }] as never,
      }),
    );
    expect(verdicts(lines)).toEqual(["NO", "yes", "NO", "NO", "yes", "NO", "NO"]);
  });

  it("gives no isolate verdict when the calibration does not hold", () => {
    const lines = doneWhenTable(input({ isolate: isolate({ profiled: 30, firstPdf: [3], p99: 2 }) }));
    expect(verdicts(lines).slice(1, 5)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(lines.join("\n")).toContain("invalid (calibration 1.50)");
  });
});
