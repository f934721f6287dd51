import type { Logger } from "../logger.js";
import { type Leadership, singleProcessLeadership } from "./leadership.js";

export type PeriodicTask = {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
  /** Long work (jobs) waits for the first tick instead of delaying the start of the server. */
  notAtStart?: boolean;
  /**
   * Runs on every instance, not only the leader: work each instance holds (counts kept in
   * memory) or claims safely from the database (jobs, mail).
   */
  everyInstance?: boolean;
};

/**
 * Runs small periodic tasks (publish what is due, purge expired sessions) in this process, once
 * at start and then on a timer. With several instances, only the leader runs them (see
 * leadership.ts), except tasks marked `everyInstance`. They are still written to be safe when run
 * twice at once (single idempotent UPDATE/DELETE statements, or claims): leadership moves when a
 * connection drops, and the old leader may be in the middle of a run when the new one starts.
 */
export function startScheduler(
  tasks: PeriodicTask[],
  log: Logger,
  leadership: Leadership = singleProcessLeadership(),
): { stop(): void; runAll(opts?: { atStart?: boolean }): Promise<void> } {
  const running = new Set<string>();
  const runOne = async (task: PeriodicTask) => {
    if (running.has(task.name)) return;
    running.add(task.name);
    try {
      if (task.everyInstance || (await leadership.isLeader())) await task.run();
    } catch (err) {
      log.error({ err, task: task.name }, "tâche périodique en échec");
    } finally {
      running.delete(task.name);
    }
  };
  const timers = tasks.map((task) => {
    const timer = setInterval(() => void runOne(task), task.everyMs);
    timer.unref();
    return timer;
  });
  return {
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
    runAll: async (opts = {}) => {
      for (const t of tasks) if (!(opts.atStart && t.notAtStart)) await runOne(t);
    },
  };
}
