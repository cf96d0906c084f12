/** Turning the issue / reissue form into a validated request, with errors per form field. */
import { listAchievements } from "../adapters/storage/achievement-repository";
import { validate } from "../adapters/validation/schemas";
import type { CertificateRequest } from "../domain/types";
import { AppError } from "../errors";
import type { IssueFormErrors, IssueFormValues } from "../pages/console/issue-form";
import type { AppDeps } from "../services/context";
import { validateRequest } from "../services/issue-certificate";
import { field } from "./console-http";

const FORM_FIELD: Record<string, keyof IssueFormValues> = {
  "recipient.name": "name",
  "recipient.email": "email",
  achievementId: "achievementId",
  validUntil: "validUntil",
};

/** The form's values, trimmed. */
export function issueValues(form: Record<string, string | string[]>): IssueFormValues {
  return {
    name: field(form, "name").trim(),
    email: field(form, "email").trim(),
    achievementId: field(form, "achievementId").trim(),
    validUntil: field(form, "validUntil").trim(),
    language: field(form, "language") === "ko" ? "ko" : "en",
    notify: field(form, "notify") === "yes" ? "yes" : "",
  };
}

/** The request the admin API would receive for these values. */
export function issueRequest(v: IssueFormValues): CertificateRequest {
  return {
    recipient: { name: v.name, email: v.email },
    achievementId: v.achievementId,
    ...(v.validUntil ? { validUntil: v.validUntil } : {}),
    language: v.language === "ko" ? "ko" : "en",
    ...(v.notify === "yes" ? { notify: true } : {}),
  };
}

/** Maps an error from validation or a service to the form field it names. */
export function formErrorsOf(err: AppError): IssueFormErrors {
  const out: IssueFormErrors = {};
  const list = err.errors?.length ? err.errors : [{ field: err.field ?? "form", message: err.message }];
  for (const e of list) {
    const key = FORM_FIELD[e.field] ?? "form";
    const message = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
    out[key] ??= message;
  }
  return out;
}

/**
 * Checks the form exactly as the API checks a request (same JSON Schema, same service rules:
 * printable name, known achievement, future validUntil). Errors are returned, not thrown.
 */
export async function checkIssueForm(
  deps: AppDeps,
  v: IssueFormValues,
): Promise<{ ok: true; request: CertificateRequest } | { ok: false; errors: IssueFormErrors }> {
  const request = issueRequest(v);
  const errors = validate("issue-certificate-request", request);
  if (errors.length)
    return { ok: false, errors: formErrorsOf(new AppError("ERR_VALIDATION", errors[0]!.message, { errors })) };
  try {
    await validateRequest(deps, request, deps.clock());
    return { ok: true, request };
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return { ok: false, errors: formErrorsOf(e) };
    throw e;
  }
}

/** The programmes for the form's select, in catalogue order. */
export async function programmeOptions(deps: AppDeps) {
  return (await listAchievements(deps.store)).map((a) => ({ id: a.id, name: a.name }));
}
