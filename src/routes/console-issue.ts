/** Issue one certificate from a form (scope `issue`); a resubmitted form issues nothing twice. */
import { Hono } from "hono";
import { base64urlEncode } from "../lib/encoding";
import { AppError } from "../errors";
import { renderIssueForm, type IssueFormErrors, type IssueFormValues } from "../pages/console/issue-form";
import type { AppDeps } from "../services/context";
import { issueCertificate } from "../services/issue-certificate";
import { checkIssueForm, formErrorsOf, issueValues, programmeOptions } from "./console-forms";
import {
  consoleWho,
  field,
  formFields,
  htmlPage,
  needScope,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";

export function consoleIssueRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const freshKey = () => base64urlEncode(deps.random(16));

  async function form(c: ConsoleContext, values: IssueFormValues, errors: IssueFormErrors, key: string, status = 200) {
    const page = { ...c.get("page"), section: "/console/issue" };
    const programmes = await programmeOptions(deps);
    if (!values.achievementId) values = { ...values, achievementId: programmes[0]?.id ?? "" };
    return htmlPage(
      c,
      renderIssueForm(page, {
        mode: "issue",
        action: "/console/issue",
        values,
        errors,
        programmes,
        idempotencyKey: key,
      }),
      status,
    );
  }

  app.get("/", async (c) => {
    needScope(c, "issue");
    return form(
      c,
      {
        name: "",
        email: "",
        achievementId: c.req.query("programme") ?? "",
        validUntil: "",
        language: c.get("page").lang === "ko" ? "ko" : "en",
        notify: "",
      },
      {},
      freshKey(),
    );
  });

  app.post("/", async (c) => {
    needScope(c, "issue");
    const fields = await formFields(c);
    const values = issueValues(fields);
    const given = field(fields, "idempotencyKey");
    const key = /^[A-Za-z0-9_-]{22}$/.test(given) ? given : freshKey();
    const checked = await checkIssueForm(deps, values);
    if (!checked.ok) return form(c, values, checked.errors, key, 400);
    try {
      // The key was rendered into this form: a double click or a resent form replays the same certificate.
      const issued = await issueCertificate(deps, checked.request, consoleWho(c), `console:${key}`);
      return c.redirect(`/console/certificates/${issued.id}?done=issue`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return form(c, values, formErrorsOf(e), freshKey(), e.status);
      throw e;
    }
  });
  return app;
}
