// Back-office enhancements; without JavaScript the same actions work through buttons.
// Move focus to the error summary so keyboard and screen-reader users hear the problems first.
const summary = document.querySelector("[data-autofocus]");
if (summary instanceof HTMLElement) summary.focus();

// Live preview of the story text, refreshed a moment after typing stops.
const body = document.querySelector("textarea[name=body]");
const preview = document.querySelector("[data-preview]");
const csrf = document.querySelector("input[name=_csrf]");
if (body instanceof HTMLTextAreaElement && preview && csrf instanceof HTMLInputElement) {
  let timer = 0;
  let target = preview.querySelector(".prose");
  if (!target) {
    target = document.createElement("div");
    target.className = "prose";
    target.setAttribute("lang", "fr");
    preview.querySelector(".hint")?.remove();
    preview.append(target);
  }
  const refresh = async () => {
    const form = new URLSearchParams({ _csrf: csrf.value, body: body.value });
    const response = await fetch("/admin/apercu", { method: "POST", body: form, credentials: "same-origin" });
    // 422: the text is too long, and the answer says so in place of the preview.
    if ((response.ok || response.status === 422) && target) target.innerHTML = await response.text();
  };
  body.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
}

// The story text's rich-text editor, fetched only where a page offers it (same version as this script).
if (document.querySelector("[data-rich-editor] textarea")) import(new URL(`story-editor.js${new URL(import.meta.url).search}`, import.meta.url).href);

// The story list's "select all on this page", where the list has its bulk form.
if (document.querySelector("form#lot")) import(new URL(`story-bulk.js${new URL(import.meta.url).search}`, import.meta.url).href);

// One save, with JavaScript: a warning before leaving with unsaved changes, and drafts saved as
// revisions at most every 30 seconds, only when something changed. The autosave goes through the
// same checks as the form; its revision becomes the one the form is based on.
const editor = document.querySelector("form#editeur");
const base = editor?.querySelector("input[data-base-revision]");
if (editor instanceof HTMLFormElement && base instanceof HTMLInputElement) {
  const AUTOSAVE_EVERY_MS = 30_000;
  const status = document.createElement("p");
  status.className = "hint autosave-status";
  status.setAttribute("role", "status");
  // The status texts come with the page, in its language; the time is written the page's way too.
  const actions = editor.querySelector(".actions");
  const texts = actions instanceof HTMLElement ? actions.dataset : {};
  actions?.append(status);

  // The fields as the autosave sends them (files aside: a new cover is sent by the form itself).
  const fieldsOf = () => {
    const fields = {};
    for (const [name, value] of new FormData(editor)) {
      if (typeof value !== "string" || name === "action") continue;
      if (name in fields) fields[name] = [].concat(fields[name], value);
      else fields[name] = value;
    }
    return fields;
  };
  // What was saved last, without the base revision, which changes with every save.
  const contentOf = (fields) => JSON.stringify({ ...fields, baseRevision: undefined, _csrf: undefined });
  let saved = contentOf(fieldsOf());
  let submitting = false;
  let lastSave = Date.now();
  let timer = 0;
  const isDirty = () => contentOf(fieldsOf()) !== saved;

  const autosave = async () => {
    timer = 0;
    const fields = fieldsOf();
    if (submitting || contentOf(fields) === saved) return;
    lastSave = Date.now();
    // The attribute, not `editor.action`: the form's buttons named "action" shadow that property.
    const response = await fetch(`${(editor.getAttribute("action") ?? "").split("?")[0]}/brouillon`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fields),
    }).catch(() => null);
    const answer = response ? await response.json().catch(() => ({})) : {};
    if (response?.ok && typeof answer.revisionId === "number") {
      base.value = String(answer.revisionId);
      saved = contentOf(fields);
      const time = new Date().toLocaleTimeString(document.documentElement.lang || "fr", { hour: "2-digit", minute: "2-digit" });
      status.textContent = (texts.autosaveSaved ?? "").replace("{time}", time);
    } else {
      status.textContent = answer.error ?? texts.autosaveOffline ?? "";
    }
  };
  const schedule = () => {
    if (timer) return;
    timer = window.setTimeout(autosave, Math.max(0, lastSave + AUTOSAVE_EVERY_MS - Date.now()));
  };
  editor.addEventListener("input", schedule);
  editor.addEventListener("change", schedule);
  editor.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (submitting || !isDirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
}
