import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { groupCpuNs, median, spread } from "../../../bench/http-rounds";

describe("bench/http-rounds (the HTTP section's arithmetic and CPU reader)", () => {
  it("takes the median of per-round ratios and their spread", () => {
    expect(median([0.9, 0.2, 0.5])).toBe(0.5);
    expect(median([0.4, 0.8, 0.6, 0.2])).toBeCloseTo(0.5);
    expect(spread([0.9, 0.2, 0.5])).toEqual([0.2, 0.9]);
  });

  it("reads a growing on-CPU time of this process group from /proc", () => {
    const pgid = Number(fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ")[2]);
    const before = groupCpuNs(pgid);
    let x = 0;
    for (let i = 0; i < 2_000_000; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    expect(groupCpuNs(pgid)).toBeGreaterThan(before);
  });
});
