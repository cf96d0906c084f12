/** Which requests get a log line of their own (routes/operations.ts worthLogging). */
import { describe, expect, it } from "vitest";
import { worthLogging } from "../../../src/routes/operations";

describe("request log policy", () => {
  it("leaves anonymous successful public reads and verifications to Workers Logs' invocation log", () => {
    for (const [method, path, status] of [
      ["GET", "/c/AAAAAAAAAAAAAAAAAAAAAA", 200],
      ["HEAD", "/c/AAAAAAAAAAAAAAAAAAAAAA.pdf", 200],
      ["GET", "/status/r1", 304],
      ["GET", "/.well-known/did.json", 200],
      ["OPTIONS", "/credentials/verify", 204],
      ["POST", "/credentials/verify", 200],
      ["POST", "/presentations/verify", 200],
    ] as const)
      expect([method, path, worthLogging(method, path, status, false)]).toEqual([method, path, false]);
  });

  it("logs staff requests, writes and every 4xx or 5xx", () => {
    for (const [method, path, status, actor] of [
      ["GET", "/admin/certificates", 200, true],
      ["GET", "/admin/certificates", 401, false],
      ["GET", "/console/certificates", 200, false],
      ["POST", "/admin/certificates", 201, true],
      ["POST", "/find", 200, false],
      ["POST", "/hooks/completions/moodle", 202, false],
      ["POST", "/credentials/verify", 400, false],
      ["POST", "/credentials/verify", 503, false],
      ["GET", "/c/AAAAAAAAAAAAAAAAAAAAAA", 404, false],
      ["GET", "/status/r1", 500, false],
    ] as const)
      expect([method, path, status, worthLogging(method, path, status, actor)]).toEqual([method, path, status, true]);
  });
});
