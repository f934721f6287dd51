import type { Logger } from "../logger.js";

export type PeriodicTask = {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
  /** Long work (jobs) waits for the first tick instead of delaying the start of the server. */
  notAtStart?: boolean;
};

/**
 * Runs small periodic tasks (publish what is due, purge expired sessions) in this process, once
 * at start and then on a timer. Each task must be safe to run from several app instances at once;
 * they are single idempotent UPDATE/DELETE statements, so no lock is needed.
 */
export function startScheduler(tasks: PeriodicTask[], log: Logger): { stop(): void; runAll(opts?: { atStart?: boolean }): Promise<void> } {
  const running = new Set<string>();
  const runOne = async (task: PeriodicTask) => {
    if (running.has(task.name)) return;
    running.add(task.name);
    try {
      await task.run();
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
