/** The certificate page's buttons: share (or copy the link) and print the PDF. */
import { doc, el, loc, nav } from "./dom";
import type { PageData } from "./page-data";

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

/** Wires the share and print buttons (shown only where the browser can do it). */
export function setupActions(d: PageData): void {
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
