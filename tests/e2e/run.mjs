// Browser end-to-end tests: the real server (--demo) on a free port, the built web
// client in headless Chromium, real widgets clicked through window.pathways.test.
//   node tests/e2e/run.mjs --artifacts DIR [--only REGEX]
// Builds nothing: expects build/native/server/pathways-server and build/wasm/web.
// Prints one line per test and "N passed, M failed"; exits non-zero on failure.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  api, apiLogin, apiWorld, clickItem, click, find, findOnRow, formatLocal, items, launch, openApp, ready, root, settled,
  signIn, sleep, startServer, status, typeInto, waitFor,
} from './lib.mjs';

const argv = process.argv.slice(2);
const artifacts = path.resolve(argv.includes('--artifacts') ? argv[argv.indexOf('--artifacts') + 1] : path.join(root, 'build/artifacts'));
mkdirSync(artifacts, { recursive: true });

const hardStop = setTimeout(() => {
  console.log('e2e: overall time limit (900 s) reached');
  try { server && server.stop(true); } catch {}
  console.log(`${results.filter(Boolean).length} passed, ${results.filter((r) => !r).length + 1} failed`);
  process.exit(2);
}, 900000);
let server, browser;
const results = [];
function cleanup() {
  try { server && server.stop(); } catch {}
  try { browser && browser.close().catch(() => {}); } catch {}
}

const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `e2e-${name}.png`) });

// [SECTION] Scenario helpers
async function openProfile(page, name) {
  await click(page, 'Participant', 'button');
  await typeInto(page, 'Find participant', name);
  await click(page, name, 'selectable');
  await find(page, 'Journey', 'combo');
}

async function markCompleted(page, participantName, title) {
  await openProfile(page, participantName);
  await clickItem(page, await findOnRow(page, title, 'Actions', 'button'));
  await click(page, 'Mark Completed', 'selectable');
}

function sessionsOf(world, pred) {
  return [...world.session.values()].filter(pred).sort((a, b) => a.id.localeCompare(b.id));
}
function userOf(world, session) { return world.user.get(world.pathway.get(session.pathway).participant); }

// Free future 1:1 slots of a coach that no participant in `people` overlaps.
function freeSlots(world, coach, people) {
  const now = Date.now();
  const busy = [];
  for (const s of world.session.values()) {
    if (s.status !== 'booked') continue;
    const p = world.pathway.get(s.pathway);
    if (people.includes(p.participant)) busy.push([Date.parse(s.start), Date.parse(s.start) + s.duration_min * 60000]);
  }
  return [...world.slot.values()]
    .filter((s) => s.coach === coach && s.kind === 'one_to_one' && s.taken < s.capacity && Date.parse(s.start) > now + 3600000)
    .filter((s) => !busy.some(([a, b]) => Date.parse(s.start) < b && a < Date.parse(s.start) + s.duration_min * 60000))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

// Clicks "Book" for the participant's first unbooked 1:1 session on screen; returns the session.
async function clickBook(page, p) {
  const all = await items(page);
  const rows = p.open.map((s) => ({ s, t: all.find((i) => i.label === s.title && i.kind === 'text') }))
    .filter((r) => r.t).sort((a, b) => a.t.y - b.t.y);
  if (!rows.length) throw new Error('no unbooked session on screen');
  const { s, t } = rows[0];
  const button = all.filter((i) => i.label === 'Book' && i.kind === 'button' && Math.abs(i.y - t.y) < 40)[0];
  await clickItem(page, button);
  return s;
}

// The first slot in the open slot list that is one of `slots`; returns {slot, item}.
async function pickSlot(page, slots) {
  const labels = new Map();
  for (const slot of slots) labels.set((await formatLocal(page, slot.start)) + ` (${slot.duration_min} min)`, slot);
  const item = await waitFor('a free slot in the list', async () =>
    (await items(page)).filter((i) => i.kind === 'selectable' && labels.has(i.label)).sort((a, b) => a.y - b.y)[0]);
  return { slot: labels.get(item.label), item };
}

// A widget in a scrolling panel at (x, y): the panel is scrolled until it shows.
async function findScrolling(page, label, kind, x, y) {
  for (let i = 0; i < 20; ++i) {
    const item = (await items(page)).find((it) => (label instanceof RegExp ? label.test(it.label) : it.label === label) &&
      it.kind === kind);
    if (item && item.y > 0) return item;
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, 150);
    await settled(page);
  }
  return find(page, label, kind);
}

// [SECTION] Tests

// `--only REGEX` runs the tests whose names match (the shared setup still runs).
const only = argv.includes('--only') ? new RegExp(argv[argv.indexOf('--only') + 1]) : null;
async function test(name, body) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  try {
    await body();
    results.push(true);
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
  }
}

