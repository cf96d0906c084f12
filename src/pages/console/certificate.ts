/** The certificate view: details, public link and QR, downloads, status history, actions. */
import { isPublicReason, PUBLIC_REASONS, type PublicReason } from "../../domain/status-reasons";
import { html, type Raw } from "../html";
import { dateTime, statusBadge, table } from "./format";
import type { ConsoleMessages } from "./messages";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** A public reason code in the console's language. */
export function reasonText(t: ConsoleMessages, reason: PublicReason): string {
  const words = {
    "issued-in-error": t.reasonIssuedInError,
    replaced: t.reasonReplaced,
    withdrawn: t.reasonWithdrawn,
    "under-review": t.reasonUnderReview,
  } satisfies Record<PublicReason, string>;
  return words[reason];
}

/** One audit entry. */
export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  summary: { before?: unknown; after?: unknown };
}

/** What the certificate view shows. */
export interface CertificateView {
  id: string;
  name: string;
  achievementName: string;
  issuedAt: string;
  validUntil: string | null;
  status: "active" | "suspended" | "revoked";
  statusReason: string | null;
  statusChangedAt: string | null;
  supersededBy: string | null;
  supersedes: string | null;
  externalId: string | null;
  batchId: string | null;
  keyId: string;
  url: string;
  qrUrl: string;
  pdfUrl: string;
  jwtUrl: string;
  /** QR modules as horizontal runs (size without quiet zone). */
  qr: { size: number; runs: { row: number; col: number; len: number }[] };
  history: HistoryEntry[];
  canRevoke: boolean;
  canReissue: boolean;
}

