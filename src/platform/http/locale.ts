import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Navigation } from "../html/navigation.js";
import type { PageContext, SiteFrame } from "../html/page-context.js";
import { type Locale, negotiateLocale } from "../i18n/locale.js";
import { translator } from "../i18n/translate.js";
import type { CookieJar } from "./cookies.js";

export const LOCALE_COOKIE = "ep_lang";

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
    pageContext(): PageContext;
  }
}

/** Resolves the reader's language on every request: explicit choice (cookie), then Accept-Language. */
export function registerLocale(app: FastifyInstance, opts: { baseUrl: string; assetVersion: string; cookies: CookieJar; site: () => SiteFrame; navigation: Navigation }): void {
  app.decorateRequest("locale", "fr");
  app.decorateRequest("pageContext", function (this: FastifyRequest): PageContext {
    const url = this.url;
    const q = url.indexOf("?");
    const site = opts.site();
    return {
      locale: this.locale,
      t: translator(this.locale, site),
      baseUrl: opts.baseUrl,
      path: q < 0 ? url : url.slice(0, q),
      search: q < 0 ? "" : url.slice(q),
      assetVersion: opts.assetVersion,
      site,
      navigation: opts.navigation,
    };
  });
  app.addHook("onRequest", (req, reply: FastifyReply, done) => {
    req.locale = negotiateLocale(opts.cookies.read(req, LOCALE_COOKIE), req.headers["accept-language"]);
    reply.header("vary", "Accept-Language, Cookie");
    reply.header("content-language", req.locale);
    done();
  });
}
