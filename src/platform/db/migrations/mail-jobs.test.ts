import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../connection.js";
import type { AnyDb } from "../dialect.js";
import { migrations } from "../../../schema/migrations.js";

describe.each(DIALECTS)("the outbox folded into jobs on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;
  let migrator: Migrator;

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("2026-12-08-newsletter");
    if (error) throw error;
  });
  afterAll(() => handle.close());

  it("moves waiting mail into mail jobs, drops mail given up or caught mid-send once at most, then drops the outbox", async () => {
    const at = "2026-12-08T09:00:00.000Z";
    const mail = (recipient: string, extra: Record<string, unknown> = {}) =>
      db.insertInto("outbox").values({ recipient, subject: `S ${recipient}`, body: "T", next_attempt_at: at, created_at: at, ...extra }).execute();
    await mail("attend@exemple.fr", { html: "<p>H</p>", headers: JSON.stringify({ "List-Unsubscribe": "<x>" }), at_most_once: 1 });
    await mail("reessaye@exemple.fr", { attempts: 2, next_attempt_at: "2026-12-08T09:05:00.000Z" });
    await mail("abandonne@exemple.fr", { attempts: 6, failed_at: at });
    await mail("interrompu@exemple.fr", { attempts: 1, at_most_once: 1, claimed_at: at });
    await mail("envoi-coupe@exemple.fr", { attempts: 1, claimed_at: at, next_attempt_at: "2026-12-08T09:05:00.000Z" });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;

    const jobs = await db.selectFrom("jobs").select(["kind", "subject", "payload", "state", "attempts", "max_attempts", "run_after", "forget_when_finished"]).orderBy("id").execute();
    expect(jobs.map((j) => ({ ...j, payload: JSON.parse(j.payload), attempts: Number(j.attempts), max_attempts: Number(j.max_attempts), forget_when_finished: Number(j.forget_when_finished) }))).toEqual([
      {
        kind: "mail",
        subject: "mail:attend@exemple.fr",
        payload: { to: "attend@exemple.fr", subject: "S attend@exemple.fr", text: "T", html: "<p>H</p>", headers: { "List-Unsubscribe": "<x>" }, atMostOnce: true },
        state: "queued",
        attempts: 0,
        max_attempts: 6,
        run_after: at,
        forget_when_finished: 1,
      },
      expect.objectContaining({ subject: "mail:reessaye@exemple.fr", attempts: 2, run_after: "2026-12-08T09:05:00.000Z", state: "queued" }),
      expect.objectContaining({ subject: "mail:envoi-coupe@exemple.fr", attempts: 1, state: "queued" }),
    ]);
    await expect(db.selectFrom("outbox").selectAll().execute()).rejects.toThrow();
  });
});
