/**
 * Background rendering of new certificates' PDFs. Issuing asks for it (best effort: a certificate
 * whose job could not be queued is rendered on its first download instead); the render queue's
 * consumer renders each into the PDF store, so the first download of a certificate, from any data
 * centre and any new isolate, costs a stored read instead of a render.
 */
import type { AppDeps } from "./context";
import { prerenderPdf } from "./certificate-pdf";
import { jobId, type QueueJob } from "./delivery-consumer";

/** Tries per job before it is left to the first download. */
const MAX_ATTEMPTS = 3;
const RETRY_SECONDS = 30;

/** Renders the certificates named by a batch of render jobs into the PDF store. */
export async function handlePdfJobs(deps: AppDeps, jobs: readonly QueueJob[]): Promise<void> {
  for (const job of jobs) {
    const id = jobId(job.body, "renderPdf");
    if (!id) {
      job.ack();
      continue;
    }
    try {
      await prerenderPdf(deps, id);
      job.ack();
    } catch (e) {
      console.warn(
        JSON.stringify({
          level: "warn",
          event: "pdf-render.failed",
          certificateId: id,
          attempt: job.attempts,
          error: String(e),
        }),
      );
      // A PDF that could not be stored is rendered on its first download: never worth a dead letter.
      if (job.attempts >= MAX_ATTEMPTS) job.ack();
      else job.retry({ delaySeconds: RETRY_SECONDS * job.attempts });
    }
  }
}
