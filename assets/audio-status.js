// Follow-up page: the recording's processing state, refreshed in place. Without this file the
// "Mettre à jour" link does the same by hand.
const status = document.querySelector("[data-audio-status]");
if (status instanceof HTMLElement) {
  const url = status.dataset.audioStatus;
  const poll = async () => {
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) return;
      const data = await response.json();
      if (data.state !== "processing") {
        // The player and the send button come with the page itself.
        window.location.reload();
        return;
      }
      if (status.textContent !== data.text) status.textContent = data.text;
    } catch {
      // A lost connection: the link still works; try again at the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
