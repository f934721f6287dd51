/**
 * Where one first-time search's database time goes, on SQLite: `npx tsx bench/search-sql-parts.ts
 * DATA_DIR [QUERY…]` (a seeded database, opened read-only). For each query, the CPU time of each
 * part of what search-index.store.ts asks FTS5, run alone: the count up to the bound, the walk over
 * the newest matches without and with bm25, one bm25 score alone (its document-frequency pass over
 * the word's whole doclist), and the ranking query itself. Not part of `npm run bench`.
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { parseSearchQuery, toFts5Match } from "../src/platform/search/search-query.js";
import { MAX_RANKED } from "../src/search/search-index.store.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: tsx bench/search-sql-parts.ts DATA_DIR [QUERY…]");
const queries = process.argv.length > 3 ? process.argv.slice(3) : ["psychiatre", "thérap*", '"groupe de parole"'];
const RUNS = 20;

const db = new SQLite(path.join(dataDir, "entrepairs.sqlite"), { readonly: true });
db.pragma("cache_size = -16000");
const matches = "from story_search_fts f join published_stories p on p.story_id = f.rowid where story_search_fts match ?";
const PARTS = {
  "count to the bound": `select count(*) from (select 1 ${matches} limit ${MAX_RANKED + 1})`,
  "newest K, no score": `select f.rowid, p.published_at ${matches} order by f.rowid desc limit ${MAX_RANKED}`,
  "newest K, bm25": `select f.rowid, bm25(story_search_fts, 5.0, 1.0), p.published_at ${matches} order by f.rowid desc limit ${MAX_RANKED}`,
  "one bm25 score": "select bm25(story_search_fts, 5.0, 1.0) from story_search_fts where story_search_fts match ? order by rowid desc limit 1",
  "ranking query": `select story_id from (select f.rowid as story_id, bm25(story_search_fts, 5.0, 1.0) as score, p.published_at ${matches} order by f.rowid desc limit ${MAX_RANKED}) order by score, published_at desc, story_id desc limit 12`,
};

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

for (const text of queries) {
  const match = toFts5Match(parseSearchQuery(text));
  const figures: string[] = [];
  for (const [name, sql] of Object.entries(PARTS)) {
    const statement = db.prepare(sql);
    for (let i = 0; i < 3; i++) statement.all(match);
    const started = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) statement.all(match);
    figures.push(`${name} ${(cpuMs(started) / RUNS).toFixed(2)} ms`);
  }
  process.stdout.write(`${text} (${match}): ${figures.join(", ")}\n`);
}
db.close();
