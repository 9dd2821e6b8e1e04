// Web client figures, printed, not judged:
//   gzip size of app.wasm + app.js + app.data (fonts); first frame after navigation;
//   CPU time per frame of the cohort grid and of the Reports page with 10,000 participants x
//   12 sessions;
//   time to apply a local op and redraw.
// Needs the builds (build/native/server/pathways-server, build/wasm/web); builds nothing.
//   node tools/bench/web_bench.mjs [--participants N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { click, launch, openApp, root, settled, signIn, startServer } from '../../tests/e2e/lib.mjs';

const clickByLabel = (page, label) => click(page, label, 'button');

const argv = process.argv.slice(2);
const participants = argv.includes('--participants') ? Number(argv[argv.indexOf('--participants') + 1]) : 10000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let server;
const hardStop = setTimeout(() => { console.log('web_bench: time limit reached'); if (server) server.stop(true); process.exit(2); }, 180000);

const web = path.join(root, 'build/wasm/web');
let total = 0;
for (const file of ['app.wasm', 'app.js', 'app.data']) {
  const raw = readFileSync(path.join(web, file));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${file.padEnd(9)} ${(raw.length / 1024).toFixed(0).padStart(6)} KiB raw, ${(gz / 1024).toFixed(0).padStart(5)} KiB gzip`);
}
console.log(`download  ${(total / 1024).toFixed(0)} KiB gzip in total (app.wasm + app.js + fonts)`);

server = await startServer();
const browser = await launch();
try {
  // First frame: from navigation start to the client's 'pathways:first-frame' event, median of 3 cold loads.
  const firsts = [];
  for (let i = 0; i < 3; ++i) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => window.addEventListener('pathways:first-frame', () => { window.__firstFrame = performance.now(); }));
    await page.goto(server.url + '/');
    await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 20000 });
    firsts.push(await page.evaluate(() => window.__firstFrame));
    await context.close();
  }
  console.log(`first frame ${median(firsts).toFixed(0)} ms after navigation (median of 3 cold loads: ${firsts.map((x) => x.toFixed(0)).join(', ')})`);

  const { page, context } = await openApp(browser, server.url, { timezoneId: 'UTC' });
  page.on('console', (m) => { if (m.text().startsWith('applyLocalOp')) console.log('  ' + m.text()); });
  await signIn(page, 'admin@demo.test', 'demo-admin');
  const loadMs = await page.evaluate((n) => window.pathways.debug.loadSynthetic(n), participants);
  await settled(page);
  console.log(`synthetic state: ${participants} participants x 12 sessions built in ${loadMs.toFixed(0)} ms`);

  // CPU per frame: main-thread task time (and the script/WASM part of it) over the frames
  // drawn while the pointer moves (and, for the grid, the wheel scrolls).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
  const frames = () => page.evaluate(() => window.pathways.test.frames());
  async function perFrame(scroll) {
    await page.mouse.move(700, 500);
    await settled(page);
    const f0 = await frames();
    const t0 = await metric('TaskDuration');
    const s0 = await metric('ScriptDuration');
    for (let i = 0; i < 60; ++i) {
      await page.mouse.move(400 + (i % 20) * 30, 420 + (i % 10) * 25);
      if (scroll) await page.mouse.wheel(0, i % 2 ? 300 : -200);
      await page.waitForTimeout(16);
    }
    await settled(page);
    const count = (await frames()) - f0;
    return { task: ((await metric('TaskDuration')) - t0) * 1000 / count,
      script: ((await metric('ScriptDuration')) - s0) * 1000 / count, count };
  }
  const grid = await perFrame(true);
  console.log(`cohort grid ${participants}x12: ${grid.script.toFixed(2)} ms script/WASM per frame, ` +
    `${grid.task.toFixed(1)} ms main-thread task time per frame (${grid.count} frames while scrolling and hovering)`);
  // The Reports page over the same state (Pathways Wide: 10,000 rows, totals, the funnel):
  // the report is computed once when the page opens, then each frame only draws.
  await clickByLabel(page, 'Reports');
  await settled(page);
  const reports = await perFrame(true);
  console.log(`reports page (Pathways Wide) ${participants}x12: ${reports.script.toFixed(2)} ms script/WASM per frame, ` +
    `${reports.task.toFixed(1)} ms main-thread task time per frame (${reports.count} frames while scrolling and hovering)`);
  // The page scrolled with the wheel: back to the top, where the page tabs are.
  await page.mouse.wheel(0, -20000);
  await settled(page);
  await clickByLabel(page, 'Cohort grid');
  // The same canvas showing almost nothing: what the browser's own drawing of a frame costs
  // here (with a software GL renderer it is most of the task time, and grows with the canvas).
  await clickByLabel(page, 'This browser');
  const idle = await perFrame(false);
  console.log(`  for comparison, a near-empty view on the same canvas: ${idle.script.toFixed(2)} ms script/WASM, ` +
    `${idle.task.toFixed(1)} ms main-thread task time per frame (${idle.count} frames)`);
  await clickByLabel(page, 'Cohort grid');

  // Apply a local op (Mark Completed through the sync engine) and wait for the frame that shows it.
  const times = [];
  const applies = [];
  const scripts = [];
  for (let i = 0; i < 20; ++i) {
    const s0 = await metric('ScriptDuration');
    const r = await page.evaluate(() => new Promise((resolve) => {
      const f = window.pathways.test.frames();
      const start = performance.now();
      const apply = window.pathways.debug.applyLocalOp();
      const check = () => (window.pathways.test.frames() > f ? resolve([performance.now() - start, apply]) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    }));
    scripts.push(((await metric('ScriptDuration')) - s0) * 1000);
    times.push(r[0]);
    applies.push(r[1]);
    await settled(page);
  }
  if (applies.some((x) => x < 0)) console.log('note: some local ops were refused by the core');
  console.log(`local op: apply + queue ${median(applies).toFixed(2)} ms; apply + redraw ${median(scripts).toFixed(1)} ms ` +
    `script/WASM, ${median(times).toFixed(1)} ms wall time to the next drawn frame (median of 20)`);
  await context.close();
} finally {
  server.stop();
  await browser.close();
  clearTimeout(hardStop);
}
