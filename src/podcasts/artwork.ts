import { createHash } from "node:crypto";
import sharp from "sharp";

/**
 * The show's square artwork, drawn here as SVG and rendered once per process to a 1400 px RGB
 * JPEG (Apple asks for 1400–3000 px, JPEG or PNG, RGB). Its URL carries a hash of its bytes, so
 * apps and browsers may keep it for a year.
 */
export const ARTWORK_SIZE = 1400;

export function artworkSvg(title: string, subtitle: string): string {
  const S = ARTWORK_SIZE;
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  // Two voices as overlapping sound waves on the site's colours: a conversation between peers.
  const wave = (y: number, amp: number, phase: number) => {
    let d = `M 120 ${y}`;
    for (let x = 120; x <= S - 120; x += 20) d += ` L ${x} ${(y + Math.sin((x + phase) / 38) * amp * Math.sin(((x - 120) / (S - 240)) * Math.PI)).toFixed(1)}`;
    return d;
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">
  <rect width="${S}" height="${S}" fill="#1f4e5f"/>
  <circle cx="${S * 0.78}" cy="${S * 0.2}" r="${S * 0.32}" fill="#2a6b80"/>
  <circle cx="${S * 0.18}" cy="${S * 0.86}" r="${S * 0.26}" fill="#a2361c" opacity="0.9"/>
  <path d="${wave(S * 0.44, 150, 0)}" stroke="#f2c14e" stroke-width="26" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="${wave(S * 0.44, 95, 60)}" stroke="#fffdf9" stroke-width="18" fill="none" stroke-linecap="round" stroke-linejoin="round" opacity="0.9"/>
  <text x="${S / 2}" y="${S * 0.72}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="150" fill="#fffdf9">${esc(title)}</text>
  <text x="${S / 2}" y="${S * 0.8}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="64" fill="#f3efe8">${esc(subtitle)}</text>
</svg>`;
}

export type Artwork = { jpeg: Buffer; file: string };

// By site name: a rename draws a new artwork under a new hashed name.
const renderings = new Map<string, Promise<Artwork>>();

/** Renders the artwork once per site name; later calls get the same bytes and the same hashed name. */
export function showArtwork(siteName: string): Promise<Artwork> {
  const known = renderings.get(siteName);
  if (known) return known;
  const rendering = sharp(Buffer.from(artworkSvg(siteName, "le podcast")))
    .flatten({ background: "#1f4e5f" })
    .toColourspace("srgb")
    .jpeg({ quality: 86, mozjpeg: true })
    .toBuffer()
    .then((jpeg) => ({ jpeg, file: `${createHash("sha256").update(jpeg).digest("hex").slice(0, 16)}.jpg` }));
  // A failed rendering is not kept; old names are dropped after a few renames.
  rendering.catch(() => renderings.delete(siteName));
  if (renderings.size >= 8) renderings.clear();
  renderings.set(siteName, rendering);
  return rendering;
}
