import { randomUUID } from "node:crypto";
import type { AnyDb } from "../../platform/db/dialect.js";

// The site's identity (name, tagline, contact, legal notice, social links, accent colour, images)
// as one row, edited in /admin/reglages: nothing brand-specific stays in code. A database made
// before this migration showed the words written in code until now; it keeps them as its data.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("site_settings")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("tagline", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("legal_entity", "text", (c) => c.notNull())
    .addColumn("legal_host", "text", (c) => c.notNull())
    // JSON array of https addresses.
    .addColumn("social_links", "text", (c) => c.notNull())
    .addColumn("accent_colour", "text", (c) => c.notNull())
    .addColumn("logo_path", "text")
    .addColumn("share_image_path", "text")
    // Changes with every save: names the version of the generated stylesheet and rendered frames.
    .addColumn("revision", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("site_settings")
    .values({
      id: 1,
      name: "Entre Pairs",
      tagline: "Le média du rétablissement en santé mentale, fait par et pour les personnes concernées",
      contact_email: "",
      legal_entity: "",
      legal_host: "",
      social_links: "[]",
      accent_colour: "#a2361c",
      logo_path: null,
      share_image_path: null,
      revision: randomUUID(),
      updated_at: new Date().toISOString(),
    })
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("site_settings").execute();
}
