/**
 * Asking for new certificates' PDFs to be rendered in the background (services/pdf-jobs.ts renders
 * them), so that the first download of a certificate is a stored file. Best effort: a certificate
 * whose job could not be queued is rendered on its first download instead.
 */
import type { AppDeps } from "./context";

/**
 * How long an issue waits for the render queue to take its jobs. A queue send takes milliseconds; one
 * that does not answer must not hold an admin's issue (or a platform's webhook) open: past this, the
 * certificates are rendered on their first download instead.
 */
export const RENDER_ENQUEUE_TIMEOUT_MS = 2000;

/** Asks for the PDFs of `certificateIds` to be rendered in the background; never fails nor holds the caller. */
export async function requestPdfRenders(deps: AppDeps, certificateIds: readonly string[]): Promise<void> {
  if (!deps.pdfJobs || !deps.pdfStore || certificateIds.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unanswered = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the render queue did not answer in ${RENDER_ENQUEUE_TIMEOUT_MS} ms`)),
      RENDER_ENQUEUE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([deps.pdfJobs([...certificateIds]), unanswered]);
  } catch (e) {
    console.warn(
      JSON.stringify({
        level: "warn",
        event: "pdf-render.enqueue-failed",
        count: certificateIds.length,
        error: String(e),
      }),
    );
  } finally {
    clearTimeout(timer);
  }
}
