import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance } from "fastify";
import { createElement as h } from "preact";
import { renderDocument } from "../platform/html/render.js";
import { HelpPage } from "./views/help-page.js";

/** What this feature adds to the frames' menus. */
export const safetyNavigation: FeatureNavigation = { crisisHelp: "/aide" };

/** The crisis-help page (/aide), linked from every page of the site and the back office. */
export async function helpRoutes(app: FastifyInstance): Promise<void> {
  app.get("/aide", { config: { access: "public", pageCache: true } }, async (req, reply) => {
    return reply.type("text/html; charset=utf-8").send(renderDocument(h(HelpPage, { ctx: req.pageContext() })));
  });
}
