/** Tokens and staff (admin only): API tokens and the staff accounts Cloudflare Access maps to. */
import { html, raw, type Raw } from "../html";
import { dateTime, table } from "./format";
import type { ConsoleMessages } from "./messages";
import { consoleLayout, csrfField, type ConsolePage } from "./shell";

const SCOPES = ["issue", "revoke", "read", "admin"] as const;

/** What the page lists. */
export interface AdminData {
  tokens: {
    id: string;
    name: string;
    scopes: string[];
    created_at: string;
    created_by: string;
    revoked_at: string | null;
  }[];
  staff: {
    id: string;
    email: string;
    name: string;
    scopes: string[];
    created_at: string;
    disabled_at: string | null;
  }[];
}

const scopeName = (t: ConsoleMessages, s: string) =>
  ({ issue: t.scopeIssue, revoke: t.scopeRevoke, read: t.scopeRead, admin: t.scopeAdmin })[s] ?? s;

function scopeBoxes(p: ConsolePage, prefix: string, checked: readonly string[], error?: string): Raw {
  return html`<fieldset class="scopes" ${error ? html`aria-describedby="${prefix}-scopes-error"` : ""}>
    <legend>${p.t.scopes}</legend>
    ${error ? html`<p class="err" id="${prefix}-scopes-error">${error}</p>` : ""}
    ${SCOPES.map(
      (s) =>
        html`<label
          ><input type="checkbox" name="scopes" value="${s}" ${checked.includes(s) ? raw("checked") : ""} />
          ${scopeName(p.t, s)}</label
        >`,
    )}
  </fieldset>`;
}

export function renderAdmin(
  p: ConsolePage,
  d: AdminData,
  o: {
    flash?: string;
    newToken?: { name: string; token: string };
    errors?: { token?: string; tokenName?: string; staff?: string };
  } = {},
): string {
  const { t, lang } = p;
  const e = o.errors ?? {};
  const tokens = d.tokens.length
    ? table(
        "tokens",
        t.tokensTitle,
        html`<tr>
          <th scope="col">${t.tokenName}</th>
          <th scope="col">${t.scopes}</th>
          <th scope="col">${t.createdAt}</th>
          <th scope="col">${t.createdBy}</th>
          <th scope="col">${t.revokedAt}</th>
        </tr>`,
        d.tokens.map(
          (k) =>
            html`<tr>
              <th scope="row">${k.name} <code>${k.id}</code></th>
              <td>${k.scopes.map((s) => scopeName(t, s)).join(", ")}</td>
              <td>${dateTime(lang, k.created_at)}</td>
              <td>${k.created_by}</td>
              <td>
                ${
                  k.revoked_at
                    ? dateTime(lang, k.revoked_at)
                    : html`<form method="post" action="/console/admin/tokens/${k.id}/revoke">
                        ${csrfField(p)}
                        <button class="btn danger" type="submit" aria-label="${t.revokeToken}: ${k.name}">
                          ${t.revokeToken}
                        </button>
                      </form>`
                }
              </td>
            </tr>`,
        ),
      )
    : html`<p>${t.noTokens}</p>`;
  const newToken = o.newToken
    ? html`<section class="panel" aria-labelledby="new-token-title">
        <h3 id="new-token-title">${t.newTokenTitle}: ${o.newToken.name}</h3>
        <p>${t.newTokenNote}</p>
        <p class="token-once" id="new-token">${o.newToken.token}</p>
      </section>`
    : "";
  const createToken = html`<form method="post" action="/console/admin/tokens" class="panel">
    ${csrfField(p)}
    <h3>${t.createToken}</h3>
    <label for="token-name">${t.tokenName}</label>
    ${e.tokenName ? html`<p class="err" id="token-name-error">${e.tokenName}</p>` : ""}
    <input
      type="text"
      id="token-name"
      name="name"
      required
      maxlength="100"
      ${e.tokenName ? raw('aria-invalid="true" aria-describedby="token-name-error"') : ""}
    />
    ${scopeBoxes(p, "token", ["read"], e.token)}
    <button class="btn primary" type="submit">${t.createToken}</button>
  </form>`;
  const staff = d.staff.length
    ? table(
        "staff",
        t.staffTitle,
        html`<tr>
          <th scope="col">${t.staffEmail}</th>
          <th scope="col">${t.staffName}</th>
          <th scope="col">${t.scopes}</th>
          <th scope="col">${t.disabledAt}</th>
        </tr>`,
        d.staff.map(
          (s) =>
            html`<tr>
              <th scope="row">${s.email}</th>
              <td>${s.name}</td>
              <td>
                ${
                  s.disabled_at
                    ? s.scopes.map((x) => scopeName(t, x)).join(", ")
                    : html`<form method="post" action="/console/admin/staff/${s.id}/scopes">
                        ${csrfField(p)} ${scopeBoxes(p, `staff-${s.id}`, s.scopes)}
                        <button class="btn" type="submit">${t.saveScopes}</button>
                      </form>`
                }
              </td>
              <td>
                ${
                  s.disabled_at
                    ? dateTime(lang, s.disabled_at)
                    : html`<form method="post" action="/console/admin/staff/${s.id}/disable">
                        ${csrfField(p)}
                        <button class="btn danger" type="submit" aria-label="${t.disableStaff}: ${s.email}">
                          ${t.disableStaff}
                        </button>
                      </form>`
                }
              </td>
            </tr>`,
        ),
      )
    : html`<p>${t.noStaff}</p>`;
  const addStaff = html`<form method="post" action="/console/admin/staff" class="panel">
    ${csrfField(p)}
    <h3>${t.addStaff}</h3>
    ${e.staff ? html`<p class="err" role="alert">${e.staff}</p>` : ""}
    <label for="staff-email">${t.staffEmail}</label>
    <input type="email" id="staff-email" name="email" required maxlength="320" />
    <label for="staff-name">${t.staffName}</label>
    <input type="text" id="staff-name" name="name" required maxlength="100" />
    ${scopeBoxes(p, "staff-new", ["read"])}
    <button class="btn primary" type="submit">${t.addStaff}</button>
  </form>`;
  // Plain headings, not labelled sections: each table is already a region named by its caption.
  const body = html`<h2>${t.tokensTitle}</h2>
    ${newToken}${tokens}${createToken}
    <h2>${t.staffTitle}</h2>
    <p>${t.staffIntro}</p>
    ${staff}${addStaff}`;
  return consoleLayout(p, t.adminTitle, body, o.flash ? { text: o.flash } : undefined);
}
