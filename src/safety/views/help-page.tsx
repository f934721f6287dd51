import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import { frenchTypography } from "../../platform/i18n/typography.js";
import { CRISIS_LINES } from "../crisis-lines.js";

const TEXT = {
  fr: {
    intro: "Si vous pensez au suicide, si vous êtes en danger ou inquiet pour quelqu'un, vous n'êtes pas seul·e. Appelez maintenant : quelqu'un vous répondra.",
    call: "Appeler le",
    sms: "Envoyer un SMS au",
    notUs: "{site} est un média : l'équipe lit les messages, mais ne peut pas répondre à une urgence. Pour une aide immédiate, utilisez les numéros ci-dessus.",
    abroad: "Hors de France, appelez le 112 ou le numéro d'urgence du pays où vous êtes.",
    meanwhile: "En attendant",
    tips: [
      "Éloignez-vous de ce qui pourrait vous mettre en danger.",
      "Allez vers un endroit où il y a du monde, ou appelez une personne de confiance.",
      "Respirez lentement : inspirez en comptant jusqu'à quatre, expirez jusqu'à six.",
    ],
  },
  en: {
    intro: "If you are thinking about suicide, are in danger, or are worried about someone, you are not alone. Call now: someone will answer.",
    call: "Call",
    sms: "Text",
    notUs: "{site} is a media outlet: the team reads messages but cannot respond to an emergency. For immediate help, use the numbers above.",
    abroad: "Outside France, call 112 or the emergency number of the country you are in.",
    meanwhile: "In the meantime",
    tips: [
      "Move away from anything that could put you in danger.",
      "Go where there are other people, or call someone you trust.",
      "Breathe slowly: in for a count of four, out for six.",
    ],
  },
};

export function HelpPage({ ctx }: { ctx: PageContext }) {
  const ty = (s: string) => (ctx.locale === "fr" ? frenchTypography(s) : s);
  const raw = TEXT[ctx.locale];
  const text = { ...raw, intro: ty(raw.intro), notUs: ty(raw.notUs.replace("{site}", ctx.site.name)), abroad: ty(raw.abroad), tips: raw.tips.map(ty) };
  return (
    <Layout ctx={ctx} title={ctx.t("help.title")} description={text.intro} current="help">
      <div class="wrap narrow help">
        <h1>{ctx.t("help.title")}</h1>
        <p class="lead">{text.intro}</p>
        <ul class="crisis-lines">
          {CRISIS_LINES.map((line) => (
            <li key={line.number}>
              <h2>{line.name[ctx.locale]}</h2>
              <p>
                {line.sms ? text.sms : text.call}{" "}
                {/* The number never breaks across lines: it must be read and dialled at once. */}
                <a class="phone" href={`${line.sms ? "sms" : "tel"}:${line.dial}`}>
                  {line.number.replace(/ /g, "\u00a0")}
                </a>
              </p>
              <p>{ty(line.when[ctx.locale])}</p>
            </li>
          ))}
        </ul>
        <h2>{text.meanwhile}</h2>
        <ul>
          {text.tips.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
        <p class="callout">{text.notUs}</p>
        <p>{text.abroad}</p>
      </div>
    </Layout>
  );
}
