import { describe, expect, it } from "vitest";
import { call, issue } from "../support/api";

function form(fields: Record<string, string | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("/verify page", () => {
  it("serves the form with a CSP", async () => {
    const res = await call("/verify", { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self'");
    expect(await res.text()).toContain('enctype="multipart/form-data"');
  });

  it("verifies a pasted VC-JWT and an uploaded credential JSON", async () => {
    const issued = await issue("김민준");
    const jwt = await (await call(`/c/${issued.id}.jwt`)).text();
    const pasted = await call("/verify?lang=ko", { method: "POST", body: form({ text: jwt }) });
    expect(pasted.status).toBe(200);
    const page = await pasted.text();
    expect(page).toContain('data-verdict="valid"');
    expect(page).toContain("김민준");
    expect(page).toContain("유효함");
    const file = new File([JSON.stringify(issued.credential)], "credential.json", { type: "application/json" });
    const uploaded = await call("/verify", { method: "POST", body: form({ file }) });
    expect(await uploaded.text()).toContain('data-verdict="valid"');
  });

  it("shows Not valid for a tampered credential, without its claims", async () => {
    const issued = await issue("Original Name");
    const tampered = {
      ...issued.credential,
      credentialSubject: { ...(issued.credential.credentialSubject as object), name: "Mallory" },
    };
    const res = await call("/verify", { method: "POST", body: form({ text: JSON.stringify(tampered) }) });
    const page = await res.text();
    expect(page).toContain('data-verdict="invalid"');
    expect(page).not.toContain("Mallory");
  });

  it("redirects a pasted certificate link to its page, and rejects unreadable input", async () => {
    const issued = await issue();
    const res = await call("/verify", { method: "POST", body: form({ text: issued.url }), redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/c/${issued.id}`);
    const bad = await call("/verify", { method: "POST", body: form({ text: "hello" }) });
    expect(bad.status).toBe(422);
  });
});
