/**
 * The public pages' script (bundled to /static/verify.js by scripts/build-browser.mjs).
 * - Certificate page, live: a second check of the VC-JWT in the browser (only on a valid page),
 *   then the page is saved for offline use (service worker).
 * - Certificate page, saved copy or offline: the verdict comes only from what the phone can check
 *   (./offline-verdict.ts); the copy itself shows no verdict.
 * - Verify page: a PDF goes to `POST /credentials/verify` as `application/pdf`; other input is
 *   posted to the server form.
 * Fails closed: any exception ends in the neutral "could not check" state. The script writes text
 * only (never HTML), so the pages can require Trusted Types.
 */
import { formatDate, isLang, type Lang } from "../pages/i18n/locale";
import { SHOWN_FIELDS, type ShownField } from "../domain/signed-facts";
import { doc, el, loc, nav, type El } from "./dom";
import { fragmentToken } from "./fragment";
import type { Jwk } from "./jwt";
import { verifyOffline } from "./offline";
import { offlineDisplay, unconfirmed, type Display } from "./offline-verdict";
import { browserRecheck } from "./online-check";
import { CACHE, stampSaved } from "./saved-copies";
import { serviceWorkerUrl } from "./trusted-types";
import { apiResultView, MAX_UPLOAD_BYTES, type ResultView } from "./verify-result";

interface PageData {
  page: "certificate" | "verify";
  id?: string;
  lang?: Lang;
  verdict?: string;
  checkedAt?: string;
  issuerDid?: string;
  achievementId?: string;
  messages: Record<string, string>;
}

function pageData(): PageData | null {
  try {
    const d = JSON.parse(doc.getElementById("wego-data")?.textContent ?? "null") as PageData | null;
    return d && typeof d === "object" && typeof d.messages === "object" && d.messages !== null ? d : null;
  } catch {
    return null;
  }
}

