// Helpers for the browser end-to-end tests: the real server on a free port, headless
// Chromium through playwright-core, and clicking real widgets through window.pathways.test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

// Polls `probe` until it returns a truthy value, at most `ms`; throws `what` otherwise.
export async function waitFor(what, probe, ms = 15000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try { last = await probe(); if (last) return last; } catch (e) { last = e; }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}` + (last instanceof Error ? `: ${last.message}` : ''));
}

// [SECTION] The server
// Options: `dir` (its database folder, kept at stop when given), `port` (default: a free
// one), `args` (more command-line options), `demo` (default true: seed the demo; false: an
// empty programme whose only user is the first admin, admin@localhost), `env` (more
// environment, e.g. PATHWAYS_ADMIN_PASSWORD). stop() resolves once the process has exited.
export async function startServer({ dir: keepDir, port = 0, args = [], demo = true, env = {} } = {}) {
  const dir = keepDir || mkdtempSync(path.join(tmpdir(), 'pathways-e2e-'));
  const binary = path.join(root, 'build/native/server/pathways-server');
  const child = spawn(binary, [...(demo ? ['--demo'] : []), '--port', String(port), '--db', path.join(dir, 'e2e.db'),
    '--web', path.join(root, 'build/wasm/web'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 20 s:\n' + output)), 20000);
    const read = (chunk) => {
      output += chunk.toString();
      const m = output.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${output}`)); });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    stop(now = false) {
      try { child.kill(now ? 'SIGKILL' : 'SIGTERM'); } catch {}
      setTimeout(() => { try { child.kill('SIGKILL'); } catch {} }, 2000).unref();
      if (!keepDir) try { rmSync(dir, { recursive: true, force: true }); } catch {}
      return exited;
    },
  };
}

// [SECTION] The server's API, for setting up and checking
export async function api(url, method, pathname, token, body) {
  const res = await fetch(url + pathname, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(10000),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
export async function apiLogin(url, email, password) {
  return (await api(url, 'POST', '/api/login', null, { email, password })).token;
}
// Everything the user may see, as maps by kind and id.
export async function apiWorld(url, token, clientId = 'e2e-probe-' + Math.random().toString(16).slice(2)) {
  const pull = await api(url, 'GET', `/api/sync/pull?client_id=${clientId}&since=0`, token);
  const world = { raw: pull };
  for (const c of pull.changes) {
    if (c.deleted) continue;
    (world[c.kind] ??= new Map()).set(c.id, c.data);
  }
  return world;
}

// [SECTION] The browser
export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, timeout: 20000 });
}

export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/New_York',
    ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => console.log('  [page error]', e.message));
  await page.goto(url + '/');
  await ready(page);
  return { context, page };
}

export async function ready(page) {
  await waitFor('the app to draw', () => page.evaluate(() => !!(window.pathways && window.pathways.test &&
    window.pathways.test.frames() > 0)), 20000);
  await settled(page);
}

export async function settled(page) {
  await page.evaluate(() => Promise.race([window.pathways.test.settled(), new Promise((r) => setTimeout(r, 3000))]));
}

export async function items(page) {
  await settled(page);
  return page.evaluate(() => window.pathways.test.items());
}
export async function status(page) { return page.evaluate(() => window.pathways.test.status()); }

// Finds a widget by label (string: exact; RegExp: test) and optional kind.
export async function find(page, label, kind, ms = 10000) {
  return waitFor(`widget "${label}"` + (kind ? ` (${kind})` : ''), async () => {
    const all = await items(page);
    return all.find((i) => (label instanceof RegExp ? label.test(i.label) : i.label === label) && (!kind || i.kind === kind));
  }, ms);
}
export async function clickItem(page, item) {
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
  await settled(page);
}
export async function click(page, label, kind) { await clickItem(page, await find(page, label, kind)); }
export async function typeInto(page, label, text) {
  await click(page, label, 'input');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  // Pasted, as a person might: one event instead of a frame per key under SwiftShader.
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await settled(page);
}

export async function signIn(page, email, password) {
  await typeInto(page, 'Email', email);
  await typeInto(page, 'Password', password);
  await click(page, 'Sign in', 'button');
  await waitFor('signed in', async () => (await status(page)).user);
  // The first sync brings the data.
  await waitFor('first sync', async () => (await status(page)).lastSync, 20000);
}

// The widget of `kind` on the same row as the text item `rowLabel` (nearest, same line).
export async function findOnRow(page, rowLabel, label, kind) {
  return waitFor(`"${label}" on the row of "${rowLabel}"`, async () => {
    const all = await items(page);
    const row = all.find((i) => i.label === rowLabel && i.kind === 'text');
    if (!row) return null;
    const cy = row.y + row.h / 2;
    return all.filter((i) => (label instanceof RegExp ? label.test(i.label) : i.label === label) && (!kind || i.kind === kind))
      .find((i) => Math.abs(i.y + i.h / 2 - cy) < 16);
  });
}

// What the client shows for an instant: "Mon 23 Nov 2026, 14:00", in the page's time zone.
export async function formatLocal(page, rfc3339) {
  return page.evaluate((t) => {
    const d = new Date(t);
    const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()];
    const mo = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
    const p = (n) => String(n).padStart(2, '0');
    return `${wd} ${d.getDate()} ${mo} ${d.getFullYear()}, ${p(d.getHours())}:${p(d.getMinutes())}`;
  }, rfc3339);
}
