/**
 * WCAG 2.1 contrast of the accent colour. The site uses the accent in two ways, so both pairs must
 * reach AA for normal text (4.5:1): as text (link hover) on the page background, and as the
 * background of white text (the crisis link on every page).
 */
export const PAGE_BACKGROUND = "#fffdf9";
export const WHITE = "#ffffff";
export const AA_NORMAL_TEXT = 4.5;

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export type AccentCheck = { pair: "on-page" | "white-on-accent"; ratio: number };

/** The pairs below AA, each with its measured ratio (empty when the accent is fit for use). */
export function accentContrastProblems(accent: string): AccentCheck[] {
  const checks: AccentCheck[] = [
    { pair: "on-page", ratio: contrastRatio(accent, PAGE_BACKGROUND) },
    { pair: "white-on-accent", ratio: contrastRatio(WHITE, accent) },
  ];
  return checks.filter((c) => c.ratio < AA_NORMAL_TEXT);
}
