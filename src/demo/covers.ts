import { createHash } from "node:crypto";

/**
 * Decorative demo covers drawn as SVG: soft shapes in the site's palette, no text, no people.
 * Generated at seed time so the repository ships no image files.
 */
export const COVER_STYLES = ["abstract", "path", "window", "hands"] as const;
export type CoverStyle = (typeof COVER_STYLES)[number];

const PALETTES = [
  ["#f4e9d8", "#e07a5f", "#3d405b", "#81b29a"],
  ["#eef4f2", "#2a9d8f", "#264653", "#e9c46a"],
  ["#f6efe9", "#b5838d", "#6d6875", "#ffcdb2"],
  ["#edf2fb", "#577590", "#43aa8b", "#f9c74f"],
];

export function coverSvg(style: CoverStyle, seed: string): string {
  const h = createHash("sha256").update(seed).digest();
  const n = (i: number, max: number) => ((h[i % h.length] as number) / 255) * max;
  const [bg, a, b, c] = PALETTES[(h[0] as number) % PALETTES.length] as [string, string, string, string];
  const W = 1600;
  const H = 900;
  let shapes = "";
  switch (style) {
    case "abstract":
      shapes = `<circle cx="${400 + n(1, 800)}" cy="${300 + n(2, 300)}" r="${220 + n(3, 120)}" fill="${a}" opacity=".85"/>
        <circle cx="${300 + n(4, 1000)}" cy="${200 + n(5, 500)}" r="${140 + n(6, 100)}" fill="${c}" opacity=".8"/>
        <rect x="${n(7, 600)}" y="${500 + n(8, 200)}" width="${700 + n(9, 300)}" height="120" rx="60" fill="${b}" opacity=".7"/>`;
      break;
    case "path":
      shapes = `<path d="M0 ${700 - n(1, 100)} C ${400 + n(2, 200)} ${500 - n(3, 200)}, ${900 + n(4, 200)} ${800 - n(5, 200)}, ${W} ${450 + n(6, 150)} L ${W} ${H} L 0 ${H} Z" fill="${a}"/>
        <path d="M0 ${800 - n(7, 60)} C ${500} ${650 + n(8, 100)}, ${1100} ${900}, ${W} ${650 + n(9, 100)} L ${W} ${H} L 0 ${H} Z" fill="${b}" opacity=".8"/>
        <circle cx="${1200 + n(10, 250)}" cy="${180 + n(11, 120)}" r="90" fill="${c}"/>`;
      break;
    case "window":
      shapes = `<rect x="${450 + n(1, 100)}" y="120" width="700" height="660" rx="24" fill="${b}"/>
        <rect x="${490 + n(1, 100)}" y="160" width="300" height="280" fill="${c}"/><rect x="${810 + n(1, 100)}" y="160" width="300" height="280" fill="${a}" opacity=".9"/>
        <rect x="${490 + n(1, 100)}" y="460" width="300" height="280" fill="${a}" opacity=".7"/><rect x="${810 + n(1, 100)}" y="460" width="300" height="280" fill="${c}" opacity=".8"/>`;
      break;
    case "hands":
      shapes = `<ellipse cx="${620 + n(1, 80)}" cy="520" rx="260" ry="150" fill="${a}" transform="rotate(-18 620 520)"/>
        <ellipse cx="${980 - n(2, 80)}" cy="500" rx="260" ry="150" fill="${b}" opacity=".85" transform="rotate(18 980 500)"/>
        <circle cx="800" cy="${300 + n(3, 60)}" r="70" fill="${c}"/>`;
      break;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="${bg}"/>${shapes}</svg>`;
}
