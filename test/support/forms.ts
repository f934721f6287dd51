/** The current values of a story editor form, as a browser would send them back. */
export function formFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  // Preact writes an empty attribute as a bare name (`value`, `checked`).
  const attr = (attrs: string, name: string): string | null => {
    const m = new RegExp(`(?:^|\\s)${name}(?:="([^"]*)")?(?=[\\s/>]|$)`).exec(attrs);
    return m ? decode(m[1] ?? "") : null;
  };
  const form = /<form[^>]*class="story-form"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? html;
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] as string;
    const name = attr(attrs, "name");
    const type = attr(attrs, "type") ?? "text";
    if (!name || name === "_csrf" || type === "file") continue;
    if ((type === "checkbox" || type === "radio") && attr(attrs, "checked") === null) continue;
    add(name, attr(attrs, "value") ?? "");
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(m[1] as string, decode(m[2] as string));
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...(m[2] as string).matchAll(/<option([^>]*)>/g)].map((o) => o[1] as string);
    const chosen = options.find((o) => attr(o, "selected") !== null) ?? options[0] ?? "";
    add(m[1] as string, attr(chosen, "value") ?? "");
  }
  return fields;
}
