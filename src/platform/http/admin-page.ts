import type { FastifyReply, FastifyRequest } from "fastify";
import { type ComponentChildren, h } from "preact";
import { AdminLayout, adminNav } from "../html/admin-layout.js";
import { renderDocument } from "../html/render.js";

export type AdminPageOptions = { title: string; current?: string; status?: number; flash?: string };

/** Renders a back-office page in its frame, in the request's language: never cached, never indexed. */
export function sendAdminPage(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: AdminPageOptions,
  body: ComponentChildren,
): FastifyReply {
  const viewer = req.viewer;
  const ctx = req.pageContext();
  const html = renderDocument(
    h(
      AdminLayout,
      {
        title: opts.title,
        siteName: ctx.site.name,
        assetVersion: ctx.assetVersion,
        locale: ctx.locale,
        t: ctx.t,
        viewer,
        nav: viewer ? adminNav(ctx.navigation, viewer.role) : [],
        links: {
          home: ctx.navigation.adminHome,
          signOut: ctx.navigation.signOut,
          crisisHelp: ctx.navigation.crisisHelp,
          otherLanguage: `${ctx.navigation.languageSwitch}/${ctx.locale === "fr" ? "en" : "fr"}?retour=${encodeURIComponent(`${ctx.path}${ctx.search}`)}`,
        },
        current: opts.current,
        csrf: viewer ? req.csrfToken(reply) : undefined,
        flash: opts.flash,
        children: body,
      },
    ),
  );
  return reply
    .code(opts.status ?? 200)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(html);
}
