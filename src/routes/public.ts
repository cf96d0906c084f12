/** Public, unauthenticated routes: certificates by id, the catalogue, the API description. */
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { findAchievement, listAchievements } from "../adapters/storage/achievement-repository";
import { achievementUrl, wegoIssuer } from "../domain/credential";
import type { AchievementRecord } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { CERTIFICATE_ID } from "./http";
import { openApiDocument } from "./openapi";
import { statusListCredential } from "../services/status";
import { PDF_RENDERER, servePdf } from "../services/certificate-pdf";
import { certificateFileName, contentDisposition } from "../lib/content-disposition";
import { findByShortCode } from "../services/short-codes";
import { certificateLanguage } from "../adapters/storage/certificate-repository";
import { signedCertificate } from "../services/signed-certificates";
import { certificatePage, prefersHtml } from "./pages";

const NOT_FOUND = () => new AppError("ERR_NOT_FOUND", "No certificate with this id");

/** OB3 Achievement JSON for a catalogue entry. */
function achievementJson(deps: AppDeps, a: AchievementRecord) {
  const issuer = wegoIssuer(deps.config.issuerDid);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: achievementUrl(deps.config.baseUrl, a.id),
    type: ["Achievement"],
    name: a.name,
    description: a.description,
    criteria: { narrative: a.criteria },
    creator: { id: issuer.id, type: ["Profile"], name: issuer.name },
    ...(a.city ? { city: a.city, date: a.date, venue: a.venue } : {}),
    themes: a.themes,
    kind: a.kind,
    slug: a.id,
  };
}

export function publicRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // /c/{id} (JSON credential or, for browsers, the page), /c/{id}.json, .jwt, .pdf. Unknown and malformed ids give the
  // same 404, so the answer reveals nothing about which ids exist.
  app.get("/c/:file", async (c) => {
    const m = /^([^.]+)(?:\.(json|jwt|pdf))?$/.exec(c.req.param("file"));
    if (!m || !CERTIFICATE_ID.test(m[1]!)) throw NOT_FOUND();
    if (!m[2] && prefersHtml(c.req.header("accept"))) return certificatePage(c, deps, m[1]!);
    const row = await signedCertificate(deps, m[1]!);
    if (!row) throw NOT_FOUND();
    c.header("Cache-Control", "public, max-age=60");
    // /c/{id} answers HTML or JSON by Accept: shared caches must key on it (RFC 9110 §12.5.5).
    if (!m[2]) c.header("Vary", "Accept");
    if (m[2] === "jwt") return c.body(row.vc_jwt, 200, { "Content-Type": "application/vc+jwt" });
    if (m[2] === "pdf") {
      // ?lang=en|ko prints the certificate in that language; without it, in the certificate's own.
      const lang = c.req.query("lang");
      if (lang !== undefined && lang !== "en" && lang !== "ko")
        throw new AppError("ERR_VALIDATION", "lang must be en or ko", { field: "lang" });
      // Deterministic rendering: the ETag names the certificate, its signing key, renderer and language.
      const language = lang ?? (await certificateLanguage(deps.store, row.id));
      const etag = `"${row.id}.${row.key_id.slice(0, 8)}.${PDF_RENDERER}.${language}"`;
      c.header("ETag", etag);
      c.header("Cache-Control", "public, max-age=3600");
      if (c.req.header("if-none-match") === etag) return c.body(null, 304);
      const pdf = await servePdf(deps, row, language);
      const fileName = certificateFileName(row.recipient_name, "pdf");
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": contentDisposition("inline", fileName, `wego-certificate-${row.id}.pdf`),
      });
    }
    return c.body(row.credential, 200, {
      "Content-Type": m[2] === "json" ? "application/vc+ld+json" : "application/json",
      ...(m[2] === "json" ? { "Content-Disposition": `attachment; filename="wego-certificate-${row.id}.json"` } : {}),
    });
  });

  // A printed short code → its certificate (typed with or without dashes, any case).
  app.get("/codes/:code", async (c) => {
    const typed = c.req.param("code");
    const found = typed.length <= 40 ? await findByShortCode(deps, typed) : undefined;
    if (!found || !found.ok)
      throw new AppError("ERR_VALIDATION", `code: ${found ? found.message : "too long"}`, { field: "code" });
    if (!found.certificateId) throw new AppError("ERR_NOT_FOUND", "No certificate has this code");
    const url = `${deps.config.baseUrl}/c/${found.certificateId}`;
    c.header("Cache-Control", "no-cache");
    return c.json({
      code: found.code,
      certificateId: found.certificateId,
      url,
      credential: `${url}.json`,
      pdf: `${url}.pdf`,
    });
  });

  app.get("/achievements", async (c) =>
    c.json({ achievements: (await listAchievements(deps.store)).map((a) => achievementJson(deps, a)) }),
  );

  app.get("/achievements/:id", async (c) => {
    const a = await findAchievement(deps.store, c.req.param("id"));
    if (!a) throw new AppError("ERR_NOT_FOUND", "No achievement with this id");
    return c.json(achievementJson(deps, a));
  });

  // Bitstring Status List credentials (VC Bitstring Status List §2.2); short-lived cache, ETag.
  app.get("/status/:list", async (c) => {
    const list = await statusListCredential(deps, c.req.param("list"));
    if (!list) throw new AppError("ERR_NOT_FOUND", "No status list with this id");
    const etag = `"${list.etag}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "public, max-age=60, must-revalidate");
    c.header("Access-Control-Allow-Origin", "*");
    if ((c.req.header("if-none-match") ?? "").split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    return c.body(list.body, 200, { "Content-Type": "application/vc+ld+json" });
  });

  app.get("/openapi.json", (c) => c.json(openApiDocument(deps.config.baseUrl)));
  return app;
}
