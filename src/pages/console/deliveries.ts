/** Email deliveries in the console: failed ones on the dashboard, a certificate's history and resend. */
import { html, type Raw } from "../html";
import { dateTime, table } from "./format";
import type { ConsoleMessages } from "./messages";
import { csrfField, type ConsolePage } from "./shell";

/** Kinds of message (the delivery records' `kind`). */
export type DeliveryKind = "issued" | "reissued" | "resend" | "lookup" | "revoked";

/** A failed delivery as the dashboard lists it. */
export interface FailedDelivery {
  id: string;
  certificateId: string | null;
  name: string | null;
  kind: DeliveryKind;
  attempts: number;
  lastError: string | null;
  at: string;
}

/** One delivery record of a certificate (services/deliveries.ts DeliveryView). */
export interface DeliveryEntry {
  id: string;
  kind: DeliveryKind;
  status: "queued" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  requestedBy: string;
}

/** The name of a kind of message. */
export function kindName(t: ConsoleMessages, kind: DeliveryKind): string {
  const names = {
    issued: t.kindIssued,
    reissued: t.kindReissued,
    resend: t.kindResend,
    lookup: t.kindLookup,
    revoked: t.kindRevoked,
  } satisfies Record<DeliveryKind, string>;
  return names[kind];
}

function statusOf(t: ConsoleMessages, status: DeliveryEntry["status"]): Raw {
  const text = status === "sent" ? t.deliverySent : status === "failed" ? t.deliveryFailed : t.deliveryQueued;
  // Text carries the meaning; the class only colours it (WCAG 1.4.1).
  return html`<span class="badge ${status === "failed" ? "revoked" : status === "sent" ? "active" : "suspended"}"
    >${text}</span
  >`;
}

/** The dashboard's failed deliveries: how many, and the newest with their reasons. */
export function failedDeliveriesSection(p: ConsolePage, d: { total: number; rows: FailedDelivery[] }): Raw {
  const { t, lang } = p;
  if (!d.total)
    return html`<h2>${t.failedDeliveriesTitle}</h2>
      <p id="failed-deliveries">${t.noFailedDeliveries}</p>`;
  return html`<p class="flash bad" id="failed-deliveries">${t.failedDeliveriesCount.replace("{n}", String(d.total))}</p>
    ${table(
      "failed-deliveries-title",
      t.failedDeliveriesTitle,
      html`<tr>
        <th scope="col">${t.participant}</th>
        <th scope="col">${t.deliveryKind}</th>
        <th scope="col">${t.lastError}</th>
        <th scope="col" class="num">${t.attempts}</th>
        <th scope="col">${t.when}</th>
      </tr>`,
      d.rows.map(
        (r) =>
          html`<tr>
            <th scope="row">
              ${
                r.certificateId
                  ? html`<a href="/console/certificates/${r.certificateId}">${r.name ?? r.certificateId}</a>`
                  : "—"
              }
            </th>
            <td>${kindName(t, r.kind)}</td>
            <td>${r.lastError ?? ""}</td>
            <td class="num">${r.attempts}</td>
            <td>${dateTime(lang, r.at)}</td>
          </tr>`,
      ),
    )}`;
}

/** A certificate's deliveries and, for staff who may issue, the send / resend button. */
export function certificateDeliveriesSection(
  p: ConsolePage,
  v: { id: string; status: string; emailOnRecord: boolean; canSend: boolean; deliveries: DeliveryEntry[] },
): Raw {
  const { t, lang } = p;
  const list = v.deliveries.length
    ? table(
        "deliveries",
        t.deliveriesTitle,
        html`<tr>
          <th scope="col">${t.when}</th>
          <th scope="col">${t.deliveryKind}</th>
          <th scope="col">${t.deliveryStatus}</th>
          <th scope="col" class="num">${t.attempts}</th>
          <th scope="col">${t.lastError}</th>
          <th scope="col">${t.sentAt}</th>
          <th scope="col">${t.requestedBy}</th>
        </tr>`,
        v.deliveries.map(
          (d) =>
            html`<tr>
              <td>${dateTime(lang, d.createdAt)}</td>
              <td>${kindName(t, d.kind)}</td>
              <td>${statusOf(t, d.status)}</td>
              <td class="num">${d.attempts}</td>
              <td>${d.lastError ?? ""}</td>
              <td>${dateTime(lang, d.sentAt)}</td>
              <td>${d.requestedBy}</td>
            </tr>`,
        ),
      )
    : html`<h2>${t.deliveriesTitle}</h2>
        <p>${t.noDeliveries}</p>`;
  let action: Raw | string = "";
  if (!v.emailOnRecord) action = html`<p class="hint">${t.noEmailOnRecord}</p>`;
  else if (v.canSend && v.status === "active") {
    const again = v.deliveries.some((d) => d.kind !== "revoked");
    action = html`<form method="post" action="/console/certificates/${v.id}/${again ? "resend" : "send"}">
      ${csrfField(p)}
      <p class="hint">${t.resendHelp}</p>
      <p><button class="btn" type="submit">${again ? t.resendEmail : t.sendEmail}</button></p>
    </form>`;
  }
  return html`${list}${action}`;
}
