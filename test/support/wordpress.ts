import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { publicationRules } from "../../src/app.js";
import type { ImportReport } from "../../src/import/import-report.js";
import { openUploadsDir } from "../../src/import/uploads-source.js";
import { DEFAULT_OPTIONS, importWordPress, type WordPressImportOptions } from "../../src/import/wordpress-import.service.js";
import type { Browser, TestApp } from "./test-app.js";

const run = promisify(execFile);

export const FIXTURE = path.resolve("test/fixtures/wordpress/entre-voisins-wxr-1.2.xml");
/** A small site in English: one published post, a post in the trash, an image missing from the files. */
export const SMALL_ENGLISH_FIXTURE = path.resolve("test/fixtures/wordpress/small-english-wxr-1.2.xml");

/** The fixture site's wp-content/uploads: two images (one has camera data to strip) and two episodes' sound. */
export async function makeUploads(dir: string): Promise<string> {
  for (const sub of ["2026/03", "2026/04", "2025/10"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3a7a44" } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Artist: "CANARI-EXIF", ImageDescription: "CANARI-EXIF" } } })
    .toFile(path.join(dir, "2026/03/jardin.jpg"));
  await sharp({ create: { width: 400, height: 400, channels: 4, background: { r: 10, g: 10, b: 10, alpha: 0.5 } } }).png().toFile(path.join(dir, "2026/04/portrait.png"));
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=2", "-c:a", "libmp3lame", path.join(dir, "2025/10/groupe-du-lundi.mp3")]);
  fs.copyFileSync(path.join(dir, "2025/10/groupe-du-lundi.mp3"), path.join(dir, "2025/10/marche-du-jeudi.mp3"));
  return dir;
}

/** Runs the import service on a test app's own dependencies, as the command line does. */
export function importFixture(t: TestApp, uploadsDir: string | null, options: Partial<WordPressImportOptions> = {}, file = FIXTURE): Promise<ImportReport> {
  return importWordPress(
    { ...t.deps, ...publicationRules({ baseUrl: t.url }), baseUrl: t.url },
    () => fs.createReadStream(file),
    uploadsDir ? openUploadsDir(uploadsDir) : null,
    { ...DEFAULT_OPTIONS, ...options },
  );
}

/** Sends an export through the import form, then runs the import's job until the run is over. */
export async function finishedImportRun(t: TestApp, admin: Browser, file = SMALL_ENGLISH_FIXTURE): Promise<number> {
  const started = await admin.postMultipart("/admin/import", "/admin/import", { credit: "pseudonym", permalinks: "" }, { field: "wxr", bytes: fs.readFileSync(file), name: "export.xml", type: "text/xml" });
  if (started.status !== 303) throw new Error(`import refused (${started.status}): ${await started.text()}`);
  const id = Number(/\/admin\/import\/(\d+)$/.exec(started.headers.get("location") ?? "")?.[1]);
  for (let round = 0; ; round++) {
    await t.app.runScheduledTasks();
    const run = await t.deps.db.selectFrom("wordpress_imports").select("state").where("id", "=", id).executeTakeFirstOrThrow();
    if (run.state === "done" || run.state === "failed") return id;
    if (round > 400) throw new Error("the import did not finish");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An item of an export, as its XML says it (read by plain patterns, not by the importer). */
export type ExportItem = {
  id: number;
  type: string;
  status: string;
  title: string;
  link: string;
  password: string;
  slug: string;
  parent: number;
  file: string;
  alt: string;
  enclosure: string;
  terms: Array<{ domain: string; nicename: string }>;
};

/** The export's items, read with plain patterns over the XML WordPress writes (one field per line). */
export function exportItems(file: string): ExportItem[] {
  const xml = fs.readFileSync(file, "utf8");
  const field = (item: string, name: string) => {
    const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(item);
    return m?.[1] ?? "";
  };
  const meta = (item: string, key: string) => new RegExp(`<wp:meta_key><!\\[CDATA\\[${key}\\]\\]></wp:meta_key>\\s*<wp:meta_value><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></wp:meta_value>`).exec(item)?.[1] ?? "";
  return xml
    .split("<item>")
    .slice(1)
    .map((item) => ({
      id: Number(field(item, "wp:post_id")),
      type: field(item, "wp:post_type"),
      status: field(item, "wp:status"),
      title: field(item, "title"),
      link: field(item, "link"),
      password: field(item, "wp:post_password"),
      slug: field(item, "wp:post_name"),
      parent: Number(field(item, "wp:post_parent")),
      file: meta(item, "_wp_attached_file"),
      alt: meta(item, "_wp_attachment_image_alt"),
      enclosure: meta(item, "enclosure"),
      terms: [...item.matchAll(/<category domain="([^"]+)" nicename="([^"]+)">/g)].map((m) => ({ domain: m[1] as string, nicename: m[2] as string })),
    }));
}

type CountedTable = "images" | "pages" | "themes" | "series" | "keywords" | "episodes" | "legacy_addresses" | "stories" | "story_revisions" | "jobs" | "wordpress_items";

/** The number of rows of a table. */
export async function countRows(t: TestApp, table: CountedTable): Promise<number> {
  return Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}

/** Every file of the media store, sorted. */
export function mediaFiles(t: TestApp): string[] {
  const root = path.join(t.dataDir, "media");
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).sort() : [];
}

/** Runs the app's background jobs (the episodes' audio) until none is left to do. */
export async function waitForJobs(t: TestApp): Promise<void> {
  for (let round = 0; ; round++) {
    const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "not in", ["done", "failed"]).execute();
    if (busy.length === 0) return;
    if (round > 600) throw new Error("background jobs do not finish");
    await t.app.runScheduledTasks();
    await new Promise((r) => setTimeout(r, 100));
  }
}