async function getOk(path: string, accept: string): Promise<Response> {
  const res = await fetch(path, { headers: { accept } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res;
}

async function publishedKeys(): Promise<Jwk[]> {
  const set = (await (await getOk("/.well-known/jwks.json", "application/json")).json()) as { keys?: unknown };
  return Array.isArray(set.keys) ? (set.keys as Jwk[]) : [];
}

const collapse = (s: string | null): string => (s ?? "").replace(/\s+/g, " ").trim();

/**
 * The raw value of every field the page shows. A date's text must be its `data-value` formatted in
 * the page language, so the text shown is what is compared; duplicates or unknown fields throw.
 */
function readShown(lang: Lang): Partial<Record<ShownField, string>> {
  const out: Partial<Record<ShownField, string>> = {};
  for (const e of Array.from(doc.querySelectorAll("[data-field]"))) {
    const name = e.getAttribute("data-field") as ShownField;
    if (!(SHOWN_FIELDS as readonly string[]).includes(name) || name in out) throw new Error(`field ${name}`);
    const value = e.getAttribute("data-value");
    const text = collapse(e.textContent);
    if (value !== null && text !== collapse(formatDate(lang, value))) throw new Error(`field ${name} text`);
    out[name] = value ?? text;
  }
  return out;
}

const ICON: Record<Display["tone"], string> = { valid: "✓", bad: "×", warn: "!", unknown: "?" };

/** Replaces the banner; the server's checks (live only) are hidden, never shown as current. */
function showBanner(d: Display): void {
  const banner = doc.getElementById("verdict");
  if (!banner) return;
  banner.className = `verdict ${d.tone}`;
  banner.setAttribute("data-verdict", d.verdict);
  banner.setAttribute("aria-labelledby", "verdict-title");
  const h = el("h1");
  h.id = "verdict-title";
  const icon = el("span", ICON[d.tone], "icon");
  icon.setAttribute("aria-hidden", "true");
  h.append(icon, d.title);
  banner.replaceChildren(h, ...d.details.filter((t) => t).map((t) => el("p", t)));
  for (const node of Array.from(doc.querySelectorAll(".live"))) node.hidden = true;
  doc.title = `${d.title} — WeGO`;
}

function setResult(state: "ok" | "failed" | "unavailable", text: string): void {
  const section = doc.getElementById("browser-check");
  const out = doc.getElementById("browser-result");
  if (!section || !out) return;
  out.textContent = text;
  out.setAttribute("data-state", state);
  section.hidden = false;
}

async function certificateOnline(d: PageData, id: string, lang: Lang): Promise<void> {
  const m = d.messages;
  const r = await browserRecheck({
    verdict: d.verdict,
    id,
    issuerDid: d.issuerDid ?? "",
    achievementId: d.achievementId ?? "",
    shown: readShown(lang),
    now: Date.now(),
    fetchJwt: async () => (await getOk(`/c/${id}.jwt`, "application/vc+jwt")).text(),
    fetchKeys: publishedKeys,
  });
  if (r.state === "hidden") {
    await saveForOffline(id);
    return;
  }
  if (r.state === "failed") {
    setResult("failed", m.browserCheckFailed ?? "");
    showBanner({
      verdict: "browser-mismatch",
      tone: "unknown",
      title: m.browserMismatchTitle ?? "",
      details: [m.browserMismatchDetail ?? ""],
    });
    return;
  }
  setResult(r.state, (r.state === "ok" ? m.browserCheckOk : m.browserCheckUnavailable) ?? "");
  if (r.state === "ok") await saveForOffline(id);
}

async function certificateOffline(d: PageData, id: string, lang: Lang): Promise<void> {
  const date = (iso: string) => formatDate(lang, iso);
  const display = await offlineDisplay({
    m: d.messages,
    verdict: d.verdict,
    checkedAt: d.checkedAt,
    now: Date.now(),
    fragment: fragmentToken(loc.hash),
    date,
    check: async (token) => {
      const keys = await publishedKeys().catch(() => [] as Jwk[]);
      const jwt = await getOk(`/c/${id}.jwt`, "application/vc+jwt")
        .then((r) => r.text())
        .catch(() => undefined);
      return verifyOffline({
        id,
        token,
        keys,
        issuerDid: d.issuerDid ?? "",
        shown: readShown(lang),
        achievementId: d.achievementId ?? "",
        jwt,
        now: Date.now(),
      });
    },
  });
  showBanner(display);
}

/** Saves what the offline check needs, stamped with the time, and registers the service worker. */
async function saveForOffline(id: string): Promise<void> {
  if (!nav.serviceWorker || typeof caches === "undefined") return;
  try {
    await nav.serviceWorker.register(serviceWorkerUrl() as string, { scope: "/c/" });
    const cache = await caches.open(CACHE);
    const paths = [`/c/${id}`, `/c/${id}.json`, `/c/${id}.jwt`, "/.well-known/jwks.json", "/static/verify.js"];
    for (const path of paths) {
      // The page itself is fetched as HTML (content negotiation on /c/{id}).
      const res = await fetch(path, { headers: { accept: path === `/c/${id}` ? "text/html" : "*/*" } });
      if (res.status === 200) await cache.put(path, await stampSaved(res, Date.now()));
    }
  } catch {
    // Offline support is a bonus: the online page works without it.
  }
}

/** Prints the certificate itself (the PDF), not this report: the PDF is loaded in a hidden frame and printed there. */
function printPdf(url: string): boolean {
  try {
    doc.getElementById("print-frame")?.remove();
    const frame = el("iframe");
    frame.id = "print-frame";
    frame.setAttribute("title", "PDF");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.className = "print-frame";
    frame.addEventListener("load", () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
      } catch {
        // Some browsers do not print a PDF in a frame: the PDF link still opens it.
      }
    });
    frame.setAttribute("src", url);
    doc.body.append(frame);
    return true;
  } catch {
    return false;
  }
}

function setupActions(d: PageData): void {
  const share = doc.getElementById("share");
  const status = doc.getElementById("copy-status");
  if (share && (nav.share || nav.clipboard)) {
    share.hidden = false;
    share.addEventListener("click", () => {
      const url = share.getAttribute("data-url") ?? loc.href;
      const title = share.getAttribute("data-title") ?? "";
      // The system share sheet where there is one (phones), else the link to the clipboard.
      if (nav.share) void nav.share({ title, url }).catch(() => undefined);
      else
        void nav.clipboard!.writeText(url).then(() => {
          if (status) status.textContent = d.messages.linkCopied ?? "";
        });
    });
  }
  const print = doc.getElementById("print");
  const pdf = print?.getAttribute("data-pdf");
  if (print && pdf)
    print.addEventListener("click", (e) => {
      if (printPdf(pdf)) e.preventDefault();
    });
}

