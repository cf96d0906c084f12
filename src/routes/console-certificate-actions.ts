/**
 * Acting on one certificate from the console: revoke / suspend / unsuspend (public reason required,
 * optional internal note, and on revoke an optional notice to the participant), correct-and-reissue,
 * each through a confirmation page; and send / resend by email. Scopes as in the admin API.
 */
import { Hono } from "hono";
import { validate } from "../adapters/validation/schemas";
import { AppError } from "../errors";
import { reasonText, renderCertificate } from "../pages/console/certificate";
import { renderConfirm } from "../pages/console/confirm";
import { renderIssueForm } from "../pages/console/issue-form";
import type { AppDeps } from "../services/context";
import { certificateDetail } from "../services/console-queries";
import { sendCertificate } from "../services/deliveries";
import { changeCertificateStatus, reissueCertificate, type StatusChange } from "../services/status";
import { certificateView, idParam, WORDS } from "./console-certificate-view";
import { checkIssueForm, issueValues, programmeOptions } from "./console-forms";
import {
  consoleWho,
  field,
  formFields,
  htmlPage,
  needScope,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";

export function consoleCertificateActionRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const pageOf = (c: ConsoleContext) => ({ ...c.get("page"), section: "/console/certificates" });

  // Send (the issue message, once) or resend (a new message), as POST /admin/certificates/{id}/send|resend.
  for (const kind of ["send", "resend"] as const) {
    app.post(`/:id/${kind}`, async (c) => {
      needScope(c, "issue");
      const id = idParam(c);
      await sendCertificate(deps, id, kind === "resend", consoleWho(c));
      return c.redirect(`/console/certificates/${id}?done=resend`, 303);
    });
  }

  for (const transition of ["revoke", "suspend", "unsuspend"] as const) {
    app.post(`/:id/${transition}`, async (c) => {
      needScope(c, "revoke");
      const id = idParam(c);
      const form = await formFields(c);
      const reason = transition === "unsuspend" ? "" : field(form, "reason").trim();
      const note = field(form, "note").trim();
      const notify = transition === "revoke" && field(form, "notify") === "yes";
      const change = {
        ...(reason ? { reason } : {}),
        ...(note ? { note } : {}),
        ...(notify ? { notify } : {}),
      } as StatusChange;
      const p = pageOf(c);
      const words = WORDS[transition](p.t);
      const errors = validate("status-change-request", change);
      if (errors.length || (transition !== "unsuspend" && !reason)) {
        const message = errors.length ? errors[0]!.message : p.t.reasonRequired;
        return htmlPage(
          c,
          renderCertificate(p, await certificateView(deps, c, id), { error: { action: transition, message } }),
          400,
        );
      }
      if (field(form, "confirm") !== "yes") {
        const v = await certificateView(deps, c, id);
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
              ...(notify ? [[p.t.notifyFact, p.t.notifyYes] as [string, string]] : []),
            ],
            action: `/console/certificates/${id}/${transition}`,
            fields: { ...(reason ? { reason } : {}), ...(note ? { note } : {}), ...(notify ? { notify: "yes" } : {}) },
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
    const v = await certificateView(deps, c, idParam(c));
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
          language: row.language,
          notify: row.email_ciphertext ? "yes" : "",
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
      const v = await certificateView(deps, c, id);
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
