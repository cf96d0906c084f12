/**
 * Builds the RFC 5322 message the `send_email` binding takes, with `mimetext` (the library
 * Cloudflare's Email documentation uses): multipart/alternative with the plain text first and the
 * HTML last (RFC 2046 §5.1.4: the last part is the richest), both UTF-8 in base64 so that any
 * script and any line length survive transport unchanged.
 */
import { createMimeMessage, Mailbox } from "mimetext";
import { utf8 } from "../../lib/encoding";

/** What goes into one message. */
export interface MimeInput {
  from: { name: string; addr: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID without angle brackets, e.g. `<delivery id>@<sender domain>`. */
  messageId: string;
  /** Extra headers (ASCII values). */
  headers?: Record<string, string>;
}

/** Standard base64 in 76-character lines (RFC 2045 §6.8). */
function base64Lines(text: string): string {
  const bytes = utf8.encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/.{76}/g, "$&\r\n");
}

/** The message as text, ready for `new EmailMessage(from, to, raw)`. */
export function buildMime(input: MimeInput): string {
  const msg = createMimeMessage();
  msg.setSender({ name: input.from.name, addr: input.from.addr });
  // The address only: a display name is the participant's name, which has no place in a header.
  msg.setRecipient(input.to);
  if (input.replyTo) msg.setHeader("Reply-To", new Mailbox(input.replyTo));
  msg.setHeader("Message-ID", `<${input.messageId}>`);
  msg.setSubject(input.subject);
  for (const [k, v] of Object.entries(input.headers ?? {})) msg.setHeader(k, v);
  msg.addMessage({ contentType: "text/plain", data: base64Lines(input.text), encoding: "base64" });
  msg.addMessage({ contentType: "text/html", data: base64Lines(input.html), encoding: "base64" });
  return msg.asRaw();
}
