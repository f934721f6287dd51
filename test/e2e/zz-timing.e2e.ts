import { it } from "vitest";
import { launchChromium, runAxe, validateHtml, newContext } from "./pages/harness.js";
import { startTestApp } from "../support/test-app.js";
it("times", async () => {
const t0 = Date.now(); const lap = (l: string) => console.log(l, Date.now() - t0);
const t = await startTestApp({ dialect: "sqlite", demo: true }); lap("app");
const b = await launchChromium(); lap("chromium");
for (const p of ["/", "/temoignages", "/aide"]) {
  const ctx = await newContext(b); const page = await ctx.newPage(); lap("ctx");
  const r = await page.goto(t.url + p); lap("goto " + p);
  await page.waitForLoadState("load"); lap("load");
  const html = await r!.text(); lap("text");
  const v = await runAxe(page); lap("axe " + v.length);
  const e = await validateHtml(html); lap("validate " + e.length);
  await ctx.close(); lap("close");
}
await b.close(); await t.close();
});
