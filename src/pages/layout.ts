/** The page shell shared by the public pages: head (CSP-nonced style, OG tags), header, footer. */
import { brandImageForPage, type BrandManifest } from "../domain/brand";
import { html, raw, type Raw } from "./html";
import { LANGS, LOCALE, messages, RTL, type Lang, type Messages } from "./i18n";
import { STYLES } from "./styles";

/** Open Graph / Twitter card fields (https://ogp.me). Never personal data the page hides. */
export interface MetaTags {
  title: string;
  description: string;
  url?: string;
  /** Link-preview picture (absolute URL), e.g. the certificate's 1200×630 PNG. */
  image?: { url: string; width: number; height: number; alt: string };
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
  /** The brand set in use: the logo in the header, and a note when it is the placeholder set. */
  brand?: BrandManifest;
}

function brandMark(o: LayoutOptions): Raw {
  const logo = o.brand?.assets.logo;
  if (!o.brand || !logo) return html`<a class="brand" href="/verify">${o.t.siteName}</a>`;
  // Height fixed by CSS; width and height attributes reserve the space (no layout shift).
  return html`<a class="brand" href="/verify"
    ><img
      src="${brandImageForPage(o.brand, "logo")}"
      alt="${o.t.logoAlt}"
      width="${logo.width}"
      height="${logo.height}"
    /><span>${o.t.siteName}</span></a
  >`;
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
    <html lang="${o.lang}" dir="${RTL.has(o.lang) ? "rtl" : "ltr"}" data-source="network">
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
        <meta property="og:locale" content="${LOCALE[o.lang].replace("-", "_")}" />
        ${
          o.meta.image
            ? html`<meta property="og:image" content="${o.meta.image.url}" />
                <meta property="og:image:type" content="image/png" />
                <meta property="og:image:width" content="${o.meta.image.width}" />
                <meta property="og:image:height" content="${o.meta.image.height}" />
                <meta property="og:image:alt" content="${o.meta.image.alt}" />
                <meta name="twitter:image" content="${o.meta.image.url}" />
                <meta name="twitter:image:alt" content="${o.meta.image.alt}" />`
            : ""
        }
        <meta name="twitter:card" content="${o.meta.image ? "summary_large_image" : "summary"}" />
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
        <header class="site">${brandMark(o)} ${langSwitcher(o)}</header>
        <main id="main" tabindex="-1">${o.body}</main>
        <footer>
          <p>${t.footerAbout} · <a href="https://we-gov.org" rel="noopener">we-gov.org</a></p>
          <p>${t.footerHow}</p>
          ${o.brand?.placeholder ? html`<p class="placeholder-note">${t.placeholderBrand}</p>` : ""}
        </footer>
      </body>
    </html>`;
  return doc.value;
}
