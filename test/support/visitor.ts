const RECEIPT = /<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})<\/strong>/;

let addresses = 0;

/** A person's browser with an address of its own (the app trusts the proxy header here), posting real multipart forms. */
export class Visitor {
  private cookies = new Map<string, string>();
  readonly ip = `10.61.${Math.floor(++addresses / 250)}.${addresses % 250}`;

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (/Max-Age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  async get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await fetch(this.base + pathname, { headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip, ...headers }, redirect: "manual" }));
  }

  async token(pathname: string): Promise<string> {
    return (await this.tokens(pathname)).csrf;
  }

  /** The CSRF token of a page's form, and its one-time form token when it has one (the contribution form). */
  async tokens(pathname: string): Promise<{ csrf: string; formToken: string | null }> {
    const html = await (await this.get(pathname)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!csrf) throw new Error(`pas de jeton sur ${pathname}`);
    return { csrf, formToken: /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? null };
  }

  async post(formPage: string, action: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams({ _csrf: await this.token(formPage) });
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.keep(
      await fetch(this.base + action, {
        method: "POST",
        headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip, "content-type": "application/x-www-form-urlencoded" },
        body,
        redirect: "manual",
      }),
    );
  }

  /**
   * Posts a contribution form as a browser does (multipart, the file in the `audio` field) and
   * follows the redirect to the receipt page. `action` is /temoigner, or /suivi/modifier for a draft.
   */
  async contribute(
    fields: Record<string, string | string[]>,
    file?: { bytes: Buffer; name: string; type: string },
    action = "/temoigner",
    formPage = action,
  ): Promise<{ res: Response; html: string; receipt: string }> {
    const { csrf, formToken } = await this.tokens(formPage);
    const form = new FormData();
    if (formToken) form.append("formToken", formToken);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
    form.append("audio", new Blob([new Uint8Array(file?.bytes ?? Buffer.alloc(0))], { type: file?.type ?? "application/octet-stream" }), file?.name ?? "");
    // A form with a file carries its token in the action's query string, checked before the body is read.
    const url = `${this.base}${action}${action.includes("?") ? "&" : "?"}_csrf=${encodeURIComponent(csrf)}`;
    const sent = this.keep(await fetch(url, { method: "POST", headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip }, body: form, redirect: "manual" }));
    const location = sent.status === 303 ? sent.headers.get("location") : null;
    const res = location ? await this.get(location) : sent;
    const html = await res.text();
    return { res, html, receipt: RECEIPT.exec(html)?.[1] ?? "" };
  }

  async openFollowUp(receipt: string): Promise<void> {
    // A browser that follows a contribution already is sent on from /suivi: the CSRF token of any form will do.
    const res = await this.post("/contact", "/suivi", { receipt });
    if (res.status !== 303) throw new Error(`reçu refusé (${res.status})`);
  }
}