try {
  server = await startServer();
  browser = await launch();
  // The coach with at least two held (booked, past) sessions to mark.
  let coachNo = 0, coachToken, world, past = [];
  for (const c of [1, 2, 3]) {
    coachToken = await apiLogin(server.url, `coach${c}@demo.test`, 'demo-coach');
    world = await apiWorld(server.url, coachToken);
    past = sessionsOf(world, (s) => s.status === 'booked' && Date.parse(s.start) < Date.now() - 3600000);
    if (past.length >= 2) { coachNo = c; break; }
  }
  if (!coachNo) throw new Error('the demo has no coach with two held sessions to mark');
  const coachId = `coach${coachNo}`;
  const [first, second] = past;
  let coach;

  await test('a coach signs in and marks a held session Completed (R1)', async () => {
    coach = await openApp(browser, server.url);
    await shot(coach.page, 'login');
    await signIn(coach.page, `${coachId}@demo.test`, 'demo-coach');
    await find(coach.page, 'Cohort grid', 'heading');
    await shot(coach.page, 'cohort-grid');
    await markCompleted(coach.page, userOf(world, first).name, first.title);
    await findOnRow(coach.page, first.title, /^Completed · /, 'text');
    await waitFor('the mark to be sent', async () => (await status(coach.page)).pending === 0);
    await shot(coach.page, 'participant-profile');
  });

  await test('offline: a mark survives a reload and syncs once when back online', async () => {
    const { page, context } = coach;
    await waitFor('the service worker to control the page',
      () => page.evaluate(() => !!navigator.serviceWorker && !!navigator.serviceWorker.controller), 15000);
    await context.setOffline(true);
    await waitFor('offline', async () => !(await status(page)).online);
    await markCompleted(page, userOf(world, second).name, second.title);
    await waitFor('one pending op', async () => (await status(page)).pending === 1);
    await page.reload();
    await ready(page);
    if ((await status(page)).pending !== 1) throw new Error('the pending op did not survive the reload');
    await openProfile(page, userOf(world, second).name);
    await findOnRow(page, second.title, /^Completed · /, 'text');
    await shot(page, 'offline-pending');
    await context.setOffline(false);
    await waitFor('the pending op to be sent', async () => {
      const s = await status(page);
      return s.online && s.pending === 0;
    }, 30000);
    const after = await apiWorld(server.url, coachToken);
    for (const s of [first, second])
      if (after.session.get(s.id).status !== 'completed') throw new Error(`${s.id} is ${after.session.get(s.id).status} on the server`);
    // Each op was processed once: this client's ops are seq 1 and 2, both applied.
    const clientId = await page.evaluate(() => {
      const item = window.pathways.test.items().find((i) => i.label.startsWith('Client '));
      return item ? item.label : null;
    });
    await click(page, /^Sync( \(\d+ rejected\))?$/, 'button');
    const clientItem = await find(page, /^Client [0-9a-f]+ /, 'text');
    const id = clientItem.label.split(' ')[1];
    const mine = await apiWorld(server.url, coachToken, id);
    if (mine.raw.last_seq !== 2 || mine.raw.rejections.length !== 0)
      throw new Error(`server has last_seq ${mine.raw.last_seq}, rejections ${JSON.stringify(mine.raw.rejections)}`);
    void clientId;
  });

  // Participants of coach1 with an unbooked, visible 1:1 session.
  const candidates = [];
  for (let n = coachNo + 3; n <= 60; n += 3) {
    const email = `participant${n}@demo.test`;
    const token = await apiLogin(server.url, email, 'demo-participant');
    const w = await apiWorld(server.url, token);
    const open = sessionsOf(w, (s) => s.status === 'unbooked' && s.kind === 'one_to_one');
    const pw = [...w.pathway.values()][0];
    if (open.length && pw && pw.coach === coachId) candidates.push({ n, email, token, world: w, open, id: `participant${n}` });
    if (candidates.length === 3) break;
  }

  await test('a participant books a free slot; the coach sees it after a sync (R3)', async () => {
    const p = candidates[0];
    if (!p) throw new Error('no participant of coach1 with an unbooked 1:1 session');
    const slots = freeSlots(p.world, coachId, [p.id]);
    const { page, context } = await openApp(browser, server.url);
    await signIn(page, p.email, 'demo-participant');
    await find(page, 'My sessions', 'heading');
    await shot(page, 'participant-view');
    p.session = await clickBook(page, p);
    await shot(page, 'participant-booking');
    const { item } = await pickSlot(page, slots);
    await clickItem(page, item);
    await waitFor('the booking to be sent', async () => (await status(page)).pending === 0 && (await status(page)).lastSync);
    const after = await apiWorld(server.url, p.token);
    if (after.session.get(p.session.id).status !== 'booked') throw new Error('the server does not hold the booking');
    // The coach syncs and sees it.
    const before = (await status(coach.page)).lastSync;
    await sleep(1100);
    await click(coach.page, 'Sync now', 'button');
    await waitFor('the coach to sync', async () => (await status(coach.page)).lastSync !== before);
    await openProfile(coach.page, p.world.user.get(p.id).name);
    await findOnRow(coach.page, p.session.title, /^Booked · /, 'text');
    await click(coach.page, 'Calendar', 'button');
    await find(coach.page, 'Calendar', 'heading');
    await shot(coach.page, 'coach-calendar');
    await context.close();
  });

  await test('two offline bookings of one slot: the loser is listed as rejected with its reason', async () => {
    const [, a, b] = candidates;
    if (!a || !b) throw new Error('not enough participants of coach1 with an unbooked 1:1 session');
    const fresh = await apiWorld(server.url, a.token);
    let slots = freeSlots(fresh, coachId, [a.id, b.id]);
    const pages = [];
    for (const p of [a, b]) {
      const app = await openApp(browser, server.url);
      await signIn(app.page, p.email, 'demo-participant');
      await find(app.page, 'My sessions', 'heading');
      pages.push(app);
    }
    for (const [i, p] of [a, b].entries()) {
      const { page, context } = pages[i];
      await context.setOffline(true);
      await waitFor('offline', async () => !(await status(page)).online);
      p.session = await clickBook(page, p);
      const { slot, item } = await pickSlot(page, slots);
      slots = [slot];  // the second participant takes the same one
      await clickItem(page, item);
      // Offline, a booking is confirmed first, naming when it would be refused (DESIGN.md §5).
      const starts = (await formatLocal(page, slot.start)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await find(page, new RegExp(`This booking will be refused if it reaches the server after ${starts}, when`), 'message');
      if (i === 0) await shot(page, 'participant-booking-offline');
      await click(page, 'Yes, book', 'button');
      await waitFor('a pending booking', async () => (await status(page)).pending === 1);
    }
    await pages[0].context.setOffline(false);
    await waitFor('the first booking to be sent', async () => (await status(pages[0].page)).pending === 0, 30000);
    await pages[1].context.setOffline(false);
    await waitFor('the second booking to be answered', async () => (await status(pages[1].page)).pending === 0, 30000);
    const loser = pages[1].page;
    await click(loser, /^Sync( \(\d+ rejected\))?$/, 'button');
    await find(loser, 'Rejected by the server (1)', 'heading');
    await find(loser, /slot_taken/, 'message');
    await shot(loser, 'sync-panel-rejected');
    const winner = await apiWorld(server.url, a.token);
    if (winner.session.get(a.session.id).status !== 'booked') throw new Error('the winner does not hold the slot');
    const takenSlot = winner.session.get(a.session.id).slot;

    // Redo is offered only when the core would accept the op now: not while the slot is taken.
    const redo = await find(loser, 'Redo', 'button');
    if (!redo.disabled) throw new Error('Redo is enabled although the slot is still taken');
    await find(loser, 'Choose again…', 'button');
    // The winner cancels; after a sync the loser's Redo goes through.
    await api(server.url, 'POST', '/api/sync/push', a.token, { client_id: 'e2e-winner-cancels',
      ops: [{ seq: 1, at: new Date().toISOString(), type: 'cancel_booking', session: a.session.id }] });
    await click(loser, 'Sync now', 'button');
    await waitFor('Redo to be enabled', async () => !(await find(loser, 'Redo', 'button')).disabled, 20000);
    await click(loser, 'Redo', 'button');
    await find(loser, 'Rejected by the server (0)', 'heading');
    await waitFor('the redone booking to be sent', async () => (await status(loser)).pending === 0, 30000);
    const after = await apiWorld(server.url, b.token);
    const redone = after.session.get(b.session.id);
    if (redone.status !== 'booked' || redone.slot !== takenSlot)
      throw new Error(`after Redo the session is ${redone.status} on ${redone.slot}, not booked on ${takenSlot}`);
    for (const p of pages) await p.context.close();
  });

  await test('an expired sign-in asks for the password again and keeps the unsent mark', async () => {
    // A held session of this coach that the tests above did not mark.
    const held = sessionsOf(world, (s) => s.status === 'booked' && Date.parse(s.start) < Date.now() - 3600000)
      .filter((s) => s.id !== first.id && s.id !== second.id)[0];
    if (!held) throw new Error(`${coachId} has no third held session to mark`);
    const { page, context } = await openApp(browser, server.url);
    const loginReply = page.waitForResponse((r) => r.url().endsWith('/api/login'));
    await signIn(page, `${coachId}@demo.test`, 'demo-coach');
    const { token } = await (await loginReply).json();
    // Marked while offline; meanwhile the server forgets this sign-in.
    await context.setOffline(true);
    await waitFor('offline', async () => !(await status(page)).online);
    await markCompleted(page, userOf(world, held).name, held.title);
    await waitFor('a pending mark', async () => (await status(page)).pending === 1);
    await api(server.url, 'POST', '/api/logout', token);
    await context.setOffline(false);
    await find(page, /^Your sign-in has expired\. Sign in again to continue\. The 1 change made here will be sent then\.$/,
      'message', 20000);
    await shot(page, 'sign-in-expired');
    if ((await status(page)).user) throw new Error('still shown as signed in');
    // Someone else's address: the page warns what that would discard.
    await typeInto(page, 'Email', 'coach9@demo.test');
    await find(page, /^Signing in as someone else discards the 1 change of /, 'message');
    await typeInto(page, 'Email', `${coachId}@demo.test`);
    await typeInto(page, 'Password', 'demo-coach');
    await click(page, 'Sign in', 'button');
    await waitFor('signed in again', async () => (await status(page)).user);
    await waitFor('the kept mark to be sent', async () => (await status(page)).pending === 0, 30000);
    const after = await apiWorld(server.url, coachToken);
    if (after.session.get(held.id).status !== 'completed') throw new Error('the mark made before the expiry was lost');
    await context.close();
  });

  await test('every main view draws: grid legend, disabled action with its reason, admin views', async () => {
    const { page, context } = await openApp(browser, server.url);
    await signIn(page, 'admin@demo.test', 'demo-admin');
    await find(page, 'Cohort grid', 'heading');
    for (const status of ['Unbooked', 'Booked', 'Completed', 'Missed', 'Greyed out']) await find(page, status, 'legend');
    const cells = (await items(page)).filter((i) => i.kind === 'cell');
    if (cells.length < 20) throw new Error(`only ${cells.length} cells in the grid`);
    await page.mouse.move(cells[3].x + 5, cells[3].y + 5);
    await settled(page);
    await shot(page, 'admin-grid-hover');
    await clickItem(page, cells[0]);
    await find(page, 'Mark Completed', 'selectable');
    await shot(page, 'admin-actions');
    await click(page, 'Correct status…', 'selectable');
    await find(page, 'Missed: coach no-show (not billable)', 'selectable');
    await shot(page, 'admin-correct-status');
    await page.mouse.click(1300, 135);  // outside the menu: it closes
    await settled(page);

    // R6: the demo's admin-greyed visible session is flagged; one click reconciles it.
    const adminToken = await apiLogin(server.url, 'admin@demo.test', 'demo-admin');
    const mismatched = (w) => [...w.session.values()].filter((s) => {
      const cohort = w.cohort.get(w.pathway.get(s.pathway).cohort);
      const visible = cohort.blueprint.includes(s.key);
      return !s.extra && !s.retired && ((visible && s.status === 'greyed_out') || (!visible && s.status === 'unbooked'));
    });
    const before = mismatched(await apiWorld(server.url, adminToken));
    if (!before.length) throw new Error('the demo has no blueprint mismatch to show');
    await find(page, new RegExp(`^${before.length} sessions? disagrees? with the cohort blueprint`), 'message');
    await click(page, 'Show list', 'button');
    await shot(page, 'admin-grid-mismatch');
    await click(page, `Reconcile (${before.length} change${before.length === 1 ? '' : 's'})`, 'button');
    await waitFor('the reconcile to be sent', async () => (await status(page)).pending === 0, 30000);
    const left = mismatched(await apiWorld(server.url, adminToken));
    if (left.length) throw new Error(`${left.length} mismatches left after Reconcile`);
    if ((await items(page)).some((i) => /disagrees? with the cohort blueprint/.test(i.label)))
      throw new Error('the mismatch notice is still shown');
    await click(page, 'Calendar', 'button');
    await find(page, 'Coach', 'combo');
    await shot(page, 'admin-calendar');
    await click(page, /^Sync( \(\d+ rejected\))?$/, 'button');
    await shot(page, 'admin-sync-panel');
    await context.close();
  });

  await test('people: an admin adds a coach with a one-time sign-in link; the coach chooses a password and is in', async () => {
    const { page, context } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page, 'admin@demo.test', 'demo-admin');
    await click(page, 'People', 'button');
    await find(page, 'People', 'heading');
    await shot(page, 'people-users');
    await click(page, 'New user', 'button');
    await typeInto(page, 'Name', 'Nia Newcoach');
    await typeInto(page, 'E-mail', 'nia.newcoach@demo.test');
    await click(page, 'Create user', 'button');
    await find(page, 'Edit Nia Newcoach', 'heading');
    await waitFor('the new coach to reach the server', async () => (await status(page)).pending === 0, 30000);
    await clickItem(page, await findScrolling(page, 'Make a sign-in link', 'button', 1050, 600));
    const link = (await findScrolling(page, /#welcome=[0-9a-f]{64}$/, 'message', 1050, 600)).label;
    await clickItem(page, await findScrolling(page, 'Copy link', 'button', 1050, 600));
    const copied = await waitFor('the copied link', () => page.evaluate(() => navigator.clipboard.readText().catch(() => '')));
    if (copied !== link) throw new Error(`the clipboard holds "${copied}", not the link`);
    await shot(page, 'people-sign-in-link');

    // Someone else's browser opens the link.
    const other = await browser.newContext({ viewport: { width: 420, height: 860 }, timezoneId: 'Europe/London' });
    try {
      const welcome = await other.newPage();
      welcome.setDefaultTimeout(15000);
      await welcome.goto(link);
      await ready(welcome);
      await find(welcome, 'Choose your password', 'heading');
      if (/welcome=/.test(welcome.url())) throw new Error('the link stays in the address bar');
      await typeInto(welcome, 'New password', 'nia-chooses-this');
      await typeInto(welcome, 'Repeat the password', 'nia-chooses-this');
      await shot(welcome, 'welcome-choose-password');
      await click(welcome, 'Choose password and sign in', 'button');
      await waitFor('signed in as the new coach', async () => (await status(welcome)).user?.name === 'Nia Newcoach', 20000);
      if ((await status(welcome)).user.role !== 'coach') throw new Error('not signed in as a coach');
      await find(welcome, 'Calendar', 'button');
      await shot(welcome, 'welcome-signed-in');

    } finally {
      await other.close();
    }
    // The link works once: a third browser is told so before typing anything.
    const third = await browser.newContext({ viewport: { width: 420, height: 860 } });
    try {
      const again = await third.newPage();
      again.setDefaultTimeout(15000);
      await again.goto(link);
      await ready(again);
      await find(again, /^This sign-in link cannot be used/, 'message');
      await shot(again, 'welcome-used-link');
    } finally {
      await third.close();
    }
    await context.close();
  });

  await test('an update needed (426) keeps the pending ops; the updated client sends them', async () => {
    // A server of its own, on a database folder that outlives restarts on the same port.
    const dir = mkdtempSync(path.join(tmpdir(), 'pathways-e2e-update-'));
    let own = await startServer({ dir });
    const port = Number(new URL(own.url).port);
    const restart = async (args = []) => {
      await own.stop();
      own = await startServer({ dir, port, args });
    };
    try {
      const token = await apiLogin(own.url, `${coachId}@demo.test`, 'demo-coach');
      const mine = await apiWorld(own.url, token);
      const held = sessionsOf(mine, (s) => s.status === 'booked' && Date.parse(s.start) < Date.now() - 3600000)[0];
      if (!held) throw new Error('the demo has no held session to mark');
      const { page, context } = await openApp(browser, own.url);
      await signIn(page, `${coachId}@demo.test`, 'demo-coach');
      await waitFor('the service worker to control the page',
        () => page.evaluate(() => !!navigator.serviceWorker && !!navigator.serviceWorker.controller), 15000);

      // The server goes away for an upgrade; the coach keeps working.
      await own.stop();
      await markCompleted(page, userOf(mine, held).name, held.title);
      await waitFor('one pending op', async () => (await status(page)).pending === 1);

      // It comes back serving only a newer protocol than this client speaks.
      own = await startServer({ dir, port, args: ['--oldest-protocol', '2'] });
      await click(page, 'Sync now', 'button');
      await find(page, /^An update of Pathways is ready\. .*1 change made here is kept/, 'message', 30000);
      await shot(page, 'update-ready');
      if ((await status(page)).pending !== 1) throw new Error('the pending op was not kept');
      if ((await apiWorld(own.url, token)).session.get(held.id).status !== 'booked')
        throw new Error('an op was applied by a server that refused the client');

      // The update: here the server serves this client's protocol again, standing in for a
      // new build that speaks the server's. "Update now" reloads through the service worker.
      await restart();
      const update = await find(page, 'Update now', 'button');
      const reloaded = page.waitForEvent('load', { timeout: 20000 });
      await page.mouse.click(update.x + update.w / 2, update.y + update.h / 2);  // no settling: the page goes
      await reloaded;
      await ready(page);
      await waitFor('the kept op to be sent', async () => (await status(page)).pending === 0, 30000);
      const after = (await apiWorld(own.url, token)).session.get(held.id).status;
      if (after !== 'completed') throw new Error(`${held.id} is ${after} on the server`);
      if ((await items(page)).some((i) => /^An update of Pathways is ready/.test(i.label)))
        throw new Error('the update notice is still shown');
      await context.close();
    } finally {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  await test('a programme lead runs Missed Calls; the CSV holds exactly the rows on screen and the server agrees (R16)', async () => {
    const { context, page } = await openApp(browser, server.url);
    await signIn(page, 'lead@demo.test', 'demo-lead');
    await click(page, 'Reports', 'button');
    await click(page, 'Missed Calls', 'selectable');
    const shown = await find(page, /^\d+ rows?$/, 'text');
    const rows = Number(shown.label.split(' ')[0]);
    if (!(rows > 0)) throw new Error(`no missed calls shown: ${shown.label}`);
    // The core's totals above the rows, and the chart of missed rate per coach.
    await find(page, 'Missed sessions', 'text');
    await find(page, 'Missed rate per coach (of sessions held)', 'text');
    await shot(page, 'reports-missed-calls');
    const leadToken = await apiLogin(server.url, 'lead@demo.test', 'demo-lead');
    const fromServer = await api(server.url, 'GET', '/api/reports/missed-calls', leadToken);
    if (fromServer.rows.length !== rows)
      throw new Error(`the server's report has ${fromServer.rows.length} rows, the screen ${rows}`);
    const download = page.waitForEvent('download', { timeout: 15000 });
    await click(page, 'Download CSV', 'button');
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file, 'utf8');
    if (!csv.startsWith('\uFEFF')) throw new Error('the CSV has no byte-order mark');
    const lines = csv.split('\r\n').filter((l) => l.length > 0);
    if (lines.length - 1 !== rows) throw new Error(`the CSV has ${lines.length - 1} rows, the screen ${rows}`);
    await context.close();
  });

  await test('cohorts: an admin hides a session in the blueprint matrix and previews; moves a participant and un-greys what the new cohort unlocks; grants an extra session (R6, R7, R10, R11)', async () => {
    const adminToken = await apiLogin(server.url, 'admin@demo.test', 'demo-admin');
    const w0 = await apiWorld(server.url, adminToken);
    const journey = w0.journey.get('leading');
    const spring = w0.cohort.get('acme-spring'), autumn = w0.cohort.get('acme-autumn');
    const peopleOf = (w, cohort) => [...w.pathway.values()].filter((p) => p.cohort === cohort)
      .map((p) => ({ p, u: w.user.get(p.participant) }))
      .sort((a, b) => a.u.name.localeCompare(b.u.name) || a.u.id.localeCompare(b.u.id));
    // A spring participant with a session they see and have not booked: hiding it takes it from their view.
    let first, target;
    for (const entry of peopleOf(w0, spring.id).filter(({ u }) => !u.archived)) {
      target = journey.placeholders.find((ph) => !ph.retired && ph.id !== 'lt-stretch' && spring.blueprint.includes(ph.id) &&
        w0.session.get(`${entry.p.id}/${ph.id}`).status === 'unbooked');
      if (target) { first = entry; break; }
    }
    if (!target) throw new Error('no spring participant with an unbooked visible session');
    const { page, context } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
    await signIn(page, 'admin@demo.test', 'demo-admin');
    await click(page, 'Cohorts', 'button');
    await find(page, 'Cohorts', 'heading');
    await click(page, 'Journey', 'combo');
    await click(page, 'Leading teams', 'selectable');
    await shot(page, 'cohorts-matrix');
    // The cell of (spring, target): the checkbox under the column's title on the cohort's row.
    const all = await items(page);
    const title = all.find((i) => i.label === target.title && i.kind === 'text');
    const row = all.find((i) => i.label === spring.name && i.kind === 'text');
    const cell = all.filter((i) => i.kind === 'checkbox' && Math.abs(i.x + i.w / 2 - (title.x + 55)) < 60 &&
      i.y > row.y - 10 && i.y < row.y + 120)[0];
    if (!cell) throw new Error('no checkbox for the cell');
    await clickItem(page, cell);
    const people = peopleOf(w0, spring.id).length;
    const message = await find(page, new RegExp(`^Hide '${target.title}' for ${spring.name}: \\d+ participants? stops? seeing it`), 'text');
    await shot(page, 'cohorts-impact');
    if (!new RegExp(`^Hide '${target.title}' for ${spring.name}: `).test(message.label)) throw new Error(message.label);
    await click(page, 'Apply', 'button');
    await waitFor('the blueprint change to be sent', async () => (await status(page)).pending === 0, 30000);
    const w1 = await apiWorld(server.url, adminToken);
    if (w1.cohort.get(spring.id).blueprint.includes(target.id)) throw new Error('the session is still in the blueprint');
    if (people < 1) throw new Error('no participants in spring');

    // Preview as the spring cohort's first participant: the hidden session is not there.
    const scrollDown = async () => {
      const heading = await find(page, 'Preview as participant', 'heading');
      await page.mouse.move(640, Math.min(heading.y + 5, 790));
      await page.mouse.wheel(0, 3000);
      await settled(page);
    };
    await scrollDown();
    await click(page, 'Preview cohort', 'combo');
    await click(page, spring.name, 'selectable');
    await click(page, 'Preview participant', 'combo');
    await click(page, first.u.name, 'selectable');
    await scrollDown();
    const heading = await find(page, 'My sessions', 'heading');
    const shown = (await items(page)).filter((i) => i.y > heading.y && i.kind === 'text').map((i) => i.label);
    await shot(page, 'cohorts-preview');
    if (shown.includes(target.title)) throw new Error(`the preview shows the hidden '${target.title}'`);
    const visibleTitle = journey.placeholders.find((ph) => ph.id !== target.id && spring.blueprint.includes(ph.id)).title;
    if (!shown.some((l) => l.startsWith(visibleTitle))) throw new Error(`the preview lacks '${visibleTitle}': ${shown.join(' | ')}`);
    const disabled = (await items(page)).filter((i) => i.y > heading.y && i.label === 'Cancel booking');
    if (disabled.some((i) => !i.disabled)) throw new Error('a preview offers an enabled Cancel booking');

    // R10: an autumn participant (their Stretch goals hidden, greyed out) moves to spring, which shows it.
    const mover = peopleOf(w1, autumn.id).find(({ u, p }) => !u.archived &&
      w1.session.get(`${p.id}/lt-stretch`).status === 'greyed_out');
    if (!mover) throw new Error('no autumn participant with Stretch goals greyed out');
    await page.mouse.wheel(0, -5000);
    await settled(page);
    await openProfile(page, mover.u.name);
    await find(page, /^Extra sessions: 0 granted of 2; 2 remaining\./, 'text');
    await click(page, 'Move to another cohort…', 'button');
    await find(page, 'Un-grey Stretch goals', 'checkbox');
    await shot(page, 'programme-move');
    await click(page, 'Move and un-grey 1 session', 'button');
    await waitFor('the move to be sent', async () => (await status(page)).pending === 0, 30000);
    const w2 = await apiWorld(server.url, adminToken);
    if (w2.pathway.get(mover.p.id).cohort !== spring.id) throw new Error('the participant did not move');
    if (w2.session.get(`${mover.p.id}/lt-stretch`).status !== 'unbooked') throw new Error('Stretch goals was not un-greyed');

    // R11: one extra session; the remaining cap drops from 2 to 1.
    await click(page, 'Grant extra sessions…', 'button');
    await typeInto(page, 'Reason', 'Needs one more before the promotion panel');
    await find(page, 'After this grant: 1 remaining.', 'text');
    await shot(page, 'programme-grant');
    await click(page, 'Grant 1 session', 'button');
    await find(page, /^Extra sessions: 1 granted of 2; 1 remaining\./, 'text');
    await waitFor('the grant to be sent', async () => (await status(page)).pending === 0, 30000);
    const w3 = await apiWorld(server.url, adminToken);
    const grants = [...w3.grant.values()].filter((g) => g.pathway === mover.p.id);
    if (grants.length !== 1 || grants[0].count !== 1 || grants[0].approver !== 'admin') throw new Error(JSON.stringify(grants));

    // The other dialogs, looked at without acting.
    await click(page, 'Mark journey complete…', 'button');
    await find(page, 'Mark complete', 'button');
    await shot(page, 'programme-complete');
    await click(page, 'Close', 'button');
    const booker = [...w3.session.values()].filter((s) => s.status === 'booked' && Date.parse(s.start) > Date.now())
      .map((s) => w3.user.get(w3.pathway.get(s.pathway).participant)).find((u) => !u.archived);
    await openProfile(page, booker.name);
    await click(page, 'Archive participant…', 'button');
    await find(page, /^Cancel \d+ bookings? and archive$/, 'button');
    await shot(page, 'programme-archive');
    await click(page, 'Close', 'button');
    await context.close();

    // The page on a phone.
    const phone = await openApp(browser, server.url, { viewport: { width: 420, height: 860 } });
    await signIn(phone.page, 'admin@demo.test', 'demo-admin');
    await click(phone.page, 'Cohorts', 'button');
    await find(phone.page, 'Cohorts', 'heading');
    await shot(phone.page, 'cohorts-phone');
    const below = await find(phone.page, 'Preview as participant', 'heading');
    await phone.page.mouse.move(200, Math.min(below.y + 5, 850));
    await settled(phone.page);
    await phone.page.mouse.wheel(0, 3000);
    await settled(phone.page);
    await find(phone.page, 'My sessions', 'heading');
    await shot(phone.page, 'cohorts-phone-preview');
    await phone.context.close();
  });

  await test('an admin imports a CSV of five participants: the bad row is shown and skipped, four join the cohort grid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pathways-e2e-import-'));
    const file = path.join(dir, 'five.csv');
    const people = ['Inès Import', 'Olu "Ola" Import', 'Søren Import', 'Import, Kit'];
    writeFileSync(file, '\ufeffname;email;coach email;cohort\r\n' +
      'Inès Import;ines.import@demo.test;coach1@demo.test;Globex new managers\r\n' +
      '"Olu ""Ola"" Import";olu.import@demo.test;coach2@demo.test;globex-1\r\n' +
      'Nobody Import;nobody.import@demo.test;coach9@demo.test;Globex new managers\r\n' +
      'Søren Import;soren.import@demo.test;coach3@demo.test;Globex new managers\r\n' +
      '"Import, Kit";kit.import@demo.test;coach1@demo.test;"Acme Leaders, spring"\r\n');
    try {
      const { page, context } = await openApp(browser, server.url);
      await signIn(page, 'admin@demo.test', 'demo-admin');
      await click(page, 'Enrolment', 'button');
      await find(page, 'Import CSV', 'heading');
      await shot(page, 'enrolment');
      const chooser = page.waitForEvent('filechooser');
      await click(page, 'Choose CSV file…', 'button');
      await (await chooser).setFiles(file);
      await find(page, '4 to enrol, 1 refused', 'heading');
      await find(page, 'No coach has the e-mail coach9@demo.test.', 'text');
      await shot(page, 'enrolment-preview');
      await click(page, 'Apply 4 rows', 'button');
      await find(page, /^Enrolled 4 participants from five\.csv \(4 new users\)/, 'message');
      await shot(page, 'enrolment-result');
      await waitFor('the import to be sent', async () => (await status(page)).pending === 0, 30000);
      const world = await apiWorld(server.url, await apiLogin(server.url, 'admin@demo.test', 'demo-admin'));
      const imported = [...world.user.values()].filter((u) => / Import|Import, /.test(u.name));
      if (imported.length !== 4) throw new Error(`${imported.length} imported users on the server`);
      if ([...world.user.values()].some((u) => u.email === 'nobody.import@demo.test'))
        throw new Error('the refused row was enrolled');
      await click(page, 'Open the cohort grid', 'button');
      await find(page, 'Cohort grid', 'heading');
      for (const name of people) {
        await typeInto(page, 'Search', name);
        await find(page, name, 'selectable');
      }
      await typeInto(page, 'Search', 'Import');
      await shot(page, 'enrolment-grid');
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  await test('an admin designs a journey, drags a session to a new place, publishes, then publishes a draft after its preview (R9)', async () => {
    const { page, context } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
    await signIn(page, 'admin@demo.test', 'demo-admin');
    await click(page, 'Journeys', 'button');
    await find(page, 'Journeys', 'heading');
    await shot(page, 'journeys-list');
    const name = `Onboarding \u00e9t\u00e9 "first" ${Date.now() % 100000}`;
    await typeInto(page, 'Journey name', name);
    await click(page, 'New journey', 'button');
    await find(page, name, 'heading');
    const titleFields = async () => (await items(page)).filter((i) => i.label === 'Title' && i.kind === 'input')
      .sort((a, b) => a.y - b.y);
    for (let n = 1; n <= 3; n++) {
      await click(page, 'Add session', 'button');
      await waitFor(`${n} sessions`, async () => (await titleFields()).length === n);
    }
    // Titles edited in place, sent on Enter.
    const titles = ['Kick-off', 'Strengths', 'Wrap-up'];
    for (let n = 0; n < 3; n++) {
      await clickItem(page, (await titleFields())[n]);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(titles[n]);
      await page.keyboard.press('Enter');
      await settled(page);
    }
    const adminToken = await apiLogin(server.url, 'admin@demo.test', 'demo-admin');
    const journeyOf = async () => [...(await apiWorld(server.url, adminToken)).journey.values()].find((j) => j.name === name);
    await waitFor('the titles on the server', async () => {
      const j = await journeyOf();
      return j && j.placeholders.map((p) => p.title).join() === titles.join();
    });
    // Drag the third session's handle onto the first's.
    const handle = async (label) => find(page, label, 'button');
    const from = await handle('3'), to = await handle('1');
    await page.mouse.move(from.x + from.w / 2, from.y + from.h / 2);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) {
      await page.mouse.move(from.x + from.w / 2, from.y + from.h / 2 + ((to.y - from.y) * step) / 8);
      await sleep(40);
    }
    await page.mouse.move(to.x + to.w / 2, to.y + to.h / 2);
    await sleep(150);
    await shot(page, 'journeys-drag');
    await page.mouse.up();
    await settled(page);
    await waitFor('the new order on the server', async () =>
      (await journeyOf()).placeholders.map((p) => p.title).join() === 'Wrap-up,Kick-off,Strengths');
    await click(page, 'Publish\u2026', 'button');
    await click(page, 'Publish', 'button');
    await waitFor('published', async () => (await journeyOf()).published === true);

    // A fourth session on the published journey is a draft until published after the preview.
    await click(page, 'Add session', 'button');
    await find(page, /^Draft: 1 change not yet published/, 'message');
    await waitFor('the draft on the server', async () => {
      const j = await journeyOf();
      return j.draft && j.draft.length === 4 && j.placeholders.length === 3;
    });
    await shot(page, 'journeys-editor-draft');
    await click(page, 'Publish\u2026', 'button');
    await find(page, /^Added .Session 4/, 'text');
    await shot(page, 'journeys-publish-preview');
    await click(page, 'Publish', 'button');
    await waitFor('the draft published', async () => {
      const j = await journeyOf();
      return !j.draft && j.placeholders.length === 4 && j.placeholders[3].title === 'Session 4';
    });
    await context.close();
  });

  // [SECTION] Time zones and clocks (R17, DESIGN.md §5): browsers in two zones.
  await test('R17 a coach in Europe/London repeats a slot across the March clock change at the same local time', async () => {
    const { page, context } = await openApp(browser, server.url, { timezoneId: 'Europe/London' });
    try {
      await signIn(page, 'coach1@demo.test', 'demo-coach');
      const token = await apiLogin(server.url, 'coach1@demo.test', 'demo-coach');
      const me = (await apiWorld(server.url, token)).user.get('coach1');
      if (me.time_zone !== 'Europe/London') throw new Error(`coach1's zone is ${me.time_zone}, not Europe/London`);
      await click(page, 'Calendar', 'button');
      await find(page, /^Times in Europe\/London$/, 'text');
      // From this week's Monday in London to the week of Mon 22 Mar 2027 (clocks go forward on Sun 28 Mar).
      const monday = (ms) => {
        const d = new Date(ms);
        const utc = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        return utc - ((new Date(utc).getUTCDay() + 6) % 7) * 86400000;
      };
      const weeks = Math.round((Date.UTC(2027, 2, 22) - monday(Date.now())) / (7 * 86400000));
      if (weeks < 0) throw new Error('the test date lies after March 2027; move the scenario on a year');
      for (let i = 0; i < weeks; ++i) await click(page, /^Next week/, 'button');
      await find(page, 'Week of Mon 22 Mar 2027', 'text');
      await typeInto(page, 'Start', '07:30');
      await typeInto(page, 'Minutes', '30');
      await typeInto(page, 'Repeat (weeks)', '2');
      await click(page, /Add slot$/, 'button');
      await find(page, 'Added Mon 22 Mar 2027, 07:30 and the same time for 2 more weeks.', 'message');
      await find(page, /^07:30 .* free$/, 'slot');
      await shot(page, 'zone-calendar-before-change');
      await click(page, /^Next week/, 'button');
      await find(page, 'Week of Mon 29 Mar 2027', 'text');
      await find(page, /^07:30 .* free$/, 'slot');
      await shot(page, 'zone-calendar-after-change');
      // On the server: 07:30 GMT, then 07:30 BST (06:30 UTC) for the weeks after the change.
      await waitFor('the slots on the server', async () => (await status(page)).pending === 0, 20000);
      const starts = [...(await apiWorld(server.url, token)).slot.values()]
        .filter((s) => s.coach === 'coach1').map((s) => s.start);
      for (const want of ['2027-03-22T07:30:00Z', '2027-03-29T06:30:00Z', '2027-04-05T06:30:00Z'])
        if (!starts.includes(want)) throw new Error(`no slot at ${want} on the server`);
    } finally {
      await context.close();
    }
  });

  await test('R4 a participant in another zone sees the cancel confirmation name the deadline in local time', async () => {
    // A participant with one journey, and a booking more than a day ahead (booked through the API if need be).
    const dayAhead = Date.now() + 26 * 3600000;
    const later = (s) => s.status === 'booked' && Date.parse(s.start) > dayAhead;
    let p = null, session = null;
    for (let n = 60; n >= 1 && !session; --n) {
      const email = `participant${n}@demo.test`;
      const token = await apiLogin(server.url, email, 'demo-participant');
      const w = await apiWorld(server.url, token);
      if (w.pathway.size !== 1) continue;
      p = { email, token, world: w, id: `participant${n}` };
      session = sessionsOf(w, later)[0];
      if (session) break;
      const open = sessionsOf(w, (s) => s.status === 'unbooked' && s.kind === 'one_to_one')[0];
      const coachOf = [...w.pathway.values()][0].coach;
      const slot = freeSlots(w, coachOf, [p.id]).find((s) => Date.parse(s.start) > dayAhead);
      if (!open || !slot) continue;
      await api(server.url, 'POST', '/api/sync/push', token, { client_id: `e2e-zone-booking-${n}`,
        ops: [{ seq: 1, at: new Date().toISOString(), type: 'book_session', session: open.id, slot: slot.id }] });
      session = sessionsOf(await apiWorld(server.url, token), later)[0];
    }
    if (!session) throw new Error('no participant with one journey and a booking a day ahead');
    const { page, context } = await openApp(browser, server.url, { timezoneId: 'Asia/Kolkata' });
    try {
      await signIn(page, p.email, 'demo-participant');
      await find(page, 'My sessions', 'heading');
      const deadline = await formatLocal(page, new Date(Date.parse(session.start) - 24 * 3600000).toISOString());
      await find(page, `Free cancellation until ${deadline}`, 'text');
      await context.setOffline(true);
      await waitFor('offline', async () => !(await status(page)).online);
      await clickItem(page, await findOnRow(page, session.title, 'Cancel booking', 'button'));
      await find(page, new RegExp(`^You are offline.*This will count as a late cancellation if it reaches the server after ${deadline}\\.`),
        'message');
      await shot(page, 'zone-cancel-deadline');
      await click(page, 'Keep booking', 'button');
      await context.setOffline(false);
    } finally {
      await context.close();
    }
  });

  await test('a device clock two hours fast shows the warning (times are judged by the server)', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/Chicago' });
    try {
      // The device's clock runs two hours ahead of the server's.
      await context.addInitScript(() => {
        const shift = 2 * 3600 * 1000;
        const Real = Date;
        class Fast extends Real {
          constructor(...args) { if (args.length) super(...args); else super(Real.now() + shift); }
          static now() { return Real.now() + shift; }
        }
        globalThis.Date = Fast;
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      await page.goto(server.url + '/');
      await ready(page);
      await signIn(page, 'coach2@demo.test', 'demo-coach');
      await find(page, /Device clock 2 h fast$/, 'text');
      await shot(page, 'clock-warning-top-bar');
      await click(page, 'Sync', 'button');
      await find(page, /^This device's clock is 2 h fast compared with the server's/, 'message');
      await shot(page, 'clock-warning-sync-panel');
    } finally {
      await context.close();
    }
  });

  await test('history: an admin reads a session\'s history and a participant\'s timeline from the server (R21)', async () => {
    const adminToken = await apiLogin(server.url, 'admin@demo.test', 'demo-admin');
    const w = await apiWorld(server.url, adminToken);
    const pathwaysOf = (u) => [...w.pathway.values()].filter((p) => p.participant === u);
    const s = sessionsOf(w, (x) => {
      const who = userOf(w, x);
      return x.status === 'unbooked' && !who.archived && pathwaysOf(who.id).length === 1;
    })[0];
    const who = userOf(w, s);
    const at = new Date().toISOString();
    await api(server.url, 'POST', '/api/sync/push', adminToken, { client_id: 'e2e-history', ops: [
      { seq: 1, at, type: 'grey_out', session: s.id }, { seq: 2, at, type: 'ungrey', session: s.id }] });
    const fromServer = await api(server.url, 'GET', `/api/sessions/${encodeURIComponent(s.id)}/history`, adminToken);
    if (fromServer.entries.length !== 2 || fromServer.entries[0].to !== 'greyed_out')
      throw new Error(`history from the server: ${JSON.stringify(fromServer)}`);
    const { context, page } = await openApp(browser, server.url, { viewport: { width: 1440, height: 1300 } });
    await signIn(page, 'admin@demo.test', 'demo-admin');
    await openProfile(page, who.name);
    await find(page, 'Timeline', 'text');
    await find(page, 'Unbooked \u2192 Greyed out', 'text');
    await find(page, 'Greyed out \u2192 Unbooked', 'text');
    await shot(page, 'history-timeline');
    await clickItem(page, await findOnRow(page, s.title, 'Actions', 'button'));
    await click(page, 'History', 'selectable');
    await find(page, `History of ${s.title}`, 'heading');
    await find(page, 'Grey out', 'text');
    await shot(page, 'history-session');
    await context.close();
  });
  await test('from an empty programme: the first admin sets up company, project, coach, journey, cohort with a hidden session, a CSV import and a sign-in link; the participant sees exactly the two visible sessions (R7, R9)', async () => {
    // Its own server, without --demo: the only user is the first admin the server creates.
    const story = await startServer({ demo: false, env: { PATHWAYS_ADMIN_PASSWORD: 'first-admin-password' } });
    const dir = mkdtempSync(path.join(tmpdir(), 'pathways-e2e-story-'));
    const snap = (page, name) => shot(page, `story-${name}`);
    const contexts = [];
    try {
      const adminToken = await apiLogin(story.url, 'admin@localhost', 'first-admin-password');
      const serverWorld = () => apiWorld(story.url, adminToken);
      const empty = await serverWorld();
      if (empty.journey || empty.company || empty.user.size !== 1) throw new Error('the programme is not empty');
      const { page, context } = await openApp(browser, story.url, { viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      await signIn(page, 'admin@localhost', 'first-admin-password');
      await snap(page, '01-signed-in');

      // A company and its project.
      await click(page, 'People', 'button');
      await click(page, 'Companies and projects', 'button');
      await typeInto(page, 'New company', 'Northwind Ltd');
      await click(page, 'Add company', 'button');
      await find(page, 'Northwind Ltd', 'heading');
      await typeInto(page, 'New project', 'Leaders 2027');
      await typeInto(page, 'PO reference', 'PO-2027-1');
      await click(page, 'Add project', 'button');
      await find(page, 'Leaders 2027', 'selectable');
      await snap(page, '02-company-project');

      // The coach the CSV names.
      await click(page, 'Users', 'button');
      await click(page, 'New user', 'button');
      await typeInto(page, 'Name', 'Cato Coach');
      await typeInto(page, 'E-mail', 'cato.coach@story.test');
      await click(page, 'Create user', 'button');
      await find(page, 'Edit Cato Coach', 'heading');
      await snap(page, '03-coach');

      // A journey with three sessions, published.
      await click(page, 'Journeys', 'button');
      await find(page, 'Journeys', 'heading');
      await typeInto(page, 'Journey name', 'First steps');
      await click(page, 'New journey', 'button');
      await find(page, 'First steps', 'heading');
      const titleFields = async () => (await items(page)).filter((i) => i.label === 'Title' && i.kind === 'input')
        .sort((a, b) => a.y - b.y);
      for (let n = 1; n <= 3; n++) {
        await click(page, 'Add session', 'button');
        await waitFor(`${n} sessions`, async () => (await titleFields()).length === n);
      }
      const titles = ['Kick-off', 'Deep dive', 'Wrap-up'];
      for (let n = 0; n < 3; n++) {
        await clickItem(page, (await titleFields())[n]);
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.keyboard.type(titles[n]);
        await page.keyboard.press('Enter');
        await settled(page);
      }
      await click(page, 'Settings\u2026', 'button');
      await find(page, 'Save settings', 'button');
      await snap(page, '04-journey-settings');
      await click(page, 'Publish\u2026', 'button');
      await click(page, 'Publish', 'button');
      await waitFor('the journey published on the server', async () => {
        const j = [...((await serverWorld()).journey || new Map()).values()][0];
        return j && j.published && j.placeholders.map((p) => p.title).join() === titles.join();
      }, 30000);
      await snap(page, '05-journey-published');
      const journey = [...(await serverWorld()).journey.values()][0];
      const hidden = journey.placeholders.find((p) => p.title === 'Deep dive');

      // A cohort on it whose blueprint hides "Deep dive".
      await click(page, 'Cohorts', 'button');
      await find(page, 'Cohorts', 'heading');
      await click(page, 'New cohort…', 'button');
      await typeInto(page, 'Cohort name', 'Spring 2027');
      await click(page, 'Project', 'combo');
      await click(page, 'Leaders 2027 · Northwind Ltd', 'selectable');
      await click(page, 'Create cohort', 'button');
      const cell = await waitFor('the matrix cell of Spring 2027 × Deep dive', async () => {
        const all = await items(page);
        const title = all.find((i) => i.label === 'Deep dive' && i.kind === 'text');
        const row = all.find((i) => i.label === 'Spring 2027' && i.kind === 'text');
        if (!title || !row) return null;
        return all.filter((i) => i.kind === 'checkbox' && Math.abs(i.x + i.w / 2 - (title.x + 55)) < 60 &&
          i.y > row.y - 10 && i.y < row.y + 120)[0];
      });
      await clickItem(page, cell);
      await find(page, /^Hide 'Deep dive' for Spring 2027: /, 'text');
      await snap(page, '06-blueprint-hide');
      await click(page, 'Apply', 'button');
      const cohort = await waitFor('the blueprint on the server', async () => {
        const c = [...((await serverWorld()).cohort || new Map()).values()][0];
        return c && c.blueprint.length === 2 && !c.blueprint.includes(hidden.id) ? c : null;
      }, 30000);
      await snap(page, '07-blueprint-applied');

      // Three participants from a CSV (quotes and accents in names).
      const file = path.join(dir, 'spring.csv');
      writeFileSync(file, 'name,email,coach email,cohort\n' +
        'Pia Participant,pia@story.test,cato.coach@story.test,Spring 2027\n' +
        '"Quinn ""Q"" Lee",quinn@story.test,cato.coach@story.test,Spring 2027\n' +
        'Rosé Ünal,rose@story.test,cato.coach@story.test,Spring 2027\n');
      await click(page, 'Enrolment', 'button');
      await find(page, 'Import CSV', 'heading');
      const chooser = page.waitForEvent('filechooser');
      await click(page, 'Choose CSV file…', 'button');
      await (await chooser).setFiles(file);
      await find(page, '3 to enrol, 0 refused', 'heading');
      await snap(page, '08-import-preview');
      await click(page, 'Apply 3 rows', 'button');
      await find(page, /^Enrolled 3 participants from spring\.csv/, 'message');
      await waitFor('the import to be sent', async () => (await status(page)).pending === 0, 30000);
      await snap(page, '09-import-applied');
      const enrolled = await serverWorld();
      const pia = [...enrolled.user.values()].find((u) => u.email === 'pia@story.test');
      if (!pia) throw new Error('Pia is not on the server');
      if ([...enrolled.pathway.values()].filter((p) => p.cohort === cohort.id).length !== 3)
        throw new Error('the cohort does not have three pathways');

      // A sign-in link for Pia.
      await click(page, 'People', 'button');
      await click(page, 'Users', 'button');
      await typeInto(page, 'Search people', 'Pia');
      await click(page, 'Pia Participant', 'selectable');
      await find(page, 'Edit Pia Participant', 'heading');
      await clickItem(page, await findScrolling(page, 'Make a sign-in link', 'button', 1050, 600));
      const link = (await findScrolling(page, /#welcome=[0-9a-f]{64}$/, 'message', 1050, 600)).label;
      await snap(page, '10-sign-in-link');

      // Pia opens it elsewhere, chooses a password and sees exactly the two visible sessions.
      const other = await browser.newContext({ viewport: { width: 420, height: 860 }, timezoneId: 'Europe/Paris' });
      contexts.push(other);
      const welcome = await other.newPage();
      welcome.setDefaultTimeout(15000);
      await welcome.goto(link);
      await ready(welcome);
      await find(welcome, 'Choose your password', 'heading');
      await typeInto(welcome, 'New password', 'pia-picks-this-one');
      await typeInto(welcome, 'Repeat the password', 'pia-picks-this-one');
      await snap(welcome, '11-welcome');
      await click(welcome, 'Choose password and sign in', 'button');
      await waitFor('signed in as Pia', async () => (await status(welcome)).user?.name === 'Pia Participant', 20000);
      const heading = await find(welcome, 'My sessions', 'heading');
      await find(welcome, 'Kick-off', 'text');
      await find(welcome, 'Wrap-up', 'text');
      const shown = (await items(welcome)).filter((i) => i.y > heading.y && i.kind === 'text').map((i) => i.label);
      await snap(welcome, '12-participant-sessions');
      if (shown.some((l) => l.startsWith('Deep dive'))) throw new Error(`the hidden session is shown: ${shown.join(' | ')}`);
      // And what reached her browser, through the same pull: two sessions, two placeholders.
      const hers = await apiWorld(story.url, await apiLogin(story.url, 'pia@story.test', 'pia-picks-this-one'));
      const sessions = [...hers.session.values()];
      if (sessions.length !== 2 || sessions.some((x) => x.id.endsWith('/' + hidden.id)))
        throw new Error(`Pia received ${sessions.map((x) => x.id).join(', ')}`);
      const names = [...hers.journey.values()][0].placeholders.map((p) => p.title).join();
      if (names !== 'Kick-off,Wrap-up') throw new Error(`Pia's journey names ${names}`);
    } finally {
      for (const c of contexts) await c.close().catch(() => {});
      await story.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
} catch (e) {
  console.log(`FAIL setup: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
  results.push(false);
} finally {
  cleanup();
  clearTimeout(hardStop);
}
const passed = results.filter(Boolean).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
