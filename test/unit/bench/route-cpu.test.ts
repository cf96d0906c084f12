import { describe, expect, it } from "vitest";
import { cpuNs, findWorkerd, measureRoute, workerWorkerd } from "../../../bench/route-cpu";

describe("bench/route-cpu (smoke: the bench's CPU reader works on this machine)", () => {
  it("reads a growing on-CPU time of this process from /proc", async () => {
    const before = cpuNs(process.pid);
    let x = 0;
    for (let i = 0; i < 2_000_000; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    expect(cpuNs(process.pid)).toBeGreaterThan(before);
  });

  it("returns median and p99 of a measured case", async () => {
    const r = await measureRoute(process.pid, { name: "noop", run: async () => {} }, 10, 0);
    expect(r).toMatchObject({ name: "noop", samples: 10 });
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.medianMs);
  });

  it("names the missing workerd instead of measuring the wrong process", () => {
    expect(() => findWorkerd(process.pid)).toThrow(/no workerd process/);
  });

  it("takes the user Worker's workerd, not the proxy's on the public port, whatever their pid order", () => {
    const cmd = (entry: string) => [
      "workerd",
      "serve",
      "--binary",
      "--experimental",
      `--socket-addr=entry=${entry}`,
      "-",
    ];
    const proxy = { pid: 200, args: cmd("127.0.0.1:8791") };
    const user = { pid: 100, args: cmd("127.0.0.1:0") };
    expect(workerWorkerd([proxy, user])).toBe(100);
    expect(workerWorkerd([{ ...user, pid: 300 }, proxy])).toBe(300);
    // The proxy alone (the user Worker's workerd not started yet) is never taken for the Worker's.
    expect(() => workerWorkerd([proxy])).toThrow(/no single user-Worker workerd/);
    expect(() => workerWorkerd([user, { ...user, pid: 101 }])).toThrow(/no single user-Worker workerd/);
    expect(() => workerWorkerd([])).toThrow(/no single user-Worker workerd/);
  });
});
