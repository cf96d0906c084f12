/** Cohort upload in the console: .xlsx with our colleagues' headers, mapping, row problems, issue once, progress, downloads. */
import writeXlsxFile from "write-excel-file/universal";
import { describe, expect, it } from "vitest";
import { ADMIN, call } from "../support/api";
import { consoleClient, csrfOf } from "../support/console";

async function xlsx(rows: (string | null)[][]): Promise<Uint8Array> {
  const data = rows.map((r) => r.map((v) => (v === null ? null : { value: v })));
  return new Uint8Array(await (await writeXlsxFile(data as never).toBlob()).arrayBuffer());
}

/** The hidden fields and selects of the form posting to `action`, as a browser would send them. */
function formFieldsOf(page: string, action: string): Record<string, string> {
  const start = page.indexOf(`action="${action}"`);
  const form = page.slice(start, page.indexOf("</form>", start));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    out[m[1]!] = m[2]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)"\s+selected/.exec(m[2]!);
    out[m[1]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))] = selected ? selected[1]! : "";
  }
  return out;
}

describe("console cohort upload", () => {
  it("maps unfamiliar headers, shows bad rows inline, issues the valid rows once, and re-upload issues nothing twice", async () => {
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const uploadPage = await (await browser.get("/console/upload")).text();
    const rows: (string | null)[][] = [["Full name", "E-mail", "Workshop", "Badge no."]];
    for (let i = 1; i <= 12; i++)
      rows.push([
        i === 5 ? "" : `Участник ${i}`,
        i === 9 ? "not-an-email" : `cohort${i}@example.org`,
        "champions-2023-workshop-milan",
        `milan-2023-${i}`,
      ]);
    const form = new FormData();
    form.set("csrf", csrfOf(uploadPage));
    form.set(
      "file",
      new File([await xlsx(rows)], "milan.xlsx", {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
    );
    const preview = await browser.postForm("/console/upload/preview", form);
    // Not usable as it is (an unknown column), so nothing can be issued yet: 400 with the mapping step.
    expect(preview.status).toBe(400);
    const page = await preview.text();
    expect(page).toMatch(/class="flash bad" role="alert">This file cannot be used: [^<]*Badge no\./);
    expect(page).not.toContain('action="/console/upload/issue"');
    // "Badge no." is not one of our headers: the mapping step lets staff say it is the external id.
    expect(page).toContain('name="map:Badge no."');
    const remap = formFieldsOf(page, "/console/upload/preview");
    remap["map:Badge no."] = "externalId";
    const mapped = await (await browser.post("/console/upload/preview", remap)).text();
    expect(mapped).toContain("12 rows: 10 ready to issue, 0 already issued, 2 with problems.");
    expect(mapped).toMatch(/id="line-6"[\s\S]*?class="err">Name: /);
    expect(mapped).toMatch(/id="line-10"[\s\S]*?class="err">Email: /);

    const issued = await browser.post("/console/upload/issue", formFieldsOf(mapped, "/console/upload/issue"));
    expect(issued.status).toBe(303);
    const batchUrl = issued.headers.get("location")!;
    expect(batchUrl).toMatch(/^\/console\/batches\/[A-Za-z0-9_-]+$/);
    let report = "";
    for (let i = 0; i < 20 && !report.includes('id="batch-done"'); i++)
      report = await (await browser.get(batchUrl)).text();
    expect(report).toContain("Finished: 10 issued, 0 already issued before, 2 with problems.");
    expect(report).toMatch(/<progress id="progress" max="12" value="12">/);
    const csv = await browser.get(`${batchUrl}/results.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n").filter((l) => l.includes(",issued,")).length).toBe(10);
    const zip = await browser.get(`${batchUrl}/pdfs.zip`);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(new Uint8Array(await zip.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    // Email the upload from its page: each certificate once; sending again queues nothing new.
    const sent = async () => {
      const res = await browser.post(`${batchUrl}/send`, { csrf: csrfOf(report) });
      expect(res.status).toBe(303);
      return (await browser.get(res.headers.get("location")!)).text();
    };
    expect(await sent()).toContain("10 messages queued; 0 certificates already had theirs; 0 not sent");
    expect(await sent()).toContain("0 messages queued; 10 certificates already had theirs; 0 not sent");

    // The same file again: the 10 are recognised as issued, nothing is issued twice.
    const again = await (await browser.post("/console/upload/preview", remap)).text();
    expect(again).toContain("12 rows: 0 ready to issue, 10 already issued, 2 with problems.");
    expect(again).not.toContain('action="/console/upload/issue"');

    const found = await (await browser.get(`/console/certificates?q=${encodeURIComponent("участник 7")}`)).text();
    expect(found).toContain("Участник 7");
  });
});

describe("console catalogue", () => {
  it("lists programmes with their use, and an admin adds the 2024 cohort's programme", async () => {
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const page = await (await browser.get("/console/catalogue")).text();
    expect(page).toContain("champions-2023-workshop-baku");
    const bad = await browser.post("/console/catalogue/programmes", {
      csrf: csrfOf(page),
      id: "Champions 2024",
      name: "x",
    });
    expect(bad.status).toBe(400);
    const added = await browser.post("/console/catalogue/programmes", {
      csrf: csrfOf(page),
      id: "champions-2024",
      name: "WeGO Sustainable Smart City Champions 2024",
      onlineThemes: "Smart and Sustainable Cities' Transitions",
      "w1-city": "Seoul",
      "w1-date": "2024-10-01",
      "w1-venue": "Seoul City Hall",
      "w1-themes": "Digital Twins\nClimate Resilience",
    });
    expect(added.status).toBe(303);
    const after = await (await browser.get(added.headers.get("location")!)).text();
    expect(after).toContain("champions-2024-online");
    expect(after).toMatch(/champions-2024-workshop-[a-z0-9-]+/);
    expect(after).toContain("The programme is added.");
  });
});
