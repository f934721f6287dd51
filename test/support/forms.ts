/** The current values of a story editor form, as a browser would send them back. */
export function formFields(html: string): Record<string, string | string[]> {
  const form = /<form[^>]*class="story-form"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? html;
  return fieldsOf(form);
}

const attrOf = (attrs: string, name: string): string | null => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;

/**
 * What a browser sends when the button labelled `label` is clicked: the fields of the button's form
 * (the form around it, or the one its `form` attribute names), edited by `edits`, and the button's
 * own name and value; and where it sends them.
 */
export function pressButton(html: string, label: string, edits: Record<string, string | string[]> = {}): { action: string; fields: Record<string, string | string[]> } {
  const button = [...html.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)].find((m) => (m[2] as string).replace(/<[^>]*>/g, "").trim() === label);
  if (!button) throw new Error(`Pas de bouton « ${label} »`);
  const attrs = button[1] as string;
  const forms = [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)];
  const formId = attrOf(attrs, "form");
  const form = formId
    ? forms.find((f) => attrOf(f[1] as string, "id") === formId)
    : forms.find((f) => (f.index as number) < (button.index as number) && (button.index as number) < (f.index as number) + f[0].length);
  if (!form) throw new Error(`Le bouton « ${label} » n'appartient à aucun formulaire`);
  const fields = fieldsOf(form[2] as string);
  // Fields placed elsewhere on the page that name this form with their `form` attribute.
  if (formId) {
    const outside = html.slice(0, form.index) + html.slice((form.index as number) + form[0].length);
    const owned = [...outside.matchAll(/<(input|textarea|select)([^>]*)>(?:[\s\S]*?<\/\1>)?/g)].filter((m) => attrOf(m[2] as string, "form") === formId).map((m) => m[0]);
    Object.assign(fields, fieldsOf(owned.join("")));
  }
  const name = attrOf(attrs, "name");
  if (name) fields[name] = attrOf(attrs, "value") ?? "";
  const action = (attrOf(form[1] as string, "action") ?? "").replace(/&amp;/g, "&");
  return { action, fields: { ...fields, ...edits } };
}

function fieldsOf(form: string): Record<string, string | string[]> {
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
