import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/support/clock.js";
import { DIALECTS } from "../../../test/support/databases.js";
import { queuedMail } from "../../../test/support/mail-queue.js";
import { approvePendingVersion, contribute, personAt, prepareAndSendForApproval, submissionIdByTitle } from "../../../test/support/participation.js";
import { rawCodesShown } from "../../../test/support/raw-codes.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";
import { CONTENT_NOTES } from "../../stories/story.js";

const ACUTE = "J'ai écrit mes lettres d'adieu, ce soir c'est fini, je ne serai plus là demain.";

const CALL = {
  title: "Rentrer de l'hôpital",
  slug: "",
  themeId: "",
  introMd: "Racontez le retour chez vous.",
  questionsMd: "",
  safetyNoticeMd: "",
  opensAt: "2026-12-01T09:00",
  closesAt: "2026-12-31T18:00",
  formats: ["text"],
  creditOptions: ["pseudonym", "anonymous"],
  consentText: "Consentement de l'appel.",
};

describe.each(DIALECTS)("the editors' desk on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let colleague: Browser;
  const clock = manualClock("2026-12-04T09:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    colleague = new Browser(t.url);
    await colleague.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  /** A contribution sent by someone whose browser keeps its follow-up open. */
  async function sent(fields: Record<string, string | string[]>, formPage?: string) {
    const person = personAt(t.url);
    const result = await contribute(person, { body: "Un texte tranquille, sans rien d'urgent.", ...fields }, formPage);
    expect(result.res.status).toBe(200);
    return { person, id: await submissionIdByTitle(t, String(fields.title)) };
  }

  /** The part of the back-office home before the story counts. */
  const urgentSection = async (who = editor) => {
    const html = (await who.getText("/admin")).html;
    const start = html.indexOf("À traiter en priorité");
    return start < 0 ? null : html.slice(start, html.indexOf("Tous les témoignages", start));
  };
  const seenUpTo = (html: string) => /name="seenUpTo" value="(\d+)"/.exec(html)?.[1] as string;
  const triageRow = async (title: string) => {
    const html = (await editor.getText("/admin/contributions")).html;
    return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1] as string).find((row) => row.includes(`>${title}<`)) ?? "";
  };

  it("puts crisis signals nobody has taken and new messages first on the back-office home, for editors only", async () => {
    await sent({ title: "Tranquille" });
    await sent({ title: "Détresse", body: ACUTE });
    const asking = await sent({ title: "Une question" });
    expect((await asking.person.submit("/suivi/contribution", "/suivi/message", { body: "Puis-je changer mon titre ?" })).status).toBe(303);

    const urgent = await urgentSection();
    expect(urgent).not.toBeNull();
    expect(urgent).toContain(">Détresse<");
    expect(urgent).toContain(">Une question<");
    expect(urgent).not.toContain(">Tranquille<");
    // The crisis comes first, then the message; both before the story counts.
    expect(urgent?.indexOf(">Détresse<")).toBeLessThan(urgent?.indexOf(">Une question<") ?? 0);
    expect(urgent).toContain("Nouveau message");
    // An author has no contributions to see: no such section for them.
    const author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
    expect(await urgentSection(author)).toBeNull();

    // Taken, and answered: nothing urgent is left of them.
    const crisisId = await submissionIdByTitle(t, "Détresse");
    expect((await editor.submit(`/admin/contributions/${crisisId}`, `/admin/contributions/${crisisId}/attribuer`, {})).status).toBe(303);
    const page = (await editor.getText(`/admin/contributions/${asking.id}`)).html;
    expect((await editor.submit(`/admin/contributions/${asking.id}`, `/admin/contributions/${asking.id}/message`, { message: "Bien sûr.", seenUpTo: seenUpTo(page) })).status).toBe(303);
    const after = await urgentSection();
    expect(after).not.toContain(">Détresse<");
    expect(after).not.toContain(">Une question<");
  });

  it("marks a new message in triage until the team answers, notes or marks it read, and names the call each contribution answers", async () => {
    expect((await editor.submit("/admin/appels", "/admin/appels", CALL)).status).toBe(303);
    const answering = await sent({ title: "Réponse à l'appel", appel: "rentrer-de-l-hopital", creditKind: "pseudonym", creditName: "Galet" }, "/temoigner?appel=rentrer-de-l-hopital");
    const free = await sent({ title: "Témoignage libre" });
    expect(await triageRow("Réponse à l&#39;appel".replace("&#39;", "'"))).toContain("Rentrer de l");
    expect(await triageRow("Témoignage libre")).toContain(">Libre<");
    expect((await editor.getText(`/admin/contributions/${answering.id}`)).html).toContain("Rentrer de l");

    const write = (text: string) => free.person.submit("/suivi/contribution", "/suivi/message", { body: text });
    const detail = async () => (await editor.getText(`/admin/contributions/${free.id}`)).html;
    expect(await triageRow("Témoignage libre")).not.toContain("Nouveau message");

    await write("Premier message.");
    expect(await triageRow("Témoignage libre")).toContain("Nouveau message");
    expect(await detail()).toContain("Nouveau");
    // An internal note deals with what the editor saw.
    expect((await editor.submit(`/admin/contributions/${free.id}`, `/admin/contributions/${free.id}/note`, { note: "Lu, je rappelle demain.", seenUpTo: seenUpTo(await detail()) })).status).toBe(303);
    expect(await triageRow("Témoignage libre")).not.toContain("Nouveau message");

    await write("Deuxième message.");
    expect(await triageRow("Témoignage libre")).toContain("Nouveau message");
    // Marked read without an answer.
    expect((await editor.submit(`/admin/contributions/${free.id}`, `/admin/contributions/${free.id}/lu`, { seenUpTo: seenUpTo(await detail()) })).status).toBe(303);
    expect(await triageRow("Témoignage libre")).not.toContain("Nouveau message");

    // A message written while the editor was reading stays new: only what was on their screen is dealt with.
    const onScreen = seenUpTo(await detail());
    await write("Troisième message, arrivé pendant la réponse.");
    expect((await editor.submit(`/admin/contributions/${free.id}`, `/admin/contributions/${free.id}/message`, { message: "Merci pour ces précisions.", seenUpTo: onScreen })).status).toBe(303);
    expect(await triageRow("Témoignage libre")).toContain("Nouveau message");
  });

  it("keeps a message to the person and an internal note apart: two forms, and nothing reaches the person by default", async () => {
    const { person, id } = await sent({ title: "Deux formulaires", email: "deux@exemple.fr" });
    const page = (await editor.getText(`/admin/contributions/${id}`)).html;
    expect(page).toContain(">Envoyer à la personne</button>");
    expect(page).toContain(">Enregistrer la note interne</button>");
    expect(page).toMatch(/<form method="post" action="\/admin\/contributions\/\d+\/message"[\s\S]*?name="message"/);
    expect(page).toMatch(/<form method="post" action="\/admin\/contributions\/\d+\/note"[\s\S]*?name="note"/);
    // Who will read it, said on the form.
    expect(page).toContain("La personne qui témoigne le lira sur sa page de suivi, et reçoit un courriel");
    expect(page).toContain("jamais montrée ni annoncée à la personne");
    const mails = async () => (await queuedMail(t.deps.db, { to: "deux@exemple.fr" })).length;

    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/note`, { note: "Note : à relire à deux." })).status).toBe(303);
    // A stale page still sending "isInternal" to the message action: refused, never sent.
    const stale = await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "Ceci devait rester interne.", isInternal: "1" });
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain("rien n&#39;a été envoyé à la personne".replace("&#39;", "'"));
    // A note sent to the message action's field name, or the other way round, is refused too.
    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { note: "Mauvais champ." })).status).toBe(422);
    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/note`, { message: "Mauvais champ." })).status).toBe(422);
    let followUp = (await person.getText("/suivi/contribution")).html;
    expect(followUp).not.toContain("à relire à deux");
    expect(followUp).not.toContain("devait rester interne");
    expect(followUp).not.toContain("Mauvais champ");
    expect(await mails()).toBe(0);

    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "Merci, nous lisons votre texte." })).status).toBe(303);
    followUp = (await person.getText("/suivi/contribution")).html;
    expect(followUp).toContain("Merci, nous lisons votre texte.");
    expect(await mails()).toBe(1);
  });

  it("« Je la prends » starts the reading the person sees, and tells them once", async () => {
    const { person, id } = await sent({ title: "À prendre", email: "prise@exemple.fr" });
    const readingMails = async () =>
      (await queuedMail(t.deps.db, { to: "prise@exemple.fr" })).filter((m) => m.subject.includes("lit votre témoignage")).length;
    expect((await person.getText("/suivi/contribution")).html).toContain("Reçu\u202f: l'équipe va le lire");
    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/attribuer`, {})).status).toBe(303);
    expect((await person.getText("/suivi/contribution")).html).toContain("En cours de lecture");
    expect((await editor.getText(`/admin/contributions/${id}`)).html).toContain("<dd>En lecture</dd>");
    expect(await readingMails()).toBe(1);
    // A colleague takes it over: no second mail, the reading goes on.
    expect((await colleague.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/attribuer`, {})).status).toBe(303);
    expect(await readingMails()).toBe(1);
    const row = await t.deps.db.selectFrom("submissions").select(["state", "assignee_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.state).toBe("reading");
    expect(row.assignee_id).not.toBeNull();
  });

  it("shows labels, never codes, on every page a contribution goes through, and names the person who wrote for what they did", async () => {
    const { person, id } = await sent({
      title: "Étiquettes",
      body: "Un texte pour voir chaque étiquette.",
      creditKind: "first_name_age",
      creditName: "Nour",
      creditAge: "29",
      contentNotes: [...CONTENT_NOTES],
      channels: ["site", "newsletter", "podcast", "editing"],
    });
    const declined = await sent({ title: "Non retenue ici" });
    expect((await editor.submit(`/admin/contributions/${declined.id}`, `/admin/contributions/${declined.id}/etat`, { state: "declined" })).status).toBe(303);
    // Closed now: another change is a conflict, said as such in French and in English.
    const again = await editor.submit(`/admin/contributions/${declined.id}`, `/admin/contributions/${declined.id}/etat`, { state: "reading" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Cette contribution est close.");
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const againInEnglish = await english.submit(`/admin/contributions/${declined.id}`, `/admin/contributions/${declined.id}/etat`, { state: "reading" });
    expect(againInEnglish.status).toBe(409);
    expect(await againInEnglish.text()).toContain("This contribution is closed.");
    const pages = async () => {
      const shown: Record<string, string> = {
        "/admin": (await editor.getText("/admin")).html,
        "/admin/contributions": (await editor.getText("/admin/contributions")).html,
        [`/admin/contributions/${id}`]: (await editor.getText(`/admin/contributions/${id}`)).html,
        "/suivi/contribution": (await person.getText("/suivi/contribution")).html,
      };
      for (const [path, html] of Object.entries(shown)) expect(rawCodesShown(html), path).toEqual([]);
      return shown;
    };
    // received, reading, editing (a story drafted), awaiting approval, approved, anonymised, withdrawn: each step's pages.
    await pages();
    await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/attribuer`, {});
    await pages();
    const storyId = await prepareAndSendForApproval(editor, id, "Un chapô.");
    await pages();
    await approvePendingVersion(person);
    await pages();
    expect((await person.submit("/suivi/anonymiser", "/suivi/anonymiser", {})).status).toBe(303);
    // The story's history names the contributor for her anonymisation, never a deleted account
    // (read now: withdrawal deletes the team's version and its history).
    const history = (await editor.getText(`/admin/temoignages/${storyId}/revisions`)).html;
    expect(history).toContain("La personne qui témoigne");
    expect(history).not.toContain("Compte supprimé");
    await person.submit("/suivi/contribution", "/suivi/message", { body: "Une dernière question." });
    expect((await person.submit("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    const last = await pages();
    const admin = last[`/admin/contributions/${id}`] as string;
    for (const label of ["Suicide", "Violence", "Addictions", "Hospitalisation sans consentement"]) expect(admin).toContain(label);
    expect(admin).toContain("Accord donné par la personne qui témoigne");
    expect(admin).toContain("Version envoyée pour accord par l&#39;équipe".replace("&#39;", "'"));
    expect(admin).toContain("Anonymisation demandée par la personne qui témoigne");
    expect(admin).toContain("Accord retiré par la personne qui témoigne");
    expect(admin).toContain("Diffusion dans le podcast");
    expect(admin).toMatch(/La personne qui témoigne, [^<]*<\/p><p class="message-body">Une dernière question/);
    expect(admin).not.toContain("Compte supprimé");
    expect((await editor.get(`/admin/temoignages/${storyId}/revisions`)).status).toBe(404);
    expect(rawCodesShown((await editor.getText(`/admin/contributions?etat=declined`)).html)).toEqual([]);
  });

  it("speaks English to an editor whose browser asks for it: list, contribution page, refusals and confirmations", async () => {
    const english = new Browser(t.url, { "accept-language": "en-GB,en;q=0.9" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const { id } = await sent({ title: "Distress in English", body: ACUTE, email: "en@exemple.fr" });
    const list = (await english.getText("/admin/contributions")).html;
    expect(list).toMatch(/\d+ contributions? with a crisis signal/);
    for (const words of ["read these first", "Automatic detection misses some crisis signals", "All (", ">Crisis signal<", ">Received<", ">Assigned to<"]) expect(list).toContain(words);
    for (const french of ["signal de crise", "Toutes (", "Suivie par", "Reçue"]) expect(list).not.toContain(french);

    const page = (await english.getText(`/admin/contributions/${id}`)).html;
    for (const words of ["The text or a message shows signs of acute distress", "What weighed in the detection", "Chosen credit", "Assign to me", "Create the story draft", "Send to the contributor", "Save the internal note", "Consent ledger", "Consent given by the contributor; uses:"]) expect(page).toContain(words);
    // Scores with the English decimal point; the person's words stay as written.
    expect(page).toMatch(/Text received, score \d\.\d\d:/);
    expect(page).toContain(">Distress in English<");

    const empty = await english.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "  " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Write the message to the contributor.");
    const refused = await english.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/accord`, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("No version to send.");
    const noted = await english.follow(await english.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/note`, { note: "Call tomorrow." }));
    expect(await noted.text()).toContain("Internal note saved: the contributor does not see it.");
    expect((await english.getText("/admin")).html).toContain("Needs attention first");
  });
});
