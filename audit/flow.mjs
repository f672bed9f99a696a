// Lighthouse on a page whose player is running: open the page, press Start, let the countdown
// run, then take a Lighthouse snapshot (accessibility, best practices and SEO of what is on
// screen). Called by audit/runners.py:
//   node flow.mjs URL OUTPUT CHROMIUM START_SELECTOR SECONDS FLAGS_JSON
import fs from "node:fs";
import puppeteer from "puppeteer-core";
import { startFlow } from "lighthouse";

const [url, output, chromium, start, seconds, flags] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: JSON.parse(flags) });
try {
  const page = await browser.newPage();
  const flow = await startFlow(page, {
    config: { extends: "lighthouse:default", settings: { onlyCategories: ["accessibility", "best-practices", "seo"] } },
  });
  await flow.navigate(url, { name: "page" });
  await page.click(start);
  await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
  const running = await page.$eval('[role="timer"]', (timer) => timer.closest(".oa-player__active") && !timer.closest("[hidden]"));
  if (!running) throw new Error("the player did not start");
  await flow.snapshot({ name: "player running" });
  const result = await flow.createFlowResult();
  fs.writeFileSync(output, JSON.stringify(result.steps[1].lhr));
} finally {
  await browser.close();
}
