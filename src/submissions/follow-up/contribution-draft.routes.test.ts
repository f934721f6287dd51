import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAudioFixture, pitchOf } from "../../../test/support/audio-fixtures.js";
import { manualClock } from "../../../test/support/clock.js";
import { DIALECTS } from "../../../test/support/databases.js";
import { queuedMail } from "../../../test/support/mail-queue.js";
import { createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";
import { isStored } from "../../../test/support/stored.js";
import { Visitor } from "../../../test/support/visitor.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-draft-routes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tones = new Map<number, Buffer>();
beforeAll(async () => {
  for (const hz of [330, 440]) tones.set(hz, fs.readFileSync(await makeAudioFixture(dir, `ton-${hz}.wav`, ["-c:a", "pcm_s16le"], { frequency: hz, seconds: 3 })));
}, 60_000);

const DRAFT = {
  title: "Brouillon à reprendre",
  body: "Premier jet, écrit un soir.",
  format: "text",
  creditKind: "pseudonym",
  creditName: "Lichen",
  creditAge: "",
  contentNotes: ["bereavement"],
  channels: ["site"],
  email: "lichen@exemple.fr",
  action: "draft",
};

describe.each(DIALECTS)("a draft resumed on /suivi, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock("2026-12-04T09:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
    await createAccount(t, "editor");
  });
  afterAll(() => t.close());

  const rowTitled = (title: string) => t.deps.db.selectFrom("submissions").selectAll().where("title", "=", title).executeTakeFirstOrThrow();
  const rowById = (id: number) => t.deps.db.selectFrom("submissions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const count = async (table: "outbox" | "consent_events") =>
    table === "outbox" ? (await queuedMail(t.deps.db)).length : Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  /** Someone who saved a draft on /temoigner: the follow-up opens on their browser without the receipt. */
  async function draftOf(fields: Record<string, string | string[]> = {}, file?: { bytes: Buffer; name: string; type: string }) {
    const person = new Visitor(t.url);
    const saved = await person.contribute({ ...DRAFT, ...fields }, file);
    expect(saved.res.status).toBe(200);
    const id = (await rowTitled(String(fields.title ?? DRAFT.title))).id;
    return { person, id, receipt: saved.receipt };
  }

  /** Sends the draft editor as a browser does: multipart, the file field empty unless a file is chosen. */
  const edit = (person: Visitor, fields: Record<string, string | string[]>, file?: { bytes: Buffer; name: string; type: string }) => person.contribute(fields, file, "/suivi/modifier");

  async function settleJobs(): Promise<void> {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      await t.app.runScheduledTasks();
      const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).where("run_after", "<=", clock.now().toISOString()).execute();
      if (busy.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("des tâches audio ne se terminent pas");
  }

  it("opens a saved draft with every field as saved, and saves a change to each without the consent box", async () => {
    const { person, id } = await draftOf();
    expect((await (await person.get("/suivi/contribution")).text())).toContain('href="/suivi/modifier"');
    const form = await (await person.get("/suivi/modifier")).text();
    expect(form).toContain('value="Brouillon à reprendre"');
    expect(form).toContain(">Premier jet, écrit un soir.</textarea>");
    expect(form).toContain('value="Lichen"');
    expect(form).toMatch(/value="pseudonym" selected/);
    expect(form).toMatch(/value="bereavement" checked/);
    expect(form).toContain('value="lichen@exemple.fr"');
    const outbox = await count("outbox");
    const consents = await count("consent_events");
    const saved = await edit(person, {
      title: "Brouillon repris",
      body: "Deuxième jet, relu au matin.",
      format: "text",
      creditKind: "first_name_age",
      creditName: "Lise",
      creditAge: "41",
      contentNotes: ["suicide", "violence"],
      channels: ["site"],
      email: "lise@exemple.fr",
      action: "draft",
    });
    expect(saved.res.status).toBe(200);
    expect(saved.html).toContain("Votre brouillon est enregistré.");
    const row = await rowById(id);
    expect(row).toMatchObject({
      state: "draft",
      title: "Brouillon repris",
      body_md: "Deuxième jet, relu au matin.",
      credit_kind: "first_name_age",
      credit_name: "Lise",
      credit_age: 41,
      content_notes: "suicide,violence",
      email: "lise@exemple.fr",
    });
    // Saving sends nothing and records no consent.
    expect(await count("outbox")).toBe(outbox);
    expect(await count("consent_events")).toBe(consents);
  });

  it("shows a rejected draft again with what was typed and an error summary, in French or in English, and changes nothing", async () => {
    const { person, id } = await draftOf({ title: "Brouillon refusé" });
    const before = await rowById(id);
    const typed = { ...DRAFT, title: "Brouillon refusé", body: "Un texte que je ne veux pas perdre.", creditName: "", email: "pas une adresse" };
    const refused = await edit(person, typed);
    expect(refused.res.status).toBe(422);
    expect(refused.html).toContain('class="error-summary"');
    expect(refused.html).toContain("Indiquez une adresse valide");
    expect(refused.html).toContain("Indiquez le nom, le pseudonyme ou le prénom à afficher");
    expect(refused.html).toContain(">Un texte que je ne veux pas perdre.</textarea>");
    expect(refused.html).toContain('value="pas une adresse"');
    expect(await rowById(id)).toEqual(before);
    expect((await person.get("/langue/en?retour=/suivi/modifier")).status).toBe(303);
    const english = await edit(person, typed);
    expect(english.res.status).toBe(422);
    expect(english.html).toContain('<html lang="en"');
    expect(english.html).toContain("Enter a valid address");
    expect(english.html).toContain("Edit my draft");
    expect(await rowById(id)).toEqual(before);
  });

  it("sends a draft from its editor only with the consent box ticked, with its consent recorded, and then no longer edits it", async () => {
    const { person, id } = await draftOf({ title: "Brouillon à envoyer" });
    const refused = await edit(person, { ...DRAFT, title: "Brouillon à envoyer", channels: ["site", "podcast"], action: "send" });
    expect(refused.res.status).toBe(422);
    expect(refused.html).toContain("Cochez cette case pour envoyer");
    expect((await rowById(id)).state).toBe("draft");
    const outbox = await count("outbox");
    const sent = await edit(person, { ...DRAFT, title: "Brouillon à envoyer", body: "La version que j'envoie.", channels: ["site", "podcast"], consent: "1", action: "send" });
    expect(sent.res.status).toBe(200);
    expect(sent.html).toContain("Votre témoignage est envoyé à l'équipe.");
    const row = await rowById(id);
    expect(row.state).toBe("received");
    expect(row.body_md).toBe("La version que j'envoie.");
    const given = await t.deps.db.selectFrom("consent_events").select(["event", "channels"]).where("submission_id", "=", id).execute();
    expect(given).toEqual([{ event: "given", channels: "site,podcast" }]);
    expect(await count("outbox")).toBe(outbox + 1);
    // Sent: the editor is closed, and a late form changes nothing.
    const closed = await person.get("/suivi/modifier");
    expect(closed.status).toBe(303);
    expect(closed.headers.get("location")).toBe("/suivi/contribution");
    const late = await person.post("/suivi/contribution", "/suivi/modifier", { ...DRAFT, title: "Changé après envoi" });
    expect(late.status).toBe(303);
    expect(late.headers.get("location")).toBe("/suivi/contribution");
    expect((await rowById(id)).title).toBe("Brouillon à envoyer");
  });

  it("changes a draft's recording: another disguise from the original, another file, a refused file kept out, or back to text", async () => {
    const wav = (hz: number) => ({ bytes: tones.get(hz) as Buffer, name: `ton-${hz}.wav`, type: "audio/wav" });
    const audio = { ...DRAFT, title: "Voix à reprendre", body: "", format: "audio", creditKind: "anonymous", creditName: "", disguise: "none" };
    const { person, id } = await draftOf(audio, wav(330));
    await settleJobs();
    let row = await rowById(id);
    const first = { key: row.audio_key as string, source: row.audio_source_key as string };
    expect(first.key).toBeTruthy();
    const form = await (await person.get("/suivi/modifier")).text();
    expect(form).toContain("Votre enregistrement actuel");
    expect(form).toContain('src="/suivi/audio.mp3?v=');
    expect(form).toContain("Laissez ce champ vide pour garder votre enregistrement actuel");

    // Another disguise, no file: made again from the original; the previous result is deleted.
    expect((await edit(person, { ...audio, disguise: "light" })).res.status).toBe(200);
    row = await rowById(id);
    expect(row.audio_disguise).toBe("light");
    expect(row.audio_source_key).toBe(first.source);
    expect(await isStored(t.deps.privateFiles, first.key)).toBe(false);
    await settleJobs();
    const light = path.join(dir, `light-${dialect}.mp3`);
    fs.writeFileSync(light, Buffer.from(await (await person.get("/suivi/audio.mp3")).arrayBuffer()));
    expect(await pitchOf(light)).toBeLessThan(330 * 0.9);

    // Asking to send a voice disguised but not heard yet keeps it a draft, to be heard first.
    const unheard = await edit(person, { ...audio, disguise: "strong", consent: "1", action: "send" });
    expect(unheard.html).toContain("Écoutez votre voix déguisée quand elle est prête");
    expect((await rowById(id)).state).toBe("draft");
    await settleJobs();

    // Another file: it replaces the recording and its original; nothing of the first stays on disk.
    expect((await edit(person, { ...audio, disguise: "none" }, wav(440))).res.status).toBe(200);
    row = await rowById(id);
    expect(row.audio_source_key).not.toBe(first.source);
    expect(await isStored(t.deps.privateFiles, first.source)).toBe(false);
    await settleJobs();
    const replaced = path.join(dir, `replaced-${dialect}.mp3`);
    fs.writeFileSync(replaced, Buffer.from(await (await person.get("/suivi/audio.mp3")).arrayBuffer()));
    expect(Math.abs((await pitchOf(replaced)) - 440)).toBeLessThan(8);

    // A file that is not audio is refused on the form; the recording stays as it was.
    const kept = await rowById(id);
    const refused = await edit(person, { ...audio, disguise: "none" }, { bytes: Buffer.from("ceci n'est pas un son"), name: "note.mp3", type: "audio/mpeg" });
    expect(refused.res.status).toBe(422);
    expect(refused.html).toContain('class="error-summary"');
    expect(await rowById(id)).toEqual(kept);

    // Back to a written testimony: the recording's files go.
    const files = [kept.audio_key as string, kept.audio_source_key as string];
    expect((await edit(person, { ...audio, format: "text", body: "Finalement, je l'écris." })).res.status).toBe(200);
    row = await rowById(id);
    expect(row).toMatchObject({ format: "text", audio_key: null, audio_source_key: null, body_md: "Finalement, je l'écris." });
    for (const f of files) expect(await isStored(t.deps.privateFiles, f), f).toBe(false);
  }, 180_000);

  it("asks for the file again when another disguise is wanted after the original was deleted", async () => {
    const { receipt, id } = await draftOf(
      { title: "Voix ancienne", body: "", format: "audio", creditKind: "anonymous", creditName: "", disguise: "none" },
      { bytes: tones.get(330) as Buffer, name: "ton.wav", type: "audio/wav" },
    );
    await settleJobs();
    // Untouched for eight days: the original goes, the processed voice stays.
    clock.advance(8 * 24 * 60);
    await t.app.runScheduledTasks();
    expect((await rowById(id)).audio_source_key).toBeNull();
    const person = new Visitor(t.url);
    await person.openFollowUp(receipt);
    const refused = await edit(person, { ...DRAFT, title: "Voix ancienne", body: "", format: "audio", creditKind: "anonymous", creditName: "", disguise: "strong" });
    expect(refused.res.status).toBe(422);
    expect(refused.html).toContain("L'enregistrement d'origine n'est plus gardé");
    expect((await rowById(id)).audio_disguise).toBe("none");
  }, 60_000);
});
