import type { MessageKey } from "../i18n/translate.js";
import { Layout } from "./layout.js";
import type { PageContext } from "./page-context.js";

export type ErrorKind = "notFound" | "server" | "badRequest" | "forbidden" | "unavailable" | "tooLarge" | "tooManyRequests" | "controlCharacter";

const TEXT: Record<ErrorKind, [MessageKey, MessageKey]> = {
  notFound: ["error.notFoundTitle", "error.notFound"],
  server: ["error.serverTitle", "error.server"],
  badRequest: ["error.badRequestTitle", "error.badRequest"],
  forbidden: ["error.forbiddenTitle", "error.forbidden"],
  unavailable: ["error.unavailableTitle", "error.unavailable"],
  tooLarge: ["error.tooLargeTitle", "error.tooLarge"],
  tooManyRequests: ["error.tooManyRequestsTitle", "error.tooManyRequests"],
  controlCharacter: ["error.controlCharacterTitle", "error.controlCharacter"],
};

/** A field a person typed, given back on an error page so that nothing is lost. */
export type TypedField = { label: string; text: string };

export function ErrorPage({ ctx, kind, typed = [] }: { ctx: PageContext; kind: ErrorKind; typed?: TypedField[] }) {
  const [title, text] = TEXT[kind];
  return (
    <Layout ctx={ctx} title={ctx.t(title)} noindex>
      <div class="wrap narrow">
        <h1>{ctx.t(title)}</h1>
        <p>{ctx.t(text)}</p>
        {typed.length > 0 && (
          <section aria-labelledby="typed-title">
            <h2 id="typed-title">{ctx.t("error.typedTitle")}</h2>
            <p>{ctx.t("error.typedHelp")}</p>
            {typed.map((f, i) => (
              <div class="field" key={f.label}>
                <label for={`typed-${i}`}>{f.label}</label>
                <textarea id={`typed-${i}`} readOnly rows={Math.min(12, Math.max(2, f.text.split("\n").length + 1))}>
                  {f.text}
                </textarea>
              </div>
            ))}
          </section>
        )}
        <p>
          <a href="/">{ctx.t("error.backHome")}</a>
        </p>
        <p class="callout">{ctx.t("footer.crisis")}</p>
      </div>
    </Layout>
  );
}
