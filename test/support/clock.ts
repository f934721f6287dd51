import type { Clock } from "../../src/platform/clock.js";

/** A clock the test moves by hand. */
export function manualClock(start: string): Clock & { advance(minutes: number): void; set(iso: string): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance(minutes) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    set(iso) {
      now = new Date(iso);
    },
  };
}
