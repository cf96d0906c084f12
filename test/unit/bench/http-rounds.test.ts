import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { groupCpuNs, median, spread } from "../../../bench/http-rounds";

describe("bench/http-rounds (the HTTP section's arithmetic and CPU reader)", () => {
  it("takes the median of per-round ratios and their spread", () => {
    expect(median([0.9, 0.2, 0.5])).toBe(0.5);
    expect(median([0.4, 0.8, 0.6, 0.2])).toBeCloseTo(0.5);
    expect(spread([0.9, 0.2, 0.5])).toEqual([0.2, 0.9]);
  });

  it("reads a growing on-CPU time of a process group from /proc", async () => {
    // A group of its own, one busy process: vitest's own group gains and loses worker processes
    // (a workerd that exits takes its CPU time out of the sum), so it cannot show growth reliably.
    const child = spawn(process.execPath, ["-e", "for (;;) Math.sqrt(Math.random());"], {
      detached: true,
      stdio: "ignore",
    });
    try {
      const pgid = child.pid!;
      await new Promise((r) => setTimeout(r, 200));
      const before = groupCpuNs(pgid);
      await new Promise((r) => setTimeout(r, 300));
      const after = groupCpuNs(pgid);
      expect(before).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(before);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
