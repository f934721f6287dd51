import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readWxr, type WxrItem, WxrError } from "./wxr-reader.js";

const wxr = (body: string, version = "1.2") =>
  `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/${version}/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>${version}</wp:wxr_version><wp:base_blog_url>https://site.example</wp:base_blog_url>${body}</channel></rss>`;

const from = (...chunks: Array<string | Buffer>) => Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));

async function items(source: AsyncIterable<Buffer>): Promise<WxrItem[]> {
  const found: WxrItem[] = [];
  await readWxr(source, { item: (i) => void found.push(i) });
  return found;
}

const ITEM = `<item><title>Caf&#233; &amp; th&#233;</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded><![CDATA[<p>Bonjour</p>]]></content:encoded></item>`;

describe("WXR reader", () => {
  it("reads WXR 1.1 and 1.2 items, even split anywhere across chunks", async () => {
    for (const version of ["1.1", "1.2"]) {
      const text = wxr(ITEM, version);
      const bytes = Buffer.from(text);
      const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
      const [item] = await items(Readable.from(chunks));
      expect(item).toMatchObject({ id: 7, type: "post", status: "publish", title: "Café & thé", content: "<p>Bonjour</p>" });
    }
  });

  it("refuses a DOCTYPE, so an external entity (XXE) is never read", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wxr(`<item><title>&xxe;</title></item>`).replace(/^<\?xml[^>]*>/, "")}`;
    await expect(items(from(xxe))).rejects.toMatchObject({ key: "admin.import.failure.doctype", values: { line: 1 } });
  });

  it("refuses entity expansion (billion laughs) at its first line, without expanding anything", async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss><channel><title>&lol3;</title></channel></rss>`;
    const before = process.memoryUsage().heapUsed;
    await expect(items(from(lol))).rejects.toThrow(WxrError);
    await expect(items(from(lol))).rejects.toMatchObject({ key: "admin.import.failure.doctype" });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it("refuses bytes that are not UTF-8 as declared, and an encoding it does not read", async () => {
    const latin1 = Buffer.concat([Buffer.from(wxr("<item><title>Caf").split("<item><title>Caf")[0] as string), Buffer.from("<item><title>Caf"), Buffer.from([0xe9]), Buffer.from("</title></item></channel></rss>")]);
    await expect(items(from(latin1))).rejects.toMatchObject({ key: "admin.import.failure.invalidBytes" });
    await expect(items(from(wxr("").replace('encoding="UTF-8"', 'encoding="Shift_JIS"')))).rejects.toMatchObject({ key: "admin.import.failure.encoding", values: { name: "shift_jis" } });
    await expect(items(from(Buffer.from([0xff, 0xfe, 0x3c, 0x00])))).rejects.toMatchObject({ key: "admin.import.failure.utf16" });
  });

  it("reads a file declared in ISO-8859-1 as such", async () => {
    const text = wxr("<item><title>Café</title><wp:post_id>1</wp:post_id></item>").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const [item] = await items(from(Buffer.from(text, "latin1")));
    expect(item?.title).toBe("Café");
  });

  it("stops at the size limit with a clear error, without reading the rest", async () => {
    let served = 0;
    async function* huge() {
      yield Buffer.from(wxr("").replace("</channel></rss>", ""));
      const chunk = Buffer.from(`<item><title>${"x".repeat(1024 * 1024)}</title></item>`);
      for (let i = 0; i < 200; i++) {
        served += chunk.length;
        yield chunk;
      }
    }
    await expect(readWxr(huge(), {}, { maxBytes: 20 * 1024 * 1024 })).rejects.toMatchObject({ key: "admin.import.failure.tooLarge", values: { megabytes: 20 } });
    expect(served).toBeLessThan(25 * 1024 * 1024);
  });

  it("says when a file is no WordPress export", async () => {
    await expect(items(from("<html><body>Bonjour</body></html>"))).rejects.toMatchObject({ key: "admin.import.failure.notWxr" });
    await expect(items(from("<rss><channel><title>Un flux</title></channel></rss>"))).rejects.toMatchObject({ key: "admin.import.failure.notWxr" });
    await expect(items(from("<rss><channel><item>"))).rejects.toMatchObject({ key: "admin.import.failure.unreadableXml" });
    await expect(items(from(""))).rejects.toMatchObject({ key: "admin.import.failure.empty" });
  });
});
