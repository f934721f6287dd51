import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli as cli } from "./support/cli.js";
import { startSmtpCatcher } from "./support/smtp.js";

describe("entrepairs command line", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-cli-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("prints its help with every command and variable", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const word of ["serve", "migrate", "create-admin", "seed-demo", "backup", "newsletter send-digest", "DATABASE_URL", "SMTP_URL"]) expect(r.out).toContain(word);
  });

  it("exits non-zero with a French message for an unknown command or a bad configuration", async () => {
    const unknown = await cli(["publier-tout"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Commande inconnue");
    const bad = await cli(["migrate"], { PORT: "abc", DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("PORT : attendu un nombre");
  });

  it("migrates, loads the demo, and creates an administrator with a password read from standard input", async () => {
    const env = { DATA_DIR: dataDir };
    expect((await cli(["migrate"], env)).code).toBe(0);
    const seeded = await cli(["seed-demo", "--stories", "3"], env);
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain("Contenu de démonstration chargé.");
    const weak = await cli(["create-admin", "--email", "chef@exemple.fr"], env, "court\n");
    expect(weak.code).toBe(1);
    expect(weak.err).toContain("au moins 12 caractères");
    const ok = await cli(["create-admin", "--email", "chef@exemple.fr", "--name", "Cheffe"], env, "une phrase de passe solide\n");
    expect(ok.code).toBe(0);
    const db = new Database(path.join(dataDir, "entrepairs.sqlite"), { readonly: true });
    expect(db.prepare("select role, display_name from users where email = ?").get("chef@exemple.fr")).toEqual({ role: "admin", display_name: "Cheffe" });
    expect((db.prepare("select count(*) as n from stories").get() as { n: number }).n).toBe(36);
    db.close();
    // Four processes that each start TypeScript: slow on a loaded machine, never a hang.
  }, 240_000);

  it("tells acute distress from a recovery story, one line per input line", async () => {
    const r = await cli(["crisis-check"], {}, "Il y a trois ans j'ai fait une tentative, aujourd'hui je vais mieux.\nJ'ai écrit mes lettres d'adieu, ce soir c'est fini.\n");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^none\t0\.\d\d$/);
    expect(lines[1]).toMatch(/^acute\t(0\.\d\d|1\.00)$/);
  });

  it("writes a consistent backup that passes an integrity check, and refuses to overwrite a file", async () => {
    const target = path.join(dataDir, "sauvegarde.sqlite");
    const r = await cli(["backup", target], { DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(r.out).toContain("contrôle d'intégrité : ok");
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare("select count(*) as n from stories").get() as { n: number }).n).toBe(36);
    copy.close();
    const again = await cli(["backup", target], { DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.err).toContain("existe déjà");
    const pg = await cli(["backup", target], { DATA_DIR: dataDir, DATABASE_URL: "postgres://u@127.0.0.1:1/x" });
    expect(pg.err).toContain("pg_dump");
  });

  it("sends the week's digest now for scripts, with a French line or JSON, and only once a week", async () => {
    const help = await cli(["newsletter", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("send-digest [--json]");
    const unknown = await cli(["newsletter", "envoyer-tout"], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("Sous-commande inconnue : envoyer-tout");

    // Two demo stories came out this week, the others long ago; two confirmed subscribers, one waiting.
    const db = new Database(path.join(dataDir, "entrepairs.sqlite"));
    const now = new Date().toISOString();
    db.prepare("update published_stories set published_at = '2020-01-06T07:30:00.000Z'").run();
    const recent = db.prepare("select story_id, slug from published_stories order by story_id limit 2").all() as Array<{ story_id: number; slug: string }>;
    for (const s of recent) db.prepare("update published_stories set published_at = ? where story_id = ?").run(new Date(Date.now() - 86_400_000).toISOString(), s.story_id);
    const subscribe = db.prepare("insert into newsletter_subscribers (email, token, confirmed_at, requested_at) values (?, ?, ?, ?)");
    subscribe.run("lectrice@exemple.fr", "a".repeat(43), now, now);
    subscribe.run("lecteur@exemple.fr", "b".repeat(43), now, now);
    subscribe.run("en-attente@exemple.fr", "c".repeat(43), null, now);
    db.close();

    const smtp = await startSmtpCatcher();
    try {
      const env = { DATA_DIR: dataDir, SMTP_URL: smtp.url };
      const sent = await cli(["newsletter", "send-digest", "--json"], env);
      expect(sent.err).toBe("");
      expect(sent.code).toBe(0);
      const report = JSON.parse(sent.out) as { issue: number | null; stories: number; recipients: number };
      expect(report).toEqual({ issue: expect.any(Number), stories: 2, recipients: 2 });
      expect(smtp.mails.map((m) => m.to).sort()).toEqual([["lecteur@exemple.fr"], ["lectrice@exemple.fr"]]);
      for (const s of recent) expect(smtp.mails[0]?.raw.replace(/=\r?\n/g, "")).toContain(s.slug);

      const again = await cli(["newsletter", "send-digest"], env);
      expect(again.code).toBe(0);
      expect(again.out).toBe("Le résumé de cette semaine est déjà parti : rien de plus n'est envoyé.\n");
      expect(smtp.mails).toHaveLength(2);
    } finally {
      await smtp.close();
    }
  }, 120_000);
});
