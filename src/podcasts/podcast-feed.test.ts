import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { itunesDuration, parseMailbox, podcastGuid, uuidV5 } from "./podcast-feed.js";

describe("podcast feed helpers", () => {
  it("computes UUIDv5 like Python's uuid module, and podcast:guid from the address without its scheme", () => {
    const python = (name: string) =>
      execFileSync("python3", ["-c", "import sys,uuid;print(uuid.uuid5(uuid.UUID('ead4c236-bf58-58c6-a2c6-a6b28d128cb6'),sys.argv[1]))", name]).toString().trim();
    for (const name of ["podcastindex.org/namespace/1.0", "exemple.fr/podcast.xml", "entre-pairs.fr/series/parentalité/podcast.xml"]) {
      expect(uuidV5(name, "ead4c236-bf58-58c6-a2c6-a6b28d128cb6")).toBe(python(name));
    }
    expect(podcastGuid("https://exemple.fr/podcast.xml/")).toBe(python("exemple.fr/podcast.xml"));
  });

  it("writes durations as HH:MM:SS and reads the owner from MAIL_FROM", () => {
    expect(itunesDuration(8_000)).toBe("00:00:08");
    expect(itunesDuration(3_723_600)).toBe("01:02:04");
    expect(parseMailbox("Entre Pairs <bonjour@exemple.fr>", "x")).toEqual({ name: "Entre Pairs", email: "bonjour@exemple.fr" });
    expect(parseMailbox("bonjour@exemple.fr", "Entre Pairs")).toEqual({ name: "Entre Pairs", email: "bonjour@exemple.fr" });
  });
});
