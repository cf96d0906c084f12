/**
 * The deploy's configuration and outside world: its options, the `DeployIo` every effect goes
 * through, its error, and the wrangler.toml facts of one environment.
 */
export type DeployEnv = "staging" | "production";

export interface DeployOptions {
  env: DeployEnv;
  /** Checks and `wrangler deploy --dry-run` only: nothing remote is read or changed. */
  dryRun: boolean;
  /** Test files for the test gate (empty: the unit and workers projects). */
  tests: string[];
  allowDirty: boolean;
  /** A key rotation: the new private JWK, uploaded with the version that publishes its key. */
  rotateKeyFile?: string;
}

/** What the plan needs from the machine. */
export interface DeployIo {
  /** Runs a command; rejects with its output when it exits non-zero. */
  run(cmd: string, args: string[], opts?: { env?: Record<string, string> }): Promise<string>;
  fetch(url: string, init?: RequestInit): Promise<Response>;
  readFile(path: string): string;
  writeFile(path: string, text: string, mode?: number): void;
  removeFile(path: string): void;
  appendFile(path: string, text: string): void;
  log(line: string): void;
  sleep(ms: number): Promise<void>;
}

/** The wrangler.toml facts of one environment that the plan checks. */
export interface EnvConfig {
  baseUrl: string;
  databaseName: string;
  databaseId: string;
}

/** A deploy step refused or failed; its message says what to do. */
export class DeployError extends Error {}

/** Runs wrangler for the environment being deployed; resolves with its output. */
export type Wrangler = (...args: string[]) => Promise<string>;

/** Reads an environment's base URL and D1 database from wrangler.toml (a line-level reader: no TOML dependency). */
export function envConfig(toml: string, env: DeployEnv): EnvConfig {
  const section = (name: string) => {
    const m = new RegExp(`^\\[\\[?${name.replace(/\./g, "\\.")}\\]\\]?\\s*$([\\s\\S]*?)(?=^\\[)`, "m").exec(
      toml + "\n[",
    );
    return m?.[1] ?? "";
  };
  const value = (text: string, key: string) => new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m").exec(text)?.[1] ?? "";
  const vars = section(`env.${env}.vars`);
  const db = section(`env.${env}.d1_databases`);
  return {
    baseUrl: value(vars, "PUBLIC_BASE_URL"),
    databaseName: value(db, "database_name"),
    databaseId: value(db, "database_id"),
  };
}

/** One SQL statement on the remote D1 database, its answer as wrangler's JSON text. */
export function remoteQuery(wrangler: Wrangler, sql: string): Promise<string> {
  return wrangler("d1", "execute", "DB", "--remote", "--json", "--command", sql);
}
