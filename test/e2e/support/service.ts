/**
 * Starts the service exactly as the README does (`node scripts/dev.mjs`), on its own port and
 * wrangler state directory so it does not disturb `npm start`; the process handling is shared with
 * the reliability suite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startService as startIsolated } from "../../reliability/support/service";

/** A running service. */
export interface Service {
  base: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** Spawns `node scripts/dev.mjs` in a fresh state directory; resolves once healthy and seeded. */
export async function startService(
  port = Number(process.env.WEGO_E2E_PORT ?? 8798),
  timeoutMs = 150_000,
): Promise<Service> {
  const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-e2e-"));
  const running = await startIsolated(port, persist, timeoutMs);
  return {
    base: running.base,
    adminToken: running.adminToken,
    async stop() {
      await running.stop();
      fs.rmSync(persist, { recursive: true, force: true });
    },
  };
}
