/** Public, unauthenticated routes: the catalogue, status lists, the API description (certificates: ./certificates.ts). */
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { findAchievement, listAchievements } from "../adapters/storage/achievement-repository";
import { achievementImage, achievementUrl, issuerImage, wegoIssuer } from "../domain/credential";
import { achievementBadgeSvg } from "../pages/badge-svg";
import type { AchievementRecord } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { openApiDocument } from "./openapi";
import { statusListCredential } from "../services/status-list-credential";
import { findByShortCode } from "../services/short-codes";

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
    creator: { id: issuer.id, type: ["Profile"], name: issuer.name, image: issuerImage(deps.config.baseUrl, issuer) },
    image: achievementImage(deps.config.baseUrl, a),
    ...(a.city ? { city: a.city, date: a.date, venue: a.venue } : {}),
    themes: a.themes,
    kind: a.kind,
    slug: a.id,
  };
}

export function publicRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // A printed short code → its certificate (typed with or without dashes, any case).
  app.get("/codes/:code", async (c) => {
    const typed = c.req.param("code");
    const found = typed.length <= 40 ? await findByShortCode(deps, typed) : undefined;
    if (!found || !found.ok)
      throw new AppError("ERR_VALIDATION", `code: ${found ? found.error.message : "too long"}`, { field: "code" });
    const { code, certificateId } = found.value;
    if (!certificateId) throw new AppError("ERR_NOT_FOUND", "No certificate has this code");
    const url = `${deps.config.baseUrl}/c/${certificateId}`;
    c.header("Cache-Control", "no-cache");
    return c.json({
      code,
      certificateId,
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

  // Badge images named by credentials (OB 3.0 `image`): self-contained SVG, served so that no
  // browser runs anything in it even when opened directly (CSP default-src 'none', sandbox).
  const svgHeaders = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "public, max-age=86400",
    "Access-Control-Allow-Origin": "*",
  };
  app.get("/achievements/:id/image.svg", async (c) => {
    const a = await findAchievement(deps.store, c.req.param("id"));
    if (!a) throw new AppError("ERR_NOT_FOUND", "No achievement with this id");
    return c.body(achievementBadgeSvg(a), 200, svgHeaders);
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
