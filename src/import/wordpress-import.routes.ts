import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, formValues, listOf, parseForm, translatedForm } from "../platform/http/form.js";
import { diskUploadsConfig, uploadedFile } from "../platform/http/uploads.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import { reportSentences } from "./import-report.js";
import { importRunView, listImportRuns, MAX_UPLOADS_ZIP_BYTES, startImportRun } from "./import-run.service.js";
import { DEFAULT_OPTIONS, type ImportDeps } from "./wordpress-import.service.js";
import { importForm } from "./wordpress-import.schemas.js";
import { MAX_WXR_BYTES } from "./wxr-reader.js";
import { ImportPage, ImportRunPage } from "./views/import-pages.js";

const ADMIN = { access: "admin" } as const;
// The export and the uploads zip, each with its own limit, streamed to the private disk.
const UPLOAD = { ...ADMIN, ...diskUploadsConfig({ wxr: MAX_WXR_BYTES, zip: MAX_UPLOADS_ZIP_BYTES }) };

/** What this feature adds to the frames' menus. */
export const importNavigation: FeatureNavigation = {
  admin: [{ key: "import", href: "/admin/import", label: "admin.import.nav", position: 140, role: "admin" }],
};

/** Back office: importing a WordPress site (administrators only). */
export async function importRoutes(app: FastifyInstance, opts: { deps: ImportDeps }): Promise<void> {
  const { deps } = opts;

  async function importPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const { t, locale } = req.pageContext();
    const runs = (await listImportRuns(deps)).map((r) => ({ id: r.id, state: r.state, percent: r.percent, created: formatDateTime(locale, r.createdAt), dryRun: r.dryRun }));
    return sendAdminPage(req, reply, { title: t("admin.import.title"), current: "import", status }, h(ImportPage, { t, form: translatedForm(t, form), csrf: req.csrfToken(reply), runs }));
  }

  app.get("/admin/import", { config: ADMIN }, (req, reply) => importPage(req, reply, emptyForm({ credit: "pseudonym" })));

  app.post("/admin/import", { config: UPLOAD }, async (req, reply) => {
    const values = formValues(req.body);
    const checked = listOf(values, "options");
    const parsed = parseForm(importForm, { ...values, dryRun: checked.includes("dryRun") ? "1" : undefined, tagsAsThemes: checked.includes("tagsAsThemes") ? "1" : undefined, inviteAuthors: checked.includes("inviteAuthors") ? "1" : undefined });
    if (!parsed.ok) return importPage(req, reply, { values, errors: parsed.form.errors }, 422);
    const options = {
      ...DEFAULT_OPTIONS,
      dryRun: parsed.data.dryRun === "1",
      tagsAsThemes: parsed.data.tagsAsThemes === "1",
      inviteAuthors: parsed.data.inviteAuthors === "1",
      credit: parsed.data.credit,
      permalinks: parsed.data.permalinks || null,
    };
    const result = await startImportRun(deps, req.viewer as Viewer, { wxr: uploadedFile(req.body, "wxr"), zip: uploadedFile(req.body, "zip") }, options);
    if (!result.ok) return importPage(req, reply, { values, errors: result.errors, errorValues: result.errorValues }, 422);
    return reply.redirect(`/admin/import/${result.id}`, 303);
  });

  app.get<{ Params: { id: string } }>("/admin/import/:id", { config: ADMIN }, async (req, reply) => {
    const id = /^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : null;
    const run = id ? await importRunView(deps, id) : null;
    if (!run) return reply.callNotFound();
    const { t, locale } = req.pageContext();
    // Runs stored before failures were codes kept a French sentence: shown as it is to French readers, as a generic failure to the others.
    const legacy = run.legacyError !== null ? (locale === "fr" ? run.legacyError : t("admin.import.runPage.failedBefore")) : null;
    const error = run.failure ? t(run.failure.key, run.failure.values) : (legacy ?? (run.state === "failed" ? t("admin.import.runPage.unexpected") : null));
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.import.runPage.title"), current: "import" },
      h(ImportRunPage, {
        t,
        id: run.id,
        state: run.state,
        percent: run.percent,
        created: formatDateTime(locale, run.createdAt),
        finished: run.finishedAt ? formatDateTime(locale, run.finishedAt) : null,
        dryRun: run.dryRun,
        error,
        sentences: run.report ? reportSentences(t, run.report, run.dryRun) : [],
      }),
    );
  });
}
