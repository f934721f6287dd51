// Progressive enhancement of the episode player; the page is complete without this file.
// Adds playback speed, −15 s / +15 s, chapter jumps and the transcript cue that follows the audio.
// Shortcuts work only while focus is inside the player region, so they never take a screen
// reader's single-letter keys elsewhere on the page.

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
}

function button(label, className) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = label;
  return b;
}

// Short visible text ("+15 s"), whole words for screen readers; the name keeps no aria-label so
// speech-input users can say what they see.
function stepButton(visible, spoken, className) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  const shown = document.createElement("span");
  shown.setAttribute("aria-hidden", "true");
  shown.textContent = visible;
  const words = document.createElement("span");
  words.className = "visually-hidden";
  words.textContent = spoken;
  b.append(shown, words);
  return b;
}

function enhance(region) {
  const audio = region.querySelector("audio");
  if (!audio) return;
  const section = region.closest("[data-episode]") ?? document;
  // The transcript comes after the show notes, outside the episode's section: one episode per page.
  const page = region.ownerDocument;
  const labels = region.dataset;
  const seekBy = (delta) => {
    const end = Number.isFinite(audio.duration) ? audio.duration : Number.POSITIVE_INFINITY;
    audio.currentTime = Math.min(Math.max(0, audio.currentTime + delta), end);
  };
  const seekTo = (seconds) => {
    audio.currentTime = seconds;
  };

  // Controls: −15 s, +15 s, speed.
  const controls = document.createElement("div");
  controls.className = "player-controls";
  const back = stepButton("−15 s", labels.labelBack, "secondary small");
  back.dataset.playerBack = "";
  back.addEventListener("click", () => seekBy(-15));
  const forward = stepButton("+15 s", labels.labelForward, "secondary small");
  forward.dataset.playerForward = "";
  forward.addEventListener("click", () => seekBy(15));
  const speedId = "vitesse-lecture";
  const speedLabel = document.createElement("label");
  speedLabel.htmlFor = speedId;
  speedLabel.textContent = labels.labelSpeed;
  const speed = document.createElement("select");
  speed.id = speedId;
  speed.dataset.playerSpeed = "";
  for (const rate of SPEEDS) {
    const option = document.createElement("option");
    option.value = String(rate);
    option.textContent = `${String(rate).replace(".", document.documentElement.lang === "en" ? "." : ",")}×`;
    option.selected = rate === 1;
    speed.append(option);
  }
  speed.addEventListener("change", () => {
    audio.playbackRate = Number(speed.value);
  });
  // Some browsers reset the rate when the source loads again.
  audio.addEventListener("loadedmetadata", () => {
    audio.playbackRate = Number(speed.value);
  });
  const speedField = document.createElement("span");
  speedField.className = "player-speed";
  speedField.append(speedLabel, speed);
  controls.append(back, forward, speedField);
  audio.after(controls);

  // Chapters: each becomes a button that jumps to its start.
  for (const item of section.querySelectorAll("[data-chapters] li[data-start]")) {
    const start = Number(item.dataset.start);
    const time = item.querySelector(".chapter-time");
    const jump = button(time ? time.textContent : clock(start), "time-jump");
    jump.setAttribute("aria-label", `${labels.labelGo.replace("{time}", clock(start))} : ${item.querySelector(".chapter-title")?.textContent ?? ""}`);
    // A chapter is chosen to be heard: jump there and play.
    jump.addEventListener("click", () => {
      seekTo(start);
      void audio.play();
      audio.focus();
    });
    if (time) time.replaceWith(jump);
  }

  // Transcript: the cue being heard is marked; the page scrolls only if the listener asks.
  const cues = [...page.querySelectorAll("[data-transcript] .cue[data-start]")].map((el) => ({
    el,
    start: Number(el.dataset.start),
    end: Number(el.dataset.end),
  }));
  let follow = false;
  if (cues.length > 0) {
    const transcript = page.querySelector("[data-transcript]");
    const followId = "suivre-transcription";
    const followBox = document.createElement("input");
    followBox.type = "checkbox";
    followBox.id = followId;
    followBox.addEventListener("change", () => {
      follow = followBox.checked;
    });
    const followLabel = document.createElement("label");
    followLabel.htmlFor = followId;
    followLabel.textContent = labels.labelFollow;
    const followField = document.createElement("p");
    followField.className = "transcript-follow";
    followField.append(followBox, " ", followLabel);
    transcript.before(followField);
    for (const cue of cues) {
      const time = cue.el.querySelector(".cue-time");
      if (!time) continue;
      const jump = button(time.textContent, "time-jump");
      jump.setAttribute("aria-label", labels.labelGo.replace("{time}", time.textContent));
      jump.addEventListener("click", () => seekTo(cue.start));
      time.replaceWith(jump);
    }
  }
  let current = null;
  const highlight = () => {
    const t = audio.currentTime;
    const found = cues.find((c) => t >= c.start && t < c.end) ?? null;
    if (found === current) return;
    if (current) {
      current.el.removeAttribute("aria-current");
      current.el.classList.remove("is-current");
    }
    current = found;
    if (!current) return;
    current.el.setAttribute("aria-current", "true");
    current.el.classList.add("is-current");
    if (follow) current.el.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  audio.addEventListener("timeupdate", highlight);
  audio.addEventListener("seeked", highlight);

  // Shortcuts, inside the region only, and never while typing or choosing in a menu.
  region.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement) return;
    let handled = true;
    switch (event.key) {
      case "j":
      case "J":
        seekBy(-15);
        break;
      case "l":
      case "L":
        seekBy(15);
        break;
      case "k":
      case "K":
        if (audio.paused) void audio.play();
        else audio.pause();
        break;
      case "<":
      case ">": {
        const i = SPEEDS.indexOf(Number(speed.value));
        const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i + (event.key === ">" ? 1 : -1)))];
        speed.value = String(next);
        audio.playbackRate = next;
        break;
      }
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });
  const shortcuts = region.querySelector("[data-player-shortcuts]");
  if (shortcuts) shortcuts.hidden = false;
  region.dataset.enhanced = "";
}

for (const region of document.querySelectorAll("[data-podcast-player]")) enhance(region);
