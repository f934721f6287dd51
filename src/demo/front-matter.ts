/** Reads the small "key: value" header of the demo Markdown files. Values may contain colons. */
export function parseFrontMatter(text: string): { fields: Record<string, string>; body: string } {
  const normalised = text.replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) return { fields: {}, body: normalised };
  const fields: Record<string, string> = {};
  for (const line of (match[1] as string).split("\n")) {
    const sep = line.indexOf(":");
    if (sep <= 0) continue;
    fields[line.slice(0, sep).trim()] = line.slice(sep + 1).trim();
  }
  return { fields, body: (match[2] as string).trim() };
}

export const listField = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
