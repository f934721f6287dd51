/**
 * Scripts of the demo podcast episodes (content/scripts/<story-slug>.txt), read line by line:
 *
 *   // a comment, ignored (so are blank lines)
 *   @names Animatrice | Samia        the display names of the host and the guest (required, once)
 *   @voices femme | femme-grave      their voices, from VOICE_PRESETS (optional, once; default femme | homme)
 *   # Le désir d'enfant              starts a chapter, titled with the rest of the line
 *   HOST: Bonjour Samia.             a turn of the host: one line, one or more sentences
 *   GUEST: Merci à vous.             a turn of the guest
 *
 * `@names` and `@voices` come before any chapter or turn. Every chapter holds at least one
 * turn; turns before the first chapter are allowed (an episode need not have chapters).
 * A line that fits none of these is an error naming the file and the line.
 */
import { DEFAULT_VOICES, isVoiceName, VOICE_NAMES, type VoiceName } from "./demo-voices.js";

export type Speaker = "host" | "guest";
export type ScriptTurn = { speaker: Speaker; text: string; line: number };
/** `firstTurn` is the index in `turns` of the chapter's first turn. */
export type ScriptChapter = { title: string; firstTurn: number; line: number };
export type EpisodeScript = {
  names: Record<Speaker, string>;
  voices: Record<Speaker, VoiceName>;
  chapters: ScriptChapter[];
  turns: ScriptTurn[];
};

export class EpisodeScriptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, ligne ${line} : ${reason}`);
    this.name = "EpisodeScriptError";
  }
}

const MAX_NAME_LENGTH = 40;
const TURN = /^(HOST|GUEST):(.*)$/;

/** A name goes into WebVTT voice tags and transcripts: one short line, no markup characters. */
function checkName(name: string): string | null {
  if (name === "") return "un nom est vide";
  if (name.length > MAX_NAME_LENGTH) return `le nom « ${name} » dépasse ${MAX_NAME_LENGTH} caractères`;
  if (/[<>&|]/.test(name)) return `le nom « ${name} » contient un caractère interdit (< > & |)`;
  return null;
}

/** Splits "a | b" into exactly two trimmed parts, or says why not. */
function pair(value: string): [string, string] | null {
  const parts = value.split("|").map((p) => p.trim());
  return parts.length === 2 ? [parts[0] as string, parts[1] as string] : null;
}

export function parseEpisodeScript(text: string, file = "script"): EpisodeScript {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const fail = (line: number, reason: string): never => {
    throw new EpisodeScriptError(file, line, reason);
  };
  let names: Record<Speaker, string> | null = null;
  let voices: Record<Speaker, VoiceName> | null = null;
  const chapters: ScriptChapter[] = [];
  const turns: ScriptTurn[] = [];
  const closeChapter = () => {
    const last = chapters.at(-1);
    if (last && last.firstTurn === turns.length) fail(last.line, `le chapitre « ${last.title} » ne contient aucune réplique`);
  };

  for (const [index, raw] of lines.entries()) {
    const n = index + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) continue;
    const started = chapters.length > 0 || turns.length > 0;
    if (line.startsWith("@")) {
      const directive = line.split(/\s/, 1)[0] as string;
      const value = line.slice(directive.length).trim();
      if (directive !== "@names" && directive !== "@voices") fail(n, `directive inconnue ${directive} (attendu : @names ou @voices)`);
      if (started) fail(n, `${directive} doit précéder les chapitres et les répliques`);
      const both = pair(value) ?? fail(n, `${directive} attend deux valeurs séparées par « | », par exemple « ${directive} a | b »`);
      if (directive === "@names") {
        if (names) fail(n, "@names apparaît deux fois");
        for (const name of both) {
          const problem = checkName(name);
          if (problem) fail(n, problem);
        }
        if (both[0].toLowerCase() === both[1].toLowerCase()) fail(n, "l'animation et l'invité·e doivent avoir des noms différents");
        names = { host: both[0], guest: both[1] };
      } else {
        if (voices) fail(n, "@voices apparaît deux fois");
        for (const voice of both) {
          if (!isVoiceName(voice)) fail(n, `voix inconnue « ${voice} » (voix possibles : ${VOICE_NAMES.join(", ")})`);
        }
        if (both[0] === both[1]) fail(n, "l'animation et l'invité·e doivent avoir des voix différentes");
        voices = { host: both[0] as VoiceName, guest: both[1] as VoiceName };
      }
      continue;
    }
    if (line.startsWith("#")) {
      if (!names) fail(n, "@names doit venir avant le premier chapitre");
      const title = line.replace(/^#+/, "").trim();
      if (title === "") fail(n, "titre de chapitre vide");
      closeChapter();
      chapters.push({ title, firstTurn: turns.length, line: n });
      continue;
    }
    const turn = TURN.exec(line);
    if (!turn) fail(n, "ligne illisible : attendu « HOST: … », « GUEST: … », « # titre », @names, @voices ou « // commentaire »");
    if (!names) fail(n, "@names doit venir avant la première réplique");
    const spoken = (turn?.[2] ?? "").trim().replace(/\s+/g, " ");
    if (!/[\p{L}\p{N}]/u.test(spoken)) fail(n, "réplique vide");
    turns.push({ speaker: turn?.[1] === "HOST" ? "host" : "guest", text: spoken, line: n });
  }
  if (!names) return fail(1, "il manque la ligne @names (par exemple « @names Animatrice | Samia »)");
  closeChapter();
  if (turns.length === 0) fail(lines.length, "le script ne contient aucune réplique");
  return { names, voices: voices ?? { ...DEFAULT_VOICES }, chapters, turns };
}

/** Writes a script back in the file format; parsing the result gives the same script (line numbers aside). */
export function formatEpisodeScript(script: EpisodeScript): string {
  const out = [`@names ${script.names.host} | ${script.names.guest}`, `@voices ${script.voices.host} | ${script.voices.guest}`];
  for (const [i, turn] of script.turns.entries()) {
    for (const chapter of script.chapters) if (chapter.firstTurn === i) out.push("", `# ${chapter.title}`);
    out.push(`${turn.speaker === "host" ? "HOST" : "GUEST"}: ${turn.text}`);
  }
  return `${out.join("\n")}\n`;
}

/**
 * Sentences of a turn, for one subtitle cue each. A sentence ends with . ! ? or … (and a closing
 * quote, if any) before a capital letter, an opening quote or a digit; joining the sentences with
 * one space gives the turn back.
 */
export function splitSentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?…](?:\s*[»"”])?)\s+(?=[«"“\p{Lu}\p{N}])/u)
    .filter((s) => s !== "");
}

