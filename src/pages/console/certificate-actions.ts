/** The certificate view's actions: revoke / suspend / unsuspend forms (reason, note, notice) and reissue. */
import { PUBLIC_REASONS, type PublicReason } from "../../domain/status-reasons";
import { html, type Raw } from "../html";
import type { ConsoleMessages } from "./messages";
import { csrfField, type ConsolePage } from "./shell";

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

/** What the actions need to know about the certificate and the user. */
export interface ActionTarget {
  id: string;
  status: "active" | "suspended" | "revoked";
  emailOnRecord: boolean;
  canRevoke: boolean;
  canReissue: boolean;
}

function actionForm(
  p: ConsolePage,
  v: ActionTarget,
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
    ${
      kind === "revoke" && v.emailOnRecord
        ? html`<label><input type="checkbox" name="notify" value="yes" /> ${p.t.notifyRevoke}</label>`
        : ""
    }
    <p><button class="btn${kind === "revoke" ? " danger" : ""}" type="submit">${label}</button></p>
  </form>`;
}

/** The actions the signed-in user may take on this certificate. */
export function actionsSection(p: ConsolePage, v: ActionTarget, error?: { action: string; message: string }): Raw {
  const { t } = p;
  let actions: Raw;
  if (!v.canRevoke && !v.canReissue) actions = html`<p>${t.readOnlyNote}</p>`;
  else if (v.status === "revoked") actions = html`<p>${t.noActionsRevoked}</p>`;
  else
    actions = html`<div class="grid2">
      ${v.canRevoke ? actionForm(p, v, "revoke", t.revoke, t.revokeHelp, error) : ""}
      ${v.canRevoke && v.status === "active" ? actionForm(p, v, "suspend", t.suspend, t.suspendHelp, error) : ""}
      ${
        v.canRevoke && v.status === "suspended"
          ? actionForm(p, v, "unsuspend", t.unsuspend, t.unsuspendHelp, error)
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
  return actions;
}
