/** Staff accounts (for Cloudflare Access sign-in): add, change permissions, disable; all audited. */
import { base64urlEncode } from "../lib/encoding";
import { auditInsert, auditInsertIfChanged } from "../adapters/storage/audit-repository";
import { runBatch } from "../adapters/storage/database";
import {
  findStaff,
  findStaffByEmail,
  staffDisable,
  staffInsert,
  staffSetScopes,
} from "../adapters/storage/staff-repository";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import type { RequestActor } from "./issue-certificate";
import { SCOPES, type Scope } from "./tokens";

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

function checkScopes(scopes: string[]): Scope[] {
  const out = [...new Set(scopes)].filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
  if (out.length === 0 || out.length !== new Set(scopes).size)
    throw new AppError("ERR_VALIDATION", "scopes: choose one or more of issue, revoke, read, admin", {
      field: "scopes",
    });
  return out;
}

/** Adds a staff account; 409 if the email is already one. */
export async function addStaff(
  deps: AppDeps,
  input: { email: string; name: string; scopes: string[] },
  who: RequestActor,
) {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email)) throw new AppError("ERR_VALIDATION", "email: is not an email address", { field: "email" });
  if (!name || name.length > 100) throw new AppError("ERR_VALIDATION", "name: 1 to 100 characters", { field: "name" });
  const scopes = checkScopes(input.scopes);
  if (await findStaffByEmail(deps.store, email))
    throw new AppError("ERR_CONFLICT", `email: ${email} already has a staff account`, { field: "email" });
  const id = base64urlEncode(deps.random(9));
  const at = deps.clock().toISOString();
  await runBatch(deps.store, [
    staffInsert(deps.store, {
      id,
      email,
      name,
      scopes: JSON.stringify(scopes),
      created_at: at,
      created_by: who.actor,
      disabled_at: null,
    }),
    auditInsert(deps.store, { ...who, action: "staff.create", target: id, at, after: { email, name, scopes } }),
  ]);
  return { id, email, name, scopes };
}

/** Replaces an enabled account's permissions. */
export async function setStaffScopes(deps: AppDeps, id: string, scopes: string[], who: RequestActor) {
  const before = await findStaff(deps.store, id);
  if (!before || before.disabled_at) throw new AppError("ERR_NOT_FOUND", "No enabled staff account with this id");
  const checked = checkScopes(scopes);
  await runBatch(deps.store, [
    staffSetScopes(deps.store, id, JSON.stringify(checked)),
    auditInsertIfChanged(deps.store, {
      ...who,
      action: "staff.scopes",
      target: id,
      at: deps.clock().toISOString(),
      before: { email: before.email, scopes: JSON.parse(before.scopes) },
      after: { email: before.email, scopes: checked },
    }),
  ]);
}

/** Disables an account: its sessions end on their next request. */
export async function disableStaff(deps: AppDeps, id: string, who: RequestActor) {
  const before = await findStaff(deps.store, id);
  if (!before) throw new AppError("ERR_NOT_FOUND", "No staff account with this id");
  const at = deps.clock().toISOString();
  const [res] = await runBatch(deps.store, [
    staffDisable(deps.store, id, at),
    auditInsertIfChanged(deps.store, {
      ...who,
      action: "staff.disable",
      target: id,
      at,
      before: { email: before.email },
    }),
  ]);
  if ((res?.meta.changes ?? 0) !== 1) throw new AppError("ERR_CONFLICT", "The account is already disabled");
}
