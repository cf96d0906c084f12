/** HTML pages for people (placeholder until the verification page lands). */
import type { Context } from "hono";
import type { AppDeps } from "../services/context";
import { verifyCredential } from "../services/verify-credential";
import { findCertificate } from "../adapters/storage/certificate-repository";

/** True when the client asks for HTML before JSON (browsers), per RFC 9110 §12.5.1 q-values. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = -1;
  let json = -1;
  for (const part of accept.split(",")) {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith("q="))
        ?.slice(2) ?? "1",
    );
    if (type === "text/html" || type === "application/xhtml+xml") html = Math.max(html, q);
    if (type === "application/json" || type === "application/ld+json" || type === "application/vc+ld+json")
      json = Math.max(json, q);
  }
  return html > 0 && html >= json;
}

/** The certificate page: verdict, details and actions. */
export async function certificatePage(c: Context, deps: AppDeps, id: string): Promise<Response> {
  const row = await findCertificate(deps.store, id);
  if (!row) return c.html("<!doctype html><title>Not found</title><h1>Certificate not found</h1>", 404);
  const result = await verifyCredential(deps, JSON.parse(row.credential));
  const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return c.html(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>WeGO certificate</title><h1>${esc(result.verdict)}</h1><p>${esc(row.recipient_name)}</p></html>`,
  );
}
