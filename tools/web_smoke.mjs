#!/usr/bin/env node
// Smoke test of the web client in headless Chromium: open the page, wait until the sign-in
// screen is drawn, save a screenshot, print what is on screen and how long it took.
//
//   node tools/web_smoke.mjs URL OUT.png
//
// Needs Debian's chromium and the npm package playwright-core (tools/setup installs both).
// Exits non-zero when the page does not show "Sign in" within 30 s, or logs page errors.
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node tools/web_smoke.mjs URL OUT.png');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader',
         '--use-angle=swiftshader'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  await page.goto(url);
  await page.waitForFunction(
    () => window.pathways?.test?.items().some((item) => item.label === 'Sign in'),
    null, { timeout: 30000 });

  const items = await page.evaluate(() => window.pathways.test.items());
  const firstFrameMs = await page.evaluate(() => window.pathways.firstFrameMs);
  await page.screenshot({ path: screenshot });

  console.log('items in the last frame:');
  for (const { label, kind, x, y, w, h } of items)
    console.log(`  ${kind.padEnd(9)} ${JSON.stringify(label).padEnd(60)} `
                + `at ${x.toFixed(0)},${y.toFixed(0)} size ${w.toFixed(0)}x${h.toFixed(0)}`);
  console.log(`navigation to first frame: ${firstFrameMs.toFixed(0)} ms`);
  console.log(`screenshot: ${screenshot}`);
  for (const problem of problems) console.log(problem);
  failed = problems.length > 0;
} catch (error) {
  console.error(`web_smoke: ${error.message}`);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
