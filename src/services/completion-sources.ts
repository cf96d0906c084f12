/**
 * Completion sources (learning platforms) for staff: create, list, update, rotate keys. Shared
 * secrets are generated here, returned once, and stored only encrypted (SecretBox).
 */
import type { JWK } from "jose";
import type {
  Courses,
  CreateSourceKeyRequest,
  CreateSourceRequest,
  UpdateSourceRequest,
} from "../lib/request-types.generated";
import { auditInsert } from "../adapters/storage/audit-repository";
import { listAchievements } from "../adapters/storage/achievement-repository";
import { runBatch } from "../adapters/storage/database";
import {
  findSource,
  keyInsert,
  listCourses,
  listKeyInfo,
  listSources,
  replaceCourses,
  retireKeys,
  sourceInsert,
  sourceUpdate,
  type SourceRow,
} from "../adapters/storage/source-repository";
import { DEFAULT_FIELDS, type FieldMapping, type SourceKind } from "../domain/completion-mapping";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import type { RequestActor } from "./issue-certificate";
import { newKey } from "./source-keys";

/** Body of POST /admin/sources (schemas/create-source-request.json). */
export type CreateSourceInput = CreateSourceRequest;

/** Body of PATCH /admin/sources/{id} (schemas/update-source-request.json). */
export type UpdateSourceInput = UpdateSourceRequest;

/** Body of POST /admin/sources/{id}/keys (schemas/create-source-key-request.json). */
export type RotateKeyInput = CreateSourceKeyRequest;

