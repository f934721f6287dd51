import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase } from "../../../test/support/databases.js";
import { createLogger } from "../logger.js";
import { advisoryLockLeadership, LEADER_APPLICATION_NAME, type Leadership, singleProcessLeadership } from "./leadership.js";
import { type PeriodicTask, startScheduler } from "./scheduler.js";

const log = createLogger("fatal");

/** An instance's scheduler with two tasks, counting where each task ran. */
function instance(name: string, leadership: Leadership, runs: string[]) {
  const tasks: PeriodicTask[] = [
    { name: "publish-due-stories", everyMs: 3_600_000, run: async () => runs.push(`${name}:publish`) },
    { name: "flush-reads", everyMs: 3_600_000, everyInstance: true, run: async () => runs.push(`${name}:flush`) },
  ];
  return { leadership, scheduler: startScheduler(tasks, log, leadership) };
}

describe("periodic tasks on several instances sharing one PostgreSQL", () => {
  let url: string;
  let admin: pg.Client;
  const runs: string[] = [];
  const instances: Array<ReturnType<typeof instance>> = [];

  beforeAll(async () => {
    url = await createPostgresDatabase();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    instances.push(instance("a", advisoryLockLeadership(url, log), runs), instance("b", advisoryLockLeadership(url, log), runs));
  });
  afterAll(async () => {
    for (const i of instances) {
      i.scheduler.stop();
      await i.leadership.close();
    }
    await admin.end();
  });

  const tick = async () => {
    runs.length = 0;
    await Promise.all(instances.map((i) => i.scheduler.runAll()));
    return [...runs].sort();
  };

  it("runs each task once per tick on the leader only, and the per-instance tasks on each", async () => {
    const first = await tick();
    const leader = first.find((r) => r.endsWith(":publish"))?.split(":")[0];
    expect(first.filter((r) => r.endsWith(":publish"))).toHaveLength(1);
    expect(first.filter((r) => r.endsWith(":flush"))).toEqual(["a:flush", "b:flush"]);
    for (let i = 0; i < 3; i++) expect((await tick()).filter((r) => r.endsWith(":publish"))).toEqual([`${leader}:publish`]);
  });

  it("hands the tasks to the other instance when the leader's connection drops, still once per tick", async () => {
    const before = (await tick()).find((r) => r.endsWith(":publish"));
    const { rows } = await admin.query<{ pid: number }>("select pid from pg_locks where locktype = 'advisory' and granted");
    expect(rows).toHaveLength(1);
    await admin.query("select pg_terminate_backend($1)", [rows[0]?.pid]);
    // The dead leader notices, the other takes the lock: within a few ticks, exactly one runs each time.
    let after: string[] = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      after = (await tick()).filter((r) => r.endsWith(":publish"));
      if (after.length === 1 && after[0] !== before) break;
    }
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    for (let i = 0; i < 3; i++) expect((await tick()).filter((r) => r.endsWith(":publish"))).toEqual(after);
    const holders = await admin.query<{ n: string }>("select count(*) as n from pg_stat_activity where application_name = $1", [LEADER_APPLICATION_NAME]);
    expect(Number(holders.rows[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it("takes over when the leading instance stops", async () => {
    const before = (await tick()).find((r) => r.endsWith(":publish"))?.split(":")[0];
    const leaving = instances.find((_, i) => ["a", "b"][i] === before) as ReturnType<typeof instance>;
    leaving.scheduler.stop();
    await leaving.leadership.close();
    instances.splice(instances.indexOf(leaving), 1);
    expect((await tick()).filter((r) => r.endsWith(":publish"))).toHaveLength(1);
  });
});

describe("periodic tasks on SQLite", () => {
  it("always run: one process serves the database, no lock is taken", async () => {
    const runs: string[] = [];
    const { scheduler } = instance("seul", singleProcessLeadership(), runs);
    await scheduler.runAll();
    expect(runs.sort()).toEqual(["seul:flush", "seul:publish"]);
  });
});
