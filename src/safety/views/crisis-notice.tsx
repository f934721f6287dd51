import type { PageContext } from "../../platform/html/page-context.js";
import { withLinks } from "../../platform/html/with-links.js";

/**
 * The crisis resources shown calmly to someone whose words suggest acute distress (after sending
 * a contribution or a message). Its wording follows the safe-messaging guidance (Papageno,
 * #chatsafe): honest about why it shows (words, not a reader), calm, 3114 first and what it is,
 * a word of hope without promises, emergency numbers, the team's limits said plainly, more lines on /aide.
 */
export function CrisisNotice({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <aside class="callout crisis-box" aria-labelledby="crise-titre" role="note">
      <h2 id="crise-titre">{t("safety.notice.title")}</h2>
      <p>
        {withLinks(t("safety.notice.call"), {
          tel3114: <a href="tel:3114">3114</a>,
          tel15: <a href="tel:15">15</a>,
          tel112: <a href="tel:112">112</a>,
          sms114: <a href="sms:114">114</a>,
        })}
      </p>
      <p>{withLinks(t("safety.notice.team"), { help: <a href="/aide">{t("safety.notice.helpLink")}</a> })}</p>
    </aside>
  );
}
