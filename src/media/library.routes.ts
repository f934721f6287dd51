import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, formValues, parseForm } from "../platform/http/form.js";
import { memoryUploadConfig } from "../platform/http/uploads.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import type { LibraryImage } from "./image.js";
import { ImageRejected, MAX_IMAGE_BYTES } from "./image.service.js";
import { imageDetailsForm, libraryListQuery } from "./library.schemas.js";
import * as library from "./library.service.js";
import { LibraryImagePage, LibraryPage } from "./views/library-page.js";
import { imageUrl } from "./views/picture.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const UPLOAD = { access: "editor", ...memoryUploadConfig("file", MAX_IMAGE_BYTES) } as const;

/** What the editor's image picker lists: enough to insert an image with its description. */
export type PickerImage = { id: number; src: string; thumb: string; alt: string; decorative: boolean; caption: string };

/** What this feature adds to the frames' menus. */
export const mediaNavigation: FeatureNavigation = {
  admin: [{ key: "medias", href: "/admin/medias", label: "admin.media.nav", position: 90, role: "editor" }],
};

/** The media library: upload once, describe, reuse as a cover or inside a text, delete what nobody shows. */
export async function libraryRoutes(app: FastifyInstance, opts: { deps: library.LibraryDeps }): Promise<void> {
  const { deps } = opts;

  async function listPage(req: FastifyRequest, reply: FastifyReply, args: { page: number; form: FormState; pending?: LibraryImage | null; status?: number; flash?: MessageKey }) {
    const { t, locale } = req.pageContext();
    const { images, total } = await library.listLibrary(deps, args.page);
    const items = await Promise.all(images.map(async (image) => ({ image, usages: await library.imageUsages(deps, image) })));
    const pages = Math.max(1, Math.ceil(total / library.LIBRARY_PAGE_SIZE));
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.media.title"), current: "medias", status: args.status, flash: args.flash && t(args.flash) },
      h(LibraryPage, { t, locale, items, page: args.page, pages, total, form: args.form, pending: args.pending ?? null, csrf: req.csrfToken(reply) }),
    );
  }

  async function imagePage(req: FastifyRequest, reply: FastifyReply, image: LibraryImage, args: { form?: FormState; status?: number; flash?: MessageKey; deleteRefused?: boolean } = {}) {
    const { t, locale } = req.pageContext();
    const form = args.form ?? emptyForm({ alt: image.alt, caption: image.caption, credit: image.credit, decorative: image.decorative ? "1" : undefined });
    const usages = await library.imageUsages(deps, image);
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.media.imageTitle", { id: String(image.id) }), current: "medias", status: args.status, flash: args.flash && t(args.flash) },
      h(LibraryImagePage, { t, locale, image, usages, form, csrf: req.csrfToken(reply), deleteRefused: args.deleteRefused }),
    );
  }

  app.get("/admin/medias", { config: { access: "editor" } }, async (req, reply) => {
    const query = libraryListQuery.parse(req.query ?? {});
    return listPage(req, reply, { page: query.page, form: emptyForm(), flash: query.ok === "1" ? "admin.media.saved" : query.ok === "suppr" ? "admin.media.deleted" : undefined });
  });

  // The file is stored first: a form re-displayed for a missing description keeps it.
  app.post("/admin/medias", { config: UPLOAD }, async (req, reply) => {
    const values = formValues(req.body);
    const file = (req.body as Record<string, unknown> | null)?.file;
    const pendingId = idOf(String(values.pendingImageId ?? ""));
    let image = pendingId ? await library.findLibraryImage(deps, pendingId) : null;
    if (!image && Buffer.isBuffer(file) && file.length > 0) {
      try {
        image = await library.addToLibrary(deps, file);
      } catch (error) {
        if (!(error instanceof ImageRejected)) throw error;
        const parsed = parseForm(imageDetailsForm, values);
        const form = parsed.ok ? emptyForm(values) : parsed.form;
        form.values = values;
        form.errors.file = error.key;
        return listPage(req, reply, { page: 1, form, status: 422 });
      }
    }
    const parsed = parseForm(imageDetailsForm, values);
    if (!image || !parsed.ok) {
      const form = parsed.ok ? emptyForm(values) : parsed.form;
      form.values = values;
      if (!image) form.errors.file = "admin.media.error.noFile";
      return listPage(req, reply, { page: 1, form, pending: image, status: 422 });
    }
    await library.describeImage(deps, image.id, parsed.data);
    return reply.redirect("/admin/medias?ok=1", 303);
  });

  // The editor's "Insérer une image" picker; authors write stories too.
  app.get("/admin/medias/choix", { config: { access: "author" } }, async (_req, reply) => {
    const { images } = await library.listLibrary(deps, 1);
    const list: PickerImage[] = images.map((img) => ({
      id: img.id,
      src: `/media/${img.key}`,
      thumb: imageUrl(img, 480),
      alt: img.alt,
      decorative: img.decorative,
      caption: img.caption,
    }));
    return reply.header("cache-control", "no-store").send(list);
  });

  app.get<IdParams>("/admin/medias/:id", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const image = id ? await library.findLibraryImage(deps, id) : null;
    if (!image) return reply.callNotFound();
    return imagePage(req, reply, image, { flash: (req.query as Record<string, unknown> | null)?.ok === "1" ? "admin.media.saved" : undefined });
  });

  app.post<IdParams>("/admin/medias/:id", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const image = id ? await library.findLibraryImage(deps, id) : null;
    if (!image) return reply.callNotFound();
    const parsed = parseForm(imageDetailsForm, req.body);
    if (!parsed.ok) return imagePage(req, reply, image, { form: { ...parsed.form, values: formValues(req.body) }, status: 422 });
    await library.describeImage(deps, image.id, parsed.data);
    return reply.redirect(`/admin/medias/${image.id}?ok=1`, 303);
  });

  app.post<IdParams>("/admin/medias/:id/supprimer", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const image = id ? await library.findLibraryImage(deps, id) : null;
    if (!image) return reply.callNotFound();
    const result = await library.deleteFromLibrary(deps, image);
    if (!result.ok) return imagePage(req, reply, image, { status: 409, deleteRefused: true });
    return reply.redirect("/admin/medias?ok=suppr", 303);
  });
}
