#!/usr/bin/env node
/**
 * HTTP baseline for `npm run bench`: a bare node:http server (`@hono/node-server` is not installed)
 * that reads the request body, parses JSON bodies, does one native Ed25519 verify (node:crypto) and
 * answers a small JSON document. Usage: `node bench/baseline-server.mjs <port>`; prints "ready".
 */
import { createServer } from "node:http";
import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";

const port = Number(process.argv[2] ?? 8792);
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const message = randomBytes(64); // the size of an eddsa-rdfc-2022 hash (two SHA-256 digests)
const signature = sign(null, message, privateKey);

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let status = 200;
    if (chunks.length) {
      try {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        status = 400;
      }
    }
    const verified = verify(null, message, publicKey, signature);
    const body = JSON.stringify({ verified, verdict: verified ? "valid" : "invalid" });
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(port, "127.0.0.1", () => console.log("ready"));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
