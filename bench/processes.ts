/** Child processes the bench starts (each in its own process group, killed as a group on exit). */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { startService, type RunningService } from "../test/reliability/support/service";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `url` answers 2xx within a second. */
export async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

const children: ChildProcess[] = [];

/** Starts `node <args>` in a new process group. */
export function startGroup(args: string[], opts: SpawnOptions): ChildProcess {
  const child = spawn(process.execPath, args, { detached: true, ...opts });
  children.push(child);
  return child;
}

/** SIGTERM to the group, SIGKILL after 10 s. */
export async function stopGroup(child: ChildProcess, name: string, log: (m: string) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {}
  const ok = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!ok) {
    log(`${name} did not exit on SIGTERM; sending SIGKILL to its process group`);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
    await Promise.race([exited, sleep(5000)]);
  }
}

function killAllSync() {
  for (const c of children)
    if (c.exitCode === null && c.signalCode === null)
      try {
        process.kill(-c.pid!, "SIGKILL");
      } catch {}
}
process.on("exit", killAllSync);
for (const sig of ["SIGINT", "SIGTERM"])
  process.on(sig, () => {
    killAllSync();
    process.exit(130);
  });

/**
 * The service as `npm start` runs it (scripts/dev.ts), for measurements: rate limit off, and
 * wrangler's devtools inspector off (`WEGO_INSPECTOR=off`, scripts/serve-worker.ts). With the
 * inspector attached, each of the service's per-request log lines travels from workerd to wrangler's
 * Node process as a debugger event, about 1 ms of machine CPU per request that a deployed Worker
 * does not have (README "Benchmarks").
 */
export function benchService(
  port: number,
  persistTo: string,
  env: Record<string, string> = {},
): Promise<RunningService> {
  return startService(port, persistTo, {
    rateLimitOff: true,
    timeoutMs: 300_000,
    env: { WEGO_INSPECTOR: "off", ...env },
  });
}
