/**
 * The hostile PDF builders really do what their names say, as a real renderer shows them: the
 * incremental update that the verifier must refuse shows viewers another name. (Verdicts on these
 * variants: test/integration/pdf-attacks.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { withOtherName, withTrailingBytes } from "../support/pdf-attacks";
import { pdfToText, sampleInput } from "../support/pdf-tools";

describe("hostile PDF builders, seen by a renderer", () => {
  it("an incremental update makes viewers show another name and not the signed one", async () => {
    const genuine = await renderCertificatePdf(sampleInput({ recipientName: "Ana Souza" }), nodeFontSource());
    expect(await pdfToText(genuine)).toContain("Ana Souza");
    const forged = await pdfToText(withOtherName(genuine, "Mallory Forger"));
    expect(forged).toContain("Mallory Forger");
    expect(forged).not.toContain("Ana Souza");
  });

  it("bytes after %%EOF leave what viewers show unchanged (so only exact bytes can tell)", async () => {
    const genuine = await renderCertificatePdf(sampleInput({ recipientName: "Ana Souza" }), nodeFontSource());
    expect(await pdfToText(withTrailingBytes(genuine, "\n% x\n"))).toBe(await pdfToText(genuine));
  });
});
