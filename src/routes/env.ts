/** Hono environment shared by the app and its sub-routers. */
import type { Actor } from "./admin-auth";

/** Per-request variables. */
export type AppEnv = { Variables: { requestId: string; actor: Actor; language: string } };
