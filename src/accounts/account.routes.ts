import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import type { CookieJar } from "../platform/http/cookies.js";
import { LOCALE_COOKIE, LOCALE_COOKIE_DAYS } from "../platform/http/locale.js";
import { emptyForm, formValues, parseForm } from "../platform/http/form.js";
import { inviteForm, localeForm, ROLE_LABELS, forgotForm, newPasswordForm, safeReturnPath, setupForm, signInForm, userForm } from "./account.schemas.js";
import * as accounts from "./account.service.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import { createLoginThrottle, type LoginThrottle } from "./login-throttle.js";
import { PASSWORD_LIMITS } from "./password.js";
import { ForgotPasswordPage, MyAccountPage, NewPasswordPage, SetupPage, SignInPage } from "./views/account-pages.js";
import { UserEditPage, UsersPage } from "./views/users-pages.js";

export const SESSION_COOKIE = "ep_session";
/** Names a browser that signed in to an account before: its owner is not slowed by a stranger's guesses. */
const DEVICE_COOKIE = "ep_appareil";
const DEVICE_DAYS = 180;

export type AccountRoutesOptions = {
  deps: accounts.AccountDeps;
  cookies: CookieJar;
  /** Shared by the instances on PostgreSQL (login-throttle.ts); in memory otherwise. */
  throttle?: LoginThrottle;
};

// Brute force is slowed per client here, and per account, client and device by the login throttle.
const LOGIN_RATE = { max: 20, timeWindow: "5 minutes" };
const MAIL_RATE = { max: 5, timeWindow: "15 minutes" };

const NOTICES: Record<string, MessageKey> = {
  "mot-de-passe": "admin.accounts.notice.passwordSaved",
  "deconnecte": "admin.accounts.notice.signedOut",
  "partout": "admin.accounts.notice.signedOutEverywhere",
  "installe": "admin.accounts.notice.installed",
};

/** What this feature adds to the frames' menus. */
export const accountNavigation: FeatureNavigation = {
  signOut: "/admin/deconnexion",
  admin: [
    { key: "users", href: "/admin/utilisateurs", label: "admin.accounts.nav.users", position: 130, role: "admin" },
    { key: "account", href: "/admin/compte", label: "admin.accounts.nav.account", position: 160, role: "author" },
  ],
};

/** A resolver for the access hook: who is signed in, from the session cookie. */
export function sessionViewer(deps: Pick<accounts.AccountDeps, "db" | "clock">, cookies: CookieJar) {
  return (req: FastifyRequest): Promise<Viewer | null> | null => {
    const token = cookies.read(req, SESSION_COOKIE);
    return token ? accounts.resolveSession(deps, token) : null;
  };
}

