#!/usr/bin/env node
// Acts as a learning platform: sends a signed "course completed" event (Standard Webhooks, signed
// with the `standardwebhooks` package) or prints a claim link (a JWT signed with `jose`).
//
//   node scripts/send-completion.mjs event --source academy --secret whsec_… \
//     --course 2431 --enrolment e-1 --name "김민준" --email minjun@example.org [--lang ko] [--base URL]
//   node scripts/send-completion.mjs link  --source academy --secret <claim secret> \
//     --course 2431 --name "김민준" --email minjun@example.org [--minutes 15] [--base URL]
//
// --base defaults to http://127.0.0.1:8787 (npm start). Secrets can come from WEGO_SOURCE_SECRET
// instead of --secret so they stay out of the shell history.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { SignJWT } from "jose";
import { Webhook } from "standardwebhooks";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", default: "http://127.0.0.1:8787" },
    source: { type: "string" },
    secret: { type: "string" },
    course: { type: "string" },
    enrolment: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    lang: { type: "string" },
    minutes: { type: "string", default: "15" },
  },
});
const mode = positionals[0];
const secret = values.secret ?? process.env.WEGO_SOURCE_SECRET;
const missing = ["source", "course", "name", "email"].filter((k) => !values[k]);
if (!["event", "link"].includes(mode) || missing.length || !secret) {
  console.error(
    "usage: send-completion.mjs event|link --source ID --secret SECRET --course ID --name NAME --email EMAIL",
  );
  if (missing.length) console.error(`missing: ${missing.map((m) => `--${m}`).join(" ")}`);
  process.exit(2);
}
const base = values.base.replace(/\/+$/, "");

if (mode === "event") {
  const body = JSON.stringify({
    type: "course.completed",
    timestamp: new Date().toISOString(),
    data: {
      course: { id: values.course },
      enrolment: { id: values.enrolment ?? `${values.course}:${values.email}` },
      learner: { name: values.name, email: values.email, ...(values.lang ? { language: values.lang } : {}) },
    },
  });
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  const res = await fetch(`${base}/hooks/completions/${values.source}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, now, body),
    },
    body,
  });
  console.log(`${res.status} ${await res.text()}`);
  process.exit(res.ok ? 0 : 1);
} else {
  const token = await new SignJWT({
    name: values.name,
    email: values.email,
    course: values.course,
    jti: randomUUID(),
    ...(values.enrolment ? { enrolment: values.enrolment } : {}),
    ...(values.lang ? { lang: values.lang } : {}),
  })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime(`${Number(values.minutes)}m`)
    .sign(new TextEncoder().encode(secret));
  console.log(`${base}/claim/${values.source}?token=${token}`);
}
