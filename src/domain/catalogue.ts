/**
 * WeGO's programme catalogue: the online phase of "WeGO Sustainable Smart City Champions 2023" and
 * its six in-person workshops. The same rows are seeded by `migrations/0002_seed_catalogue.sql`
 * (a test checks they agree).
 */
import type { AchievementRecord } from "./types";

const PROGRAM = "WeGO Sustainable Smart City Champions 2023";
const PROGRAM_THEME = "Accelerating, Benchmarking, and Communicating Smart and Sustainable Cities' Transitions";

function workshop(slug: string, city: string, date: string, themes: string[], venue: string): AchievementRecord {
  return {
    id: `champions-2023-workshop-${slug}`,
    kind: "workshop",
    name: `${PROGRAM}: ${city} workshop`,
    description: `In-person workshop of the ${PROGRAM} programme in ${city} on ${date}, hosted by ${venue}. Themes: ${themes.join("; ")}.`,
    criteria: `Took part in the ${city} workshop of the ${PROGRAM} programme on ${date}.`,
    city,
    date,
    themes,
    venue,
  };
}

/** The seeded catalogue, online phase first. */
export const SEED_CATALOGUE: readonly AchievementRecord[] = [
  {
    id: "champions-2023-online",
    kind: "online",
    name: `${PROGRAM}: online lectures`,
    description: `Online phase of the ${PROGRAM} programme: eight online lectures on ${PROGRAM_THEME}.`,
    criteria: "Completed all eight online lectures of the programme.",
    city: null,
    date: null,
    themes: [PROGRAM_THEME],
    venue: null,
  },
  workshop(
    "baku",
    "Baku",
    "2023-10-01",
    ["Littoral Urbanization Land-use", "Waste Management", "Global Energy Supply"],
    "Azerbaijan Diplomatic Academy",
  ),
  workshop("munich", "Munich", "2023-10-03", ["Digital Transformations"], "Technical University of Munich"),
  workshop(
    "geneva",
    "Geneva",
    "2023-10-04",
    ["Global Cities Governance and Nature-Based Solutions"],
    "University of Geneva / UNECE Center of Excellence on Smart Sustainable Cities",
  ),
  workshop(
    "athens",
    "Athens",
    "2023-10-24",
    ["Global Tourism and Athens Coastal Retrofitting", "Culture in the City"],
    "Patras University",
  ),
  workshop(
    "milan",
    "Milan",
    "2023-11-14",
    ["Communicating Smart & Sustainable Cities"],
    "Catholic University of Milan",
  ),
  workshop(
    "los-angeles",
    "Los Angeles",
    "2023-12-07",
    ["Global Cities Urban Retrofitting", "Transport / Mobility", "Urban Natural Hazards"],
    "University of California, Los Angeles",
  ),
];
