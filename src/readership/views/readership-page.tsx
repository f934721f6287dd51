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
export function WeeklyChart({ figures }: { figures: WeeklyFigures }) {
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
      <title id="graphique-titre">Lectures et écoutes par semaine</title>
      <desc id="graphique-desc">
        Barres par semaine, du {shortDate(first)} au {shortDate(last)} : lectures en bleu foncé, écoutes en orange. Maximum : {max}. Les chiffres sont dans le tableau qui suit.
      </desc>
      <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="#333" />
      <text x={PAD.left - 6} y={PAD.top + 4} text-anchor="end" font-size="12">
        {max}
      </text>
      <text x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end" font-size="12">
        0
      </text>
      {figures.totals.map((t, i) => {
        const x = PAD.left + i * slot + 2;
        return (
          <g key={t.week}>
            <rect x={x} y={y(t.reads)} width={barW} height={PAD.top + plotH - y(t.reads)} fill="#1f4e79" />
            <rect x={x + barW + 2} y={y(t.listens)} width={barW} height={PAD.top + plotH - y(t.listens)} fill="#c45a00" />
            <text x={x + barW} y={HEIGHT - PAD.bottom + 16} text-anchor="middle" font-size="11">
              {shortDate(t.week)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ReadershipPage({ figures }: { figures: WeeklyFigures }) {
  return (
    <>
      <h1>Lectures et écoutes</h1>
      <p class="hint">
        Une lecture est comptée quand la page d'un témoignage est servie, une écoute quand un épisode est demandé depuis son début : au plus une
        fois par jour et par appareil. Rien ne permet de savoir qui lit ou écoute : aucune adresse n'est enregistrée, aucun cookie n'est posé.
        Semaines commençant le lundi, {figures.weeks.length} dernières semaines.
      </p>
      <p>
        <a href="/admin/lectures.csv" download="lectures-et-ecoutes.csv">
          Télécharger les chiffres par témoignage et par semaine (CSV)
        </a>
      </p>
      <WeeklyChart figures={figures} />
      <table class="data">
        <caption>Lectures et écoutes par semaine, tout le site</caption>
        <thead>
          <tr>
            <th scope="col">Semaine du</th>
            <th scope="col">Lectures</th>
            <th scope="col">Écoutes</th>
          </tr>
        </thead>
        <tbody>
          {figures.totals.map((t) => (
            <tr key={t.week}>
              <th scope="row">
                <time dateTime={t.week}>{shortDate(t.week)}</time>
              </th>
              <td>{t.reads}</td>
              <td>{t.listens}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Par témoignage</h2>
      {figures.stories.length === 0 ? (
        <p>Aucune lecture ni écoute sur cette période.</p>
      ) : (
        <table class="data">
          <caption>Témoignages les plus lus et écoutés sur la période, avec la dernière semaine</caption>
          <thead>
            <tr>
              <th scope="col">Témoignage</th>
              <th scope="col">Lectures, dernière semaine</th>
              <th scope="col">Écoutes, dernière semaine</th>
              <th scope="col">Lectures, période</th>
              <th scope="col">Écoutes, période</th>
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
