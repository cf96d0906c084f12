/** The form to issue one certificate, also used (prefilled) to correct and reissue one. */
import { html, raw } from "../html";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

/** Field values as typed. */
export interface IssueFormValues {
  name: string;
  email: string;
  achievementId: string;
  validUntil: string;
  /** Message language, `en` or `ko`. */
  language: string;
  /** "yes" to email the certificate to the participant. */
  notify: string;
}

/** Per-field messages (keys are the form field names). */
export type IssueFormErrors = Partial<Record<keyof IssueFormValues | "form", string>>;

function input(
  id: keyof IssueFormValues,
  label: string,
  value: string,
  type: string,
  errors: IssueFormErrors,
  o: { hint?: string; required?: boolean } = {},
) {
  const err = errors[id];
  const describedBy = [o.hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<label for="${id}">${label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ""}
    ${err ? html`<p class="err" id="${id}-error">${err}</p>` : ""}
    <input
      type="${type}"
      id="${id}"
      name="${id}"
      value="${value}"
      ${o.required ? raw("required") : ""}
      ${describedBy ? html`aria-describedby="${describedBy}"` : ""}
      ${err ? raw('aria-invalid="true"') : ""}
    />`;
}

export function renderIssueForm(
  p: ConsolePage,
  o: {
    mode: "issue" | "reissue";
    action: string;
    values: IssueFormValues;
    errors: IssueFormErrors;
    programmes: { id: string; name: string }[];
    /** A fresh key per rendered form: submitting it twice issues one certificate. */
    idempotencyKey?: string;
  },
): string {
  const { t } = p;
  const e = o.errors;
  const body = html`${Object.keys(e).length ? html`<p class="flash bad" role="alert">${e.form ?? t.fixErrors}</p>` : ""}
    <form method="post" action="${o.action}" novalidate>
      ${csrfField(p)}
      ${o.idempotencyKey ? html`<input type="hidden" name="idempotencyKey" value="${o.idempotencyKey}" />` : ""}
      ${input("name", t.recipientName, o.values.name, "text", e, { required: true })}
      ${input("email", t.recipientEmail, o.values.email, "email", e, {
        required: true,
        hint: o.mode === "reissue" ? t.reissueEmailHint : t.emailHint,
      })}
      <label for="achievementId">${t.achievementLabel}</label>
      ${e.achievementId ? html`<p class="err" id="achievementId-error">${e.achievementId}</p>` : ""}
      <select
        id="achievementId"
        name="achievementId"
        required
        ${e.achievementId ? raw('aria-invalid="true" aria-describedby="achievementId-error"') : ""}
      >
        ${o.programmes.map(
          (a) =>
            html`<option value="${a.id}" ${a.id === o.values.achievementId ? raw("selected") : ""}>${a.name}</option>`,
        )}
      </select>
      ${input("validUntil", t.validUntilLabel, o.values.validUntil, "text", e)}
      <label for="language">${t.emailLanguage}</label>
      <select id="language" name="language">
        ${(["en", "ko"] as const).map(
          (l) =>
            html`<option value="${l}" ${o.values.language === l ? raw("selected") : ""}>
              ${l === "ko" ? "한국어" : "English"}
            </option>`,
        )}
      </select>
      <label
        ><input type="checkbox" name="notify" value="yes" ${o.values.notify === "yes" ? raw("checked") : ""} />
        ${t.notifyIssue}</label
      >
      <p>
        <button class="btn primary" type="submit">${o.mode === "issue" ? t.issueSubmit : t.reissueSubmit}</button>
      </p>
    </form>`;
  return consoleLayout(p, o.mode === "issue" ? t.issueTitle : t.reissueTitle, body);
}
