/**
 * Asking for new certificates' PDFs to be rendered in the background (services/pdf-jobs.ts renders
 * them), so that the first download of a certificate is a stored file. Best effort: a certificate
 * whose job could not be queued is rendered on its first download instead.
 */
import type { AppDeps } from "./context";

/** Asks for the PDFs of `certificateIds` to be rendered in the background; never fails the caller. */
export async function requestPdfRenders(deps: AppDeps, certificateIds: readonly string[]): Promise<void> {
  if (!deps.pdfJobs || !deps.pdfStore || certificateIds.length === 0) return;
  try {
    await deps.pdfJobs([...certificateIds]);
  } catch (e) {
    console.warn(
      JSON.stringify({
        level: "warn",
        event: "pdf-render.enqueue-failed",
        count: certificateIds.length,
        error: String(e),
      }),
    );
  }
}
