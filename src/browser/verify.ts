/**
 * The public pages' script (bundled to /static/verify.js by scripts/build-browser.mjs).
 * - Certificate page, live: a second check of the VC-JWT in the browser (only on a valid page),
 *   then the page is saved for offline use (service worker).
 * - Certificate page, saved copy or offline: the verdict comes only from what the phone can check
 *   (./offline-verdict.ts); the copy itself shows no verdict.
 * - Verify page: a PDF goes to `POST /credentials/verify` as `application/pdf`; other input is
 *   posted to the server form.
 * Fails closed: any exception ends in the neutral "could not check" state. The script writes text
 * only (never HTML), so the pages can require Trusted Types.
 */
import { certificatePage } from "./certificate-check";
import { pageData } from "./page-data";
import { setupVerifyPage } from "./verify-upload";

async function main(): Promise<void> {
  const d = pageData();
  if (!d) return;
  if (d.page === "verify") return setupVerifyPage(d);
  if (d.page === "certificate" && typeof d.id === "string") await certificatePage(d, d.id);
}

void main();
