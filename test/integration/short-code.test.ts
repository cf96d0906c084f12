/**
 * Paper verification: the short code printed on a certificate finds it through /verify and the API,
 * typed with or without dashes and in any case; the printed id works too; the QR keeps working; the
 * PDF is named after the person and can be printed in Korean.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { findCodeOfCertificate } from "../../src/adapters/storage/code-repository";
import { createStore } from "../../src/adapters/storage/database";
import { parseShortCode } from "../../src/domain/short-code";
import { ADMIN, call, issue } from "../support/api";

const store = () => createStore((env as unknown as { DB: D1Database }).DB);

async function pdfOf(id: string, query = "") {
  const res = await call(`/c/${id}.pdf${query}`);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("short verification code", () => {
  it("is given when the PDF is first rendered, stored, and reprinted identically", async () => {
    const { id } = await issue("Ana Souza", "champions-2023-workshop-baku");
    expect(await findCodeOfCertificate(store(), id)).toBeUndefined();
    const first = await pdfOf(id);
    const code = await findCodeOfCertificate(store(), id);
    expect(code).toMatch(/^WEGO-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(parseShortCode(code!)).toEqual({ ok: true, value: code });
    const again = await pdfOf(id);
    expect(again.bytes).toEqual(first.bytes);
    expect(await findCodeOfCertificate(store(), id)).toBe(code);
  });

  it("finds the certificate through the API, typed any way, and tells mistyped from unknown", async () => {
    const { id } = await issue("Нина Иванова", "champions-2023-online");
    await pdfOf(id);
    const code = (await findCodeOfCertificate(store(), id))!;
    for (const typed of [code, code.toLowerCase(), code.replace(/-/g, ""), code.slice(5).replace("-", " ")]) {
      const res = await call(`/codes/${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(200);
      expect(await res.json<any>()).toMatchObject({ code, certificateId: id });
    }
    // One character changed: the check character catches it.
    const last = code.at(-1) === "0" ? "1" : "0";
    const mistyped = await call(`/codes/${code.slice(0, -1)}${last}`);
    expect(mistyped.status).toBe(400);
    expect(await mistyped.json<any>()).toMatchObject({ code: "ERR_VALIDATION", field: "code" });
    // A valid code nobody has.
    const unknown = await call(`/codes/WEGO-0000-0000`);
    expect(unknown.status).toBe(404);
  });

  it("/verify takes the code or the printed certificate id and goes to the certificate", async () => {
    const { id } = await issue("김민준", "champions-2023-online");
    await pdfOf(id);
    const code = (await findCodeOfCertificate(store(), id))!;
    const post = (text: string) => {
      const form = new FormData();
      form.append("text", text);
      return call("/verify", { method: "POST", body: form, redirect: "manual" });
    };
    for (const typed of [code.toLowerCase().replace(/-/g, ""), ` ${code} `, id]) {
      const res = await post(typed);
      expect(res.status, typed).toBe(303);
      expect(res.headers.get("location")).toBe(`/c/${id}`);
    }
    const viaQuery = await call(`/verify?code=${code.replace(/-/g, "")}`, { redirect: "manual" });
    expect([viaQuery.status, viaQuery.headers.get("location")]).toEqual([303, `/c/${id}`]);
    const wrong = await post(`${code.slice(0, -1)}${code.at(-1) === "0" ? "1" : "0"}`);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("mistyped");
    expect((await post("WEGO-0000-0000")).status).toBe(404);
  });
});

describe("PDF download", () => {
  it("is named after the person (RFC 6266 filename*), and prints in Korean on request, both verifiable", async () => {
    const { id } = await issue("Łukasz Żółć", "champions-2023-workshop-munich");
    const en = await pdfOf(id);
    const disposition = en.res.headers.get("content-disposition")!;
    expect(disposition).toContain(`filename="WeGO certificate - Lukasz Zolc.pdf"`);
    expect(disposition).toContain(
      `filename*=UTF-8''WeGO%20certificate%20-%20%C5%81ukasz%20%C5%BB%C3%B3%C5%82%C4%87.pdf`,
    );
    const ko = await pdfOf(id, "?lang=ko");
    expect(ko.res.status).toBe(200);
    expect(ko.bytes).not.toEqual(en.bytes);
    expect(ko.res.headers.get("etag")).not.toBe(en.res.headers.get("etag"));
    for (const bytes of [en.bytes, ko.bytes]) {
      const res = await call("/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/pdf" },
        body: bytes,
      });
      expect(await res.json<any>()).toMatchObject({ verified: true, pdf: { issued: true, certificateId: id } });
    }
    const bad = await call(`/c/${id}.pdf?lang=fr`);
    expect(bad.status).toBe(400);
    expect(await bad.json<any>()).toMatchObject({ code: "ERR_VALIDATION", field: "lang" });
  });
});

describe("per-certificate language", () => {
  it("staff set the language the PDF is printed in; it is stored, audited and validated", async () => {
    const { id } = await issue("김민준", "champions-2023-workshop-geneva");
    const ko = (await pdfOf(id, "?lang=ko")).bytes;
    const put = (body: unknown, auth = true) =>
      call(`/admin/certificates/${id}/language`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${ADMIN}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await put({ language: "ko" }, false)).status).toBe(401);
    const bad = await put({ language: "fr" });
    expect(bad.status).toBe(400);
    expect(await bad.json<any>()).toMatchObject({ code: "ERR_VALIDATION" });
    const ok = await put({ language: "ko" });
    expect(ok.status).toBe(200);
    expect(await ok.json<any>()).toMatchObject({ id, language: "ko" });
    // The default download is now the Korean certificate, byte for byte.
    expect((await pdfOf(id)).bytes).toEqual(ko);
    const audit = await call(`/admin/audit?limit=50`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(JSON.stringify(await audit.json())).toContain("certificate.language");
  });
});
