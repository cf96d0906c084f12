/**
 * Find and view certificates, and act on one: revoke / suspend / unsuspend (reason required) and
 * correct-and-reissue, each through a confirmation page. Scopes as in the admin API.
 */
import { Hono } from "hono";
import { qrRuns } from "../adapters/pdf/qr";
import { validate } from "../adapters/validation/schemas";
import { AppError } from "../errors";
import { reasonText, renderCertificate, type CertificateView } from "../pages/console/certificate";
import { renderConfirm } from "../pages/console/confirm";
import { renderFind, type FindForm, type FindRow } from "../pages/console/find";
import { renderIssueForm } from "../pages/console/issue-form";
import type { ConsoleMessages } from "../pages/console/messages";
import type { AppDeps } from "../services/context";
import { parseCertificateQuery } from "../services/certificate-query";
import { auditDownload, listCertificates } from "../services/certificate-search";
import { certificateDetail, PAGE_SIZE } from "../services/console-queries";
import { filterPackEntries, printPack } from "../services/print-pack";
import { zipHeaders } from "./admin-certificates";
import { changeCertificateStatus, reissueCertificate, type StatusChange } from "../services/status";
import { checkIssueForm, issueValues, programmeOptions } from "./console-forms";
import {
  consoleWho,
  field,
  formFields,
  htmlPage,
  needScope,
  userCan,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";
import { CERTIFICATE_ID } from "./http";

type Transition = "revoke" | "suspend" | "unsuspend";

const WORDS: Record<
  Transition | "reissue",
  (t: ConsoleMessages) => { action: string; question: string; done: string }
> = {
  revoke: (t) => ({ action: t.actionRevoke, question: t.confirmRevoke, done: t.doneRevoke }),
  suspend: (t) => ({ action: t.actionSuspend, question: t.confirmSuspend, done: t.doneSuspend }),
  unsuspend: (t) => ({ action: t.actionUnsuspend, question: t.confirmUnsuspend, done: t.doneUnsuspend }),
  reissue: (t) => ({ action: t.actionReissue, question: t.confirmReissue, done: t.doneReissue }),
};

function idParam(c: ConsoleContext): string {
  const id = c.req.param("id") ?? "";
  if (!CERTIFICATE_ID.test(id)) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  return id;
}

async function view(deps: AppDeps, c: ConsoleContext, id: string): Promise<CertificateView> {
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
    canRevoke: userCan(c, "revoke"),
    canReissue: userCan(c, "revoke") && userCan(c, "issue"),
  };
}

