/** Builds the app directly (as the Worker entry does) so a test can change one dependency. */
import { env } from "cloudflare:test";
import { createApp } from "../../src/app";
import { createDeps, type Env } from "../../src/index";
import type { AppDeps } from "../../src/services/context";
import { ADMIN, BASE } from "./api";

export const workerEnv = env as unknown as Env & { DB: D1Database };

export async function testDeps(overrides: Partial<AppDeps> = {}): Promise<AppDeps> {
  return { ...(await createDeps(workerEnv)), ...overrides };
}

/** A fetch function bound to an app built from `deps`. */
export function client(deps: AppDeps) {
  const app = createApp(deps);
  return {
    get: (path: string, headers: Record<string, string> = {}) => app.request(BASE + path, { headers }),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(BASE + path, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}`, ...headers },
        body: JSON.stringify(body),
      }),
  };
}

/** A D1 binding whose statements fail when `shouldFail(sql)` says so. */
export function failingD1(db: D1Database, shouldFail: (sql: string) => boolean): D1Database {
  const wrapStmt = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        if (prop === "bind") return (...args: unknown[]) => wrapStmt(target.bind(...args), sql);
        if (["first", "all", "run", "raw"].includes(prop as string) && shouldFail(sql))
          return () => Promise.reject(new Error("D1_ERROR: injected failure"));
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "prepare") return (sql: string) => wrapStmt(target.prepare(sql), sql);
      if (prop === "batch") return (stmts: D1PreparedStatement[]) => target.batch(stmts);
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/**
 * Deps whose canonicalizer counts its calls: a verification that checks a Data Integrity signature
 * canonicalizes, one that reuses a proven verification (services/proven-signatures.ts) does not.
 */
export async function countingDeps(overrides: Partial<AppDeps> = {}) {
  const deps = await testDeps(overrides);
  const counter = { calls: 0 };
  const canonicalize: AppDeps["canonicalize"] = (doc) => (counter.calls++, deps.canonicalize(doc));
  return { deps: { ...deps, canonicalize }, counter };
}

/** A certificate's stored credential text, exactly as D1 holds it. */
export async function storedCredentialText(id: string): Promise<string> {
  const row = await workerEnv.DB.prepare("SELECT credential FROM certificates WHERE id = ?")
    .bind(id)
    .first<{ credential: string }>();
  return row!.credential;
}
