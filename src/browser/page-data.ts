/** The data the server embeds in a public page (`<script type="application/json" id="wego-data">`). */
import type { Lang } from "../pages/i18n/locale";
import { doc } from "./dom";

/** What the page script needs: which page, the certificate's facts and the page's messages. */
export interface PageData {
  page: "certificate" | "verify";
  id?: string;
  lang?: Lang;
  verdict?: string;
  checkedAt?: string;
  issuerDid?: string;
  achievementId?: string;
  messages: Record<string, string>;
}

/** The embedded data, or null when it is missing or malformed (the script then does nothing). */
export function pageData(): PageData | null {
  try {
    const d = JSON.parse(doc.getElementById("wego-data")?.textContent ?? "null") as PageData | null;
    return d && typeof d === "object" && typeof d.messages === "object" && d.messages !== null ? d : null;
  } catch {
    return null;
  }
}
