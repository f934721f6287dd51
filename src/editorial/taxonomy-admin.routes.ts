import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, formValues, parseForm } from "../platform/http/form.js";
import type { MessageKey, Translate } from "../platform/i18n/translate.js";
import * as taxonomy from "../stories/taxonomy-editing.service.js";
import { seriesForm, themeForm } from "./story-form.schemas.js";
import { type TaxonomyAdminItem, TaxonomyAdminPage } from "./views/taxonomy-admin-page.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);

/** One description per taxonomy, so themes and series share the same five routes. */
type Kind<Input> = {
  kind: "theme" | "series";
  base: string;
  title: MessageKey;
  parse(body: unknown): { ok: true; input: Input } | { ok: false; form: FormState };
  list(t: Translate): Promise<TaxonomyAdminItem[]>;
  find(id: number, t: Translate): Promise<{ item: TaxonomyAdminItem; values: FormState["values"] } | null>;
  save(id: number | null, input: Input): Promise<taxonomy.TaxonomyResult>;
  remove(id: number): Promise<void>;
  blank: FormState["values"];
};

function registerTaxonomy<Input>(app: FastifyInstance, k: Kind<Input>) {
  const page = async (req: FastifyRequest, reply: FastifyReply, form: FormState, editing: TaxonomyAdminItem | null, status = 200, flash?: string) => {
    const { t } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: t(k.title), current: k.kind === "theme" ? "themes" : "series", status, flash },
      h(TaxonomyAdminPage, { t, kind: k.kind, items: await k.list(t), form, csrf: req.csrfToken(reply), editing }),
    );
  };

  app.get(k.base, { config: { access: "editor" } }, (req, reply) =>
    page(req, reply, emptyForm(k.blank), null, 200, (req.query as Record<string, unknown>).ok === "1" ? req.pageContext().t("admin.taxonomy.saved") : undefined),
  );

  app.post(k.base, { config: { access: "editor" } }, async (req, reply) => {
    const parsed = k.parse(req.body);
    if (!parsed.ok) return page(req, reply, parsed.form, null, 422);
    const result = await k.save(null, parsed.input);
    if (!result.ok) return page(req, reply, { values: formValues(req.body), errors: result.errors }, null, 422);
    return reply.redirect(`${k.base}?ok=1`, 303);
  });

  app.get<IdParams>(`${k.base}/:id`, { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const found = id ? await k.find(id, req.pageContext().t) : null;
    if (!found) return reply.callNotFound();
    return page(req, reply, emptyForm(found.values), found.item);
  });

  app.post<IdParams>(`${k.base}/:id`, { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const found = id ? await k.find(id, req.pageContext().t) : null;
    if (!found || !id) return reply.callNotFound();
    const parsed = k.parse(req.body);
    if (!parsed.ok) return page(req, reply, parsed.form, found.item, 422);
    const result = await k.save(id, parsed.input);
    if (!result.ok) return page(req, reply, { values: formValues(req.body), errors: result.errors }, found.item, 422);
    return reply.redirect(`${k.base}?ok=1`, 303);
  });

  app.post<IdParams>(`${k.base}/:id/supprimer`, { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await k.find(id, req.pageContext().t))) return reply.callNotFound();
    await k.remove(id);
    return reply.redirect(`${k.base}?ok=1`, 303);
  });
}

export async function taxonomyAdminRoutes(app: FastifyInstance, opts: { deps: taxonomy.TaxonomyDeps }): Promise<void> {
  const { deps } = opts;
  registerTaxonomy<taxonomy.ThemeInput>(app, {
    kind: "theme",
    base: "/admin/themes",
    title: "admin.taxonomy.themes",
    blank: { position: "0" },
    parse(body) {
      const p = parseForm(themeForm, body);
      return p.ok ? { ok: true, input: p.data } : p;
    },
    list: async () => (await taxonomy.listThemes(deps)).map((t) => ({ id: t.id, name: t.name, slug: t.slug, extra: String(t.position) })),
    async find(id) {
      const t = await taxonomy.findTheme(deps, id);
      return t
        ? { item: { id: t.id, name: t.name, slug: t.slug, extra: String(t.position) }, values: { name: t.name, slug: t.slug, description: t.description, position: String(t.position) } }
        : null;
    },
    save: (id, input) => taxonomy.saveTheme(deps, id, input),
    remove: (id) => taxonomy.deleteTheme(deps, id),
  });
  registerTaxonomy<taxonomy.SeriesInput>(app, {
    kind: "series",
    base: "/admin/series",
    title: "admin.taxonomy.series",
    blank: {},
    parse(body) {
      const p = parseForm(seriesForm, body);
      return p.ok ? { ok: true, input: { title: p.data.title, slug: p.data.slug, description: p.data.description, isCollection: p.data.isCollection === "1" } } : p;
    },
    list: async (t) => (await taxonomy.listAllSeries(deps)).map((s) => ({ id: s.id, name: s.title, slug: s.slug, extra: seriesType(t, s.isCollection) })),
    async find(id, t) {
      const s = await taxonomy.findSeries(deps, id);
      return s
        ? {
            item: { id: s.id, name: s.title, slug: s.slug, extra: seriesType(t, s.isCollection) },
            values: { title: s.title, slug: s.slug, description: s.description, isCollection: s.isCollection ? "1" : undefined },
          }
        : null;
    },
    save: (id, input) => taxonomy.saveSeries(deps, id, input),
    remove: (id) => taxonomy.deleteSeries(deps, id),
  });
}

const seriesType = (t: Translate, isCollection: boolean) => (isCollection ? t("admin.taxonomy.collection") : t("admin.taxonomy.aSeries"));
