/**
 * The public pages' script (bundled to /static/verify.js by scripts/build-browser.mjs):
 * - certificate page: re-verifies the VC-JWT in the browser against the published JWKS, saves the
 *   page for offline use (service worker), and offline verifies the QR fragment token instead;
 * - verify page: drag-and-drop onto the file input.
 * Everything degrades to the server-rendered page without JavaScript.
 */
import { CACHE } from "./cache-name";
import { doc, el, loc, nav, printPage, type El } from "./dom";
import { jsonEqual, verifyJwtInBrowser, type Jwk } from "./jwt";
import { verifyCompactToken } from "./offline";

interface PageData {
  page: "certificate" | "verify";
  id?: string;
  verdict?: string;
  participant?: string;
  messages: Record<string, string>;
}

function pageData(): PageData | null {
  try {
    return JSON.parse(doc.getElementById("wego-data")?.textContent ?? "null") as PageData | null;
  } catch {
    return null;
  }
}

async function getJson(path: string): Promise<unknown> {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

async function getText(path: string): Promise<string> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.text();
}

async function publishedKeys(): Promise<Jwk[]> {
  const set = (await getJson("/.well-known/jwks.json")) as { keys?: Jwk[] };
  return Array.isArray(set.keys) ? set.keys : [];
}

function setResult(state: "ok" | "failed" | "unavailable", text: string): void {
  const out = doc.getElementById("browser-result");
  if (!out) return;
  out.textContent = text;
  out.setAttribute("data-state", state);
}

/** Online: the VC-JWT must verify against the JWKS and carry exactly the credential shown. */
async function checkOnline(d: PageData, id: string): Promise<void> {
  const m = d.messages;
  setResult("unavailable", m.browserCheckPending ?? "");
  try {
    const [keys, jwt, credential] = await Promise.all([
      publishedKeys(),
      getText(`/c/${id}.jwt`),
      getJson(`/c/${id}.json`) as Promise<Record<string, unknown>>,
    ]);
    const check = await verifyJwtInBrowser(jwt, keys);
    const { proof: _proof, ...unsecured } = credential;
    const subject = check.ok ? (check.payload.credentialSubject as { name?: unknown } | undefined) : undefined;
    const same = check.ok && jsonEqual(check.payload, unsecured) && subject?.name === d.participant;
    setResult(same ? "ok" : "failed", same ? m.browserCheckOk! : m.browserCheckFailed!);
  } catch {
    setResult("unavailable", m.browserCheckUnavailable ?? "");
  }
}

/** Replaces the (possibly stale) server verdict with the offline outcome. */
function showOfflineVerdict(ok: boolean, title: string, details: string[]): void {
  const banner = doc.getElementById("verdict");
  if (!banner) return;
  banner.className = `verdict ${ok ? "valid" : "bad"}`;
  banner.setAttribute("data-verdict", ok ? "offline-valid" : "offline-invalid");
  const h = el("h1", undefined);
  h.id = "verdict-title";
  const icon = el("span", ok ? "✓" : "✗", "icon");
  icon.setAttribute("aria-hidden", "true");
  h.append(icon, title);
  banner.replaceChildren(h, ...details.map((t) => el("p", t)));
  // The saved checks reflect an earlier online visit: hide them rather than show them as current.
  for (const sel of ["#checks-title", ".checks", "#browser-check"]) {
    const node = doc.querySelector(sel);
    if (node) node.hidden = true;
  }
}

/** Offline: verify the QR fragment token with the saved JWKS and the name shown. */
async function checkOffline(d: PageData, id: string): Promise<void> {
  const m = d.messages;
  const token = decodeURIComponent(loc.hash.replace(/^#/, ""));
  if (!token) {
    showOfflineVerdict(false, m.verdictUnavailable!, [m.offlineNoToken!]);
    return;
  }
  let keys: Jwk[] = [];
  let credential: Record<string, unknown> | undefined;
  try {
    keys = await publishedKeys();
  } catch {
    keys = [];
  }
  try {
    credential = (await getJson(`/c/${id}.json`)) as Record<string, unknown>;
  } catch {
    credential = undefined;
  }
  const subject = credential?.credentialSubject as { name?: unknown } | undefined;
  const name = typeof subject?.name === "string" ? subject.name : (d.participant ?? "");
  const result = await verifyCompactToken(id, token, keys, name, credential);
  if (result.ok) showOfflineVerdict(true, m.offlineOk!, [m.offlineOkDetail!, m.offlineStatusUnknown!]);
  else showOfflineVerdict(false, m.offlineFailed!, [m.offlineFailedDetail!]);
}

/** Saves what the offline check needs, and registers the service worker that serves it. */
async function saveForOffline(id: string): Promise<void> {
  if (!nav.serviceWorker || typeof caches === "undefined") return;
  try {
    await nav.serviceWorker.register("/c/sw.js", { scope: "/c/" });
    const cache = await caches.open(CACHE);
    const paths = [`/c/${id}`, `/c/${id}.json`, `/c/${id}.jwt`, "/.well-known/jwks.json", "/static/verify.js"];
    for (const path of paths) {
      // The page itself is fetched as HTML (content negotiation on /c/{id}).
      const res = await fetch(path, { headers: { accept: path === `/c/${id}` ? "text/html" : "*/*" } });
      if (res.ok) await cache.put(path, res);
    }
  } catch {
    // Offline support is a bonus: the online page works without it.
  }
}

function setupActions(d: PageData): void {
  const copy = doc.getElementById("copy-link");
  const status = doc.getElementById("copy-status");
  if (copy && nav.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", () => {
      void nav.clipboard!.writeText(copy.getAttribute("data-url") ?? loc.href).then(() => {
        if (status) status.textContent = d.messages.linkCopied ?? "";
      });
    });
  }
  const print = doc.getElementById("print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", () => printPage());
  }
}

function setupDrop(): void {
  const zone = doc.getElementById("drop");
  const input = doc.getElementById("file") as (El & { files: unknown }) | null;
  if (!zone || !input) return;
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
}

async function main(): Promise<void> {
  const d = pageData();
  if (!d) return;
  if (d.page === "verify") return setupDrop();
  if (d.page !== "certificate" || !d.id) return;
  setupActions(d);
  const offline = doc.documentElement.getAttribute("data-source") === "cache" || !nav.onLine;
  if (offline) return checkOffline(d, d.id);
  await checkOnline(d, d.id);
  // Only certificates that exist are saved (the 404 page has no id).
  await saveForOffline(d.id);
}

void main();
