import { randomUUID } from "node:crypto";
import type { Db } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import type { SettingsInput } from "./settings.schemas.js";

export type SettingsDeps = { db: Db; clock: Clock };

/**
 * Saves the settings and marks the content changed in the same transaction: every instance reads
 * the row again at its next request, and every cached page (which shows the name) is dropped.
 */
export async function saveSiteSettings(deps: SettingsDeps, input: SettingsInput): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("site_settings")
      .set({
        name: input.name,
        tagline: input.tagline,
        contact_email: input.contactEmail,
        legal_entity: input.legalEntity,
        legal_host: input.legalHost,
        social_links: JSON.stringify(input.socialLinks),
        accent_colour: input.accentColour,
        revision: randomUUID(),
        updated_at: now,
      })
      .where("id", "=", 1)
      .execute();
    await markContentChanged(tx, now);
  });
}
