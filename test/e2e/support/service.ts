/**
 * Starts the service exactly as the README does (`node scripts/dev.mjs`), on its own port and
 * wrangler state directory (WEGO_PORT / WEGO_PERSIST_TO) so it does not disturb `npm start`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A running service. */
export interface Service {
  base: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** Spawns `node scripts/dev.mjs` and waits until it has printed the admin token (healthy and seeded). */
export async function startService(port = 8798, timeoutMs = 150_000): Promise<Service> {
  const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["scripts/dev.mjs"], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: { ...process.env, WEGO_PORT: String(port), WEGO_PERSIST_TO: persist, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so stop() ends wrangler and workerd too (by this group's id only).
    detached: true,
  });
  let out = "";
  const adminToken = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`dev.mjs not ready in ${timeoutMs} ms:\n${out.slice(-3000)}`)),
      timeoutMs,
    );
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /admin token:\s+(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dev.mjs exited (${code}):\n${out.slice(-3000)}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    adminToken,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(-child.pid, "SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      }
      fs.rmSync(persist, { recursive: true, force: true });
    },
  };
}
