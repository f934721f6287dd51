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
    const html = await (await this.get(pathname)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`pas de jeton sur ${pathname}`);
    return token;
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

  /** Posts the contribution form as a browser does: multipart, the file in the `audio` field. */
  async contribute(fields: Record<string, string | string[]>, file?: { bytes: Buffer; name: string; type: string }): Promise<{ res: Response; html: string; receipt: string }> {
    const form = new FormData();
    // A form with a file carries its token in the action's query string, checked before the body is read.
    const token = await this.token("/temoigner");
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
    form.append("audio", new Blob([new Uint8Array(file?.bytes ?? Buffer.alloc(0))], { type: file?.type ?? "application/octet-stream" }), file?.name ?? "");
    const action = `${this.base}/temoigner?_csrf=${encodeURIComponent(token)}`;
    const res = this.keep(await fetch(action, { method: "POST", headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip }, body: form, redirect: "manual" }));
    const html = await res.text();
    return { res, html, receipt: RECEIPT.exec(html)?.[1] ?? "" };
  }

  async openFollowUp(receipt: string): Promise<void> {
    const res = await this.post("/suivi", "/suivi", { receipt });
    if (res.status !== 303) throw new Error(`reçu refusé (${res.status})`);
  }
}
