import { describe, expect, it } from "vitest";
import { automaticStandfirst, excerptText, expandReusableBlocks, itemDate, oldPathsOf, oldSoundPath, siteClockOf, termSlugOf } from "./wordpress-mapping.js";
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

describe("a standfirst made when a post has no excerpt, from a table", () => {
  it("keeps the cells' words apart (the block editor writes them with no space between)", () => {
    const table = `<p>The winter schedule.</p><figure class="wp-block-table"><table><thead><tr><th>Day</th><th>Group</th></tr></thead><tbody><tr><td>Monday</td><td>Newcomers</td></tr></tbody></table></figure>`;
    expect(automaticStandfirst(excerptText(table))).toBe("The winter schedule. Day Group Monday Newcomers");
  });
});

describe("a reusable block in a post", () => {
  const blocks = new Map([
    [12, "<!-- wp:paragraph -->\n<p>Call 555-0199.</p>\n<!-- /wp:paragraph -->"],
    [13, '<p>Before.</p><!-- wp:block {"ref":12} /--><!-- wp:block {"ref":13} /-->'],
  ]);

  it("is replaced by the block's own content, as WordPress shows it", () => {
    expect(expandReusableBlocks('<p>Hello.</p>\n\n<!-- wp:block {"ref":12} /-->', blocks)).toBe("<p>Hello.</p>\n\n<!-- wp:paragraph -->\n<p>Call 555-0199.</p>\n<!-- /wp:paragraph -->");
  });

  it("is expanded inside another one, never into itself, and shows nothing when the block is not in the export", () => {
    expect(expandReusableBlocks('<!-- wp:block {"ref":13} /-->', blocks)).toBe("<p>Before.</p><!-- wp:paragraph -->\n<p>Call 555-0199.</p>\n<!-- /wp:paragraph -->");
    expect(expandReusableBlocks('<p>A</p><!-- wp:block {"ref":99} /--><p>B</p>', blocks)).toBe("<p>A</p><p>B</p>");
  });
});

describe("the slug of a category or tag here", () => {
  it("is WordPress's own, read without accents", () => {
    expect(termSlugOf("cafe-rencontre", "café-rencontre")).toBe("cafe-rencontre");
    expect(termSlugOf("%f0%9f%8c%b1-renouveau", "🌱 renouveau")).toBe("renouveau");
  });

  it("is its own for a name in another script (two Greek tags never become one keyword « sans-titre »)", () => {
    const hope = termSlugOf("%ce%b5%ce%bb%cf%80%ce%af%ce%b4%ce%b1", "Ελπίδα");
    const courage = termSlugOf("%ce%b8%ce%ac%cf%81%cf%81%ce%bf%cf%82", "Θάρρος");
    expect(hope).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(hope).not.toBe(courage);
    expect([hope, courage]).not.toContain("sans-titre");
    expect(termSlugOf("%ce%b5%ce%bb%cf%80%ce%af%ce%b4%ce%b1", "Ελπίδα")).toBe(hope);
  });
});

describe("the date of a draft, which WordPress exports without its UTC date", () => {
  // A site in Montreal: UTC-5 in winter, UTC-4 from the second Sunday of March.
  const clock = siteClockOf([
    { date: "2026-02-03 21:30:00", dateGmt: "2026-02-04 02:30:00" },
    { date: "2026-03-24 06:00:00", dateGmt: "2026-03-24 10:00:00" },
    { date: "2026-03-26 14:00:00", dateGmt: "0000-00-00 00:00:00" },
  ]);

  it("is read by the site's own clock, as its dated items show it, not as Paris time", () => {
    expect(itemDate({ date: "2026-03-25 14:00:00", dateGmt: "0000-00-00 00:00:00" }, clock)).toBe("2026-03-25T18:00:00.000Z");
    expect(itemDate({ date: "2026-02-01 14:00:00", dateGmt: "0000-00-00 00:00:00" }, clock)).toBe("2026-02-01T19:00:00.000Z");
  });

  it("is read as Paris time when no item says the site's clock", () => {
    expect(itemDate({ date: "2026-03-25 14:00:00", dateGmt: "0000-00-00 00:00:00" }, siteClockOf([]))).toBe("2026-03-25T13:00:00.000Z");
  });
});

describe("a standfirst made from a post with a « more » tag", () => {
  it("is the teaser before it, as WordPress's listings show the post", () => {
    const html = "<!-- wp:paragraph -->\n<p>Day one I cleaned.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->\n<p>By day five I called.</p>\n<!-- /wp:paragraph -->";
    expect(automaticStandfirst(excerptText(html))).toBe("Day one I cleaned.");
    expect(automaticStandfirst(excerptText("Before.<!--more Read on-->After."))).toBe("Before.");
  });
});

describe("the old address of an episode's sound", () => {
  const hosts = new Set(["open-door-peers.example"]);

  it("is the old site's uploads file, whether or not the file came with the uploads (a missing one leads to the episode waiting for it)", () => {
    expect(oldSoundPath("https://open-door-peers.example/blog/wp-content/uploads/2026/03/episode-2.mp3", hosts)).toBe("2026/03/episode-2.mp3");
    expect(oldSoundPath("http://open-door-peers.example/blog/wp-content/uploads/2026/03/episode-2.mp3", hosts)).toBe("2026/03/episode-2.mp3");
  });

  it("is none for a sound another host served", () => {
    expect(oldSoundPath("https://podcasts.example/wp-content/uploads/episode-3.mp3", hosts)).toBeNull();
  });
});
