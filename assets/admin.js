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
