/**
 * Runs the service as `npm start` does (`tsx scripts/dev.ts`), isolated on a free port and its own
 * wrangler state directory (WEGO_PORT / WEGO_PERSIST_TO), in its own process group so that the
 * whole tree (dev.ts, wrangler, workerd) can be killed hard (SIGKILL) and started again on the same
 * state directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/**
 * A reliability service's port: WEGO_RELIABILITY_PORT (+ `offset`, one per service) when set, so
 * that concurrent runs on one machine can be kept apart by hand; otherwise a free port chosen by
 * the kernel.
 */
export function reliabilityPort(offset = 0): Promise<number> {
  const fixed = process.env.WEGO_RELIABILITY_PORT;
  if (fixed === undefined || fixed === "") return freePort();
  const port = Number(fixed) + offset;
  if (!Number.isInteger(port) || port < 1024 || port > 65_535) throw new Error(`bad WEGO_RELIABILITY_PORT ${fixed}`);
  return Promise.resolve(port);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  base: string;
  adminToken: string;
  pid: number;
  /** What dev.ts, wrangler and the Worker printed (the last 100–200 KB), for failure messages. */
  log(): string;
  /** SIGKILL to the whole process group: no graceful shutdown. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Options for a service run. */
export interface ServiceOptions {
  timeoutMs?: number;
  /**
   * Switches the public rate limiter off (dev.ts passes RATE_LIMIT_PUBLIC=off, honoured only on
   * a loopback base URL), for load runs that measure the endpoint rather than the limiter.
   */
  rateLimitOff?: boolean;
  /** More environment for dev.mjs (e.g. WEGO_OUTBOX, WEGO_EMAIL_FAULTS, WEGO_EMAIL_RETRY_SECONDS). */
  env?: Record<string, string>;
}

/**
 * wrangler appends every line it prints, each request's log line included, to a debug log under
 * ~/.config/.wrangler/logs that nothing removes: a run's copy goes with its state folder instead.
 * For a wrangler started directly (the bench's bare Worker); dev.ts does the same by itself.
 */
export function wranglerLogEnv(stateDir: string): { WRANGLER_LOG_PATH: string } {
  return { WRANGLER_LOG_PATH: path.join(stateDir, "wrangler-logs") };
}

/** Starts dev.ts on `port` with state in `persist`; resolves once healthy and seeded. */
export async function startService(
  port: number,
  persist: string,
  { timeoutMs = 150_000, rateLimitOff = false, env: extra = {} }: ServiceOptions = {},
): Promise<RunningService> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extra,
    WEGO_PORT: String(port),
    WEGO_PERSIST_TO: persist,
    CI: "true",
  };
  // dev.ts then keeps wrangler's debug log in `persist`, deleted with the run.
  delete env.WRANGLER_LOG_PATH;
  if (rateLimitOff) env.WEGO_RATE_LIMIT = "off";
  else delete env.WEGO_RATE_LIMIT;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`dev.ts not ready in ${timeoutMs} ms:\n${out.slice(-3000)}`)),
      timeoutMs,
    );
    let found = false;
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
      // Once started, the service logs a line per request (load runs: hundreds a second): stop
      // scanning the kept output, so this process (the bench's load generator) does no work per line.
      if (found) return;
      const m = /admin token:\s+(\S+)/.exec(out);
      if (m) {
        found = true;
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dev.ts exited (${code}):\n${out.slice(-3000)}`));
    });
  });
  let adminToken: string;
  try {
    adminToken = await ready;
  } catch (e) {
    // dev.ts may have died after starting wrangler (same process group): take the group down,
    // or a wrangler/workerd would keep the port with nobody left to stop it.
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // the group is already gone
    }
    throw e;
  }
  const pid = child.pid!;
  const signal = async (sig: NodeJS.Signals, waitMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-pid, sig);
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, waitMs))]);
  };
  return {
    base: `http://127.0.0.1:${port}`,
    adminToken,
    pid,
    log: () => out,
    async kill() {
      await signal("SIGKILL", 10_000);
      // Let the kernel release the port and the workerd children go away.
      await new Promise((r) => setTimeout(r, 500));
    },
    async stop() {
      await signal("SIGTERM", 5_000);
      await signal("SIGKILL", 5_000);
    },
  };
}

/** A fresh state directory under the OS temp dir. */
export function tempPersistDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "wego-reliability-"));
}
