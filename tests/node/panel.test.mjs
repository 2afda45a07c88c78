// <pii-mask-panel> (pkg/panel/panel.js) embedded in another app's page, in a
// real browser (Debian's chromium through playwright-core): the host page
// (tests/node/panel/) has a CSP stricter than the pii-mask page's, two panels,
// and themes one of them. It hands files to the panels as Blobs, listens to
// their events, drives them by keyboard, and the context may fetch only the
// host's and the package's files. Skipped (saying so) where chromium is not
// installed, except under CI=true, where its absence fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY, PKG, ROOT, dec, enc, loadPkg, parseCsv, peopleCsv } from './helpers.mjs';
import { CHROMIUM, fence, haveChromium, launchChromium, serveDir, watch } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

// What the host page may fetch: its own files and the package's.
const HOST_FILES = ['/host.html', '/host.js', '/host.css'];
const PKG_FILES = ['index.js', 'pii_mask.js', 'pii_mask_bg.wasm', 'pii_mask_lists.txt', 'worker.js', 'worker-client.js', ...readdirSync(join(PKG, 'panel')).map((f) => `panel/${f}`)];

/** The host's folder with the package beside it, as an app that serves node_modules/pii-mask would. */
function hostSite(t) {
  const dir = mkdtempSync(join(tmpdir(), 'pii-mask-panel-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'tests/node/panel'), dir, { recursive: true });
  symlinkSync(PKG, join(dir, 'pkg'));
  return dir;
}

/** Hands `text` to panel `id` as a File through its `file` property; waits for its scan or error. */
async function give(page, id, name, text) {
  await page.evaluate(
    ([id, name, text]) => {
      document.getElementById(id).file = new File([text], name, { type: 'text/csv' });
    },
    [id, name, text],
  );
  await page.waitForFunction(
    ([id, name]) => {
      const p = document.getElementById(id);
      return p.shadowRoot.getElementById('file-info').textContent.startsWith(name) && ['scanned', 'error'].includes(p.state);
    },
    [id, name],
  );
}

/**
 * The details of the events of `type` from panel `id` recorded so far, as
 * plain data (a Blob or File in them arrives as {}: read those in the page).
 */
const eventsOf = (page, type, id) =>
  page.evaluate(([type, id]) => window.events.filter((e) => e.type === type && e.panel === id).map((e) => e.detail), [type, id]);

test('in chromium: <pii-mask-panel> embedded in another page', { skip, timeout: 240_000 }, async (t) => {
  const server = await serveDir(hostSite(t));
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const refused = await fence(context, origin, [...HOST_FILES, ...PKG_FILES.map((f) => `/pkg/${f}`)]);
  const page = await context.newPage();
  const { problems, traffic } = watch(context, page);
  await page.goto(`${origin}/host.html`);
  await page.waitForSelector('#a[ready]', { timeout: 30_000 });
  await page.waitForSelector('#b[ready]', { state: 'attached', timeout: 30_000 }); // nothing to show before its file

  const people = peopleCsv(40, { seed: 5 });
  const peopleText = people.text;
  const ordersText = 'order,customer_email,amount\n1,ada@example.com,10\n2,grace@example.org,20\n';

  await t.test('embedding: open shadow roots, one shared constructed stylesheet, a file given as a Blob is scanned', async () => {
    const shape = await page.evaluate(() => {
      const [a, b] = ['a', 'b'].map((id) => document.getElementById(id));
      return {
        defined: customElements.get('pii-mask-panel') === a.constructor,
        open: a.shadowRoot !== null && b.shadowRoot !== null,
        sheets: [a.shadowRoot.adoptedStyleSheets.length, b.shadowRoot.adoptedStyleSheets.length],
        shared: a.shadowRoot.adoptedStyleSheets[0] === b.shadowRoot.adoptedStyleSheets[0],
        styleNodes: a.shadowRoot.querySelectorAll('style, [style], link').length + document.querySelectorAll('style, [style]').length,
        state: [a.state, b.state],
      };
    });
    assert.deepEqual(shape, { defined: true, open: true, sheets: [1, 1], shared: true, styleNodes: 0, state: ['empty', 'empty'] });
    await give(page, 'a', 'people.csv', peopleText);
    assert.equal(await page.getAttribute('#a', 'state'), 'scanned');
    // The file the user chooses is the panel's file from then on.
    await page.locator('#a').locator('#file').setInputFiles({ name: 'chosen.csv', mimeType: 'text/csv', buffer: Buffer.from(ordersText) });
    await page.waitForFunction(() => document.getElementById('a').file?.name === 'chosen.csv');
    await give(page, 'a', 'people.csv', peopleText);
    const names = await page.locator('#a').locator('#column-table tbody .col-name').allTextContents();
    assert.deepEqual(names, people.header);
  });

  await t.test('a panel made by script takes its file before it is connected', async () => {
    await page.evaluate((text) => {
      const p = document.createElement('pii-mask-panel');
      p.id = 'c';
      p.file = new Blob([text], { type: 'text/csv' }); // a Blob without a name
      document.body.append(p);
    }, ordersText);
    await page.waitForSelector('#c[state=scanned]', { timeout: 30_000 });
    assert.match(await page.locator('#c').locator('#file-info').textContent(), /^data\.csv · /);
    const scans = await eventsOf(page, 'pii-mask-scan', 'c');
    assert.deepEqual(scans.map((d) => d.result.columns.map((c) => c.name)), [['order', 'customer_email', 'amount']]);
    // Moved, it keeps its state; removed, its core worker ends.
    const coreWorkers = () => page.workers().filter((w) => w.url().endsWith('/pkg/panel/core-worker.js'));
    assert.equal(coreWorkers().length, 3, 'one core worker per panel');
    await page.evaluate(() => document.body.prepend(document.getElementById('c')));
    assert.equal(await page.getAttribute('#c', 'state'), 'scanned');
    const closed = Promise.race(coreWorkers().map((w) => new Promise((resolve) => w.once('close', resolve))));
    await page.evaluate(() => document.getElementById('c').remove());
    await closed;
    assert.equal(coreWorkers().length, 2, 'the removed panel\'s worker ended; the others run');
  });

  await t.test('events: scan, change (the policy), done (the masked Blob and the report), as the Node API masks', async () => {
    const scans = await page.evaluate(() => window.events.filter((e) => e.type === 'pii-mask-scan' && e.panel === 'a').map(({ detail: d }) => ({ name: d.file.name, columns: d.result.columns.length })));
    const peopleScan = { name: 'people.csv', columns: people.header.length };
    assert.deepEqual(scans, [peopleScan, { name: 'chosen.csv', columns: 3 }, peopleScan]);
    await page.evaluate((key) => (document.getElementById('a').key = key), KEY);
    assert.equal(await page.locator('#a').locator('#key').inputValue(), KEY, 'the key property reaches the key field');
    await page.locator('#a').locator('select.op-select[data-column="email"]').selectOption('hash');
    // Reading the key back gives the one in use, whoever chose it.
    const typed = 'a key typed by the user, 32 bytes';
    await page.locator('#a').locator('#key').fill(typed);
    assert.equal(await page.evaluate(() => document.getElementById('a').key), typed);
    await page.evaluate((key) => (document.getElementById('a').key = key), KEY);
    assert.equal(await page.locator('#a').locator('#key').inputValue(), KEY);
    const changes = await eventsOf(page, 'pii-mask-change', 'a');
    assert.ok(changes.length >= 1);
    const { policy } = changes.at(-1);
    assert.equal(policy.columns.email.op, 'hash');
    await page.locator('#a').locator('#run-btn').click();
    await page.waitForSelector('#a[state=done]', { timeout: 60_000 });
    const [done] = await page.evaluate(async () => {
      const ds = window.events.filter((e) => e.type === 'pii-mask-done' && e.panel === 'a').map((e) => e.detail);
      return Promise.all(ds.map(async (d) => ({ isBlob: d.blob instanceof Blob, text: await d.blob.text(), rows: d.report.rows, name: d.name })));
    });
    assert.equal(done.isBlob, true);
    assert.equal(done.name, 'people-masked.csv');
    assert.equal(done.rows, people.rows.length);
    // The same bytes the package's Node API writes for the policy the panel announced.
    const api = await loadPkg();
    const expected = dec.decode(api.maskBytes(enc.encode(peopleText), policy, { key: KEY, escapeFormulas: true }).output);
    assert.equal(done.text, expected);
    const emails = people.rows.map((r) => r[people.header.indexOf('email')]);
    assert.ok(emails.every((e) => !done.text.includes(e)), 'no original email is in the masked Blob');
  });

  await t.test('pii-mask-error carries the core\'s code and line', async () => {
    await give(page, 'a', 'broken.csv', 'a,b\n1,2\n3,"4\n');
    assert.equal(await page.getAttribute('#a', 'state'), 'error');
    const [err] = await eventsOf(page, 'pii-mask-error', 'a');
    assert.equal(err.code, 'unclosed_quote');
    assert.equal(err.line, 3);
    assert.equal(err.kind, 'file');
    assert.match(err.message, /^broken\.csv: line 3/);
    assert.equal(await page.locator('#a').locator('#error').isVisible(), true, 'the panel shows it too');
    // The policy property: applied to the next file, with its own errors as events.
    await page.evaluate(() => (document.getElementById('a').policy = { version: 1, columns: { email: { op: 'drop' } } }));
    await give(page, 'a', 'people.csv', peopleText);
    await page.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('select.op-select[data-column="email"]').value === 'drop');
    await page.evaluate(() => (document.getElementById('a').policy = { version: 1, columns: { nosuch: { op: 'drop' } } }));
    await page.waitForFunction(() => window.events.filter((e) => e.type === 'pii-mask-error' && e.panel === 'a').length === 2);
    const [, policyErr] = await eventsOf(page, 'pii-mask-error', 'a');
    assert.match(policyErr.code, /^policy_/);
    assert.equal(policyErr.kind, 'policy');
    await page.evaluate(() => (document.getElementById('a').policy = null));
  });

  await t.test('theming: a custom property and ::part change what is computed, in the themed panel only', async () => {
    const look = (id) =>
      page.evaluate((id) => {
        const root = document.getElementById(id).shadowRoot;
        const cs = (sel) => getComputedStyle(root.querySelector(sel));
        return { step: cs('.step').backgroundColor, section: cs('#load').borderTopColor, run: cs('#run-btn').borderTopLeftRadius, runBg: cs('#run-btn').backgroundColor };
      }, id);
    assert.deepEqual(await look('a'), { step: 'rgb(180, 0, 90)', section: 'rgb(0, 120, 0)', run: '0px', runBg: 'rgb(180, 0, 90)' });
    const plain = await look('b');
    assert.equal(plain.step, 'rgb(31, 95, 91)', 'the default accent');
    assert.notEqual(plain.section, 'rgb(0, 120, 0)');
    assert.equal(plain.run, '6px');
  });

  await t.test('steps: the second panel shows only the steps it names, and changes with the attribute', async () => {
    assert.equal(await page.locator('#b').locator('#load').isVisible(), false, 'no load step: the host gives the file');
    await give(page, 'b', 'orders.csv', ordersText);
    for (const id of ['columns', 'preview', 'run']) assert.equal(await page.locator('#b').locator(`#${id}`).isVisible(), true, `#${id} shown`);
    await page.evaluate(() => document.getElementById('b').setAttribute('steps', 'load run'));
    const shown = async () => Object.fromEntries(await Promise.all(['load', 'columns', 'preview', 'run'].map(async (id) => [id, await page.locator('#b').locator(`#${id}`).isVisible()])));
    assert.deepEqual(await shown(), { load: true, columns: false, preview: false, run: true });
    await page.evaluate(() => (document.getElementById('b').steps = ['columns', 'preview', 'run']));
    assert.deepEqual(await shown(), { load: false, columns: true, preview: true, run: true });
  });

  await t.test('two panels on one page are independent', async () => {
    const cols = (id) => page.locator(`#${id}`).locator('#column-table tbody .col-name').allTextContents();
    assert.deepEqual(await cols('a'), people.header);
    assert.deepEqual(await cols('b'), ['order', 'customer_email', 'amount']);
    const before = await page.locator('#b').locator('select.op-select').evaluateAll((s) => s.map((x) => x.value));
    await page.locator('#a').locator('select.op-select[data-column="name"]').selectOption('drop');
    assert.deepEqual(await page.locator('#b').locator('select.op-select').evaluateAll((s) => s.map((x) => x.value)), before, 'b did not change with a');
    // Each its own key and output.
    const keyB = 'another test key, also 32 bytes!';
    await page.evaluate((k) => (document.getElementById('b').key = k), keyB);
    assert.equal(await page.locator('#a').locator('#key').inputValue(), KEY);
    assert.equal(await page.locator('#b').locator('#key').inputValue(), keyB);
    await page.locator('#b').locator('#run-btn').click();
    await page.waitForSelector('#b[state=done]', { timeout: 60_000 });
    assert.equal(await page.getAttribute('#a', 'state'), 'scanned', 'a did not run');
    const doneB = await page.evaluate(() => window.events.filter((e) => e.type === 'pii-mask-done' && e.panel === 'b').at(-1).detail.blob.text());
    const rows = parseCsv(doneB);
    assert.deepEqual(rows[0], ['order', 'customer_email', 'amount']);
    assert.ok(!doneB.includes('ada@example.com') && !doneB.includes('grace@example.org'));
  });

  await t.test('the policy attribute: applied to the file shown; removed, the next file keeps the suggestions', async () => {
    const amount = () => page.locator('#b').locator('select.op-select[data-column="amount"]').inputValue();
    assert.equal(await amount(), 'keep');
    await page.evaluate(() => document.getElementById('b').setAttribute('policy', '{"version":1,"columns":{"amount":{"op":"drop"}}}'));
    await page.waitForFunction(() => document.getElementById('b').shadowRoot.querySelector('select.op-select[data-column="amount"]').value === 'drop');
    assert.deepEqual(await page.evaluate(() => document.getElementById('b').policy), '{"version":1,"columns":{"amount":{"op":"drop"}}}');
    await page.evaluate(() => document.getElementById('b').removeAttribute('policy'));
    await give(page, 'b', 'orders2.csv', ordersText);
    assert.equal(await amount(), 'keep');
  });

  await t.test('keyboard: from the host\'s control, Tab enters the panel; an operator and the run are keyboard-driven', async () => {
    await give(page, 'a', 'people.csv', peopleText);
    const active = () => page.evaluate(() => {
      const host = document.activeElement;
      return { host: host?.id ?? null, inner: host?.shadowRoot?.activeElement?.id ?? null };
    });
    await page.focus('#before');
    await page.keyboard.press('Tab');
    assert.deepEqual(await active(), { host: 'a', inner: 'file' }, 'the file chooser is the first stop');
    // An operator by keyboard: focus its select, then the arrow keys.
    const select = page.locator('#a').locator('select.op-select[data-column="phone"]');
    const from = await select.inputValue();
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((from) => document.getElementById('a').shadowRoot.querySelector('select.op-select[data-column="phone"]').value !== from, from);
    // Tab on to the run button and press Enter.
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await active()).inner === 'run-btn';
    }
    assert.ok(reached, 'Tab reaches "Mask the file"');
    const runs = (await eventsOf(page, 'pii-mask-done', 'a')).length;
    await page.keyboard.press('Enter');
    await page.waitForSelector('#a[state=done]', { timeout: 60_000 });
    assert.equal((await eventsOf(page, 'pii-mask-done', 'a')).length, runs + 1);
    assert.deepEqual(await active(), { host: 'a', inner: 'download' }, 'focus moves to the download');
  });

  await t.test('strict CSP: no violation; no request beyond the host\'s and the package\'s files', async () => {
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(refused, []);
    const others = traffic.filter((r) => r.method !== 'GET' || r.body);
    assert.deepEqual(others, [], 'only GETs without a body');
    assert.ok(traffic.some((r) => r.url.endsWith('/pkg/panel/core-worker.js')), 'the panels\' workers were watched');
    assert.deepEqual(problems, []);
    // The listener hears a violation when there is one: an inline style attribute.
    await page.evaluate(() => document.getElementById('before').setAttribute('style', 'color: red'));
    await page.waitForFunction(() => window.violations.length === 1);
    assert.match((await page.evaluate(() => window.violations))[0], /^style-src/);
  });
});

test('in chromium: a panel whose wasm cannot load says so, as an event and on screen', { skip, timeout: 120_000 }, async (t) => {
  const server = await serveDir(hostSite(t));
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext();
  await context.route('**/pii_mask_bg.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  const page = await context.newPage();
  await page.goto(`${origin}/host.html`);
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'pii-mask-error').length === 2);
  const errors = await page.evaluate(() => window.events.map((e) => [e.type, e.panel, e.detail.title, e.detail.kind]));
  assert.deepEqual(errors, [
    ['pii-mask-error', 'a', 'pii-mask could not start', 'other'],
    ['pii-mask-error', 'b', 'pii-mask could not start', 'other'],
  ]);
  assert.match(await page.locator('#a').locator('#error-message').textContent(), /^The WebAssembly module could not be loaded: /);
  assert.equal(await page.locator('#a').locator('#file').isDisabled(), true, 'nothing can be chosen');
  assert.equal(await page.evaluate(() => document.getElementById('a').ready.then(() => 'resolved', () => 'rejected')), 'rejected');
  assert.equal(await page.getAttribute('#a', 'ready'), null);
});
