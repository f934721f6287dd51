/**
 * Imports a generated WordPress site of 1,000 posts with 1,000 images (1600 × 1067 photographs, as
 * a blog uploads them) through the real command line, on SQLite, and checks the target:
 * under 3 minutes on this machine. Every image goes through the image pipeline (three widths, each
 * in WebP and JPEG during the import, then in AVIF by the server's job runner: that backlog is
 * timed too, with the server started once the import is over). Run by `npm run bench`; prints a
 * Markdown table.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import SQLite from "better-sqlite3";
import { ensureBuild, log, ROOT, startApp } from "./lib.js";

const run = promisify(execFile);
const POSTS = Number(process.env.BENCH_WP_POSTS ?? 1_000);
const TARGET_SECONDS = 180;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-wp-"));

/** Distinct photograph-like images (smooth shapes and grain), copied under every post's own name. */
async function makeUploads(dir: string): Promise<void> {
  const photos: Buffer[] = [];
  for (let i = 0; i < 25; i++) {
    const grain = await sharp({ create: { width: 1600, height: 1067, channels: 3, background: "#777777", noise: { type: "gaussian", mean: 110 + i, sigma: 50 } } })
      .blur(2.5)
      .png()
      .toBuffer();
    photos.push(await sharp(grain).modulate({ hue: i * 14 }).jpeg({ quality: 85 }).toBuffer());
  }
  for (let i = 0; i < POSTS; i++) {
    const folder = path.join(dir, "2024", String((i % 12) + 1).padStart(2, "0"));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `photo-${i + 1}.jpg`), photos[i % photos.length] as Buffer);
  }
}

const paragraph = (i: number, p: number) =>
  `<p>Le ${p + 1}<sup>e</sup> jour, j'ai retrouvé le groupe du mardi (récit ${i + 1}). On a parlé de sommeil, de <strong>traitements</strong> et de <em>ce qui aide</em> ; une voisine a apporté du café. <a href="https://ancien.example/2024/01/01/recit-${(i + 7) % POSTS}/">Un autre récit</a>.</p>`;

function makeExport(file: string): void {
  const out = fs.createWriteStream(file);
  out.write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Site de mesure</title><link>https://ancien.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://ancien.example</wp:base_site_url><wp:base_blog_url>https://ancien.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>redaction</wp:author_login><wp:author_display_name><![CDATA[La rédaction]]></wp:author_display_name></wp:author>
`);
  for (let i = 0; i < POSTS; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    const file = `2024/${month}/photo-${i + 1}.jpg`;
    out.write(`<item><title><![CDATA[Photo ${i + 1}]]></title><link>https://ancien.example/?attachment_id=${10_000 + i}</link><dc:creator>redaction</dc:creator><content:encoded><![CDATA[]]></content:encoded><wp:post_id>${10_000 + i}</wp:post_id><wp:post_date_gmt>2024-${month}-${day} 08:00:00</wp:post_date_gmt><wp:status>inherit</wp:status><wp:post_parent>${i + 1}</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://ancien.example/wp-content/uploads/${file}</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value><![CDATA[${file}]]></wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[Une photo du récit ${i + 1}]]></wp:meta_value></wp:postmeta></item>\n`);
    const body = [paragraph(i, 0), `[caption id="attachment_${10_000 + i}" width="300"]<img src="https://ancien.example/wp-content/uploads/2024/${month}/photo-${i + 1}-300x200.jpg" alt="Une photo du récit ${i + 1}" /> Légende ${i + 1}[/caption]`, ...Array.from({ length: 6 }, (_, p) => paragraph(i, p + 1)), "<h2>Ce qui aide</h2><ul><li>Un rendez-vous fixe</li><li>Des pairs</li></ul>"].join("\n\n");
    out.write(`<item><title><![CDATA[Récit ${i + 1} : le groupe du mardi]]></title><link>https://ancien.example/2024/${month}/${day}/recit-${i}/</link><dc:creator>redaction</dc:creator><content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[Le groupe du mardi, récit ${i + 1}.]]></excerpt:encoded><wp:post_id>${i + 1}</wp:post_id><wp:post_date_gmt>2024-${month}-${day} 08:00:00</wp:post_date_gmt><wp:post_name>recit-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="theme-${i % 8}"><![CDATA[Thème ${i % 8}]]></category><category domain="post_tag" nicename="etiquette-${i % 30}"><![CDATA[Étiquette ${i % 30}]]></category><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${10_000 + i}</wp:meta_value></wp:postmeta></item>\n`);
  }
  out.end("</channel></rss>\n");
}

async function main(): Promise<void> {
  await ensureBuild();
  const uploads = path.join(work, "uploads");
  const exportFile = path.join(work, "export.xml");
  log(`generating ${POSTS} posts and ${POSTS} images`);
  await makeUploads(uploads);
  makeExport(exportFile);
  await new Promise((r) => setTimeout(r, 200));
  const load = os.loadavg()[0] ?? 0;
  log("importing");
  const started = performance.now();
  const { stdout } = await run(process.execPath, [path.join(ROOT, "bin", "entrepairs.js"), "import-wordpress", exportFile, "--uploads", uploads, "--json"], {
    env: { ...process.env, DATA_DIR: path.join(work, "data"), DATABASE_URL: "", LOG_LEVEL: "warn" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(stdout) as { stories: { published: number }; media: number; redirects: number; warnings: unknown[]; skipped: unknown[] };
  log("making the AVIF renditions: the server's job runner");
  const backlog = await avifBacklogSeconds(path.join(work, "data"));
  const ok = seconds < TARGET_SECONDS && report.stories.published === POSTS && report.media === POSTS && backlog.left === 0;
  process.stdout.write(
    `\n### WordPress import (${POSTS} posts, ${POSTS} images of 1600 × 1067, SQLite; load average before: ${load.toFixed(1)})\n\n` +
      `| measured | value | target |\n| --- | --- | --- |\n` +
      `| time | ${seconds.toFixed(1)} s | < ${TARGET_SECONDS} s ${seconds < TARGET_SECONDS ? "✅" : "❌"} |\n` +
      `| per post with its image | ${((seconds * 1000) / POSTS).toFixed(0)} ms | |\n` +
      `| published / images / old addresses | ${report.stories.published} / ${report.media} / ${report.redirects} | ${POSTS} / ${POSTS} / – ${ok ? "✅" : "❌"} |\n` +
      `| warnings / skipped | ${report.warnings.length} / ${report.skipped.length} | |\n` +
      `| then the AVIF renditions, by the server (one job at a time) | ${backlog.seconds.toFixed(1)} s, ${backlog.left} left | 0 left ${backlog.left === 0 ? "✅" : "❌"} |\n`,
  );
  if (!ok) process.exitCode = 1;
}

/** Starts the server on the imported site and waits until its job runner has made every image's AVIF renditions. */
async function avifBacklogSeconds(dataDir: string): Promise<{ seconds: number; left: number }> {
  const db = new SQLite(path.join(dataDir, "entrepairs.sqlite"), { readonly: true });
  const pending = () => (db.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'image.avif' AND state IN ('queued', 'running')").get() as { n: number }).n;
  const started = performance.now();
  const server = await startApp(dataDir, true);
  try {
    const deadline = Date.now() + 20 * 60_000;
    while (pending() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    return { seconds: (performance.now() - started) / 1000, left: pending() };
  } finally {
    await server.stop();
    db.close();
  }
}

main()
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
