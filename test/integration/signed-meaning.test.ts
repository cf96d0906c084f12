/**
 * Regression tests for issue 9, class 1 and 4: a Data Integrity proof signs the canonical RDF
 * dataset, not the JSON (VC Data Integrity §4.2, RDFC-1.0). The same RDF written with other JSON
 * keys keeps a valid signature, so no verdict may rest on JSON keys the signature does not pin.
 * Each rewrite below keeps the RDF (and so the signature) of a genuine WeGO credential while hiding
 * its status entries or expiry from a JSON-key reader; each must come out invalid, never valid.
 */
import { describe, expect, it } from "vitest";
import { call, issue, postJson, verify } from "../support/api";
import { client, testDeps } from "../support/deps";

const CRED = "https://www.w3.org/2018/credentials#";
const XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime";

type Doc = Record<string, any>;

/** Rewrites that keep the signed RDF but move a property away from its plain JSON key. */
const REWRITES: Array<[string, (c: Doc, key: "credentialStatus" | "validUntil" | "validFrom") => Doc]> = [
  [
    "the property written as its full IRI",
    (c, key) => {
      const { [key]: v, ...rest } = c;
      return { ...rest, [CRED + key]: key === "credentialStatus" ? v : { "@value": v, "@type": XSD_DATETIME } };
    },
  ],
  [
    "a compact IRI through an added context prefix",
    (c, key) => {
      const { [key]: v, ...rest } = c;
      return {
        ...rest,
        "@context": [...c["@context"], { c: CRED }],
        [`c:${key}`]: key === "credentialStatus" ? v : { "@value": v, "@type": XSD_DATETIME },
      };
    },
  ],
  [
    "an alias defined in a context added inside the document",
    (c, key) => {
      const { [key]: v, ...rest } = c;
      return {
        ...rest,
        "@context": [
          ...c["@context"],
          {
            hidden:
              key === "credentialStatus"
                ? { "@id": CRED + key, "@type": "@id" }
                : { "@id": CRED + key, "@type": XSD_DATETIME },
          },
        ],
        hidden: v,
      };
    },
  ],
];

async function revoked(): Promise<Doc> {
  const issued = await issue("Ann Lee", "champions-2023-online");
  const res = await postJson(`/admin/certificates/${issued.id}/revoke`, { reason: "issued-in-error" });
  expect(res.status).toBe(200);
  return issued.credential;
}

async function suspended(): Promise<Doc> {
  const issued = await issue("Bo Kim", "champions-2023-workshop-baku");
  const res = await postJson(`/admin/certificates/${issued.id}/suspend`, { reason: "under-review" });
  expect(res.status).toBe(200);
  return issued.credential;
}

