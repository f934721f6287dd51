import { publicationRules } from "../../src/app.js";
import type { Viewer } from "../../src/platform/http/access.js";
import { createStory, type StoryInput } from "../../src/stories/story-editing.service.js";
import { changeStatus } from "../../src/stories/story-status.service.js";
import { createAccount, type TestApp } from "./test-app.js";

/** A story with nothing in it, for tests to fill in what they look at. */
export const BLANK_STORY: StoryInput = {
  title: "",
  slug: "",
  kind: "article",
  format: "single",
  standfirst: "",
  body: "",
  themeIds: [],
  seriesId: null,
  seriesPosition: null,
  credit: { kind: "pseudonym", name: "Ortie", age: null },
  contentNotes: [],
  coverImageId: null,
  coverAlt: "",
  isFeatured: false,
};

/** A new editor account, as the story services see the person acting. */
export async function editorViewer(t: TestApp): Promise<Viewer> {
  const email = await createAccount(t, "editor");
  const account = await t.deps.db.selectFrom("users").select(["id", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
  return { id: account.id, role: "editor", email, displayName: account.display_name };
}

/** What the editing services take, with the app's own publication rules (guards, parts, listeners). */
export const storyDeps = (t: TestApp) => ({ db: t.deps.db, clock: t.deps.clock, files: t.deps.files, ...publicationRules({ baseUrl: "http://127.0.0.1:3000" }) });

/** Creates a story as an editor would; it stays a draft. Returns its id. */
export async function draftStory(t: TestApp, editor: Viewer, input: Partial<StoryInput>): Promise<number> {
  const created = await createStory(storyDeps(t), editor, { ...BLANK_STORY, ...input });
  if (!created.ok) throw new Error(`témoignage non créé : ${JSON.stringify(created)}`);
  return created.id;
}

/** Creates a story and publishes it through the release door, as an editor would. Returns its id. */
export async function publishStory(t: TestApp, editor: Viewer, input: Partial<StoryInput>): Promise<number> {
  const id = await draftStory(t, editor, input);
  const result = await changeStatus(storyDeps(t), editor, id, "publish");
  if (!result.ok) throw new Error(`témoignage non publié : ${JSON.stringify(result)}`);
  return id;
}
