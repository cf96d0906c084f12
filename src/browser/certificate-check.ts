/**
 * The certificate page: live, a second check of the VC-JWT in the browser (only on a valid page),
 * then the page is saved for offline use; a saved copy or offline, the verdict comes only from
 * what the phone can check (./offline-verdict.ts).
 */
import { formatDate, isLang, type Lang } from "../pages/i18n/locale";
import { doc, loc, nav } from "./dom";
import { fragmentToken } from "./fragment";
import type { Jwk } from "./jwt";
import { verifyOffline } from "./offline";
import { offlineDisplay, unconfirmed } from "./offline-verdict";
import { browserRecheck } from "./online-check";
import { readShown, setResult, showBanner } from "./certificate-banner";
import { setupActions } from "./certificate-actions";
import { saveForOffline } from "./offline-save";
import type { PageData } from "./page-data";
import { getOk, publishedKeys } from "./service-fetch";

async function certificateOnline(d: PageData, id: string, lang: Lang): Promise<void> {
  const m = d.messages;
  const r = await browserRecheck({
    verdict: d.verdict,
    id,
    issuerDid: d.issuerDid ?? "",
    achievementId: d.achievementId ?? "",
    shown: readShown(lang),
    now: Date.now(),
    fetchJwt: async () => (await getOk(`/c/${id}.jwt`, "application/vc+jwt")).text(),
    fetchKeys: publishedKeys,
  });
  if (r.state === "hidden") {
    await saveForOffline(id);
    return;
  }
  if (r.state === "failed") {
    setResult("failed", m.browserCheckFailed ?? "");
    showBanner({
      verdict: "browser-mismatch",
      tone: "unknown",
      title: m.browserMismatchTitle ?? "",
      details: [m.browserMismatchDetail ?? ""],
    });
    return;
  }
  setResult(r.state, (r.state === "ok" ? m.browserCheckOk : m.browserCheckUnavailable) ?? "");
  if (r.state === "ok") await saveForOffline(id);
}

async function certificateOffline(d: PageData, id: string, lang: Lang): Promise<void> {
  const date = (iso: string) => formatDate(lang, iso);
  const display = await offlineDisplay({
    m: d.messages,
    verdict: d.verdict,
    checkedAt: d.checkedAt,
    now: Date.now(),
    fragment: fragmentToken(loc.hash),
    date,
    check: async (token) => {
      const keys = await publishedKeys().catch(() => [] as Jwk[]);
      const jwt = await getOk(`/c/${id}.jwt`, "application/vc+jwt")
        .then((r) => r.text())
        .catch(() => undefined);
      return verifyOffline({
        id,
        token,
        keys,
        issuerDid: d.issuerDid ?? "",
        shown: readShown(lang),
        achievementId: d.achievementId ?? "",
        jwt,
        now: Date.now(),
      });
    },
  });
  showBanner(display);
}

/** Runs the certificate page; any exception ends in the neutral "could not check" state. */
export async function certificatePage(d: PageData, id: string): Promise<void> {
  const lang: Lang = isLang(d.lang) ? d.lang : "en";
  const saved = doc.documentElement.getAttribute("data-source") !== "network";
  try {
    setupActions(d);
    if (saved || !nav.onLine) await certificateOffline(d, id, lang);
    else await certificateOnline(d, id, lang);
  } catch {
    if (saved || !nav.onLine) showBanner(unconfirmed(d.messages, d.checkedAt ? formatDate(lang, d.checkedAt) : "?"));
    else setResult("unavailable", d.messages.browserCheckUnavailable ?? "");
  }
}
