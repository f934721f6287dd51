import type { IncomingHttpHeaders } from "node:http";
import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Navigation } from "../html/navigation.js";
import type { PageContext, SiteFrame } from "../html/page-context.js";
import { type Locale, negotiateLocale } from "../i18n/locale.js";
import { translator } from "../i18n/translate.js";
import type { CookieJar } from "./cookies.js";

export const LOCALE_COOKIE = "ep_lang";
/** How long a language chosen with the switch is remembered. */
export const LOCALE_COOKIE_DAYS = 365;

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

// Browsers send a handful of distinct Accept-Language lines: each is negotiated once.
const MAX_REMEMBERED_NEGOTIATIONS = 1_000;

/**
 * The reader's language from a request's raw headers, decided as the hook above decides it (the
 * cookie plugin's own parser, then `negotiateLocale`): for answers given before Fastify sees the
 * request (the page cache's front door).
 */
export function localeOfHeaders(cookies: Pick<CookieJar, "name">): (headers: IncomingHttpHeaders) => Locale {
  const cookieName = cookies.name(LOCALE_COOKIE);
  const remembered = new Map<string, Locale>();
  return (headers) => {
    const choice = headers.cookie ? fastifyCookie.parse(headers.cookie)[cookieName] : undefined;
    const acceptLanguage = headers["accept-language"];
    const key = `${choice ?? ""}|${acceptLanguage ?? ""}`;
    let locale = remembered.get(key);
    if (locale === undefined) {
      locale = negotiateLocale(choice, acceptLanguage);
      if (remembered.size >= MAX_REMEMBERED_NEGOTIATIONS) remembered.clear();
      remembered.set(key, locale);
    }
    return locale;
  };
}
