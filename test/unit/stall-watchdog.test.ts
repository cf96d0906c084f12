/**
 * The stall watchdog (test/support/stall-watchdog.ts), run as the reporter of a real vitest run over
 * two fixture files. `WEGO_STALL_AFTER_LAST_MS=1` makes it act the moment the last file has reported,
 * before vitest's own end: the state it meets in a stalled run (every file reported, a child process
 * still up), without needing a pool-workers runtime that hangs.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { procStat } from "../support/proc-stat";

const ROOT = path.resolve(__dirname, "../..");
const CONFIG = path.resolve(__dirname, "fixtures/stall-watchdog/vitest.fixture-config.ts");
const VITEST = path.resolve(ROOT, "node_modules/vitest/vitest.mjs");

function run(fixtures: string, pidFile: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [VITEST, "run", "--config", CONFIG],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          WEGO_STALL_AFTER_LAST_MS: "1",
          WATCHDOG_FIXTURES: fixtures,
          WATCHDOG_PID_FILE: pidFile,
          FORCE_COLOR: "0",
        },
        timeout: 60_000,
      },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

/** Whether `pid` is a running process: a zombie (killed, not yet reaped by init) is not. */
function running(pid: number): boolean {
  const p = procStat(pid);
  return p !== undefined && p.state !== "Z";
}

describe("stall watchdog", () => {
  it("ends a run whose files all passed with 0, and stops the child processes left behind", async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "watchdog-")), "pid");
    const { code, stderr } = await run("passes.fixture.ts", pidFile);
    expect(stderr).toContain("after every file had reported");
    expect(stderr).toContain("files 1 passed, 0 failed, 0 never ran, of 1; tests 1 passed, 0 failed, 0 skipped");
    expect(stderr).toContain("every file passed: exit 0");
    expect(code).toBe(0);
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    expect(pid).toBeGreaterThan(0);
    expect(running(pid)).toBe(false);
  }, 60_000);

  it("ends a run with a failed file with 1 and names the file", async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "watchdog-")), "pid");
    const { code, stderr } = await run("*.fixture.ts", pidFile);
    expect(stderr).toContain("files 1 passed, 1 failed, 0 never ran, of 2; tests 1 passed, 1 failed, 0 skipped");
    expect(stderr).toMatch(/failed: .*fails\.fixture\.ts/);
    expect(stderr).toContain("exit 1;");
    expect(code).toBe(1);
  }, 60_000);
});
