/** The console page shell: header with navigation, signed-in user and sign-out, language links. */
import { html, raw, type Raw } from "../html";
import type { Lang } from "../i18n";

/** The console's languages (staff work in English or Korean; the public pages have more). */
export const CONSOLE_LANGS = ["en", "ko"] as const satisfies readonly Lang[];

/** One console language. */
export type ConsoleLang = (typeof CONSOLE_LANGS)[number];
import { consoleMessages, type ConsoleMessages } from "./messages";
import { CONSOLE_STYLES } from "./styles";

/** The signed-in user, as the shell shows them. */
export interface ShellUser {
  label: string;
  scopes: readonly string[];
  csrf: string;
}

/** What every console page is rendered with. */
export interface ConsolePage {
  lang: Lang;
  t: ConsoleMessages;
  nonce: string;
  /** Link for each language (the current address with `lang=`). */
  langLinks: Record<ConsoleLang, string>;
  user?: ShellUser;
  /** Path of the current section, for aria-current. */
  section?: string;
}

const can = (u: ShellUser, scope: string) => u.scopes.includes(scope) || u.scopes.includes("admin");

/** The hidden synchronizer-token field every state-changing form carries. */
export function csrfField(p: ConsolePage): Raw {
  return html`<input type="hidden" name="csrf" value="${p.user?.csrf ?? ""}" />`;
}

function nav(p: ConsolePage, u: ShellUser): Raw {
  const items: [string, string, boolean][] = [
    ["/console", p.t.navDashboard, true],
    ["/console/certificates", p.t.navFind, true],
    ["/console/upload", p.t.navUpload, can(u, "issue")],
    ["/console/issue", p.t.navIssue, can(u, "issue")],
    ["/console/catalogue", p.t.navCatalogue, true],
    ["/console/audit", p.t.navAudit, true],
    ["/console/sources", p.t.navSources, can(u, "admin")],
    ["/console/admin", p.t.navAdmin, can(u, "admin")],
  ];
  return html`<nav class="console" aria-label="${p.t.mainNav}">
    <ul>
      ${items
        .filter(([, , show]) => show)
        .map(
          ([href, label]) =>
            html`<li>
              <a href="${href}" ${p.section === href ? raw('aria-current="page"') : ""}>${label}</a>
            </li>`,
        )}
    </ul>
  </nav>`;
}

/** A full console document. */
export function consoleLayout(
  p: ConsolePage,
  title: string,
  body: Raw,
  flash?: { text: string; bad?: boolean },
): string {
  const { t } = p;
  return html`<!doctype html>
    <html lang="${p.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="same-origin" />
        <title>${title} — ${t.consoleName}</title>
        <style nonce="${p.nonce}">
          ${raw(CONSOLE_STYLES)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${t.skipToContent}</a>
        <header class="site">
          <a class="brand" href="/console">${t.consoleName}</a>
          ${p.user ? nav(p, p.user) : ""}
          <div class="who">
            ${
              p.user
                ? html`<span>${t.signedInAs.replace("{who}", p.user.label)}</span>
                    <form method="post" action="/console/sign-out">
                      ${csrfField(p)}<button class="btn" type="submit">${t.signOut}</button>
                    </form>`
                : ""
            }
            <nav class="langs" aria-label="${t.languageSwitcher}">
              <ul>
                ${CONSOLE_LANGS.map(
                  (l) =>
                    html`<li>
                      <a
                        href="${p.langLinks[l]}"
                        lang="${l}"
                        hreflang="${l}"
                        ${l === p.lang ? raw('aria-current="true"') : ""}
                        >${consoleMessages(l).langName}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1">
          ${flash ? html`<p class="flash${flash.bad ? " bad" : ""}" role="status">${flash.text}</p>` : ""}
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}
