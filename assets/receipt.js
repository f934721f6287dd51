// Progressive enhancement of the receipt page: without this file the receipt is on screen, the
// download is a form and the page prints with its own stylesheet. With it, two more buttons:
// copy the receipt, and print. Every text comes from the page, in the reader's language.

const tools = document.querySelector("[data-receipt-tools]");
const status = tools?.querySelector("[data-receipt-status]");

const copy = tools?.querySelector("[data-copy-receipt]");
const receipt = document.querySelector(".receipt strong");
if (copy && receipt && navigator.clipboard) {
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(receipt.textContent?.trim() ?? "");
      if (status) status.textContent = copy.dataset.done ?? "";
    } catch {
      // Refused (no permission, not a secure page): select it, so copying by hand is one step.
      getSelection()?.selectAllChildren(receipt);
      if (status) status.textContent = copy.dataset.failed ?? "";
    }
  });
}

const print = tools?.querySelector("[data-print]");
if (print && typeof window.print === "function") {
  print.hidden = false;
  print.addEventListener("click", () => window.print());
}
