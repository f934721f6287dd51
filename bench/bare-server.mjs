// The baseline: a bare Node HTTP server answering every request with one recorded page.
// Usage: node bench/bare-server.mjs BODY_FILE HEADERS_JSON_FILE
// Listens on 127.0.0.1 (free port), prints "listening <port>", exits when its stdin closes.
import fs from "node:fs";
import http from "node:http";

const [bodyFile, headersFile] = process.argv.slice(2);
if (!bodyFile || !headersFile) {
  console.error("usage: bare-server.mjs BODY_FILE HEADERS_JSON_FILE");
  process.exit(2);
}
const body = fs.readFileSync(bodyFile);
const headers = { ...JSON.parse(fs.readFileSync(headersFile, "utf8")), "content-length": String(body.length) };

const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});

// Never outlive the benchmark: the parent holds our stdin open.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