/** Course mapping without the index signature's `undefined` (JSON has no undefined values). */
function courseMap(courses: Courses | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(courses ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** Default rotation grace: the previous secret keeps working for a day. */
const DEFAULT_GRACE_SECONDS = 86_400;

function mapping(kind: SourceKind, fields: Partial<FieldMapping> = {}): FieldMapping {
  const merged = { ...DEFAULT_FIELDS[kind], ...fields } as Partial<FieldMapping>;
  for (const f of ["course", "name", "email"] as const)
    if (merged[f] === undefined)
      throw new AppError("ERR_VALIDATION", `fields.${f}: required for a "${kind}" source (no default mapping)`, {
        field: `fields.${f}`,
      });
  return merged as FieldMapping;
}

async function checkCourses(deps: AppDeps, courses: Record<string, string>) {
  const known = new Set((await listAchievements(deps.store)).map((a) => a.id));
  for (const [course, id] of Object.entries(courses))
    if (!known.has(id))
      throw new AppError("ERR_UNKNOWN_ACHIEVEMENT", `courses.${course}: no achievement "${id}" in the catalogue`, {
        field: `courses.${course}`,
      });
}

/** A source as staff see it: settings, mapping, key metadata (never secret material), URLs. */
export async function describeSources(deps: AppDeps, rows: SourceRow[]) {
  const ids = rows.map((r) => r.id);
  const [courses, keys] = await Promise.all([listCourses(deps.store, ids), listKeyInfo(deps.store, ids)]);
  const now = deps.clock().toISOString();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled === 1,
    fields: JSON.parse(r.fields) as FieldMapping,
    courses: Object.fromEntries(courses.filter((c) => c.source_id === r.id).map((c) => [c.course, c.achievement_id])),
    defaultLanguage: r.default_language,
    replayWindowSeconds: r.replay_window_seconds,
    notify: r.notify === 1,
    webhookUrl: `${deps.config.baseUrl}/hooks/completions/${r.id}`,
    claimUrl: `${deps.config.baseUrl}/claim/${r.id}?token=`,
    keys: keys
      .filter((k) => k.source_id === r.id)
      .map((k) => ({
        id: k.id,
        purpose: k.purpose,
        kind: k.kind,
        createdAt: k.created_at,
        expiresAt: k.expires_at,
        live: k.expires_at === null || k.expires_at > now,
      })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** All sources for staff. */
export async function sourcesForStaff(deps: AppDeps) {
  return describeSources(deps, await listSources(deps.store));
}

/** One source for staff, or 404. */
export async function sourceForStaff(deps: AppDeps, id: string) {
  const row = await findSource(deps.store, id);
  if (!row) throw new AppError("ERR_UNKNOWN_SOURCE", `No completion source "${id}"`);
  return (await describeSources(deps, [row]))[0]!;
}

/** Creates a source with its webhook secret and claim key; the secrets are in the answer only. */
export async function createSource(deps: AppDeps, input: CreateSourceInput, who: RequestActor) {
  const fields = mapping(input.kind, input.fields);
  const courses = courseMap(input.courses);
  await checkCourses(deps, courses);
  const at = deps.clock().toISOString();
  const webhook = await newKey(deps, input.id, "webhook", at);
  const claim = await newKey(deps, input.id, "claim", at, input.claimJwk as JWK | undefined);
  const row: SourceRow = {
    id: input.id,
    name: input.name,
    kind: input.kind,
    fields: JSON.stringify(fields),
    default_language: input.defaultLanguage ?? "en",
    replay_window_seconds: input.replayWindowSeconds ?? 300,
    enabled: 1,
    notify: input.notify === false ? 0 : 1,
    created_at: at,
    updated_at: at,
  };
  if (await findSource(deps.store, input.id))
    throw new AppError("ERR_CONFLICT", `id: source "${input.id}" already exists`, { field: "id" });
  // A concurrent create of the same id fails this whole batch on the PRIMARY KEY (nothing written).
  await runBatch(deps.store, [
    sourceInsert(deps.store, row),
    keyInsert(deps.store, webhook.row),
    keyInsert(deps.store, claim.row),
    ...replaceCourses(deps.store, input.id, courses),
    auditInsert(deps.store, {
      ...who,
      action: "source.create",
      target: input.id,
      at,
      after: {
        name: input.name,
        kind: input.kind,
        fields,
        courses,
        notify: row.notify === 1,
        keys: [webhook.row.id, claim.row.id],
      },
    }),
  ]);
  return {
    source: await sourceForStaff(deps, input.id),
    secrets: {
      webhook: webhook.secret!,
      ...(claim.secret ? { claim: claim.secret } : {}),
    },
    note: "Secrets are shown once; only encrypted copies are stored.",
  };
}

/** Updates settings and/or replaces the course mapping. */
export async function updateSource(deps: AppDeps, id: string, input: UpdateSourceInput, who: RequestActor) {
  const before = await sourceForStaff(deps, id);
  const fields = input.fields ? mapping(before.kind, { ...before.fields, ...input.fields }) : undefined;
  const courses = input.courses ? courseMap(input.courses) : undefined;
  if (courses) await checkCourses(deps, courses);
  const at = deps.clock().toISOString();
  await runBatch(deps.store, [
    sourceUpdate(
      deps.store,
      id,
      {
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(fields ? { fields: JSON.stringify(fields) } : {}),
        ...(input.defaultLanguage ? { default_language: input.defaultLanguage } : {}),
        ...(input.replayWindowSeconds ? { replay_window_seconds: input.replayWindowSeconds } : {}),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled ? 1 : 0 }),
        ...(input.notify === undefined ? {} : { notify: input.notify ? 1 : 0 }),
      },
      at,
    ),
    ...(courses ? replaceCourses(deps.store, id, courses) : []),
    auditInsert(deps.store, {
      ...who,
      action: "source.update",
      target: id,
      at,
      before: {
        name: before.name,
        fields: before.fields,
        courses: before.courses,
        enabled: before.enabled,
        notify: before.notify,
      },
      after: input,
    }),
  ]);
  return sourceForStaff(deps, id);
}

/** Rotates a webhook secret or claim key: a new key now, the previous ones expire after the grace. */
export async function rotateSourceKey(deps: AppDeps, id: string, input: RotateKeyInput, who: RequestActor) {
  await sourceForStaff(deps, id);
  if (input.jwk && input.purpose !== "claim")
    throw new AppError("ERR_VALIDATION", "jwk: only claim-link keys may be public JWKs", { field: "jwk" });
  const now = deps.clock();
  const at = now.toISOString();
  const grace = input.graceSeconds ?? DEFAULT_GRACE_SECONDS;
  const expiresAt = new Date(now.getTime() + grace * 1000).toISOString();
  const key = await newKey(deps, id, input.purpose, at, input.jwk as JWK | undefined);
  await runBatch(deps.store, [
    keyInsert(deps.store, key.row),
    retireKeys(deps.store, id, input.purpose, key.row.id, at, expiresAt),
    auditInsert(deps.store, {
      ...who,
      action: "source.key.rotate",
      target: id,
      at,
      after: { key: key.row.id, purpose: input.purpose, kind: key.row.kind, previousExpireAt: expiresAt },
    }),
  ]);
  return {
    id: key.row.id,
    purpose: input.purpose,
    kind: key.row.kind,
    ...(key.secret ? { secret: key.secret } : {}),
    previousKeysExpireAt: expiresAt,
    note: key.secret ? "The secret is shown once; only an encrypted copy is stored." : undefined,
  };
}
