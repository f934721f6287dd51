import type { PageContext } from "../../platform/html/page-context.js";
import { withLinks } from "../../submissions/views/with-links.js";

/**
 * The crisis resources shown calmly to someone whose words suggest acute distress (after sending
 * a contribution or a message). Its wording follows the safe-messaging guidance (Papageno,
 * #chatsafe): a human voice, no alarm, numbers first, 3114 always, and the team's limits said plainly.
 */
export function CrisisNotice({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <aside class="callout crisis-box" aria-labelledby="crise-titre" role="note">
      <h2 id="crise-titre">{t("contribute.crisisTitle")}</h2>
      <p>
        {withLinks(t("contribute.crisisCall"), {
          tel3114: <a href="tel:3114">3114</a>,
          tel15: <a href="tel:15">15</a>,
          tel112: <a href="tel:112">112</a>,
          sms114: <a href="sms:114">114</a>,
        })}
      </p>
      <p>{t("contribute.crisisTeam")}</p>
    </aside>
  );
}
