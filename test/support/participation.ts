import { formFields } from "./forms.js";
import { Browser, type TestApp } from "./test-app.js";

/** Steps of the participation journey as people take them, over HTTP, shared by several tests. */

let addresses = 0;

/** A person's browser from an address of its own, so per-address rate limits see many people (the app must trust the proxy: TRUST_PROXY=on). */
export function personAt(url: string): Browser {
  addresses++;
  return new Browser(url, { "x-forwarded-for": `10.63.${Math.floor(addresses / 250)}.${addresses % 250}` });
}

export const RECEIPT_PATTERN = /<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})<\/strong>/;

/** Sends the contribution form and, as a browser does, follows the redirect to the page that shows the receipt once. */
export async function contribute(person: Browser, fields: Record<string, string | string[]>, formPage = "/temoigner") {
  const sent = await person.submit(formPage, "/temoigner", { creditKind: "anonymous", creditName: "", creditAge: "", channels: ["site"], consent: "1", action: "send", ...fields });
  const res = await person.follow(sent);
  const html = await res.text();
  return { sent, res, html, receipt: RECEIPT_PATTERN.exec(html)?.[1] ?? "" };
}

/** A recorded contribution, sent as a browser sends it (multipart, the file in the `audio` field). */
export async function contributeWithAudio(person: Browser, fields: Record<string, string>, file: { bytes: Buffer; name: string; type: string }) {
  const all = { format: "audio", disguise: "none", creditKind: "anonymous", creditName: "", creditAge: "", channels: "site", consent: "1", action: "send", ...fields };
  const res = await person.follow(await person.postMultipart("/temoigner", "/temoigner", all, { field: "audio", ...file }));
  const html = await res.text();
  return { res, html, receipt: RECEIPT_PATTERN.exec(html)?.[1] ?? "" };
}

export async function openFollowUp(person: Browser, receipt: string): Promise<void> {
  // A browser that follows a contribution already is sent on from /suivi: the CSRF token of any form will do.
  const res = await person.submit("/contact", "/suivi", { receipt });
  if (res.status !== 303) throw new Error(`reçu refusé (${res.status})`);
}

export async function submissionIdByTitle(t: TestApp, title: string): Promise<number> {
  return (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
}

/** The editor turns the contribution into a story, adds a standfirst, and sends that version to its author. */
export async function prepareAndSendForApproval(editor: Browser, submissionId: number, standfirst: string): Promise<number> {
  const drafted = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/brouillon`, {});
  const storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(drafted.headers.get("location") ?? "")?.[1]);
  if (!storyId) throw new Error(`brouillon refusé (${drafted.status})`);
  const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
  const saved = await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, { ...form, standfirst, action: "save" });
  if (saved.status !== 303) throw new Error(`enregistrement refusé (${saved.status})`);
  const sent = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/accord`, {});
  if (sent.status !== 303) throw new Error(`envoi pour accord refusé (${sent.status})`);
  return storyId;
}

/** The author approves the version waiting on their approval page. */
export async function approvePendingVersion(person: Browser): Promise<void> {
  const page = await person.getText("/suivi/version");
  const versionId = /name="versionId" value="(\d+)"/.exec(page.html)?.[1];
  if (!versionId) throw new Error("aucune version n'attend d'accord");
  const res = await person.submit("/suivi/version", "/suivi/approuver", { versionId });
  if (res.status !== 303) throw new Error(`accord refusé (${res.status})`);
}

export async function changeStoryStatus(editor: Browser, storyId: number, fields: Record<string, string>): Promise<Response> {
  return editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}/statut`, fields);
}
