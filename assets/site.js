// Progressive enhancement only: every page works without this file.
// "Copy" button next to the share address.
for (const input of document.querySelectorAll("input[data-copy]")) {
  if (!navigator.clipboard) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary small";
  const label = document.documentElement.lang === "en" ? "Copy the address" : "Copier l'adresse";
  const done = document.documentElement.lang === "en" ? "Address copied" : "Adresse copiée";
  button.textContent = label;
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "hint";
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(input.value);
    status.textContent = done;
  });
  input.after(button, status);
}
