/** A cohort upload's progress and results: a progress bar while signing, then downloads. */
import { html, raw } from "../html";
import { table } from "./format";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** The batch report (see services/batches.ts batchReport). */
export interface BatchView {
  id: string;
  total: number;
  counts: { pending: number; issued: number; existing: number; failed: number };
  done: boolean;
  rows: {
    line: number;
    externalId: string | null;
    state: string;
    certificateId: string | null;
    errors: { field: string | null; message: string }[];
  }[];
}

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k) => String(v[k] ?? m));

/** What a batch send did (services/batch-deliveries.ts BatchSendResult). */
export interface BatchSent {
  queued: number;
  alreadyRequested: number;
  skipped: number;
}

export function renderBatch(p: ConsolePage, b: BatchView, o: { canSend?: boolean; sent?: BatchSent } = {}): string {
  const { t } = p;
  const settled = b.total - b.counts.pending;
  const problems = b.rows.filter((r) => r.state === "failed");
  const body = html`<label for="progress">${t.progressLabel}</label>
    <progress id="progress" max="${b.total}" value="${settled}">
      ${fill(t.progressText, { done: settled, total: b.total })}
    </progress>
    <p role="status" id="progress-text">${fill(t.progressText, { done: settled, total: b.total })}</p>
    ${
      b.done
        ? html`<p class="flash" id="batch-done">${fill(t.batchDone, b.counts)}</p>
            <ul class="actions">
              <li><a class="btn" href="/console/batches/${b.id}/results.csv" download>${t.downloadResults}</a></li>
              <li><a class="btn" href="/console/batches/${b.id}/pdfs.zip" download>${t.downloadPrintPack}</a></li>
              <li>
                <a class="btn" href="/console/certificates?batch=${encodeURIComponent(b.id)}">${t.showCertificates}</a>
              </li>
            </ul>
            ${
              o.canSend
                ? html`<ul class="actions">
                    ${(["send", "resend"] as const).map(
                      (kind) =>
                        html`<li>
                          <form method="post" action="/console/batches/${b.id}/${kind}">
                            ${csrfField(p)}
                            <button class="btn" type="submit">${kind === "send" ? t.batchSend : t.batchResend}</button>
                          </form>
                        </li>`,
                    )}
                  </ul>`
                : ""
            }`
        : html`<p>${t.batchWorking}</p>`
    }
    ${
      problems.length
        ? table(
            "batch-problems",
            t.problems,
            html`<tr>
              <th scope="col">${t.line}</th>
              <th scope="col">${t.fieldExternalId}</th>
              <th scope="col">${t.problems}</th>
            </tr>`,
            problems.map(
              (r) =>
                html`<tr>
                  <td>${r.line}</td>
                  <td>${r.externalId ?? ""}</td>
                  <td>${r.errors.map((e) => `${e.field ? `${e.field}: ` : ""}${e.message}`).join("; ")}</td>
                </tr>`,
            ),
          )
        : ""
    }`;
  const flash = o.sent ? { text: fill(t.batchSent, { ...o.sent }) } : undefined;
  const doc = consoleLayout(p, fill(t.batchTitle, { id: b.id }), body, flash);
  // While rows are pending the page reloads itself (no script: a refresh directive, which CSP does not govern).
  return b.done ? doc : doc.replace("<head>", `<head>${raw('<meta http-equiv="refresh" content="1">').value}`);
}
