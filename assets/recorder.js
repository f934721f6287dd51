// Progressive enhancement of the contribution form: without this file the file field is all there
// is, and it works. With it, the audio parts follow the chosen format, and where the browser can
// record (MediaRecorder and getUserMedia), a recorder puts its result into the same file field.
// Every text comes from the page (data-* attributes), written by the server in the reader's language.

const box = document.querySelector("[data-recorder]");
const input = document.querySelector("input[type=file][name=audio]");

// Audio parts (file field, disguise) are shown only when the audio format is chosen.
const formatRadios = [...document.querySelectorAll("[data-format-choice] input[name=format]")];
function followFormat() {
  const chosen = formatRadios.find((r) => r.checked);
  const audio = !chosen || chosen.value === "audio";
  for (const section of document.querySelectorAll("[data-audio-section]")) section.hidden = !audio;
}
if (formatRadios.length > 0) {
  for (const radio of formatRadios) radio.addEventListener("change", followFormat);
  followFormat();
}

/** The container the browser's recorder writes, with a file name the server does not trust anyway. */
function extensionOf(type) {
  if (type.includes("ogg")) return "ogg";
  if (type.includes("mp4") || type.includes("aac")) return "m4a";
  return "webm";
}

function clock(ms) {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function button(text, className) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (className) b.className = className;
  return b;
}

if (box instanceof HTMLElement && input instanceof HTMLInputElement) {
  const text = box.dataset;
  const maxMs = Number(text.maxMs) || 30 * 60_000;
  const heading = document.createElement("h3");
  heading.textContent = text.title;
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "recorder-status";
  box.append(heading, status);
  box.hidden = false;

  const canRecord = typeof window.MediaRecorder === "function" && !!navigator.mediaDevices?.getUserMedia;
  if (!canRecord) {
    status.textContent = text.unavailable;
  } else {
    const start = button(text.start);
    const pause = button(text.pause, "secondary");
    const resume = button(text.resume, "secondary");
    const stop = button(text.stop);
    const again = button(text.again, "secondary");
    const controls = document.createElement("div");
    controls.className = "actions recorder-controls";
    controls.append(start, pause, resume, stop, again);
    const timer = document.createElement("p");
    timer.className = "recorder-timer";
    const timerLabel = document.createElement("span");
    timerLabel.textContent = `${text.timer} : `;
    const time = document.createElement("span");
    time.textContent = clock(0);
    timer.append(timerLabel, time);
    const replay = document.createElement("figure");
    replay.className = "audio-player";
    replay.hidden = true;
    const caption = document.createElement("figcaption");
    caption.id = "enregistrement-lecteur";
    caption.textContent = text.replay;
    const player = document.createElement("audio");
    player.controls = true;
    player.setAttribute("aria-labelledby", caption.id);
    replay.append(caption, player);
    box.append(controls, timer, replay);

    let recorder = null;
    let stream = null;
    let chunks = [];
    let elapsed = 0;
    let since = 0;
    let ticker = 0;
    let url = "";

    const show = (state) => {
      start.hidden = state !== "idle";
      pause.hidden = state !== "recording";
      resume.hidden = state !== "paused";
      stop.hidden = state !== "recording" && state !== "paused";
      again.hidden = state !== "done";
    };
    const now = () => elapsed + (since ? performance.now() - since : 0);
    const tick = () => {
      time.textContent = clock(now());
      if (now() >= maxMs && recorder?.state !== "inactive") {
        status.textContent = text.limit;
        recorder?.stop();
      }
    };
    const release = () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
      clearInterval(ticker);
    };

    show("idle");
    status.textContent = text.ready;

    start.addEventListener("click", async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch {
        status.textContent = text.denied;
        start.hidden = true;
        return;
      }
      chunks = [];
      elapsed = 0;
      recorder = new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      });
      recorder.addEventListener("stop", () => {
        elapsed = now();
        since = 0;
        release();
        const type = recorder.mimeType || "audio/webm";
        const blob = new Blob(chunks, { type });
        const file = new File([blob], `enregistrement.${extensionOf(type)}`, { type });
        // The recording goes into the same file field, so the same form posts it.
        const transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        if (url) URL.revokeObjectURL(url);
        url = URL.createObjectURL(blob);
        player.src = url;
        replay.hidden = false;
        if (status.textContent !== text.limit) status.textContent = text.done;
        show("done");
        again.focus();
      });
      recorder.start(1000);
      since = performance.now();
      ticker = window.setInterval(tick, 250);
      status.textContent = text.recording;
      show("recording");
      pause.focus();
    });
    pause.addEventListener("click", () => {
      recorder?.pause();
      elapsed = now();
      since = 0;
      status.textContent = text.paused;
      show("paused");
      resume.focus();
    });
    resume.addEventListener("click", () => {
      recorder?.resume();
      since = performance.now();
      status.textContent = text.recording;
      show("recording");
      pause.focus();
    });
    stop.addEventListener("click", () => {
      recorder?.stop();
    });
    again.addEventListener("click", () => {
      input.value = "";
      player.removeAttribute("src");
      replay.hidden = true;
      time.textContent = clock(0);
      status.textContent = text.ready;
      show("idle");
      start.focus();
    });
  }
}
