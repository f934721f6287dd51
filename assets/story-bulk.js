// "Select all on this page" for the story list's bulk form, added by script: without it, the
// "apply to the whole page" button does the same. One checkbox in the column's header, checked,
// unchecked or mixed (the native indeterminate state, which screen readers announce as "mixed"),
// and a count of the checked stories in the form's live region, read out at each change.
const form = document.querySelector("form#lot");
const head = form?.querySelector("th[data-select-all]");
const count = form?.querySelector("[data-bulk-count]");
if (form && head instanceof HTMLElement && count instanceof HTMLElement) {
  const boxes = [...form.querySelectorAll("input[type=checkbox][name=ids]")].filter((b) => b instanceof HTMLInputElement);
  const all = document.createElement("input");
  all.type = "checkbox";
  all.id = "lot-tout";
  const label = document.createElement("label");
  label.htmlFor = all.id;
  label.className = "visually-hidden";
  label.textContent = head.dataset.selectAll ?? "";
  head.replaceChildren(all, label);

  const plural = new Intl.PluralRules(document.documentElement.lang || "fr");
  const update = () => {
    const checked = boxes.filter((b) => b.checked).length;
    all.checked = checked > 0 && checked === boxes.length;
    all.indeterminate = checked > 0 && checked < boxes.length;
    const template = (plural.select(checked) === "one" ? count.dataset.one : count.dataset.other) ?? "{count}";
    count.textContent = template.replace("{count}", String(checked));
  };
  all.addEventListener("change", () => {
    for (const box of boxes) box.checked = all.checked;
    update();
  });
  for (const box of boxes) box.addEventListener("change", update);
  // A page restored from the browser's history may come back with boxes already checked.
  update();
}
