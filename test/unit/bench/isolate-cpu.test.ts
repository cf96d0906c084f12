import { describe, expect, it } from "vitest";
import type { Profile } from "../../../bench/cdp";
import { monotonicUs, perRequestMs } from "../../../bench/isolate-cpu";

const frame = (functionName: string) => ({ functionName, scriptId: "1", url: "", lineNumber: 0, columnNumber: 0 });

/** A profile whose samples fall at the given times (µs), each on the node named. */
function profile(startTime: number, samples: [number, string][], endTime: number): Profile {
  const names = ["(root)", "(idle)", "(program)", "(garbage collector)", "verify"];
  let last = startTime;
  return {
    nodes: names.map((n, i) => ({ id: i + 1, callFrame: frame(n) })),
    startTime,
    endTime,
    samples: samples.map(([, n]) => names.indexOf(n) + 1),
    timeDeltas: samples.map(([t]) => {
      const d = t - last;
      last = t;
      return d;
    }),
  };
}

describe("perRequestMs (bench/isolate-cpu.ts)", () => {
  it("credits each sample with the time to the next, capped at twice the sampler's period, by request window", () => {
    const p = profile(
      800,
      [
        [900, "verify"], // before the first mark: not a request's
        [1100, "verify"],
        [1200, "verify"],
        [1300, "(program)"], // the next sample is 3,700 µs later: credited the cap
        [5000, "(idle)"], // not the isolate's work
        [6000, "verify"],
        [6100, "(garbage collector)"],
        [6200, "verify"],
        [20000, "verify"], // the next sample, after the last mark, still bounds it (capped)
        [40000, "verify"], // after the last mark
      ],
      40050,
    );
    // Gaps under ten intervals (1,000 µs): 200 100 100 100 100: period 100, cap 200 µs.
    const ms = perRequestMs(p, [1000, 4000, 10000, 30000]);
    expect(ms).toHaveLength(3);
    [0.4, 0.4, 0.2].forEach((want, i) => expect(ms[i]).toBeCloseTo(want, 9));
  });

  it("gives a request with no samples zero, and an empty profile zeros", () => {
    const p = profile(
      0,
      [
        [100, "verify"],
        [200, "verify"],
        [300, "verify"],
      ],
      400,
    );
    const ms = perRequestMs(p, [50, 250, 260, 1000]);
    expect(ms).toHaveLength(3);
    [0.2, 0, 0.1].forEach((want, i) => expect(ms[i]).toBeCloseTo(want, 9));
    expect(perRequestMs(profile(0, [], 0), [0, 10, 20])).toEqual([0, 0]);
  });

  it("measures the sampler's real period, gives a sample on a mark to the later request, refuses unknown nodes", () => {
    // Samples every 150 µs (requested 100): period 150, cap 300 µs.
    const p = profile(
      0,
      [
        [100, "verify"],
        [250, "verify"],
        [400, "verify"], // exactly on the second mark: the second request's
        [550, "verify"],
        [2000, "verify"], // 1,450 µs later: the sample before it is credited the cap, 300
      ],
      2150,
    );
    const ms = perRequestMs(p, [0, 400, 3000], 100);
    expect(ms).toHaveLength(2);
    expect(ms[0]).toBeCloseTo(0.3, 9); // 150 + 150
    expect(ms[1]).toBeCloseTo(0.6, 9); // 150 + 300 + 150 (the last, to the profile's end)
    const broken = { ...p, samples: [...p.samples.slice(0, -1), 99] };
    expect(() => perRequestMs(broken, [0, 400, 3000], 100)).toThrow(/names no node/);
  });

  it("reads the clock V8's profiles use (CLOCK_MONOTONIC, µs): it moves forward in microseconds", async () => {
    const a = monotonicUs();
    await new Promise((r) => setTimeout(r, 20));
    const b = monotonicUs();
    expect(b - a).toBeGreaterThanOrEqual(15_000);
    expect(b - a).toBeLessThan(5_000_000);
  });
});
