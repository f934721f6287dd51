import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance } from "fastify";
import { h } from "preact";
import type { PageCache } from "../platform/cache/page-cache.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import type { StoryReadDeps } from "../stories/story.service.js";
import { figuresCsv, type ReadCounter, weeklyFigures } from "./readership.service.js";
import { ReadershipPage } from "./views/readership-page.js";

const EDITOR = { access: "editor" } as const;
const STORY_ROUTE = "/temoignages/:slug";

/** What this feature adds to the frames' menus. */
export const readershipNavigation: FeatureNavigation = {
  admin: [{ key: "readership", href: "/admin/lectures", label: "admin.readership.nav", position: 110, role: "editor" }],
};

/**
 * Counts a read when a story page is answered (200, or 304 to a browser revalidating), from the
 * page cache or not: an onResponse hook on the root for what Fastify answers, and a listener of the
 * page cache's front door for the hits it answers before Fastify; each costs a hash and a set
 * insert. Redirects, errors and HEAD count nothing. Call it on the root instance (hooks in a plugin
 * stay in it).
 */
export function registerReadCounting(app: FastifyInstance, pageCache: Pick<PageCache, "onHit">, reads: ReadCounter, now: () => Date): void {
  const count = (method: string, route: string | undefined, status: number, address: string, params: unknown) => {
    if (method === "GET" && route === STORY_ROUTE && (status === 200 || status === 304)) {
      reads.record(address, (params as { slug: string }).slug, now());
    }
  };
  app.addHook("onResponse", (req, reply, done) => {
    count(req.method, req.routeOptions.url, reply.statusCode, req.ip, req.params);
    done();
  });
  pageCache.onHit((hit) => count(hit.method, hit.route, hit.status, hit.address, hit.params));
}

/** The editors' figures: reads and listens per week (chart and tables), and the CSV per story and week. */
export async function readershipRoutes(app: FastifyInstance, opts: { deps: StoryReadDeps; now: () => Date }): Promise<void> {
  app.get("/admin/lectures", { config: EDITOR }, async (req, reply) => {
    const figures = await weeklyFigures(opts.deps, opts.now());
    const { t } = req.pageContext();
    return sendAdminPage(req, reply, { title: t("admin.readership.title"), current: "readership" }, h(ReadershipPage, { t, figures }));
  });

  app.get("/admin/lectures.csv", { config: EDITOR }, async (req, reply) => {
    const figures = await weeklyFigures(opts.deps, opts.now());
    // Column names and file name in the request's language; the weeks stay ISO dates for any spreadsheet.
    const { t } = req.pageContext();
    const headers = { storyId: t("admin.readership.csv.storyId"), title: t("admin.readership.csv.title"), week: t("admin.readership.csv.week"), reads: t("admin.readership.csv.reads"), listens: t("admin.readership.csv.listens") };
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${t("admin.readership.csv.file")}"`)
      .header("cache-control", "no-store")
      .send(figuresCsv(figures, headers));
  });
}
