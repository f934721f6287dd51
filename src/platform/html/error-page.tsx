import type { MessageKey } from "../i18n/messages.js";
import { Layout } from "./layout.js";
import type { PageContext } from "./page-context.js";

export type ErrorKind = "notFound" | "server" | "badRequest" | "forbidden" | "unavailable";

const TEXT: Record<ErrorKind, [MessageKey, MessageKey]> = {
  notFound: ["error.notFoundTitle", "error.notFound"],
  server: ["error.serverTitle", "error.server"],
  badRequest: ["error.badRequestTitle", "error.badRequest"],
  forbidden: ["error.forbiddenTitle", "error.forbidden"],
  unavailable: ["error.unavailableTitle", "error.unavailable"],
};

export function ErrorPage({ ctx, kind }: { ctx: PageContext; kind: ErrorKind }) {
  const [title, text] = TEXT[kind];
  return (
    <Layout ctx={ctx} title={ctx.t(title)} noindex>
      <div class="wrap narrow">
        <h1>{ctx.t(title)}</h1>
        <p>{ctx.t(text)}</p>
        <p>
          <a href="/">{ctx.t("error.backHome")}</a>
        </p>
        <p class="callout">{ctx.t("footer.crisis")}</p>
      </div>
    </Layout>
  );
}
