/** Admin key operations: bulk re-sign of a (compromised or retired) key's certificates. */
import { Hono } from "hono";
import type { AppDeps } from "../services/context";
import { resignByKey } from "../services/resign";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";

export function keyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // One chunk per call; repeat until `remaining` is 0 (`npm run cli -- keys resign <kid>` does).
  app.post("/:kid/resign", requireScope(deps, "admin"), async (c) =>
    c.json(await resignByKey(deps, c.req.param("kid"), who(c))),
  );
  return app;
}
