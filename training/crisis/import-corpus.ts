/**
 * `npx tsx training/crisis/import-corpus.ts <folder>`: copies the writers' files (`<writer>.jsonl`)
 * from a folder into training/crisis/corpus/, keeping only rows that pass validation, and writes
 * what was dropped, and why, to training/crisis/corpus-validation.json:
 * - a line that is not JSON or does not fit the schema;
 * - a row that gives a quantity of a means or a how-to (no row may help anyone harm themselves);
 * - a duplicate: the same words (after normalisation) already kept, from the same writer or
 *   another (the first writer in name order keeps it, so no sentence is both trained and tested);
 * - a conflict: the same words with both labels (every copy is dropped).
 * The team's own files (team-*.jsonl) already in the corpus folder are validated the same way.
 */
import fs from "node:fs";
import path from "node:path";
import { CORPUS_DIR, harmfulDetail, type LabelledRow, normalised, parseWriterFile, writerFiles } from "./corpus.js";

type Report = Record<string, { read: number; kept: number; schema: number; quantity: number; howTo: number; duplicate: number; conflict: number }>;

function main(source: string): void {
  const sources = [
    ...writerFiles(CORPUS_DIR).filter((f) => f.writer.startsWith("team-")),
    ...writerFiles(source).filter((f) => !f.writer.startsWith("team-")),
  ].sort((x, y) => x.writer.localeCompare(y.writer));
  const report: Report = {};
  const parsed = sources.map(({ writer, file }) => {
    const { rows, problems } = parseWriterFile(writer, fs.readFileSync(file, "utf8"));
    report[writer] = { read: rows.length + problems.length, kept: 0, schema: problems.length, quantity: 0, howTo: 0, duplicate: 0, conflict: 0 };
    return { writer, rows };
  });
  const labels = new Map<string, Set<string>>();
  for (const { rows } of parsed) for (const r of rows) labels.set(normalised(r.text), (labels.get(normalised(r.text)) ?? new Set()).add(r.label));
  const seen = new Set<string>();
  const kept = new Map<string, LabelledRow[]>();
  for (const { writer, rows } of parsed) {
    const counts = report[writer] as Report[string];
    const keep: LabelledRow[] = [];
    for (const row of rows) {
      const key = normalised(row.text);
      const harm = harmfulDetail(row.text);
      if (harm === "quantity") counts.quantity++;
      else if (harm === "how-to") counts.howTo++;
      else if ((labels.get(key)?.size ?? 0) > 1) counts.conflict++;
      else if (key === "" || seen.has(key)) counts.duplicate++;
      else {
        seen.add(key);
        keep.push(row);
      }
    }
    counts.kept = keep.length;
    kept.set(writer, keep);
  }
  for (const [writer, rows] of kept) {
    const lines = rows.map((r) => JSON.stringify({ label: r.label, lang: r.lang, kind: r.kind, text: r.text }));
    fs.writeFileSync(path.join(CORPUS_DIR, `${writer}.jsonl`), `${lines.join("\n")}\n`);
  }
  fs.writeFileSync(path.join(CORPUS_DIR, "..", "corpus-validation.json"), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

const source = process.argv[2];
if (!source) {
  process.stderr.write("usage: npx tsx training/crisis/import-corpus.ts <folder of writer files>\n");
  process.exit(2);
}
main(source);
