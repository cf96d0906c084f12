import type { Reporter, TestModule, TestSpecification, Vitest } from "vitest/node";
import { processes } from "./proc-stat";

/**
 * A reporter that ends a `vitest run` which has stopped making progress, with an honest verdict.
 *
 * Why: in about half of the fresh-clone CI runs of 2026-12-02, every file of the run had reported
 * and one @cloudflare/vitest-pool-workers runtime (workerd) stayed up and idle: the pool task never
 * received its `testfileFinished`, so vitest waited forever for a file that had already reported
 * (cloudflare/workers-sdk#15498 describes the same mid-run stall, still open on pool-workers 0.22;
 * cloudflare/workerd#6763 a dispose that never resolves). Nothing of ours runs at that point.
 *
 * What it does, and only when vitest itself has gone quiet:
 * - every file of the run has reported and vitest has not finished `STALL_AFTER_LAST_MS` later:
 *   it prints the files' and tests' counts, kills the run's child processes (the idle workerd)
 *   and exits with 0 if every file passed and no unhandled error was caught, 1 otherwise;
 * - some files have not reported, none is running, and nothing has started or ended for
 *   `STALL_IDLE_MS`: it names the files that never ran and exits 1. Files never run are a failure,
 *   not a pass.
 * A run that finishes on its own is untouched: the timers are cleared by `onTestRunEnd`.
 */
export const STALL_AFTER_LAST_MS = Number(process.env.WEGO_STALL_AFTER_LAST_MS ?? 60_000);
const STALL_IDLE_MS = Number(process.env.WEGO_STALL_IDLE_MS ?? 300_000);

export default class StallWatchdog implements Reporter {
  private vitest: Vitest | undefined;
  private expected = new Set<string>();
  private running = new Set<string>();
  private ended = new Map<string, TestModule>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    for (const spec of specifications) this.expected.add(key(spec));
    this.arm();
  }

  onTestModuleStart(module: TestModule): void {
    this.running.add(key(module));
    this.arm();
  }

  onTestModuleEnd(module: TestModule): void {
    this.running.delete(key(module));
    this.ended.set(key(module), module);
    this.arm();
  }

  onTestRunEnd(): void {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** (Re)starts the one timer for the current state: quiet after the last file, or quiet mid-run. */
  private arm(): void {
    if (this.finished) return;
    if (this.timer) clearTimeout(this.timer);
    const allReported = this.expected.size > 0 && [...this.expected].every((id) => this.ended.has(id));
    const delay = allReported ? STALL_AFTER_LAST_MS : STALL_IDLE_MS;
    this.timer = setTimeout(() => this.fire(allReported), delay);
    this.timer.unref();
  }

  private fire(allReported: boolean): void {
    if (this.finished) return;
    // Mid-run, a file still running is not a stall of vitest's (its own test timeout governs it).
    if (!allReported && this.running.size > 0) return this.arm();
    const modules = [...this.ended.values()];
    const failedFiles = modules.filter((m) => m.state() === "failed").map(key);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules)
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    const unhandled = this.vitest?.state.getUnhandledErrors().length ?? 0;
    const neverRan = [...this.expected].filter((id) => !this.ended.has(id));
    const rel = (id: string) => id.replace(`${process.cwd()}/`, "").replace(/^([^:]*):/, "[$1] ");
    const ok = allReported && failedFiles.length === 0 && unhandled === 0;
    const lines = [
      "",
      `[stall-watchdog] vitest made no progress for ${Math.round((allReported ? STALL_AFTER_LAST_MS : STALL_IDLE_MS) / 1000)} s` +
        (allReported ? " after every file had reported" : " with files still to run") +
        " (a pool-workers runtime that never finished its task; README, “A run that stops”).",
      `[stall-watchdog] files ${modules.length - failedFiles.length} passed, ${failedFiles.length} failed, ${neverRan.length} never ran, of ${this.expected.size}; tests ${passed} passed, ${failed} failed, ${skipped} skipped; unhandled errors ${unhandled}`,
      ...failedFiles.map((id) => `[stall-watchdog] failed: ${rel(id)}`),
      ...neverRan.map((id) => `[stall-watchdog] never ran: ${rel(id)}`),
      `[stall-watchdog] ${ok ? "every file passed: exit 0" : "exit 1"}; stopping the run's child processes`,
    ];
    process.stderr.write(`${lines.join("\n")}\n`);
    killDescendants(process.pid);
    process.exit(ok ? 0 : 1);
  }
}

/** A file's identity in the run: the same path could belong to two projects. */
function key(file: TestSpecification | TestModule): string {
  return `${file.project.name}:${file.moduleId}`;
}

/** SIGKILLs every descendant of `root` (Linux `/proc`; elsewhere a no-op, the exit still happens). */
function killDescendants(root: number): void {
  const parents = new Map<number, number[]>();
  try {
    for (const p of processes()) parents.set(p.ppid, [...(parents.get(p.ppid) ?? []), p.pid]);
  } catch {
    return;
  }
  const queue = [...(parents.get(root) ?? [])];
  const all: number[] = [];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    all.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  for (const pid of all.reverse()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
