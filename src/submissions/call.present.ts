import { formatDate } from "../platform/i18n/locale.js";
import type { Call } from "./call.store.js";

/** How a call's dates and reading count read on public pages. */
export function callDates(call: Call): string {
  return `Du ${formatDate("fr", call.opensAt)} au ${formatDate("fr", call.closesAt)}`;
}

export function inReadingLabel(n: number): string {
  return n === 0 ? "Aucune contribution en cours de lecture" : n === 1 ? "1 contribution en cours de lecture" : `${n} contributions en cours de lecture`;
}
