/** Hono environment shared by the app and its sub-routers. */
import type { Actor } from "./admin-auth";

/** Per-request variables. */
export type AppEnv = {
  Variables: {
    requestId: string;
    actor: Actor;
    language: string;
    /** The rendering a PDF response served (services/pdf-bytes-cache.ts), for its last good copy. */
    pdfRendering?: string;
  };
};
