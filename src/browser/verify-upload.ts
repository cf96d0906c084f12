/**
 * The verify page: a PDF goes to `POST /credentials/verify` as `application/pdf`; other input is
 * posted to the server form.
 */
import { doc, el, type El } from "./dom";
import type { PageData } from "./page-data";
import { apiResultView, MAX_UPLOAD_BYTES, type ResultView } from "./verify-result";

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

/** Wires the drop zone and the form of the verify page. */
export function setupVerifyPage(d: PageData): void {
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
