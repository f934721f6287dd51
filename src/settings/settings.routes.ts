import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { MessageKey } from "../platform/i18n/translate.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { type FormState, parseForm, translatedForm } from "../platform/http/form.js";
import { settingsForm } from "./settings.schemas.js";
import type { SiteIdentity } from "./site-identity.js";
import type { SiteIdentityCache } from "./site-identity-cache.js";
import { ImageRejected, MAX_IMAGE_BYTES } from "../media/image.service.js";
import { memoryUploadConfig } from "../platform/http/uploads.js";
import { type SettingsDeps, saveSiteImage, saveSiteSettings } from "./site-settings.service.js";
import { SettingsPage } from "./views/settings-page.js";

function formOf(site: SiteIdentity): FormState {
  return {
    values: {
      name: site.name,
      tagline: site.tagline,
      contactEmail: site.contactEmail,
      legalEntity: site.legalEntity,
      legalHost: site.legalHost,
      socialLinks: site.socialLinks.join("\n"),
      accentColour: site.accentColour,
    },
    errors: {},
  };
}

/** What this feature adds to the frames' menus. */
export const settingsNavigation: FeatureNavigation = {
  admin: [{ key: "settings", href: "/admin/reglages", label: "admin.settings.nav", position: 150, role: "admin" }],
};

/** The settings page (administrators) and the stylesheet that carries the accent colour. */
export async function settingsRoutes(app: FastifyInstance, opts: { deps: SettingsDeps; site: SiteIdentityCache }): Promise<void> {
  const { deps, site } = opts;
  const page = (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, flash?: MessageKey, imageError?: MessageKey) =>
    sendAdminPage(
      req,
      reply,
      { title: req.pageContext().t("admin.settings.title"), current: "settings", status, flash: flash && req.pageContext().t(flash) },
      h(SettingsPage, { t: req.pageContext().t, form, csrf: req.csrfToken(reply), imageError, logoUrl: site.current().logoUrl, shareImageUrl: site.current().shareImageUrl }),
    );

  app.get("/admin/reglages", { config: { access: "admin" } }, (req, reply) => {
    const saved = (req.query as Record<string, unknown>).enregistre === "1";
    return page(req, reply, formOf(site.current()), 200, saved ? "admin.settings.saved" : undefined);
  });

  app.post("/admin/reglages", { config: { access: "admin" } }, async (req, reply) => {
    const parsed = parseForm(settingsForm, req.body);
    if (!parsed.ok) return page(req, reply, translatedForm(req.pageContext().t, parsed.form), 422);
    await saveSiteSettings(deps, parsed.data);
    return reply.redirect("/admin/reglages?enregistre=1", 303);
  });

  app.post("/admin/reglages/image", { config: { access: "admin", ...memoryUploadConfig("image", MAX_IMAGE_BYTES) } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const usage = body.usage === "logo" ? "logo" : "share";
    const file = body.image;
    const refuse = (message: MessageKey) => page(req, reply, formOf(site.current()), 422, undefined, message);
    if (!Buffer.isBuffer(file) || file.length === 0) return refuse("admin.settings.error.noImage");
    try {
      await saveSiteImage(deps, usage, file);
    } catch (error) {
      if (error instanceof ImageRejected) return refuse(error.key);
      throw error;
    }
    return reply.redirect("/admin/reglages?enregistre=1", 303);
  });

  // The accent colour as a custom property: the CSP allows no inline style. Its address carries the
  // settings' revision, so it may be kept for a year; an old revision gets today's colour, briefly kept.
  app.get("/reglages.css", { config: { access: "public" } }, (req, reply) => {
    const current = site.current();
    const fresh = (req.query as Record<string, unknown>).v === current.revision;
    return reply
      .header("cache-control", fresh ? "public, max-age=31536000, immutable" : "public, max-age=60")
      .type("text/css; charset=utf-8")
      .send(`:root { --accent: ${current.accentColour}; }\n`);
  });
}