describe("status and validity come from what was signed, not from JSON keys", () => {
  it.each(REWRITES)("a revoked certificate with credentialStatus as %s is not valid", async (_, rewrite) => {
    const credential = await revoked();
    expect((await verify(credential)).body.verdict).toBe("revoked");
    const { status, body } = await verify(rewrite(credential, "credentialStatus"));
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
    expect(body.verdict).not.toBe("valid");
  });

  it.each(REWRITES)("a suspended certificate with credentialStatus as %s is not valid", async (_, rewrite) => {
    const credential = await suspended();
    expect((await verify(credential)).body.verdict).toBe("suspended");
    const { status, body } = await verify(rewrite(credential, "credentialStatus"));
    expect(status).toBe(400);
    expect(body.verdict).not.toBe("valid");
  });

  it.each(REWRITES)("an expired certificate with validUntil as %s is not valid", async (_, rewrite) => {
    const issued = await issue("Cy Park", "champions-2023-workshop-geneva", { validUntil: "2030-01-01T00:00:00Z" });
    const later = client(await testDeps({ clock: () => new Date("2031-01-01T00:00:00Z") }));
    const ask = async (vc: unknown) => {
      const res = await later.post("/credentials/verify", { verifiableCredential: vc });
      return { status: res.status, body: (await res.json()) as Doc };
    };
    expect((await ask(issued.credential)).body.verdict).toBe("expired");
    const { status, body } = await ask(rewrite(issued.credential, "validUntil"));
    expect(status).toBe(400);
    expect(body.verdict).not.toBe("valid");
  });

  it.each(REWRITES)(
    "pasted into the /verify page, a revoked certificate with credentialStatus as %s is not valid",
    async (_, rewrite) => {
      const form = new FormData();
      form.set("text", JSON.stringify(rewrite(await revoked(), "credentialStatus")));
      const res = await call("/verify", { method: "POST", body: form, headers: { accept: "text/html" } });
      const html = await res.text();
      expect(html).toContain('data-verdict="invalid"');
      expect(html).not.toContain('data-verdict="valid"');
    },
  );

  it("a value written as a @value object, or @type instead of type, is not as issued", async () => {
    const credential = (await issue()).credential as Doc;
    const cases: Doc[] = [
      { ...credential, name: { "@value": credential.name } },
      (({ type, ...rest }) => ({ ...rest, "@type": type }))(credential),
      {
        ...credential,
        credentialSubject: { ...credential.credentialSubject, "@context": { x: "https://x.example/" } },
      },
    ];
    for (const c of cases) {
      const { status, body } = await verify(c);
      expect(status).toBe(400);
      expect(body.verified).toBe(false);
    }
  });

  it("the rewritten credential is reported with a code naming the cause", async () => {
    const credential = await revoked();
    const { body } = await verify(REWRITES[0]![1](credential, "credentialStatus"));
    const codes = (body.errors as Doc[]).map((e) => e.code);
    expect(codes).toContain("ERR_FORMAT");
  });
});

describe("only certificates are certificates", () => {
  it("a status list credential signed by WeGO's key is not a valid certificate", async () => {
    await issue();
    const res = await call("/status/r1", { headers: { accept: "application/json" } });
    expect(res.status).toBe(200);
    const list = await res.json();
    const { status, body } = await verify(list);
    expect(status).toBe(400);
    expect(body.verdict).toBe("invalid");
    expect((body.errors as Doc[]).map((e) => e.code)).toContain("ERR_NOT_A_CERTIFICATE");
  });

  it("a certificate whose id is not on record is not valid, even when its JSON is otherwise WeGO's", async () => {
    const credential = (await issue()).credential as Doc;
    // Another well-formed id (its last character changed, never to itself).
    const other = credential.id.slice(0, -1) + (credential.id.endsWith("A") ? "B" : "A");
    const { status, body } = await verify({ ...credential, id: other });
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
  });
});

describe("bounded cost: hostile JSON-LD never reaches the canonicalizer", () => {
  it("counts canonicalizer calls: 0 for crafted documents, 2 for a genuine credential", async () => {
    const base = await testDeps();
    let calls = 0;
    const counted = client(
      await testDeps({
        canonicalize: (doc) => {
          calls++;
          return base.canonicalize(doc);
        },
      }),
    );
    const genuine = (await issue()).credential as Doc;
    const nested = (depth: number): Doc => (depth === 0 ? { "@value": "x" } : { "@list": [nested(depth - 1)] });
    const crafted: Doc[] = [
      // Many blank nodes with identical content: the N-degree hash (RDFC-1.0 §4.8) is exponential.
      { ...genuine, evidence: Array.from({ length: 2000 }, () => ({ type: ["Evidence"], name: "x" })) },
      {
        ...genuine,
        "@context": [...genuine["@context"], ...Array.from({ length: 500 }, (_, i) => ({ [`t${i}`]: CRED + i }))],
      },
      { ...genuine, credentialSubject: { ...genuine.credentialSubject, tag: nested(500) } },
      { ...genuine, type: Array.from({ length: 5_000 }, () => "OpenBadgeCredential") },
      REWRITES[0]![1](genuine, "validFrom"),
    ];
    for (const doc of crafted) {
      const res = await counted.post("/credentials/verify", { verifiableCredential: doc });
      expect(res.status).toBe(400);
    }
    expect(calls).toBe(0);
    const ok = await counted.post("/credentials/verify", { verifiableCredential: genuine });
    expect(ok.status).toBe(200);
    // The credential without its proof, and the proof configuration (VC Data Integrity §4.2).
    expect(calls).toBe(2);
  });
});
