// The baseline for audio: a bare Node HTTP server sending one file from disk, as a static file
// server does (stat, then a read stream of the asked byte range).
// Usage: node bench/bare-file-server.mjs FILE — prints "listening <port>", exits when stdin closes.
import fs from "node:fs";
import http from "node:http";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: bare-file-server.mjs FILE");
  process.exit(2);
}

const server = http.createServer((req, res) => {
  req.resume();
  const size = fs.statSync(file).size;
  const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
  const headers = { "content-type": "audio/mpeg", "accept-ranges": "bytes", "cache-control": "public, max-age=31536000, immutable" };
  if (!match) {
    res.writeHead(200, { ...headers, "content-length": String(size) });
    fs.createReadStream(file).pipe(res);
    return;
  }
  const start = Number(match[1]);
  const end = Math.min(match[2] ? Number(match[2]) : size - 1, size - 1);
  res.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${size}`, "content-length": String(end - start + 1) });
  fs.createReadStream(file, { start, end }).pipe(res);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});

process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
