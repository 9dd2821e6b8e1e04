// Import figures in the browser, printed, not judged: an admin of the demo server imports a
// CSV file of N participants (default 10,000; every 50th row names an unknown coach) through
// the Enrolment page in headless Chromium:
//   preview  the page's own "read and checked in N ms" (parse + every row's verdict, in WASM),
//            and the wall time from handing the file to the preview on screen;
//   apply    the page's own "in X s" (Apply to every op applied, queued and stored once) and the
//            longest main-thread task the browser reported meanwhile;
//   sync     from Apply until the server has every op (pushes of 500), and the longest task meanwhile.
// --runs N repeats it on a fresh server each time and prints the medians.
// Needs the builds (build/native/server/pathways-server, build/wasm/web); builds nothing.
//   node tools/bench/import_web_bench.mjs [--rows N] [--runs N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { click, find, items, launch, openApp, signIn, startServer, status, waitFor } from '../../tests/e2e/lib.mjs';

const argv = process.argv.slice(2);
const rows = argv.includes('--rows') ? Number(argv[argv.indexOf('--rows') + 1]) : 10000;
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 1;
let server;
const hardStop = setTimeout(() => { console.log('import_web_bench: time limit reached'); if (server) server.stop(true); process.exit(2); }, 600000 * runs);

const cohorts = ['"Acme Leaders, spring"', '"Acme Leaders, autumn"', 'Acme Sales managers', 'Globex new managers'];
let csv = '\ufeffname,email,coach email,cohort\r\n';
for (let i = 0; i < rows; ++i) {
  const coach = i % 50 === 49 ? 'nobody@demo.test' : `coach${i % 3 + 1}@demo.test`;
  csv += `"Zoë Bench, ${i}",bench${i}@demo.test,${coach},${cohorts[i % 4]}\r\n`;
}
const dir = mkdtempSync(path.join(tmpdir(), 'pathways-import-bench-'));
const file = path.join(dir, `bench-${rows}.csv`);
writeFileSync(file, csv);

// One import from a fresh demo server: the figures of one run.
async function run() {
  server = await startServer();
  const browser = await launch();
  const f = {};
  try {
    const { page } = await openApp(browser, server.url);
    await signIn(page, 'admin@demo.test', 'demo-admin');
    await click(page, 'Enrolment', 'button');
    await find(page, 'Import CSV', 'heading');
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const chooser = page.waitForEvent('filechooser');
    await click(page, 'Choose CSV file…', 'button');
    const t0 = Date.now();
    await (await chooser).setFiles(file);
    const heading = await find(page, /^\d+ to enrol, \d+ refused$/, 'heading', 120000);
    f.previewWall = Date.now() - t0;
    const took = (await items(page)).find((i) => / read and checked in \d+ ms$/.test(i.label));
    f.previewPage = took ? Number(took.label.match(/in (\d+) ms$/)[1]) : NaN;
    f.previewLongest = await page.evaluate(() => window.__longest);
    console.log(`rows ${rows} (${(csv.length / 1024).toFixed(0)} KiB): ${heading.label}`);
    console.log(`preview: ${f.previewPage} ms in the page (parse + verdicts, from the file's arrival to the last row judged); ` +
                `${f.previewWall} ms from the file to the preview on screen; longest task ${f.previewLongest.toFixed(0)} ms`);

    await page.evaluate(() => { window.__longest = 0; });
    const t1 = Date.now();
    await click(page, /^Apply \d+ rows$/, 'button');
    const done = await find(page, /^Enrolled \d+ participants/, 'message', 120000);
    f.applyWall = Date.now() - t1;
    f.applyPage = Number(done.label.match(/in ([\d.]+) s\./)[1]) * 1000;
    f.applyLongest = await page.evaluate(() => window.__longest);
    console.log(`apply: ${f.applyPage.toFixed(0)} ms in the page (Apply pressed to every op queued and stored); ${f.applyWall} ms ` +
                `to the result on screen; longest task ${f.applyLongest.toFixed(0)} ms`);
    await page.evaluate(() => { window.__longest = 0; });
    await waitFor('every op sent', async () => (await status(page)).pending === 0, 400000);
    f.syncS = (Date.now() - t1) / 1000;
    f.syncLongest = await page.evaluate(() => window.__longest);
    console.log(`sync: ${f.syncS.toFixed(1)} s from Apply until the server has every op; longest task while sending ` +
                `${f.syncLongest.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await server.stop();
    server = undefined;
  }
  return f;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${runs} run(s)`);
  const all = [];
  for (let i = 0; i < runs; ++i) all.push(await run());
  if (runs > 1) {
    const m = (key, digits = 0) => median(all.map((f) => f[key])).toFixed(digits);
    const each = (key, digits = 0) => all.map((f) => f[key].toFixed(digits)).join(' / ');
    console.log(`medians of ${runs}:`);
    console.log(`  preview ${m('previewPage')} ms in the page (${each('previewPage')}), ${m('previewWall')} ms on screen ` +
                `(${each('previewWall')}), longest task ${m('previewLongest')} ms (${each('previewLongest')})`);
    console.log(`  apply ${m('applyPage')} ms in the page (${each('applyPage')}), ${m('applyWall')} ms on screen ` +
                `(${each('applyWall')}), longest task ${m('applyLongest')} ms (${each('applyLongest')})`);
    console.log(`  sync ${m('syncS', 1)} s (${each('syncS', 1)}), longest task ${m('syncLongest')} ms (${each('syncLongest')})`);
  }
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(hardStop);
}
