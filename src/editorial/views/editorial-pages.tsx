import type { ComponentChildren } from "preact";
import type { FieldChange } from "../../stories/version-diff.js";
import { Form } from "../../platform/html/forms.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { storyStatusLabel as statusLabel, storyStatusLabels as statusLabels } from "../../stories/story-status.present.js";
import { type AdminStoryRow, StoryTable } from "./story-list-page.js";

export type Attention = { awaiting: Array<{ id: number; title: string; why: string }>; reread: Array<{ id: number; title: string }> };

export function DashboardPage(props: { t: Translate; name: string; counts: Record<string, number>; recent: AdminStoryRow[]; canSeeAll: boolean; attention?: Attention | null; first?: ComponentChildren[] }) {
  const { t, attention } = props;
  return (
    <>
      <h1>{t("admin.home.hello", { name: props.name })}</h1>
      {props.first}
      {attention && (attention.awaiting.length > 0 || attention.reread.length > 0) && (
        <section aria-labelledby="attention-titre" class="callout">
          <h2 id="attention-titre">{t("admin.home.afterImport")}</h2>
          {attention.awaiting.length > 0 && (
            <>
              <h3>{t("admin.home.awaiting.heading", { count: attention.awaiting.length })}</h3>
              <p>{t("admin.home.awaiting.intro")}</p>
              <ul>
                {attention.awaiting.map((a) => (
                  <li key={a.id}>
                    <a href={`/admin/temoignages/${a.id}`}>{a.title}</a>
                    {t("admin.home.awaiting.why", { why: a.why })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {attention.reread.length > 0 && (
            <>
              <h3>{t("admin.home.reread.heading", { count: attention.reread.length })}</h3>
              <p>{t("admin.home.reread.intro")}</p>
              <ul>
                {attention.reread.map((a) => (
                  <li key={a.id}>
                    <a href={`/admin/temoignages/${a.id}`}>{a.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <p>
        <a class="button" href="/admin/temoignages/nouveau">
          {t("admin.home.write")}
        </a>
      </p>
      <h2>{props.canSeeAll ? t("admin.home.allStories") : t("admin.home.yourStories")}</h2>
      <ul class="status-counts">
        {statusLabels(t).map(([status, label]) => (
          <li key={status}>
            <a href={`/admin/temoignages?statut=${status}`}>
              {t("admin.home.count", { status: label })} <strong>{props.counts[status] ?? 0}</strong>
            </a>
          </li>
        ))}
      </ul>
      <h2>{t("admin.home.recent")}</h2>
      <StoryTable rows={props.recent} caption={t("admin.home.recentCaption")} t={t} />
    </>
  );
}

export type RevisionRowView = { id: number; when: string; who: string; status: string; title: string };

export function RevisionsPage(props: {
  t: Translate;
  storyId: number;
  title: string;
  revisions: RevisionRowView[];
  compare: { from: number; to: number; diffs: FieldChange[] } | null;
  csrf: string;
  canRestore: boolean;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t("admin.story.history.heading", { title: props.title })}</h1>
      <p>
        <a href={`/admin/temoignages/${props.storyId}`}>{t("admin.story.history.back")}</a>
      </p>
      {props.compare && (
        <section aria-labelledby="diff-titre" class="panel">
          <h2 id="diff-titre">{t("admin.story.history.compareHeading", { from: String(props.compare.from), to: String(props.compare.to) })}</h2>
          {props.compare.diffs.length === 0 ? (
            <p>{t("admin.story.history.identical")}</p>
          ) : (
            props.compare.diffs.map((d) => (
              <div key={d.key} class="diff">
                <h3>{d.label}</h3>
                {d.blocks.map((parts, b) => (
                  <p key={b} class="diff-text">
                    {parts.map((p, i) =>
                      p.added ? (
                        <ins key={i}>{p.value}</ins>
                      ) : p.removed ? (
                        <del key={i}>{p.value}</del>
                      ) : (
                        <span key={i}>{p.value}</span>
                      ),
                    )}
                  </p>
                ))}
              </div>
            ))
          )}
          <p class="hint">{t("admin.story.history.legend")}</p>
        </section>
      )}
      <form method="get" action={`/admin/temoignages/${props.storyId}/revisions`}>
        <table class="data">
          <caption>{t("admin.story.history.caption", { count: props.revisions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.story.history.version")}</th>
              <th scope="col">{t("admin.story.history.date")}</th>
              <th scope="col">{t("admin.story.history.by")}</th>
              <th scope="col">{t("admin.story.history.status")}</th>
              <th scope="col">{t("admin.story.history.from")}</th>
              <th scope="col">{t("admin.story.history.to")}</th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r, i) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.when}</td>
                <td>{r.who}</td>
                <td>{statusLabel(t, r.status)}</td>
                <td>
                  <input type="radio" name="de" value={r.id} aria-label={t("admin.story.history.fromLabel", { id: String(r.id) })} checked={props.compare ? props.compare.from === r.id : i === 1} />
                </td>
                <td>
                  <input type="radio" name="a" value={r.id} aria-label={t("admin.story.history.toLabel", { id: String(r.id) })} checked={props.compare ? props.compare.to === r.id : i === 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">{t("admin.story.history.compare")}</button>
      </form>
      {props.canRestore && props.revisions.length > 1 && (
        <section aria-labelledby="restaurer-titre">
          <h2 id="restaurer-titre">{t("admin.story.history.restoreHeading")}</h2>
          <p>{t("admin.story.history.restoreIntro")}</p>
          <ul class="restore-list">
            {props.revisions.slice(1).map((r) => (
              <li key={r.id}>
                <Form action={`/admin/temoignages/${props.storyId}/revisions/${r.id}/restaurer`} csrf={props.csrf}>
                  <button type="submit" class="secondary">
                    {t("admin.story.history.restore", { id: String(r.id), when: r.when })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
