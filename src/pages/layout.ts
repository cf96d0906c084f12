/** The page shell shared by the public pages: head (CSP-nonced style, OG tags), header, footer. */
import { html, raw, type Raw } from "./html";
import { LANGS, messages, type Lang, type Messages } from "./i18n";
import { STYLES } from "./styles";

/** Open Graph / Twitter card fields (https://ogp.me). Never personal data the page hides. */
export interface MetaTags {
  title: string;
  description: string;
  url?: string;
}

/** Everything the shell needs. */
export interface LayoutOptions {
  lang: Lang;
  t: Messages;
  nonce: string;
  title: string;
  meta: MetaTags;
  /** Current path (without query), for the language links. */
  path: string;
  body: Raw;
  /** Data for the browser script, rendered as a JSON data block. */
  data?: Raw;
  /** Ask search engines not to index the page (default true: certificate pages name people). */
  noindex?: boolean;
}

function langSwitcher(o: LayoutOptions): Raw {
  return html`<nav class="langs" aria-label="${o.t.languageSwitcher}">
    <ul>
      ${LANGS.map(
        (l) =>
          html`<li>
            <a href="${o.path}?lang=${l}" lang="${l}" hreflang="${l}" ${l === o.lang ? raw('aria-current="true"') : ""}
              >${messages(l).langName}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/**
 * Renders a full HTML document. `data-source="network"` on the root marks a page rendered by the
 * server; the service worker rewrites it to "cache" when it serves a saved copy offline.
 */
export function layout(o: LayoutOptions): string {
  const { t } = o;
  const doc = html`<!doctype html>
    <html lang="${o.lang}" data-source="network">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title}</title>
        ${o.noindex !== false ? raw('<meta name="robots" content="noindex">') : ""}
        <meta name="description" content="${o.meta.description}" />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content="${t.siteName}" />
        <meta property="og:title" content="${o.meta.title}" />
        <meta property="og:description" content="${o.meta.description}" />
        ${o.meta.url ? html`<meta property="og:url" content="${o.meta.url}" />` : ""}
        <meta property="og:locale" content="${o.lang === "ko" ? "ko_KR" : "en_GB"}" />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content="${o.meta.title}" />
        <meta name="twitter:description" content="${o.meta.description}" />
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <style nonce="${o.nonce}">
          ${raw(STYLES)}
        </style>
        ${
          o.data
            ? html`<script type="application/json" id="wego-data">
                ${o.data}
              </script>`
            : ""
        }
        <script type="module" src="/static/verify.js"></script>
      </head>
      <body>
        <a class="skip" href="#main">${t.skipToContent}</a>
        <header class="site">
          <a class="brand" href="/verify">${t.siteName}</a>
          ${langSwitcher(o)}
        </header>
        <main id="main" tabindex="-1">${o.body}</main>
        <footer>
          <p>${t.footerAbout}</p>
          <p>${t.footerHow}</p>
        </footer>
      </body>
    </html>`;
  return doc.value;
}
