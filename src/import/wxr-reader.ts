import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { Params } from "../platform/i18n/translate.js";

/**
 * Reads a WordPress export (WXR 1.1 or 1.2, as Tools → Export writes it) as a stream, one item at
 * a time, so memory stays bounded whatever the file's size. The XML parser is non-validating and
 * never expands entities: a DOCTYPE (the only way to declare an entity, external or recursive) is
 * refused outright, so XXE and "billion laughs" files stop at their first line with a clear error.
 * Bytes are decoded strictly in the declared encoding (UTF-8 unless said otherwise): a file that
 * is not what it declares is refused, never read as mojibake.
 */

/** Why an export is not read: a catalogue key and its values, said in the reader's language (the run's page, the command line); the message, in English, is for the log. */
export type WxrErrorKey =
  | "admin.import.failure.utf16"
  | "admin.import.failure.encoding"
  | "admin.import.failure.unreadableXml"
  | "admin.import.failure.doctype"
  | "admin.import.failure.tooLarge"
  | "admin.import.failure.empty"
  | "admin.import.failure.invalidBytes"
  | "admin.import.failure.notWxr";

export class WxrError extends Error {
  constructor(
    message: string,
    readonly key: WxrErrorKey,
    readonly values: Params = {},
  ) {
    super(message);
  }
}

export type WxrChannel = { title: string; link: string; language: string; wxrVersion: string; baseSiteUrl: string; baseBlogUrl: string };
export type WxrAuthor = { id: number | null; login: string; email: string; displayName: string; firstName: string; lastName: string };
export type WxrTerm = { id: number | null; taxonomy: string; slug: string; name: string; parent: string; description: string };
export type WxrItemTerm = { domain: string; slug: string; name: string };

export type WxrItem = {
  id: number;
  type: string;
  status: string;
  title: string;
  /** The address the item had on the site (its permalink). */
  link: string;
  slug: string;
  content: string;
  excerpt: string;
  creator: string;
  /** "YYYY-MM-DD HH:MM:SS"; the GMT one is "0000-00-00 00:00:00" for drafts. */
  date: string;
  dateGmt: string;
  parent: number;
  menuOrder: number;
  attachmentUrl: string;
  hasPassword: boolean;
  terms: WxrItemTerm[];
  meta: Array<{ key: string; value: string }>;
  /** Comments as the site showed them (approved), and every one in the file. */
  approvedComments: number;
  /** Set when a field was larger than the reader keeps (the item is then skipped). */
  oversized: boolean;
};

export type WxrHandlers = {
  author?(author: WxrAuthor): void | Promise<void>;
  term?(term: WxrTerm): void | Promise<void>;
  item?(item: WxrItem): void | Promise<void>;
};

/** The largest export read (WordPress writes one file for the whole site). */
export const MAX_WXR_BYTES = 100 * 1024 * 1024;
/** The largest single field kept (a post's HTML); a larger one skips its item. */
export const MAX_FIELD_CHARS = 4 * 1024 * 1024;

const ENCODINGS: Record<string, string> = { "utf-8": "utf-8", utf8: "utf-8", "iso-8859-1": "windows-1252", latin1: "windows-1252", "windows-1252": "windows-1252", "iso-8859-15": "iso-8859-15" };

/** The encoding an XML declaration names (UTF-8 when none), or an error for one we do not read. */
export function declaredEncoding(head: Buffer): string {
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) {
    throw new WxrError("the export is in UTF-16", "admin.import.failure.utf16");
  }
  const text = head.subarray(0, 200).toString("latin1");
  const match = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  const name = (match?.[1] ?? "utf-8").toLowerCase();
  const label = ENCODINGS[name];
  if (!label) throw new WxrError(`unsupported encoding ${name}`, "admin.import.failure.encoding", { name });
  return label;
}

/** An item with every field empty, as the reader starts each one (tests build theirs from it too). */
export const emptyItem = (): WxrItem => ({
  id: 0,
  type: "",
  status: "",
  title: "",
  link: "",
  slug: "",
  content: "",
  excerpt: "",
  creator: "",
  date: "",
  dateGmt: "",
  parent: 0,
  menuOrder: 0,
  attachmentUrl: "",
  hasPassword: false,
  terms: [],
  meta: [],
  approvedComments: 0,
  oversized: false,
});

