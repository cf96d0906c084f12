/**
 * Starts the service exactly as the README does (`node scripts/dev.mjs`), on its own port and
 * wrangler state directory so it does not disturb `npm start`; the process handling is shared with
 * the reliability suite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach } from "vitest";
import { startService as startIsolated } from "../../reliability/support/service";
import { NUDGE_PATH, nudgeProxy } from "../../support/dev-proxy";

/** A running service. */
export interface Service {
  base: string;
  adminToken: string;
  /** What the service printed (the last 100–200 KB), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The e2e ports: WEGO_E2E_PORT (default 8797) and the next ones, one per e2e file (`offset`), so
 * that several checkouts on one machine can run e2e at once on ports of their own.
 */
export function e2ePort(offset: number): number {
  const base = Number(process.env.WEGO_E2E_PORT ?? 8797);
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) throw new Error(`bad WEGO_E2E_PORT ${base}`);
  return base + offset;
}

/** Spawns `node scripts/dev.mjs` in a fresh state directory; resolves once healthy and seeded. */
export async function startService(
  port: number,
  timeoutMs = 150_000,
  env: Record<string, string> = {},
): Promise<Service> {
  const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-e2e-"));
  const running = await startIsolated(port, persist, { timeoutMs, env });
  // Releases a request wrangler's proxy parked (../../support/dev-proxy.ts) within a second.
  const nudge = setInterval(() => nudgeProxy(fetch, running.base), 1000);
  nudge.unref();
  const nudgeLine = `HEAD ${NUDGE_PATH} `;
  return {
    base: running.base,
    adminToken: running.adminToken,
    log: () =>
      running
        .log()
        .split("\n")
        .filter((l) => !l.includes(nudgeLine))
        .join("\n"),
    async stop() {
      clearInterval(nudge);
      await running.stop();
      fs.rmSync(persist, { recursive: true, force: true });
    },
  };
}

/**
 * Makes every failed test of the calling file print the tail of what its service said (its request
 * lines among it): a navigation that never commits, or a page that never saves, is otherwise silent
 * about whether the requests reached the Worker. `more` adds what the test can say itself (e.g. the
 * browser's service worker state); it must answer quickly.
 */
export function printServiceTailOnFailure(service: () => Service | undefined, more?: () => Promise<string>): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      const extra = more
        ? await Promise.race([
            more().catch((e: unknown) => `(could not say: ${String(e)})`),
            new Promise<string>((r) => setTimeout(() => r("(no answer in 5 s)"), 5000)),
          ])
        : "";
      console.error(
        `[${new Date().toISOString()}] service output (tail):\n${service()?.log().slice(-6000) ?? "(no service)"}` +
          (extra ? `\n${extra}` : ""),
      );
    });
  });
}
