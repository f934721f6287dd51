import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * Who may call a route. Every route declares one in its config; a route without a rule makes
 * the app refuse to start, and the access-matrix test checks each rule with every role.
 */
export const ACCESS_RULES = ["public", "author", "editor", "admin"] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];

export const ROLES = ["author", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Viewer = { id: number; role: Role; email: string; displayName: string };

const RANK: Record<Role, number> = { author: 1, editor: 2, admin: 3 };

export function roleSatisfies(role: Role, rule: AccessRule): boolean {
  return rule === "public" || RANK[role] >= RANK[rule];
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export type AccessOptions = {
  /** Resolves the signed-in person from the request (session cookie), or null: at once when there is no session to look up. */
  resolveViewer(req: FastifyRequest): Viewer | null | Promise<Viewer | null>;
  /** Where anonymous people are sent for protected pages. */
  loginPath: string;
  renderForbidden(req: FastifyRequest, reply: FastifyReply): FastifyReply;
};

export type RegisteredRoute = { method: string; url: string; access: AccessRule };

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route with its access rule, as registered: the access-matrix test walks this list. */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return registered.get(app) ?? [];
}

export function registerAccessControl(app: FastifyInstance, opts: AccessOptions): void {
  const routes: RegisteredRoute[] = [];
  registered.set(app, routes);
  app.decorateRequest("viewer", null);
  app.addHook("onRoute", (route) => {
    const access = route.config?.access;
    if (!access || !ACCESS_RULES.includes(access)) {
      throw new Error(`Route ${route.method} ${route.url} has no access rule (config.access)`);
    }
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      // HEAD routes are generated from GET ones and share their rule.
      if (method !== "HEAD") routes.push({ method, url: route.url, access });
    }
  });
  const decide = (req: FastifyRequest, reply: FastifyReply, viewer: Viewer | null, done: (error?: Error) => void) => {
    req.viewer = viewer;
    const rule = req.routeOptions.config.access ?? "public";
    if (rule === "public") return done();
    if (!viewer) {
      const back = encodeURIComponent(req.url);
      reply.redirect(`${opts.loginPath}?retour=${back}`, 303);
      return;
    }
    if (!roleSatisfies(viewer.role, rule)) {
      opts.renderForbidden(req, reply);
      return;
    }
    done();
  };
  app.addHook("onRequest", (req, reply, done) => {
    const viewer = opts.resolveViewer(req);
    if (viewer instanceof Promise) viewer.then((v) => decide(req, reply, v, done), done);
    else decide(req, reply, viewer, done);
  });
}