const toInt = (text: string): number => (/^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : 0);

/**
 * Streams the export through the handlers (awaited in file order) and returns its channel.
 * @throws WxrError (a catalogue key and its values) for anything that is not a readable WordPress export.
 */
export async function readWxr(source: AsyncIterable<Buffer>, handlers: WxrHandlers, opts: { maxBytes?: number } = {}): Promise<WxrChannel> {
  const maxBytes = opts.maxBytes ?? MAX_WXR_BYTES;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const channel: WxrChannel = { title: "", link: "", language: "", wxrVersion: "", baseSiteUrl: "", baseBlogUrl: "" };
  const stack: string[] = [];
  const queue: Array<() => void | Promise<void>> = [];
  let failure: WxrError | null = null;
  let text = "";
  let textTooLong = false;
  let item: WxrItem | null = null;
  let author: WxrAuthor | null = null;
  let term: WxrTerm | null = null;
  let itemTerm: WxrItemTerm | null = null;
  let meta: { key: string; value: string } | null = null;
  let comment: { approved: boolean; type: string } | null = null;
  let sawRss = false;

  const fail = (error: WxrError) => {
    if (!failure) failure = error;
  };
  // The parser's own words (English) go to the log; the reader gets the line and column.
  parser.on("error", (err) => fail(new WxrError(`unreadable XML: ${err.message}`, "admin.import.failure.unreadableXml", { line: parser.line, column: parser.column })));
  // No DOCTYPE, hence no entity declaration of any kind: WordPress never writes one.
  parser.on("doctype", () => fail(new WxrError(`DOCTYPE at line ${parser.line}`, "admin.import.failure.doctype", { line: parser.line })));
  const onText = (chunk: string) => {
    if (textTooLong) return;
    if (text.length + chunk.length > MAX_FIELD_CHARS) {
      textTooLong = true;
      text = "";
      if (item) item.oversized = true;
      return;
    }
    text += chunk;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = tag.name;
    const parent = stack[stack.length - 1];
    stack.push(name);
    text = "";
    textTooLong = false;
    if (name === "rss") sawRss = true;
    else if (name === "item" && parent === "channel") item = emptyItem();
    else if (name === "wp:author" && parent === "channel") author = { id: null, login: "", email: "", displayName: "", firstName: "", lastName: "" };
    else if ((name === "wp:category" || name === "wp:tag" || name === "wp:term") && parent === "channel") {
      term = { id: null, taxonomy: name === "wp:category" ? "category" : name === "wp:tag" ? "post_tag" : "", slug: "", name: "", parent: "", description: "" };
    } else if (name === "category" && item && parent === "item") {
      itemTerm = { domain: String(tag.attributes.domain ?? ""), slug: String(tag.attributes.nicename ?? ""), name: "" };
    } else if (name === "wp:postmeta" && item) meta = { key: "", value: "" };
    else if (name === "wp:comment" && item) comment = { approved: false, type: "" };
  });
  parser.on("closetag", () => {
    const name = stack.pop() ?? "";
    const parent = stack[stack.length - 1] ?? "";
    const value = text;
    text = "";
    if (comment) {
      if (name === "wp:comment_approved") comment.approved = value.trim() === "1";
      else if (name === "wp:comment_type") comment.type = value.trim();
      else if (name === "wp:comment" && item) {
        // Pingbacks and trackbacks are not what readers call comments.
        if (comment.approved && (comment.type === "" || comment.type === "comment")) item.approvedComments++;
        comment = null;
      }
      return;
    }
    if (meta) {
      if (name === "wp:meta_key") meta.key = value.trim();
      else if (name === "wp:meta_value") meta.value = value;
      else if (name === "wp:postmeta" && item) {
        item.meta.push(meta);
        meta = null;
      }
      return;
    }
    if (itemTerm && name === "category") {
      itemTerm.name = value.trim();
      item?.terms.push(itemTerm);
      itemTerm = null;
      return;
    }
    if (item) {
      if (name === "item") {
        const done = item;
        item = null;
        queue.push(() => handlers.item?.(done));
        return;
      }
      if (parent !== "item") return;
      const it: WxrItem = item;
      switch (name) {
        case "title":
          it.title = value.trim();
          break;
        case "link":
          it.link = value.trim();
          break;
        case "dc:creator":
          it.creator = value.trim();
          break;
        case "content:encoded":
          it.content = value;
          break;
        case "excerpt:encoded":
          it.excerpt = value;
          break;
        case "wp:post_id":
          it.id = toInt(value);
          break;
        case "wp:post_date":
          it.date = value.trim();
          break;
        case "wp:post_date_gmt":
          it.dateGmt = value.trim();
          break;
        case "wp:post_name":
          it.slug = value.trim();
          break;
        case "wp:status":
          it.status = value.trim();
          break;
        case "wp:post_parent":
          it.parent = toInt(value);
          break;
        case "wp:menu_order":
          it.menuOrder = toInt(value);
          break;
        case "wp:post_type":
          it.type = value.trim();
          break;
        case "wp:post_password":
          it.hasPassword = value.trim() !== "";
          break;
        case "wp:attachment_url":
          it.attachmentUrl = value.trim();
          break;
      }
      return;
    }
    if (author) {
      if (name === "wp:author") {
        const done = author;
        author = null;
        queue.push(() => handlers.author?.(done));
      } else if (name === "wp:author_id") author.id = toInt(value);
      else if (name === "wp:author_login") author.login = value.trim();
      else if (name === "wp:author_email") author.email = value.trim();
      else if (name === "wp:author_display_name") author.displayName = value.trim();
      else if (name === "wp:author_first_name") author.firstName = value.trim();
      else if (name === "wp:author_last_name") author.lastName = value.trim();
      return;
    }
    if (term) {
      if (name === "wp:category" || name === "wp:tag" || name === "wp:term") {
        const done = term;
        term = null;
        queue.push(() => handlers.term?.(done));
      } else if (name === "wp:term_id") term.id = toInt(value);
      else if (name === "wp:category_nicename" || name === "wp:tag_slug" || name === "wp:term_slug") term.slug = value.trim();
      else if (name === "wp:cat_name" || name === "wp:tag_name" || name === "wp:term_name") term.name = value.trim();
      else if (name === "wp:category_parent" || name === "wp:term_parent") term.parent = value.trim();
      else if (name === "wp:category_description" || name === "wp:tag_description" || name === "wp:term_description") term.description = value.trim();
      else if (name === "wp:term_taxonomy") term.taxonomy = value.trim();
      return;
    }
    if (parent === "channel") {
      if (name === "title") channel.title = value.trim();
      else if (name === "link") channel.link = value.trim();
      else if (name === "language") channel.language = value.trim();
      else if (name === "wp:wxr_version") channel.wxrVersion = value.trim();
      else if (name === "wp:base_site_url") channel.baseSiteUrl = value.trim();
      else if (name === "wp:base_blog_url") channel.baseBlogUrl = value.trim();
    }
  });

  let bytes = 0;
  let decoder: TextDecoder | null = null;
  const drain = async () => {
    if (failure) throw failure;
    while (queue.length > 0) await (queue.shift() as () => void | Promise<void>)();
  };
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new WxrError(`export over ${maxBytes} bytes`, "admin.import.failure.tooLarge", { megabytes: Math.round(maxBytes / (1024 * 1024)) });
      if (!decoder) decoder = new TextDecoder(declaredEncoding(chunk), { fatal: true });
      parser.write(decoder.decode(chunk, { stream: true }));
      await drain();
    }
    if (!decoder || bytes === 0) throw new WxrError("empty export", "admin.import.failure.empty");
    parser.write(decoder.decode());
    parser.close();
    await drain();
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") {
      throw new WxrError(`bytes invalid in the declared encoding near line ${parser.line}`, "admin.import.failure.invalidBytes", { line: parser.line });
    }
    throw error;
  }
  if (!sawRss || !/^1\.[0-2]$/.test(channel.wxrVersion)) {
    throw new WxrError("not a WXR 1.1 or 1.2 export", "admin.import.failure.notWxr");
  }
  return channel;
}
