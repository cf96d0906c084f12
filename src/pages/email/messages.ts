/**
 * Wording of the messages sent to participants, in English and Korean. `{name}`-style placeholders
 * are filled by the renderer, which escapes every value for the part it goes into.
 */
export const emailEn = {
  issuedSubject: "Your WeGO certificate: {achievement}",
  reissuedSubject: "Your corrected WeGO certificate: {achievement}",
  lookupSubject: "Your WeGO certificates",
  greeting: "Dear {name},",
  issuedIntro: "Congratulations! You have been awarded the certificate “{achievement}”.",
  reissuedIntro: "WeGO has issued a corrected certificate “{achievement}” to you.",
  reissuedNote: "It replaces the certificate you received earlier, which is no longer valid. Please use this one.",
  signedBy: "Issued by {issuer} and signed on behalf of {official} on {date}.",
  viewCertificate: "View your certificate",
  downloadPdf: "Download the PDF",
  addToLinkedIn: "Add to LinkedIn",
  howToVerify:
    "Anyone can check that it is genuine: open the certificate link, scan the QR code on the PDF, or upload the PDF at {verifyUrl}.",
  revokedSubject: "Your WeGO certificate has been revoked: {achievement}",
  revokedIntro: "WeGO has revoked the certificate “{achievement}” issued to you on {date}.",
  revokedReason: "Reason: {reason}.",
  revokedWhat:
    "From now on, anyone who checks this certificate (by its link, its QR code or its PDF) is told that it is revoked, with the reason above and nothing more. The certificate can no longer be used as proof of this achievement.",
  revokedLink: "See the certificate's status",
  revokedContact: "If you think this is a mistake, reply to this email.",
  lookupIntro: "You asked for the certificates WeGO has issued to this email address. Here they are:",
  findAgain: "Lost this message? Ask for your certificates again at {findUrl}.",
  footer: "You receive this message because WeGO issued a certificate to this address. Questions? Reply to this email.",
  lookupFooter:
    "You receive this message because someone asked for the certificates of this address at {findUrl}. If it was not you, you can ignore it.",
};

/** The keys every language provides. */
export type EmailMessages = typeof emailEn;

export const emailKo: EmailMessages = {
  issuedSubject: "WeGO 인증서: {achievement}",
  reissuedSubject: "정정된 WeGO 인증서: {achievement}",
  lookupSubject: "WeGO 인증서 안내",
  greeting: "{name} 님께,",
  issuedIntro: "축하합니다! “{achievement}” 인증서가 발급되었습니다.",
  reissuedIntro: "WeGO가 “{achievement}” 인증서를 정정하여 다시 발급했습니다.",
  reissuedNote: "이 인증서는 이전에 받으신 인증서를 대체하며, 이전 인증서는 더 이상 유효하지 않습니다.",
  signedBy: "{issuer}에서 발급하고 {official}을 대신하여 {date}에 서명했습니다.",
  viewCertificate: "인증서 보기",
  downloadPdf: "PDF 내려받기",
  addToLinkedIn: "LinkedIn에 추가",
  howToVerify:
    "누구나 진위를 확인할 수 있습니다. 인증서 링크를 열거나, PDF의 QR 코드를 스캔하거나, {verifyUrl} 에서 PDF를 올려 보세요.",
  revokedSubject: "WeGO 인증서가 취소되었습니다: {achievement}",
  revokedIntro: "WeGO가 {date}에 발급한 “{achievement}” 인증서를 취소했습니다.",
  revokedReason: "사유: {reason}.",
  revokedWhat:
    "이제 누구든지 이 인증서를 링크, QR 코드 또는 PDF로 확인하면 인증서가 취소되었다는 사실과 위의 사유만 표시됩니다. 이 인증서는 더 이상 해당 성취의 증명으로 사용할 수 없습니다.",
  revokedLink: "인증서 상태 보기",
  revokedContact: "잘못된 조치라고 생각되시면 이 메일에 회신해 주세요.",
  lookupIntro: "이 이메일 주소로 WeGO가 발급한 인증서를 요청하셨습니다:",
  findAgain: "이 메일을 잃어버리셨다면 {findUrl} 에서 다시 요청할 수 있습니다.",
  footer: "WeGO가 이 주소로 인증서를 발급하여 보내 드리는 메일입니다. 문의는 이 메일에 회신해 주세요.",
  lookupFooter:
    "누군가 {findUrl} 에서 이 주소의 인증서를 요청하여 보내 드리는 메일입니다. 요청하지 않으셨다면 무시하셔도 됩니다.",
};

/** The catalogue for a message language. */
export function emailMessages(lang: "en" | "ko"): EmailMessages {
  return lang === "ko" ? emailKo : emailEn;
}
