/** One row (id 1): the site's identity, edited in /admin/reglages. */
export interface SiteSettingsTables {
  site_settings: {
    id: number;
    name: string;
    tagline: string;
    contact_email: string;
    legal_entity: string;
    legal_host: string;
    /** JSON array of https addresses. */
    social_links: string;
    accent_colour: string;
    logo_path: string | null;
    share_image_path: string | null;
    revision: string;
    updated_at: string;
  };
}