/** An inline QR code (SVG, one path): 4 modules of quiet zone, as ISO/IEC 18004 asks. */
export function qrSvg(qr: CertificateView["qr"], label: string): Raw {
  const size = qr.size + 8;
  const d = qr.runs.map((r) => `M${r.col + 4} ${r.row + 4}h${r.len}v1h-${r.len}z`).join("");
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${size} ${size}"
    role="img"
    aria-label="${label}"
    shape-rendering="crispEdges"
  >
    <rect width="${size}" height="${size}" fill="#fff" />
    <path d="${d}" fill="#000" />
  </svg>`;
}

/** A compact, readable summary of an audit entry's before/after. */
export function summaryText(s: { before?: unknown; after?: unknown }): string {
  const part = (v: unknown) =>
    v && typeof v === "object"
      ? Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== null && x !== undefined)
          .map(([k, x]) => `${k}: ${typeof x === "string" ? x : JSON.stringify(x)}`)
          .join(", ")
      : "";
  const before = part(s.before);
  const after = part(s.after);
  return before && after ? `${before} → ${after}` : before || after;
}

function actionForm(
  p: ConsolePage,
  v: CertificateView,
  kind: "revoke" | "suspend" | "unsuspend",
  label: string,
  help: string,
  error?: { action: string; message: string },
): Raw {
  const err = error?.action === kind ? error.message : "";
  const fieldId = `reason-${kind}`;
  const noteId = `note-${kind}`;
  return html`<form class="panel" method="post" action="/console/certificates/${v.id}/${kind}">
    ${csrfField(p)}
    <h3>${label.replace("…", "")}</h3>
    <p class="hint">${help}</p>
    ${err ? html`<p class="err" id="${fieldId}-error">${err}</p>` : ""}
    ${
      kind === "unsuspend"
        ? ""
        : html`<label for="${fieldId}">${p.t.reasonLabel}</label>
            <select
              id="${fieldId}"
              name="reason"
              required
              ${err ? html`aria-invalid="true" aria-describedby="${fieldId}-error"` : ""}
            >
              <option value="">—</option>
              ${PUBLIC_REASONS.map((r) => html`<option value="${r}">${reasonText(p.t, r)}</option>`)}
            </select>`
    }
    <label for="${noteId}">${p.t.noteLabel}</label>
    <textarea id="${noteId}" name="note" maxlength="500"></textarea>
    <p><button class="btn${kind === "revoke" ? " danger" : ""}" type="submit">${label}</button></p>
  </form>`;
}

export function renderCertificate(
  p: ConsolePage,
  v: CertificateView,
  o: { flash?: string; error?: { action: string; message: string } } = {},
): string {
  const { t, lang } = p;
  const link = (id: string) => html`<a href="/console/certificates/${id}"><code>${id}</code></a>`;
  const details = html`<section aria-labelledby="details-title">
    <h2 id="details-title">${t.details}</h2>
    <dl>
      <dt>${t.participant}</dt>
      <dd id="participant">${v.name}</dd>
      <dt>${t.status}</dt>
      <dd id="status">${statusBadge(t, v.status)}</dd>
      ${
        v.statusReason
          ? html`<dt>${t.reason}</dt>
              <dd id="status-reason">
                ${isPublicReason(v.statusReason) ? reasonText(t, v.statusReason) : v.statusReason}
              </dd>`
          : ""
      }
      ${
        v.statusChangedAt
          ? html`<dt>${t.changedAt}</dt>
              <dd>${dateTime(lang, v.statusChangedAt)}</dd>`
          : ""
      }
      ${
        v.supersededBy
          ? html`<dt>${t.supersededBy}</dt>
              <dd>${link(v.supersededBy)}</dd>`
          : ""
      }
      ${
        v.supersedes
          ? html`<dt>${t.supersedes}</dt>
              <dd>${link(v.supersedes)}</dd>`
          : ""
      }
      <dt>${t.achievement}</dt>
      <dd>${v.achievementName}</dd>
      <dt>${t.issued}</dt>
      <dd>${dateTime(lang, v.issuedAt)}</dd>
      <dt>${t.validUntil}</dt>
      <dd>${v.validUntil ? dateTime(lang, v.validUntil) : t.noEndDate}</dd>
      <dt>${t.certificateId}</dt>
      <dd><code>${v.id}</code></dd>
      ${
        v.externalId
          ? html`<dt>${t.externalId}</dt>
              <dd>${v.externalId}</dd>`
          : ""
      }
      ${
        v.batchId
          ? html`<dt>${t.batch}</dt>
              <dd>
                <a href="/console/certificates?batch=${encodeURIComponent(v.batchId)}"><code>${v.batchId}</code></a>
              </dd>`
          : ""
      }
      <dt>${t.signedWithKey}</dt>
      <dd><code>${v.keyId}</code></dd>
    </dl>
  </section>`;
  const share = html`<div class="grid2">
    <section aria-labelledby="link-title">
      <h2 id="link-title">${t.publicLink}</h2>
      <p><a id="public-link" href="${v.url}">${v.url}</a></p>
      <h2 id="downloads-title">${t.downloads}</h2>
      <ul class="actions" aria-labelledby="downloads-title">
        <li><a class="btn" href="${v.pdfUrl}" download>${t.downloadPdf}</a></li>
        <li><a class="btn" href="${v.url}.json" download>${t.downloadJson}</a></li>
        <li><a class="btn" href="${v.jwtUrl}" download>${t.downloadJwt}</a></li>
      </ul>
    </section>
    <section aria-labelledby="qr-title" class="qr">
      <h2 id="qr-title">${t.qrTitle}</h2>
      ${qrSvg(v.qr, t.qrAlt)}
    </section>
  </div>`;
  let actions: Raw;
  if (!v.canRevoke && !v.canReissue) actions = html`<p>${t.readOnlyNote}</p>`;
  else if (v.status === "revoked") actions = html`<p>${t.noActionsRevoked}</p>`;
  else
    actions = html`<div class="grid2">
      ${v.canRevoke ? actionForm(p, v, "revoke", t.revoke, t.revokeHelp, o.error) : ""}
      ${v.canRevoke && v.status === "active" ? actionForm(p, v, "suspend", t.suspend, t.suspendHelp, o.error) : ""}
      ${
        v.canRevoke && v.status === "suspended"
          ? actionForm(p, v, "unsuspend", t.unsuspend, t.unsuspendHelp, o.error)
          : ""
      }
      ${
        v.canReissue
          ? html`<div class="panel">
              <h3>${t.reissue.replace("…", "")}</h3>
              <p class="hint">${t.reissueHelp}</p>
              <p><a class="btn" href="/console/certificates/${v.id}/reissue">${t.reissue}</a></p>
            </div>`
          : ""
      }
    </div>`;
  const history = v.history.length
    ? table(
        "history",
        t.historyTitle,
        html`<tr>
          <th scope="col">${t.when}</th>
          <th scope="col">${t.who}</th>
          <th scope="col">${t.action}</th>
          <th scope="col">${t.detailsColumn}</th>
        </tr>`,
        v.history.map(
          (h) =>
            html`<tr>
              <td>${dateTime(lang, h.at)}</td>
              <td>${h.actor}</td>
              <td>${h.action}${h.target && h.target !== v.id ? html` (${link(h.target)})` : ""}</td>
              <td>${summaryText(h.summary)}</td>
            </tr>`,
        ),
      )
    : html`<h2>${t.historyTitle}</h2>
        <p>${t.noHistory}</p>`;
  const body = html`${details}${share}
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">${t.actionsTitle}</h2>
      ${actions}
    </section>
    ${history}`;
  return consoleLayout(p, t.certificateTitle.replace("{name}", v.name), body, o.flash ? { text: o.flash } : undefined);
}
