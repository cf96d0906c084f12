/** The certificate view: details, public link and QR, downloads, status history, actions. */
import { isPublicReason } from "../../domain/status-reasons";
import { html, type Raw } from "../html";
import { actionsSection, reasonText } from "./certificate-actions";
import { certificateDeliveriesSection, type DeliveryEntry } from "./deliveries";
import { dateTime, statusBadge, table } from "./format";
import { consoleLayout, type ConsolePage } from "./shell";

export { reasonText };

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
  deliveries: DeliveryEntry[];
  /** Whether an email address is on record (never the address). */
  emailOnRecord: boolean;
  canRevoke: boolean;
  canReissue: boolean;
  /** May send or resend the certificate by email (scope `issue`, as in the admin API). */
  canSend: boolean;
  /** Same-origin path of the certificate's picture (none for a VC-API credential, which has none). */
  previewSrc: string | null;
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
  // The certificate's picture (the public og:image, rendered from the signed credential), served
  // from this origin so the console's CSP (img-src 'self') allows it.
  const preview = v.previewSrc
    ? html`<section aria-labelledby="preview-title">
        <h2 id="preview-title">${t.certPreviewTitle}</h2>
        <p>
          <a href="${v.pdfUrl}"
            ><img
              class="preview"
              src="${v.previewSrc}"
              width="600"
              height="315"
              alt="${t.certPreviewAlt.replace("{name}", v.name).replace("{achievement}", v.achievementName)}"
          /></a>
        </p>
      </section>`
    : "";
  const actions = actionsSection(p, v, o.error);
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
  const body = html`${details}${preview}${share}
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">${t.actionsTitle}</h2>
      ${actions}
    </section>
    ${certificateDeliveriesSection(p, v)} ${history}`;
  return consoleLayout(p, t.certificateTitle.replace("{name}", v.name), body, o.flash ? { text: o.flash } : undefined);
}
