/**
 * workers-isolated files get a runtime each, disposed when the file ends. A file that issued
 * certificates has background PDF renders queued (wrangler.toml: `wego-pdf-renders`, batches after
 * up to 2 s), which the runtime's queue consumer would start while the runtime is being disposed.
 * Twice on 2026-12-02 (fresh-clone CI, 05:17 and 06:02 UTC) vitest then waited forever right after
 * the last such file (restore-timing, 0.3 s long), with its workerd still up and idle. Not proven
 * to be the cause; the file waits out one batch window before it ends, so nothing is left queued.
 */
import { afterAll } from "vitest";

/** The render queue's max_batch_timeout (2 s) and a render's time. */
const QUEUE_WINDOW_MS = 3000;

afterAll(async () => {
  await new Promise((r) => setTimeout(r, QUEUE_WINDOW_MS));
}, 10_000);
