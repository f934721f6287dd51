import type { Translate } from "../../platform/i18n/translate.js";
import type { WeeklyFigures } from "../readership.service.js";

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 16, right: 16, bottom: 40, left: 48 };

function shortDate(day: string): string {
  const [, m, d] = day.split("-");
  return `${d}/${m}`;
}

/**
 * Reads and listens per week as a plain SVG bar chart (no script), named by its title and
 * description; the same figures follow as a table, which is what a screen reader uses.
 */
export function WeeklyChart({ t, figures }: { t: Translate; figures: WeeklyFigures }) {
  const max = Math.max(1, ...figures.totals.flatMap((t) => [t.reads, t.listens]));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / figures.weeks.length;
  const barW = Math.max(2, slot / 2 - 3);
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH;
  const first = figures.weeks[0] ?? "";
  const last = figures.weeks.at(-1) ?? "";
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="graphique-titre graphique-desc" width="100%">
      <title id="graphique-titre">{t("admin.readership.chartTitle")}</title>
      <desc id="graphique-desc">{t("admin.readership.chartDescription", { from: shortDate(first), to: shortDate(last), max })}</desc>
      <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="#333" />
      <text x={PAD.left - 6} y={PAD.top + 4} text-anchor="end" font-size="12">
        {max}
      </text>
      <text x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end" font-size="12">
        0
      </text>
      {figures.totals.map((total, i) => {
        const x = PAD.left + i * slot + 2;
        return (
          <g key={total.week}>
            <rect x={x} y={y(total.reads)} width={barW} height={PAD.top + plotH - y(total.reads)} fill="#1f4e79" />
            <rect x={x + barW + 2} y={y(total.listens)} width={barW} height={PAD.top + plotH - y(total.listens)} fill="#c45a00" />
            <text x={x + barW} y={HEIGHT - PAD.bottom + 16} text-anchor="middle" font-size="11">
              {shortDate(total.week)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ReadershipPage({ t, figures }: { t: Translate; figures: WeeklyFigures }) {
  return (
    <>
      <h1>{t("admin.readership.title")}</h1>
      <p class="hint">{t("admin.readership.intro", { weeks: figures.weeks.length })}</p>
      <p>
        <a href="/admin/lectures.csv" download="lectures-et-ecoutes.csv">
          {t("admin.readership.download")}
        </a>
      </p>
      <WeeklyChart t={t} figures={figures} />
      <table class="data">
        <caption>{t("admin.readership.weeklyCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.readership.weekOf")}</th>
            <th scope="col">{t("admin.readership.reads")}</th>
            <th scope="col">{t("admin.readership.listens")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.totals.map((total) => (
            <tr key={total.week}>
              <th scope="row">
                <time dateTime={total.week}>{shortDate(total.week)}</time>
              </th>
              <td>{total.reads}</td>
              <td>{total.listens}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.readership.byStory")}</h2>
      {figures.stories.length === 0 ? (
        <p>{t("admin.readership.none")}</p>
      ) : (
        <table class="data">
          <caption>{t("admin.readership.storiesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.readership.story")}</th>
              <th scope="col">{t("admin.readership.readsLastWeek")}</th>
              <th scope="col">{t("admin.readership.listensLastWeek")}</th>
              <th scope="col">{t("admin.readership.readsPeriod")}</th>
              <th scope="col">{t("admin.readership.listensPeriod")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.stories.map((s) => (
              <tr key={s.storyId}>
                <th scope="row">
                  <a href={`/admin/temoignages/${s.storyId}`}>{s.title}</a>
                </th>
                <td>{s.reads.at(-1)}</td>
                <td>{s.listens.at(-1)}</td>
                <td>{s.totalReads}</td>
                <td>{s.totalListens}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
