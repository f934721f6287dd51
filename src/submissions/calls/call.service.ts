import type { Db } from "../../database.js";
import type { Clock } from "../../platform/clock.js";
import { markContentChanged } from "../../platform/cache/content-version.js";
import type { VersionedMemo } from "../../platform/cache/versioned-memo.js";
import { readSetting, writeSetting } from "../../platform/db/settings.js";
import { publishedAmong, publishedCardsAmong } from "../../stories/story.service.js";
import { isValidSlug, slugify } from "../../stories/story.js";
import * as calls from "./call.store.js";
import * as store from "../submission.store.js";

export type CallDeps = { db: Db; clock: Clock };

export type CallInput = Omit<calls.CallValues, "consentTextId"> & { consentText: string };

export type CallResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

export function isCallOpen(call: calls.Call, now: Date): boolean {
  const iso = now.toISOString();
  return call.opensAt <= iso && iso < call.closesAt;
}

/**
 * Saves a call. Its consent text is versioned: a changed text becomes a new version, and what
 * earlier contributors agreed to stays attached to their contributions unchanged. Open calls show
 * on the home page, so the content version is marked in the same transaction.
 */
export async function saveCall(deps: CallDeps, id: number | null, input: CallInput): Promise<CallResult> {
  const slug = input.slug || slugify(input.title);
  if (!isValidSlug(slug)) return { ok: false, errors: { slug: "admin.calls.error.slugInvalid" } };
  if (await calls.isCallSlugTaken(deps.db, slug, id ?? undefined)) return { ok: false, errors: { slug: "admin.calls.error.slugTaken" } };
  if (input.closesAt <= input.opensAt) return { ok: false, errors: { closesAt: "admin.calls.error.closesBeforeOpens" } };
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    const existing = id === null ? null : await calls.findCallById(tx, id);
    if (id !== null && !existing) return { ok: false, errors: { title: "admin.calls.error.gone" } } as const;
    const previousText = existing ? await calls.findConsentText(tx, existing.consentTextId) : null;
    const consentTextId =
      existing && previousText === input.consentText ? existing.consentTextId : await store.insertConsentText(tx, input.consentText, now);
    const { consentText: _text, ...values } = input;
    const row = { ...values, slug, consentTextId };
    await markContentChanged(tx, now);
    if (id === null) return { ok: true, id: await calls.insertCall(tx, row, now) } as const;
    await calls.updateCall(tx, id, row, now);
    return { ok: true, id } as const;
  });
}

export async function publicCalls(deps: CallDeps) {
  const now = deps.clock.now();
  const list = await calls.listVisibleCalls(deps.db, now.toISOString());
  const storyIds = await calls.listStoryIdsByCall(
    deps.db,
    list.map((c) => c.id),
  );
  const published = await publishedAmong(deps, [...storyIds.values()].flat());
  return Promise.all(
    list.map(async (c) => ({
      call: c,
      isOpen: isCallOpen(c, now),
      inReading: await calls.countSubmissionsInReading(deps.db, c.id),
      published: (storyIds.get(c.id) ?? []).filter((id) => published.has(id)).length,
    })),
  );
}

/** Stories published from contributions to a call, newest first, as cards like the listings. */
export async function storiesFromCall(deps: CallDeps & { memo: VersionedMemo }, callId: number) {
  const ids = (await calls.listStoryIdsByCall(deps.db, [callId])).get(callId) ?? [];
  return publishedCardsAmong(deps, ids);
}

export async function openCalls(deps: CallDeps) {
  return (await publicCalls(deps)).filter((c) => c.isOpen);
}

export async function callBySlug(deps: CallDeps, slug: string) {
  const call = await calls.findCallBySlug(deps.db, slug);
  if (!call || call.opensAt > deps.clock.now().toISOString()) return null;
  const [inReading, consentText] = await Promise.all([calls.countSubmissionsInReading(deps.db, call.id), calls.findConsentText(deps.db, call.consentTextId)]);
  return { call, isOpen: isCallOpen(call, deps.clock.now()), inReading, consentText: consentText ?? "" };
}

/** A call as its contributions see it (formats, credits offered), open or not. */
export function callById(deps: CallDeps, id: number) {
  return calls.findCallById(deps.db, id);
}

export function allCalls(deps: CallDeps) {
  return calls.listAllCalls(deps.db);
}

export async function callForEditing(deps: CallDeps, id: number) {
  const call = await calls.findCallById(deps.db, id);
  if (!call) return null;
  return { call, consentText: (await calls.findConsentText(deps.db, call.consentTextId)) ?? "" };
}

const BOUNDARIES_SEEN_UNTIL = "call_boundaries_seen_until";

/**
 * The home page lists open calls and is cached: when a call opens or closes with the clock,
 * cached pages must change too. Run every minute; returns whether a boundary was crossed. The
 * time up to which boundaries were seen is kept in the database and moved only in the transaction
 * that marks the content version, so a restart (or a crash) in between never skips a boundary,
 * and several instances may run it at once (at worst both mark).
 */
export function callBoundaryWatcher(deps: CallDeps) {
  return async (): Promise<boolean> => {
    const until = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (tx) => {
      const since = await readSetting(tx, BOUNDARIES_SEEN_UNTIL);
      if (since === null) {
        // First run on this database: nothing seen yet, nothing cached from before either.
        await writeSetting(tx, BOUNDARIES_SEEN_UNTIL, until);
        return false;
      }
      if (since >= until || (await calls.countCallBoundariesBetween(tx, since, until)) === 0) return false;
      await writeSetting(tx, BOUNDARIES_SEEN_UNTIL, until);
      await markContentChanged(tx, until);
      return true;
    });
  };
}