export async function accountRoutes(app: FastifyInstance, opts: AccountRoutesOptions): Promise<void> {
  const { deps, cookies } = opts;
  const throttle = opts.throttle ?? createLoginThrottle();
  const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;

  const signInPage = (req: FastifyRequest, reply: FastifyReply, form = emptyForm(), status = 200, notice?: MessageKey) => {
    const returnTo = safeReturnPath(form.values.retour ?? (req.query as Record<string, unknown>).retour);
    const { t } = req.pageContext();
    return sendAdminPage(req, reply, { title: t("admin.accounts.signIn.title"), status }, h(SignInPage, { t, form, csrf: req.csrfToken(reply), notice: notice && t(notice), returnTo }));
  };

  app.get("/admin/connexion", { config: { access: "public" } }, async (req, reply) => {
    if (req.viewer) return reply.redirect("/admin", 303);
    const info = String((req.query as Record<string, unknown>).info ?? "");
    const notice = Object.hasOwn(NOTICES, info) ? NOTICES[info] : undefined;
    return signInPage(req, reply, emptyForm(), 200, notice);
  });

  app.post("/admin/connexion", { config: { access: "public", rateLimit: LOGIN_RATE } }, async (req, reply) => {
    const parsed = parseForm(signInForm, req.body);
    if (!parsed.ok) return signInPage(req, reply, parsed.form, 422);
    // The client address is part of a counter's HMAC, never written anywhere.
    const result = await accounts.signInFromClient(deps, throttle, parsed.data, { client: req.ip, deviceCookie: cookies.readSigned(req, DEVICE_COOKIE) });
    if (!result.ok) {
      const form = { values: { email: parsed.data.email, retour: parsed.data.retour }, errors: {} as Record<string, string> };
      // The same words whether or not the address has an account.
      form.errors.password =
        result.reason === "wait" ? req.pageContext().t("admin.accounts.signIn.wait", { count: result.minutes }) : "admin.accounts.signIn.wrong";
      return signInPage(req, reply, form, result.reason === "wait" ? 429 : 422);
    }
    cookies.setSigned(reply, DEVICE_COOKIE, result.device, { maxAge: DEVICE_DAYS * 24 * 3600 });
    cookies.set(reply, SESSION_COOKIE, result.token, { maxAge: accounts.SESSION_HOURS * 3600 });
    return reply.redirect(safeReturnPath(parsed.data.retour), 303);
  });

  app.post("/admin/deconnexion", { config: { access: "author" } }, async (req, reply) => {
    const token = cookies.read(req, SESSION_COOKIE);
    if (token) await accounts.signOut(deps, token);
    cookies.clear(reply, SESSION_COOKIE);
    return reply.redirect("/admin/connexion?info=deconnecte", 303);
  });

  app.post("/admin/deconnexion-partout", { config: { access: "author" } }, async (req, reply) => {
    await accounts.signOutEverywhere(deps, viewerOf(req));
    cookies.clear(reply, SESSION_COOKIE);
    return reply.redirect("/admin/connexion?info=partout", 303);
  });

  const myAccountPage = async (req: FastifyRequest, reply: FastifyReply, localeForm?: ReturnType<typeof emptyForm>, status = 200, flash?: MessageKey) => {
    const v = viewerOf(req);
    const { t } = req.pageContext();
    const form = localeForm ?? emptyForm({ locale: await accounts.preferredLocale(deps, v) });
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.accounts.nav.account"), current: "account", status, flash: flash && t(flash) },
      h(MyAccountPage, { t, csrf: req.csrfToken(reply), displayName: v.displayName, email: v.email, role: t(ROLE_LABELS[v.role]), localeForm: form }),
    );
  };

  app.get("/admin/compte", { config: { access: "author" } }, async (req, reply) => {
    const saved = (req.query as Record<string, unknown>).ok === "langue";
    return myAccountPage(req, reply, undefined, 200, saved ? "admin.accounts.mine.localeSaved" : undefined);
  });

  // The account's language, for its mails; the interface follows at once (the language switch's cookie).
  app.post("/admin/compte/langue", { config: { access: "author" } }, async (req, reply) => {
    const parsed = parseForm(localeForm, req.body);
    if (!parsed.ok) return myAccountPage(req, reply, parsed.form, 422);
    await accounts.setPreferredLocale(deps, viewerOf(req), parsed.data.locale);
    cookies.set(reply, LOCALE_COOKIE, parsed.data.locale, { maxAge: LOCALE_COOKIE_DAYS * 24 * 3600 });
    return reply.redirect("/admin/compte?ok=langue", 303);
  });

  const forgotPage = (req: FastifyRequest, reply: FastifyReply, form = emptyForm(), sent = false, status = 200) => {
    const { t } = req.pageContext();
    return sendAdminPage(req, reply, { title: t("admin.accounts.forgot.title"), status }, h(ForgotPasswordPage, { t, form, csrf: req.csrfToken(reply), sent }));
  };

  app.get("/admin/mot-de-passe-oublie", { config: { access: "public" } }, (req, reply) => forgotPage(req, reply));

  app.post("/admin/mot-de-passe-oublie", { config: { access: "public", rateLimit: MAIL_RATE } }, async (req, reply) => {
    const parsed = parseForm(forgotForm, req.body);
    if (!parsed.ok) return forgotPage(req, reply, parsed.form, false, 422);
    // The answer goes first and the link is queued after it: a known address takes no longer to
    // answer than an unknown one (the queued mail is written with its token, in one transaction).
    const email = parsed.data.email;
    reply.raw.once("finish", () =>
      // After the event loop has written the answer out: SQLite commits synchronously.
      setImmediate(() => {
        accounts.requestPasswordReset(deps, email).catch((err: unknown) => req.log.error({ err }, "lien de réinitialisation non préparé"));
      }),
    );
    return forgotPage(req, reply, emptyForm(), true);
  });

  type TokenParams = { Params: { token: string } };

  const resetPage = (req: FastifyRequest<TokenParams>, reply: FastifyReply, usable: boolean, form = emptyForm(), status = 200) =>
    sendAdminPage(
      req,
      reply,
      { title: req.pageContext().t("admin.accounts.reset.title"), status },
      h(NewPasswordPage, { t: req.pageContext().t, form, csrf: req.csrfToken(reply), action: `/admin/reinitialiser/${encodeURIComponent(req.params.token)}`, usable }),
    );

  app.get<TokenParams>("/admin/reinitialiser/:token", { config: { access: "public" } }, async (req, reply) => {
    const usable = await accounts.isResetTokenUsable(deps, req.params.token);
    return resetPage(req, reply, usable, emptyForm(), usable ? 200 : 410);
  });

  app.post<TokenParams>("/admin/reinitialiser/:token", { config: { access: "public", rateLimit: LOGIN_RATE } }, async (req, reply) => {
    const parsed = parseForm(newPasswordForm, req.body);
    if (!parsed.ok) return resetPage(req, reply, true, { values: {}, errors: parsed.form.errors }, 422);
    const result = await accounts.resetPassword(deps, req.params.token, parsed.data.password);
    if (result.ok) return reply.redirect("/admin/connexion?info=mot-de-passe", 303);
    if (result.reason === "token") return resetPage(req, reply, false, emptyForm(), 410);
    return resetPage(req, reply, true, { values: {}, errors: { password: req.pageContext().t(result.message, PASSWORD_LIMITS) } }, 422);
  });

  const setupPage = (req: FastifyRequest<TokenParams>, reply: FastifyReply, usable: boolean, form = emptyForm(), status = 200) =>
    sendAdminPage(
      req,
      reply,
      { title: req.pageContext().t("admin.accounts.setup.title"), status },
      h(SetupPage, { t: req.pageContext().t, form, csrf: req.csrfToken(reply), action: `/admin/installation/${encodeURIComponent(req.params.token)}`, usable }),
    );

  app.get<TokenParams>("/admin/installation/:token", { config: { access: "public" } }, async (req, reply) => {
    const usable = await accounts.isSetupTokenUsable(deps, req.params.token);
    return setupPage(req, reply, usable, emptyForm(), usable ? 200 : 410);
  });

  app.post<TokenParams>("/admin/installation/:token", { config: { access: "public", rateLimit: LOGIN_RATE } }, async (req, reply) => {
    const parsed = parseForm(setupForm, req.body);
    const keep = (errors: Record<string, string>) => ({
      values: { email: formValues(req.body).email, displayName: formValues(req.body).displayName },
      errors,
    });
    if (!parsed.ok) return setupPage(req, reply, true, keep(parsed.form.errors), 422);
    const result = await accounts.completeSetup(deps, req.params.token, parsed.data);
    if (result.ok) return reply.redirect("/admin/connexion?info=installe", 303);
    if (result.reason === "token") return setupPage(req, reply, false, emptyForm(), 410);
    return setupPage(req, reply, true, keep({ password: req.pageContext().t(result.message, PASSWORD_LIMITS) }), 422);
  });

  const usersPage = async (req: FastifyRequest, reply: FastifyReply, invitation?: ReturnType<typeof emptyForm>, status = 200, flash?: MessageKey) => {
    const users = await accounts.listAccounts(deps);
    // The invitation's language starts as the administrator's own.
    const form = invitation ?? emptyForm({ role: "author", locale: await accounts.preferredLocale(deps, viewerOf(req)) });
    const { t } = req.pageContext();
    return sendAdminPage(req, reply, { title: t("admin.accounts.nav.users"), current: "users", status, flash: flash && t(flash) }, h(UsersPage, { t, users, form, csrf: req.csrfToken(reply) }));
  };

  app.get("/admin/utilisateurs", { config: { access: "admin" } }, async (req, reply) => {
    const ok = (req.query as Record<string, unknown>).ok;
    return usersPage(req, reply, undefined, 200, ok === "invite" ? "admin.accounts.users.invited" : ok === "modifie" ? "admin.accounts.users.saved" : undefined);
  });

  app.post("/admin/utilisateurs", { config: { access: "admin" } }, async (req, reply) => {
    const parsed = parseForm(inviteForm, req.body);
    if (!parsed.ok) return usersPage(req, reply, parsed.form, 422);
    // Unless the form says otherwise, the new account speaks the language of the administrator who invites.
    const locale = parsed.data.locale ?? (await accounts.preferredLocale(deps, viewerOf(req)));
    const result = await accounts.inviteUser(deps, { ...parsed.data, locale });
    if (!result.ok) return usersPage(req, reply, { values: formValues(req.body), errors: { [result.field]: result.message } }, 422);
    return reply.redirect("/admin/utilisateurs?ok=invite", 303);
  });

  type IdParams = { Params: { id: string } };
  const userIdOf = (req: FastifyRequest<IdParams>) => (/^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : null);

  app.get<IdParams>("/admin/utilisateurs/:id", { config: { access: "admin" } }, async (req, reply) => {
    const id = userIdOf(req);
    const user = id ? await accounts.findAccount(deps, id) : null;
    if (!user) return reply.callNotFound();
    const form = emptyForm({ displayName: user.displayName, role: user.role, isDisabled: user.isDisabled ? "1" : undefined });
    return sendAdminPage(req, reply, { title: user.displayName, current: "users" }, h(UserEditPage, { t: req.pageContext().t, user, form, csrf: req.csrfToken(reply) }));
  });

  app.post<IdParams>("/admin/utilisateurs/:id", { config: { access: "admin" } }, async (req, reply) => {
    const id = userIdOf(req);
    const user = id ? await accounts.findAccount(deps, id) : null;
    if (!user || !id) return reply.callNotFound();
    const parsed = parseForm(userForm, req.body);
    const rerender = (form: ReturnType<typeof emptyForm>) =>
      sendAdminPage(req, reply, { title: user.displayName, current: "users", status: 422 }, h(UserEditPage, { t: req.pageContext().t, user, form, csrf: req.csrfToken(reply) }));
    if (!parsed.ok) return rerender(parsed.form);
    const result = await accounts.changeUser(deps, viewerOf(req), id, {
      displayName: parsed.data.displayName,
      role: parsed.data.role,
      isDisabled: parsed.data.isDisabled === "1",
    });
    if (!result.ok) return rerender({ values: formValues(req.body), errors: { role: result.message } });
    return reply.redirect("/admin/utilisateurs?ok=modifie", 303);
  });
}
