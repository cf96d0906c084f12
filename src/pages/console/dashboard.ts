/** The console dashboard: certificates by programme and status, recent uploads, failed deliveries, signing keys. */
import { html } from "../html";
import { failedDeliveriesSection, type FailedDelivery } from "./deliveries";
import { dateTime, table } from "./format";
import { consoleLayout, type ConsolePage } from "./shell";

/** What the dashboard shows. */
export interface DashboardData {
  programmes: { id: string; name: string; active: number; suspended: number; revoked: number }[];
  batches: { id: string; created_at: string; created_by: string; total: number; counts: Record<string, number> }[];
  failedDeliveries: { total: number; rows: FailedDelivery[] };
  keys: { kid: string; status: string; notBefore: string; notAfter?: string }[];
}

export function renderDashboard(p: ConsolePage, d: DashboardData, flash?: string): string {
  const { t, lang } = p;
  const n = (x: number | undefined) => String(x ?? 0);
  const programmes = d.programmes.length
    ? table(
        "by-programme",
        t.byProgramme,
        html`<tr>
          <th scope="col">${t.programme}</th>
          <th scope="col" class="num">${t.statusActive}</th>
          <th scope="col" class="num">${t.statusSuspended}</th>
          <th scope="col" class="num">${t.statusRevoked}</th>
          <th scope="col" class="num">${t.total}</th>
        </tr>`,
        d.programmes.map(
          (r) =>
            html`<tr>
              <th scope="row"><a href="/console/certificates?programme=${encodeURIComponent(r.id)}">${r.name}</a></th>
              <td class="num">
                <a href="/console/certificates?programme=${encodeURIComponent(r.id)}&amp;status=active"
                  >${n(r.active)}</a
                >
              </td>
              <td class="num">${n(r.suspended)}</td>
              <td class="num">${n(r.revoked)}</td>
              <td class="num">${n(r.active + r.suspended + r.revoked)}</td>
            </tr>`,
        ),
      )
    : html`<h2>${t.byProgramme}</h2>
        <p>${t.noCertificates}</p>`;
  const batches = d.batches.length
    ? table(
        "recent-batches",
        t.recentBatches,
        html`<tr>
          <th scope="col">${t.batch}</th>
          <th scope="col">${t.createdAt}</th>
          <th scope="col">${t.createdBy}</th>
          <th scope="col" class="num">${t.rows}</th>
          <th scope="col" class="num">${t.issuedCount}</th>
          <th scope="col" class="num">${t.existingCount}</th>
          <th scope="col" class="num">${t.failedCount}</th>
          <th scope="col" class="num">${t.pendingCount}</th>
        </tr>`,
        d.batches.map(
          (b) =>
            html`<tr>
              <th scope="row">
                <a href="/console/certificates?batch=${encodeURIComponent(b.id)}"><code>${b.id}</code></a>
              </th>
              <td>${dateTime(lang, b.created_at)}</td>
              <td>${b.created_by}</td>
              <td class="num">${b.total}</td>
              <td class="num">${n(b.counts.issued)}</td>
              <td class="num">${n(b.counts.existing)}</td>
              <td class="num">${n(b.counts.failed)}</td>
              <td class="num">${n(b.counts.pending)}</td>
            </tr>`,
        ),
      )
    : html`<h2>${t.recentBatches}</h2>
        <p>${t.noBatches}</p>`;
  const active = d.keys.find((k) => k.status === "active");
  const keys = html`<section class="panel" aria-labelledby="keys-title">
    <h2 id="keys-title">${t.signingKey}</h2>
    ${
      active
        ? html`<dl>
            <dt>${t.activeKey}</dt>
            <dd><code>${active.kid}</code></dd>
            <dt>${t.keySince}</dt>
            <dd>${dateTime(lang, active.notBefore)}</dd>
            <dt>${t.keyRotations}</dt>
            <dd>${d.keys.length}</dd>
          </dl>`
        : html`<p class="err">${t.noActiveKey}</p>`
    }
  </section>`;
  return consoleLayout(
    p,
    t.dashboardTitle,
    html`${keys}${programmes}${batches}${failedDeliveriesSection(p, d.failedDeliveries)}`,
    flash ? { text: flash } : undefined,
  );
}
