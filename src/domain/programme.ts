/**
 * A programme year's achievements from one description: its online phase and its workshops, with
 * ids, names, descriptions and criteria written the way the 2023 catalogue writes them
 * (catalogue.ts), unless the request gives its own text.
 */
import type { CreateProgrammeRequest } from "../lib/request-types.generated";
import type { AchievementRecord } from "./types";

/** A programme year, e.g. `champions-2024` (generated from schemas/create-programme-request.json). */
export type ProgrammeRequest = CreateProgrammeRequest;

/** One workshop of a programme. */
export type ProgrammeWorkshop = NonNullable<ProgrammeRequest["workshops"]>[number];

/** `Los Angeles` → `los-angeles`; letters outside a–z are dropped (give a slug for such cities). */
export function citySlug(city: string): string {
  return city
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The achievements of a programme, online phase first. */
export function programmeAchievements(p: ProgrammeRequest): AchievementRecord[] {
  const out: AchievementRecord[] = [];
  if (p.online)
    out.push({
      id: `${p.id}-online`,
      kind: "online",
      name: `${p.name}: online lectures`,
      description: p.online.description ?? `Online phase of the ${p.name} programme.`,
      criteria: p.online.criteria ?? "Completed the online lectures of the programme.",
      city: null,
      date: null,
      themes: p.online.themes,
      venue: null,
    });
  for (const w of p.workshops ?? []) {
    const host = w.venue ? `, hosted by ${w.venue}` : "";
    out.push({
      id: `${p.id}-workshop-${w.slug ?? citySlug(w.city)}`,
      kind: "workshop",
      name: `${p.name}: ${w.city} workshop`,
      description:
        w.description ??
        `In-person workshop of the ${p.name} programme in ${w.city} on ${w.date}${host}. Themes: ${w.themes.join("; ")}.`,
      criteria: w.criteria ?? `Took part in the ${w.city} workshop of the ${p.name} programme on ${w.date}.`,
      city: w.city,
      date: w.date,
      themes: w.themes,
      venue: w.venue ?? null,
    });
  }
  return out;
}
