import type { PublicImageUse } from "../media/image-visibility.js";
import type { AnyDb } from "../platform/db/dialect.js";
import type { SiteFrame } from "../platform/html/page-context.js";

/**
 * Who the site is: every page frame, feed channel, mail and the podcast artwork take the name and
 * the rest from here, never from code. Edited in /admin/reglages (settings.routes.ts).
 */
export type SiteIdentity = SiteFrame & {
  contactEmail: string;
  legalEntity: string;
  legalHost: string;
  accentColour: string;
  logoPath: string | null;
  sharePath: string | null;
};

type Row = {
  name: string;
  tagline: string;
  contact_email: string;
  legal_entity: string;
  legal_host: string;
  social_links: string;
  accent_colour: string;
  logo_path: string | null;
  share_image_path: string | null;
  revision: string;
};

function socialLinksOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function identityOfRow(row: Row): SiteIdentity {
  return {
    name: row.name,
    tagline: row.tagline,
    contactEmail: row.contact_email,
    legalEntity: row.legal_entity,
    legalHost: row.legal_host,
    socialLinks: socialLinksOf(row.social_links),
    accentColour: row.accent_colour,
    logoPath: row.logo_path,
    sharePath: row.share_image_path,
    logoUrl: row.logo_path ? `/media/${row.logo_path}` : null,
    shareImageUrl: row.share_image_path ? `/media/${row.share_image_path}` : null,
    legal: { entity: row.legal_entity, host: row.legal_host, contact: row.contact_email },
    revision: row.revision,
    stylesheet: `/reglages.css?v=${row.revision}`,
  };
}

/**
 * The site's identity as stored now (one row). Mails and feeds composed outside a page request
 * call this; pages read the copy kept in memory (site-identity-cache.ts). Given a transaction, it
 * reads what that transaction sees.
 */
export async function siteIdentity(db: AnyDb): Promise<SiteIdentity> {
  const row = await db.selectFrom("site_settings").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  return identityOfRow(row as Row);
}

/** The settings' share of "is this image public?": the logo and the default share image are on every page. */
export const siteImageUse: PublicImageUse = async (db, key) => {
  const { logoPath, sharePath } = await siteIdentity(db);
  return [logoPath, sharePath].some((path) => path?.startsWith(`${key}/`) ?? false);
};
