/** The console's certificate view model, shared by the view and the actions on it. */
import { qrRuns } from "../adapters/pdf/qr";
import { AppError } from "../errors";
import type { CertificateView } from "../pages/console/certificate";
import type { ConsoleMessages } from "../pages/console/messages";
import type { AppDeps } from "../services/context";
import { certificateDetail } from "../services/console-queries";
import { userCan, type ConsoleContext } from "./console-http";
import { CERTIFICATE_ID } from "./http";

/** A status change the console offers. */
export type Transition = "revoke" | "suspend" | "unsuspend";

/** The words of each action: its name, the confirmation question and the done message. */
export const WORDS: Record<
  Transition | "reissue",
  (t: ConsoleMessages) => { action: string; question: string; done: string }
> = {
  revoke: (t) => ({ action: t.actionRevoke, question: t.confirmRevoke, done: t.doneRevoke }),
  suspend: (t) => ({ action: t.actionSuspend, question: t.confirmSuspend, done: t.doneSuspend }),
  unsuspend: (t) => ({ action: t.actionUnsuspend, question: t.confirmUnsuspend, done: t.doneUnsuspend }),
  reissue: (t) => ({ action: t.actionReissue, question: t.confirmReissue, done: t.doneReissue }),
};

/** The certificate id in the path (404 for anything that cannot be one). */
export function idParam(c: ConsoleContext): string {
  const id = c.req.param("id") ?? "";
  if (!CERTIFICATE_ID.test(id)) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  return id;
}

/** Everything the certificate view shows, for this user. */
export async function certificateView(deps: AppDeps, c: ConsoleContext, id: string): Promise<CertificateView> {
  const d = await certificateDetail(deps, id);
  if (!d) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  const { row, links } = d;
  return {
    id: row.id,
    name: row.recipient_name,
    achievementName: d.achievement?.name ?? row.achievement_id,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    supersededBy: row.superseded_by,
    supersedes: row.supersedes,
    externalId: row.external_id,
    batchId: row.batch_id,
    keyId: row.key_id,
    url: links.url,
    qrUrl: links.qrUrl,
    pdfUrl: links.pdfUrl,
    jwtUrl: links.jwtUrl,
    qr: qrRuns(links.qrUrl),
    history: d.history,
    deliveries: d.deliveries,
    emailOnRecord: row.email_ciphertext !== null,
    previewSrc: d.hasPicture ? `/c/${row.id}.png` : null,
    canRevoke: userCan(c, "revoke"),
    canReissue: userCan(c, "revoke") && userCan(c, "issue"),
    canSend: userCan(c, "issue"),
  };
}
