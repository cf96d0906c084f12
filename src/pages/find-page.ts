/**
 * `/find`: "Find my certificates". The participant enters an address; the answer never says
 * whether it is known and never shows a certificate: the list goes to the address by email.
 */
import { html } from "./html";
import type { Lang, Messages } from "./i18n";
import { layout } from "./layout";

const STRINGS = {
  en: {
    title: "Find my certificates",
    intro:
      "Lost the email with your certificate? Enter the address WeGO sent it to. We will email that address a list of links to every certificate issued to it.",
    label: "Email address",
    submit: "Email me my certificates",
    done: "Thank you. If WeGO has issued certificates to this address, a message listing them is on its way; it can take a few minutes. Check your spam folder too.",
    invalid: "Enter an email address such as name@example.org.",
    limited: "Too many requests from this connection. Please try again in a minute.",
    privacy: "For your privacy this page never shows certificates or says whether an address is known.",
  },
  ko: {
    title: "내 인증서 찾기",
    intro:
      "인증서 메일을 잃어버리셨나요? WeGO가 인증서를 보낸 이메일 주소를 입력하세요. 그 주소로 발급된 모든 인증서의 링크를 메일로 보내 드립니다.",
    label: "이메일 주소",
    submit: "인증서 메일 받기",
    done: "감사합니다. 이 주소로 발급된 인증서가 있다면 목록을 담은 메일이 발송됩니다. 몇 분 걸릴 수 있으며, 스팸함도 확인해 주세요.",
    invalid: "name@example.org 형식의 이메일 주소를 입력하세요.",
    limited: "이 연결에서 요청이 너무 많습니다. 1분 후 다시 시도해 주세요.",
    privacy: "개인정보 보호를 위해 이 페이지는 인증서를 보여 주거나 주소의 등록 여부를 알려 주지 않습니다.",
  },
} as const;

/** What the page says under the form. */
export type FindOutcome = "done" | "invalid" | "limited";

/** Renders the find page, with the outcome of a submission when there is one. */
export function renderFindPage(t: Messages, lang: Lang, nonce: string, outcome?: FindOutcome): string {
  // Only English and Korean so far: the other page languages show the English text.
  const s = lang === "ko" ? STRINGS.ko : STRINGS.en;
  const body = html`<h1>${s.title}</h1>
    <p>${s.intro}</p>
    ${
      outcome === "done"
        ? html`<p role="status" id="find-result">${s.done}</p>`
        : html`<form method="post" action="/find?lang=${lang}" id="find-form">
            <label for="email">${s.label}</label>
            <input
              type="email"
              id="email"
              name="email"
              required
              maxlength="254"
              autocomplete="email"
              inputmode="email"
            />
            <p><button class="btn primary" type="submit">${s.submit}</button></p>
          </form>`
    }
    ${
      outcome === "invalid" || outcome === "limited"
        ? html`<p role="alert" id="find-error">${outcome === "invalid" ? s.invalid : s.limited}</p>`
        : ""
    }
    <p class="muted">${s.privacy}</p>`;
  return layout({
    lang,
    t,
    nonce,
    title: s.title,
    meta: { title: s.title, description: s.intro },
    path: "/find",
    body,
    noindex: false,
  });
}