export function consoleCertificateRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const pageOf = (c: ConsoleContext) => ({ ...c.get("page"), section: "/console/certificates" });

  /** The Find form's fields as the list API's parameters (one parser: services/certificate-query.ts). */
  const listParams = (form: FindForm, extra: Record<string, string> = {}) => {
    const params: Record<string, string[]> = {};
    if (form.q.trim()) params.q = [form.q.trim()];
    if (form.programme) params.achievementId = [form.programme];
    if (form.status) params.status = [form.status];
    if (form.batch.trim()) params.batchId = [form.batch.trim()];
    for (const [k, v] of Object.entries(extra)) params[k] = [v];
    return params;
  };
  const formOf = (c: ConsoleContext): FindForm => {
    const q = c.req.query();
    return { q: q.q ?? "", programme: q.programme ?? "", status: q.status ?? "", batch: q.batch ?? "" };
  };

  app.get("/", async (c) => {
    const form = formOf(c);
    const cursor = c.req.query("cursor");
    const programmes = await programmeOptions(deps);
    let rows: FindRow[] = [];
    let next: string | null = null;
    let error: string | undefined;
    try {
      const query = await parseCertificateQuery(
        listParams(form, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) }),
        emailIndexOf(deps),
      );
      const page = await listCertificates(deps, query);
      rows = page.items.map((r) => ({
        id: r.id,
        recipient_name: r.recipientName,
        achievement_id: r.achievementId,
        status: r.status,
        issued_at: r.issuedAt,
        external_id: r.externalId,
      }));
      next = page.cursor;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      error = e.message;
    }
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v) as [string, string][]);
    const nextHref = next ? `/console/certificates?${new URLSearchParams([...params, ["cursor", next]])}` : null;
    const firstHref = cursor ? `/console/certificates?${params}` : null;
    const packHref = rows.length ? `/console/certificates/pdfs.zip?${params}` : null;
    return htmlPage(
      c,
      renderFind(pageOf(c), { form, programmes, rows, nextHref, firstHref, packHref, error }),
      error ? 400 : 200,
    );
  });

  app.get("/pdfs.zip", async (c) => {
    const query = await parseCertificateQuery(listParams(formOf(c)), emailIndexOf(deps));
    const entries = await filterPackEntries(deps, query.filter);
    const stream = await printPack(deps, entries);
    await auditDownload(deps, consoleWho(c), "certificates.print-pack", {
      filter: query.filter,
      certificates: entries.length,
    });
    return c.body(stream, 200, zipHeaders(`wego-certificates-${deps.clock().toISOString().slice(0, 10)}.zip`));
  });

  app.get("/:id", async (c) => {
    const id = idParam(c);
    const done = c.req.query("done") as Transition | "reissue" | undefined;
    const p = pageOf(c);
    const flash =
      (done as string) === "issue" ? p.t.doneIssue : done && done in WORDS ? WORDS[done](p.t).done : undefined;
    return htmlPage(c, renderCertificate(p, await view(deps, c, id), { flash }));
  });

  for (const transition of ["revoke", "suspend", "unsuspend"] as const) {
    app.post(`/:id/${transition}`, async (c) => {
      needScope(c, "revoke");
      const id = idParam(c);
      const form = await formFields(c);
      const reason = transition === "unsuspend" ? "" : field(form, "reason").trim();
      const note = field(form, "note").trim();
      const change = { ...(reason ? { reason } : {}), ...(note ? { note } : {}) } as StatusChange;
      const p = pageOf(c);
      const words = WORDS[transition](p.t);
      const errors = validate("status-change-request", change);
      if (errors.length || (transition !== "unsuspend" && !reason)) {
        const message = errors.length ? errors[0]!.message : p.t.reasonRequired;
        return htmlPage(
          c,
          renderCertificate(p, await view(deps, c, id), { error: { action: transition, message } }),
          400,
        );
      }
      if (field(form, "confirm") !== "yes") {
        const v = await view(deps, c, id);
        return htmlPage(
          c,
          renderConfirm(p, {
            title: p.t.confirmTitle.replace("{action}", words.action),
            question: words.question.replace("{name}", v.name),
            facts: [
              [p.t.participant, v.name],
              [p.t.achievement, v.achievementName],
              [p.t.certificateId, v.id],
              ...(change.reason ? [[p.t.reason, reasonText(p.t, change.reason)] as [string, string]] : []),
              ...(note ? [[p.t.note, note] as [string, string]] : []),
            ],
            action: `/console/certificates/${id}/${transition}`,
            fields: { ...(reason ? { reason } : {}), ...(note ? { note } : {}) },
            button: p.t.confirmButton.replace("{action}", words.action),
            cancelHref: `/console/certificates/${id}`,
            danger: transition === "revoke",
          }),
        );
      }
      await changeCertificateStatus(deps, id, transition, change, consoleWho(c));
      return c.redirect(`/console/certificates/${id}?done=${transition}`, 303);
    });
  }

  app.get("/:id/reissue", async (c) => {
    needScope(c, "revoke");
    needScope(c, "issue");
    const v = await view(deps, c, idParam(c));
    if (v.status === "revoked")
      throw new AppError("ERR_CONFLICT", "A revoked certificate cannot be corrected; issue a new one");
    const row = (await certificateDetail(deps, v.id))!.row;
    return htmlPage(
      c,
      renderIssueForm(pageOf(c), {
        mode: "reissue",
        action: `/console/certificates/${v.id}/reissue`,
        values: {
          name: v.name,
          email: "",
          achievementId: row.achievement_id,
          validUntil: row.valid_until?.slice(0, 10) ?? "",
        },
        errors: {},
        programmes: await programmeOptions(deps),
      }),
    );
  });

  app.post("/:id/reissue", async (c) => {
    needScope(c, "revoke");
    needScope(c, "issue");
    const id = idParam(c);
    const form = await formFields(c);
    const values = issueValues(form);
    const p = pageOf(c);
    const checked = await checkIssueForm(deps, values);
    const programmes = await programmeOptions(deps);
    if (!checked.ok)
      return htmlPage(
        c,
        renderIssueForm(p, {
          mode: "reissue",
          action: `/console/certificates/${id}/reissue`,
          values,
          errors: checked.errors,
          programmes,
        }),
        400,
      );
    if (field(form, "confirm") !== "yes") {
      const v = await view(deps, c, id);
      const words = WORDS.reissue(p.t);
      return htmlPage(
        c,
        renderConfirm(p, {
          title: p.t.confirmTitle.replace("{action}", words.action),
          question: words.question.replace("{name}", v.name),
          facts: [
            [p.t.recipientName, values.name],
            [p.t.recipientEmail, values.email],
            [p.t.achievementLabel, programmes.find((a) => a.id === values.achievementId)?.name ?? values.achievementId],
            [p.t.validUntil, values.validUntil || p.t.noEndDate],
          ],
          action: `/console/certificates/${id}/reissue`,
          fields: { ...values },
          button: p.t.confirmButton.replace("{action}", words.action),
          cancelHref: `/console/certificates/${id}`,
        }),
      );
    }
    const issued = await reissueCertificate(deps, id, checked.request, consoleWho(c));
    return c.redirect(`/console/certificates/${issued.id}?done=reissue`, 303);
  });
  return app;
}

/** The keyed blind index of an email address, for search by email (services/email-vault). */
function emailIndexOf(deps: AppDeps): (email: string) => Promise<string> {
  return async (email) => (await deps.vault()).index(email);
}
