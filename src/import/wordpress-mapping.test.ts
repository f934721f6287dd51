import { describe, expect, it } from "vitest";
import { automaticStandfirst, excerptText, itemDate, oldPathsOf } from "./wordpress-mapping.js";
import { expandShortcodes } from "./shortcodes.js";
import { emptyItem, type WxrItem } from "./wxr-reader.js";

const post = (fields: Partial<WxrItem>): WxrItem => ({
  ...emptyItem(),
  id: 18,
  type: "post",
  status: "publish",
  title: "Hôpital de jour",
  slug: "hopital-de-jour",
  creator: "camille",
  ...fields,
});

describe("a WordPress post's old addresses", () => {
  it("are dated by the site's own clock, as WordPress builds its permalinks, not by UTC", () => {
    // Written at half past midnight in Paris: 23:30 the day before in UTC.
    const item = post({ date: "2026-02-14 00:30:00", dateGmt: "2026-02-13 23:30:00" });
    const paths = oldPathsOf(item, { blogPath: "", wpSlug: item.slug, date: itemDate(item), structure: "/%year%/%monthnum%/%day%/%hour%/%postname%/", category: "" });
    expect(paths).toEqual(expect.arrayContaining(["/2026/02/14/hopital-de-jour", "/2026/02/hopital-de-jour", "/2026/02/14/00/hopital-de-jour"]));
    expect(paths.filter((p) => p.includes("/13/") || p.includes("/23/"))).toEqual([]);
  });

  it("include an episode's sound file in the old uploads folder", () => {
    const item = post({ slug: "episode-1", date: "2026-03-24 07:00:00", dateGmt: "2026-03-24 06:00:00" });
    const paths = oldPathsOf(item, { blogPath: "/blog", wpSlug: item.slug, date: itemDate(item), structure: null, category: "", sound: "2026/03/episode-01.mp3" });
    expect(paths).toContain("/blog/wp-content/uploads/2026/03/episode-01.mp3");
  });
});

describe("a standfirst made when a post has no excerpt", () => {
  it("leaves out image captions, as WordPress's automatic excerpt does", () => {
    const block = `<p>Trois mois plus tard.</p><figure class="wp-block-image"><img src="/a.jpg" alt=""/><figcaption class="wp-element-caption">Le premier matin.</figcaption></figure><p>Malik fait le point.</p>`;
    expect(automaticStandfirst(excerptText(block))).toBe("Trois mois plus tard. Malik fait le point.");
    const classic = expandShortcodes(`Avant. [caption id="attachment_4" width="640"]<img src="/a.jpg" alt="" /> La salle.[/caption] Après.`, { attachmentImage: () => null, childImages: () => [], isEnclosure: () => false, warn: () => {} });
    expect(automaticStandfirst(excerptText(classic))).toBe("Avant. Après.");
  });
});
