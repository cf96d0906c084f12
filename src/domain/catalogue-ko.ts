/**
 * Korean texts of the seeded catalogue (see catalogue.ts), for certificates printed in Korean. The
 * PDF prints only signed facts, so a translation is used only when the signed English facts are
 * exactly the catalogue entry it translates (see {@link koreanAchievement}); otherwise the signed
 * English texts are printed.
 */
import { SEED_CATALOGUE } from "./catalogue";
import type { AchievementRecord } from "./types";

const PROGRAM = "WeGO 지속가능 스마트시티 챔피언스 2023";

interface KoreanEntry {
  phase: string;
  criteria?: string;
  venue?: string;
  themes: string[];
}

const KOREAN: Record<string, KoreanEntry> = {
  "champions-2023-online": {
    phase: "온라인 강의",
    criteria: "프로그램의 온라인 강의 8회를 모두 수료함.",
    themes: ["스마트하고 지속가능한 도시 전환의 가속화, 벤치마킹 및 소통"],
  },
  "champions-2023-workshop-baku": {
    phase: "바쿠 워크숍",
    venue: "아제르바이잔 외교아카데미",
    themes: ["연안 도시화와 토지 이용", "폐기물 관리", "글로벌 에너지 공급"],
  },
  "champions-2023-workshop-munich": { phase: "뮌헨 워크숍", venue: "뮌헨 공과대학교", themes: ["디지털 전환"] },
  "champions-2023-workshop-geneva": {
    phase: "제네바 워크숍",
    venue: "제네바 대학교 / UNECE 스마트 지속가능 도시 우수센터",
    themes: ["글로벌 도시 거버넌스와 자연 기반 해법"],
  },
  "champions-2023-workshop-athens": {
    phase: "아테네 워크숍",
    venue: "파트라스 대학교",
    themes: ["글로벌 관광과 아테네 해안 재정비", "도시 속의 문화"],
  },
  "champions-2023-workshop-milan": {
    phase: "밀라노 워크숍",
    venue: "밀라노 가톨릭 대학교",
    themes: ["스마트하고 지속가능한 도시에 대한 소통"],
  },
  "champions-2023-workshop-los-angeles": {
    phase: "로스앤젤레스 워크숍",
    venue: "캘리포니아 대학교 로스앤젤레스(UCLA)",
    themes: ["글로벌 도시의 도시 재정비", "교통 / 모빌리티", "도시 자연재해"],
  },
};

/** Slugs with a Korean translation (tests check every seeded achievement has one). */
export const KOREAN_ACHIEVEMENTS = Object.keys(KOREAN);

/**
 * The achievement in Korean, when `signed` (the facts the credential signs) is exactly the seeded
 * English entry that the translation was made from; otherwise `signed` unchanged.
 */
export function koreanAchievement(signed: AchievementRecord): AchievementRecord {
  const ko = KOREAN[signed.id];
  const seed = SEED_CATALOGUE.find((a) => a.id === signed.id);
  if (!ko || !seed) return signed;
  const same =
    seed.name === signed.name &&
    seed.kind === signed.kind &&
    (seed.venue ?? null) === (signed.venue ?? null) &&
    (seed.date ?? null) === (signed.date ?? null) &&
    seed.themes.join("; ") === signed.themes.join("; ") &&
    (signed.kind !== "online" || seed.criteria === signed.criteria);
  if (!same) return signed;
  return {
    ...signed,
    name: `${PROGRAM}: ${ko.phase}`,
    criteria: ko.criteria ?? signed.criteria,
    venue: ko.venue ?? signed.venue,
    themes: ko.themes,
  };
}