async function certificatePage(d: PageData, id: string): Promise<void> {
  const lang: Lang = isLang(d.lang) ? d.lang : "en";
  const saved = doc.documentElement.getAttribute("data-source") !== "network";
  try {
    setupActions(d);
    if (saved || !nav.onLine) await certificateOffline(d, id, lang);
    else await certificateOnline(d, id, lang);
  } catch {
    if (saved || !nav.onLine) showBanner(unconfirmed(d.messages, d.checkedAt ? formatDate(lang, d.checkedAt) : "?"));
    else setResult("unavailable", d.messages.browserCheckUnavailable ?? "");
  }
}

interface FileLike {
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

function showVerifyResult(view: ResultView, m: Record<string, string>): void {
  doc.getElementById("result")?.remove();
  const section = el("section");
  section.id = "result";
  if (view.kind === "error") {
    section.setAttribute("aria-labelledby", "result-title");
    const h = el("h2", m.verifyResult ?? "");
    h.id = "result-title";
    const p = el("p", view.message);
    p.id = "result-error";
    p.setAttribute("role", "alert");
    section.append(h, p);
  } else {
    section.setAttribute("aria-label", m.verifyResult ?? "");
    const banner = el("section", undefined, `verdict ${view.tone}`);
    banner.id = "verdict";
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-labelledby", "verdict-title");
    banner.setAttribute("data-verdict", view.verdict);
    const title = el("h2");
    title.id = "verdict-title";
    const icon = el("span", view.icon, "icon");
    icon.setAttribute("aria-hidden", "true");
    title.append(icon, view.title);
    banner.append(title, el("p", view.detail));
    const list = el("ul", undefined, "checks");
    for (const c of view.checks) {
      const li = el("li");
      li.setAttribute("data-check", c.check);
      li.setAttribute("data-status", c.status);
      li.append(
        el("strong", c.label),
        ": ",
        el("span", c.statusLabel, `st ${c.status}`),
        el("br"),
        el("span", c.explain, "muted"),
      );
      list.append(li);
    }
    const disclosure = el("details", undefined, "checks-disclosure");
    disclosure.append(el("summary", m.checksTitle ?? ""), list);
    section.append(banner, disclosure);
  }
  // The verdict goes first on the page (on a phone, above the form), and takes the focus.
  doc.getElementById("main")?.prepend(section);
}

async function verifyFile(file: FileLike, form: El & { submit(): void }, m: Record<string, string>): Promise<void> {
  let view: ResultView;
  try {
    const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
    // "%PDF-" (ISO 32000-2 §7.5.2): PDFs go to the API's PDF path; anything else to the server form.
    if (String.fromCharCode(...head) !== "%PDF-") return form.submit();
    showVerifyResult({ kind: "error", message: m.verifyChecking ?? "" }, m);
    const res = await fetch("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf", accept: "application/json" },
      body: file as unknown as BodyInit,
    });
    view = apiResultView(res.status, await res.json().catch(() => null), m);
  } catch {
    view = { kind: "error", message: m.verifyApiUnavailable ?? "" };
  }
  showVerifyResult(view, m);
}

function setupVerifyPage(d: PageData): void {
  const zone = doc.getElementById("drop");
  const input = doc.getElementById("file") as (El & { files: unknown }) | null;
  const form = doc.getElementById("verify-form") as (El & { submit(): void }) | null;
  if (!zone || !input || !form) return;
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer?.files) input.files = e.dataTransfer.files;
  });
  form.addEventListener("submit", (e) => {
    const file = (input.files as ArrayLike<FileLike> | null)?.[0];
    if (!file || file.size === 0) return;
    e.preventDefault();
    if (file.size > MAX_UPLOAD_BYTES)
      return showVerifyResult({ kind: "error", message: d.messages.verifyTooLarge ?? "" }, d.messages);
    void verifyFile(file, form, d.messages);
  });
}

async function main(): Promise<void> {
  const d = pageData();
  if (!d) return;
  if (d.page === "verify") return setupVerifyPage(d);
  if (d.page === "certificate" && typeof d.id === "string") await certificatePage(d, d.id);
}

void main();
