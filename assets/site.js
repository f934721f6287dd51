// Progressive enhancement only: every page works without this file.
// "Copy" button next to the share address.
for (const input of document.querySelectorAll("input[data-copy]")) {
  if (!navigator.clipboard) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary small";
  // The button's texts come with the page, in its language.
  button.textContent = input.dataset.copy;
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "hint";
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(input.value);
    status.textContent = input.dataset.copied ?? "";
  });
  input.after(button, status);
}

// Filter forms send only the fields that filter: an empty "All" choice would put "format=&serie="
// in the address (the server redirects such an address to its canonical form, without the script).
for (const form of document.querySelectorAll("form[data-drop-empty]")) {
  form.addEventListener("submit", () => {
    const emptied = [...form.elements].filter((field) => field.name && !field.disabled && "value" in field && field.value === "");
    for (const field of emptied) field.disabled = true;
    // Back from the results, the form is whole again.
    setTimeout(() => {
      for (const field of emptied) field.disabled = false;
    });
  });
}

// After a refused send, the problems come first: focused (heard at once) and at the top of a phone's screen.
const summary = document.querySelector("[data-autofocus]");
if (summary instanceof HTMLElement) {
  summary.focus({ preventScroll: true });
  summary.scrollIntoView({ block: "start" });
}

// The name and the age shown are asked only for the credits that show them.
const creditKind = document.querySelector("select[name=creditKind]");
const creditName = document.getElementById("champ-creditName")?.closest(".field");
const creditAge = document.getElementById("champ-creditAge")?.closest(".field");
if (creditKind instanceof HTMLSelectElement && creditName instanceof HTMLElement && creditAge instanceof HTMLElement) {
  const showCreditFields = () => {
    creditName.hidden = creditKind.value === "anonymous";
    creditAge.hidden = creditKind.value !== "first_name_age";
  };
  creditKind.addEventListener("change", showCreditFields);
  showCreditFields();
}
