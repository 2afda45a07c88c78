// The static page (www/) in a real browser: Debian's chromium through
// playwright-core, served from www/ alone by a plain static server, as a user
// would host it. Pins: upload -> detected columns and suggestions; operator
// change -> preview updates; worker masking -> downloaded file without the
// original values of masked columns; no data leaves: every request is a GET
// of one of the page's own files, with no body and no cell value or key in it
// (anything else is aborted and listed), no WebSocket; the hash key stays in
// the tab's memory (not in the URL, history, storage, console or any saved
// file) unless the user copies it; a cell holding HTML is shown as text and
// never runs; a malformed file gives a line-numbered error and the page stays
// usable. Screenshots of the main states go to test-output/ (not committed).
// Skipped (saying so) where chromium is not installed, except under CI=true,
// where its absence fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, parseCsv, peopleCsv } from './helpers.mjs';
import { CHROMIUM, fence, haveChromium, launchChromium, serveDir, watch } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

const OUT = join(ROOT, 'test-output');
const XSS = '<img src=x onerror="window.__pwned=1">';

// The page's own static files: everything it may ever request.
const OWN_FILES = [
  '/',
  '/style.css',
  '/app.js',
  '/pkg/panel/panel.js',
  '/pkg/panel/panel-markup.js',
  '/pkg/panel/panel-style.js',
  '/pkg/panel/core-client.js',
  '/pkg/panel/core-worker.js',
  '/pkg/panel/model.js',
  '/pkg/panel/save.js',
  '/pkg/panel/tables.js',
  '/pkg/panel/roundtrip.js',
  '/icon.svg',
  '/sample.csv',
  '/pkg/index.js',
  '/pkg/pii_mask.js',
  '/pkg/pii_mask_bg.wasm',
  '/pkg/pii_mask_lists.txt',
  '/pkg/worker.js',
  '/pkg/worker-client.js',
];

/** The generated people CSV, with an HTML payload in the first notes cell. */
function testCsv() {
  const { header, rows } = peopleCsv(120, { seed: 42 });
  const notes = header.indexOf('notes');
  rows[0][notes] = XSS;
  const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
  return { header, rows, text };
}

test('in chromium: the page', { skip, timeout: 180_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const server = await serveDir(join(ROOT, 'www'));
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // Only the page's own files get through; anything else is aborted and listed.
  const refused = await fence(context, origin, OWN_FILES);
  const page = await context.newPage();
  const { problems, traffic, messages, sockets } = watch(context, page);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  const keys = {}; // the generated key and the user's own, as the page used them
  const shot = (name, opts = {}) => page.screenshot({ path: join(OUT, `page-${name}.png`), ...opts });
  const csv = testCsv();
  const col = (name) => csv.header.indexOf(name);

  await page.goto(`${origin}/`);
  await page.waitForSelector('pii-mask-panel[ready]', { timeout: 30_000 });

  await t.test('the empty page states what it does not do, under a strict CSP', async () => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    for (const d of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "connect-src 'self'",
      "worker-src 'self'",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]) {
      assert.ok(csp.includes(d), `CSP has ${d}: ${csp}`);
    }
    assert.match(await page.textContent('#trust'), /does not upload/);
    assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
    // The CSP, not only good manners, stops a request elsewhere.
    const blocked = await page.evaluate(async () => {
      const seen = new Promise((r) => document.addEventListener('securitypolicyviolation', (e) => r(e.violatedDirective), { once: true }));
      fetch('https://example.com/collect', { method: 'POST', body: 'x' }).catch(() => {});
      return seen;
    });
    assert.match(blocked, /connect-src/);
    problems.length = 0; // the console's own reports of that refusal
    await shot('empty');
  });

  await t.test('an uploaded CSV shows its columns, entities and suggested operators', async () => {
    await page.setInputFiles('#file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.text) });
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    await shot('scanned');
    assert.match(await page.textContent('#file-info'), /people\.csv .* 120 rows/);
    const names = await page.$$eval('#column-table tbody tr .col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, csv.header);
    const ops = await page.$$eval('select.op-select', (els) => Object.fromEntries(els.map((s) => [s.dataset.column, s.value])));
    assert.equal(ops.id, 'keep');
    assert.equal(ops.plan, 'keep');
    assert.equal(ops.email, 'mask');
    assert.equal(ops.ssn, 'redact');
    assert.equal(ops.notes, 'scrub');
    for (const c of ['name', 'email', 'phone', 'ssn']) assert.notEqual(ops[c], 'keep', `${c} is not kept`);
    const entities = (name) => page.textContent(`#column-table tbody tr[data-column="${col(name)}"] td.entities`);
    assert.match(await entities('email'), /EMAIL_ADDRESS 100%/);
    assert.match(await entities('ssn'), /US_SSN/);
    assert.match(await entities('phone'), /PHONE_NUMBER/);
    assert.match(await page.textContent(`#column-table tbody tr[data-column="${col('email')}"]`), /sure/);
    // A key was made for hashing, hidden until revealed. The run below hashes
    // names with it, so the later checks cover a key that was really used.
    if (ops.name !== 'hash') await page.selectOption('select.op-select[data-column="name"]', 'hash');
    assert.equal(await page.isVisible('#key-panel'), true);
    assert.equal(await page.getAttribute('#key', 'type'), 'password');
    await page.click('#key-reveal');
    assert.equal(await page.getAttribute('#key', 'type'), 'text');
    keys.generated = await page.inputValue('#key');
    assert.match(keys.generated, /^[0-9a-f]{64}$/);
    await page.click('#key-reveal');
  });

  await t.test('an HTML payload in a cell is shown as text and never runs', async () => {
    const orig = page.locator(`#preview-table tbody tr:first-child td[data-col="${col('notes')}"][data-kind="original"]`);
    assert.equal(await orig.textContent(), XSS);
    assert.equal(await page.locator('#preview-table img, #column-table img').count(), 0);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  await t.test('changing an operator updates the preview', async () => {
    const masked = (name) => page.locator(`#preview-table tbody tr:first-child td[data-col="${col(name)}"][data-kind="masked"]`);
    const email = csv.rows[0][col('email')];
    const before = await masked('email').textContent();
    assert.notEqual(before, email);
    assert.ok(before.endsWith(email.split('@')[1]), `mask keeps the domain: ${before}`);
    await page.selectOption(`select.op-select[data-column="email"]`, 'redact');
    await page.waitForFunction((sel) => document.querySelector('pii-mask-panel').shadowRoot.querySelector(sel)?.textContent === '[EMAIL_ADDRESS]', `#preview-table tbody tr:first-child td[data-col="${col('email')}"][data-kind="masked"]`);
    assert.match(await masked('email').getAttribute('class'), /changed/);
    await page.selectOption(`select.op-select[data-column="phone"]`, 'drop');
    await page.waitForSelector(`#preview-table tbody tr:first-child td[data-col="${col('phone')}"].dropped`);
    // Keyboard: the operator select is reachable and operable without a mouse.
    await page.focus(`select.op-select[data-column="plan"]`);
    await page.keyboard.press('ArrowDown'); // keep -> drop
    await page.waitForSelector(`#preview-table tbody tr:first-child td[data-col="${col('plan')}"].dropped`);
    await page.selectOption(`select.op-select[data-column="plan"]`, 'keep');
    await page.locator('#preview').scrollIntoViewIfNeeded();
    await shot('preview');
  });

  await t.test('the worker masks the file; the download has no original value of a masked column', async () => {
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
    assert.match(await page.textContent('#done-text'), /120 rows/);
    await page.locator('#run').scrollIntoViewIfNeeded();
    await shot('done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(download.suggestedFilename(), 'people-masked.csv');
    const out = await readFile(await download.path(), 'utf8');
    const records = parseCsv(out);
    const expectedHeader = csv.header.filter((h) => h !== 'phone');
    assert.deepEqual(records[0], expectedHeader, 'the dropped column is gone');
    assert.equal(records.length, 121);
    for (const name of ['name', 'email', 'phone', 'ssn']) {
      for (const row of csv.rows) {
        const value = row[col(name)];
        assert.ok(!out.includes(value), `${name} value ${JSON.stringify(value)} is not in the output`);
      }
    }
    const outEmail = expectedHeader.indexOf('email');
    assert.ok(records.slice(1).every((r) => r[outEmail] === '[EMAIL_ADDRESS]'));
    const [reportDl] = await Promise.all([page.waitForEvent('download'), page.click('#report-btn')]);
    const report = JSON.parse(await readFile(await reportDl.path(), 'utf8'));
    assert.equal(report.rows, 120);
    assert.ok(!JSON.stringify(report).includes(csv.rows[0][col('email')]), 'the report holds no raw values');
    // The audit record: the report with the digests of what went in and came out, and the time.
    const [auditDl] = await Promise.all([page.waitForEvent('download'), page.click('#audit-btn')]);
    assert.equal(auditDl.suggestedFilename(), 'people-audit.json');
    const audit = JSON.parse(await readFile(await auditDl.path(), 'utf8'));
    assert.equal(audit.rows, 120);
    assert.ok(Math.abs(Date.parse(audit.time) - Date.now()) < 600_000);
    const outBytes = await readFile(await download.path());
    assert.equal(audit.audit.output.sha256, createHash('sha256').update(outBytes).digest('hex'));
    assert.equal(audit.audit.output.bytes, outBytes.length);
    assert.equal(audit.audit.input.sha256, createHash('sha256').update(csv.text).digest('hex'));
    assert.equal(audit.audit.policySha256, createHash('sha256').update(audit.audit.policy).digest('hex'));
    assert.deepEqual(JSON.parse(audit.audit.policy).columns.phone, { op: 'drop' });
    for (const row of csv.rows) assert.ok(!JSON.stringify(audit).includes(row[col('email')]), 'the audit record holds no raw values');
  });

  await t.test('the policy saves without the key and loads back', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#policy-save')]);
    const policy = JSON.parse(await readFile(await dl.path(), 'utf8'));
    assert.equal(policy.version, 1);
    assert.deepEqual(policy.columns.email, { op: 'redact' });
    assert.deepEqual(policy.columns.phone, { op: 'drop' });
    const text = JSON.stringify(policy);
    assert.ok(!text.includes(await page.inputValue('#key')), 'the policy holds no key');
    // A column this file lacks: refused as the core (and the CLI) refuses it, nothing changed.
    const other = { ...policy, columns: { ...policy.columns, email: { op: 'hash' }, nosuch: { op: 'drop' } } };
    await page.setInputFiles('#policy-file', { name: 'team.policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await page.waitForSelector('#policy-note:has-text("team.policy.json")');
    assert.match(await page.textContent('#policy-note'), /Could not load team\.policy\.json: .*"nosuch" is not in the header/);
    assert.equal(await page.inputValue('select.op-select[data-column="email"]'), 'redact');
    delete other.columns.nosuch;
    await page.setInputFiles('#policy-file', { name: 'team.policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.querySelector('select.op-select[data-column="email"]').value === 'hash');
    const bad = { version: 1, columns: { email: { op: 'mask', bogus: 1 }, plan: { op: 'drop' } } };
    await page.setInputFiles('#policy-file', { name: 'bad.policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.waitForSelector('#policy-note:has-text("bad.policy.json")');
    assert.match(await page.textContent('#policy-note'), /Could not load bad\.policy\.json: .*bogus/);
    assert.equal(await page.inputValue('select.op-select[data-column="email"]'), 'hash', 'a refused policy changes nothing');
    assert.equal(await page.inputValue('select.op-select[data-column="plan"]'), 'keep');
  });

  await t.test('with the File System Access API, the output streams to the chosen file', async () => {
    // A stand-in for the browser's save picker: collects what is written.
    await page.evaluate(() => {
      window.__written = [];
      window.showSaveFilePicker = async () => ({
        createWritable: async () => ({
          write: async (b) => void window.__written.push(Array.from(b)),
          close: async () => void (window.__closed = true),
          abort: async () => {},
        }),
      });
    });
    await page.click('#run-btn'); // the Blob way first, for comparison
    await page.waitForSelector('pii-mask-panel[state=done]');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const viaBlob = await readFile(await dl.path());
    await page.setInputFiles('#file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.text) });
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    assert.equal(await page.isVisible('#fsa'), true);
    await page.check('#fsa');
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]');
    const written = Buffer.from((await page.evaluate(() => window.__written)).flat());
    assert.equal(await page.evaluate(() => window.__closed), true);
    assert.equal(await page.isVisible('#download'), false, 'nothing left to download: it is on disk');
    // The policy was reset by the reload, so compare with a fresh Blob run.
    await page.uncheck('#fsa');
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]');
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.ok(written.equals(await readFile(await dl2.path())), 'streamed output equals the Blob output');
    assert.ok(viaBlob.length > 0);
    await page.evaluate(() => delete window.showSaveFilePicker);
  });

  await t.test('copying the first rows gives masked CSV; a short own key is refused', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.fill('#copy-n', '3');
    await page.click('#copy-rows');
    await page.waitForSelector('#copy-note:has-text("Copied")');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const rows = parseCsv(copied);
    assert.equal(rows.length, 4, 'header and three rows');
    assert.deepEqual(rows[0], csv.header);
    assert.ok(!copied.includes(csv.rows[0][col('email')]));
    assert.ok(!copied.includes(csv.rows[0][col('ssn')]));
    assert.ok(!copied.includes(keys.generated), 'copied rows hold no key');
    // Exporting the key is the user's choice: the Copy button hands over the
    // same key the page showed and used.
    await page.click('#key-copy');
    await page.waitForSelector('#key-note:has-text("Key copied")');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), keys.generated);
    if (!(await page.isVisible('#key-panel'))) await page.selectOption('select.op-select[data-column="name"]', 'hash');
    const own = 'our team key, shared offline';
    keys.own = own;
    await page.fill('#key', 'too short');
    assert.match(await page.textContent('#key-note'), /at least 16 bytes/);
    await page.click('#run-btn');
    assert.equal(await page.evaluate(() => document.querySelector('pii-mask-panel').shadowRoot.activeElement.id), 'key');
    await page.fill('#key', own);
    assert.equal(await page.textContent('#key-note'), '');
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]');
  });

  await t.test('a file dropped on the page loads', async () => {
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      document.querySelector('pii-mask-panel').shadowRoot.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, csv.text);
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('file-info').textContent.startsWith('dropped.csv'));
    await page.waitForSelector('pii-mask-panel[state=scanned]');
  });

  await t.test('an error past the scanned prefix stops the run with its line number', async () => {
    const { text } = peopleCsv(20_000, { seed: 3 });
    assert.ok(text.length > 1.5 * (1 << 20), 'the bad row is past the 1 MiB prefix');
    const line = text.split('\n').length; // the line the extra record starts on
    await page.setInputFiles('#file', { name: 'late.csv', mimeType: 'text/csv', buffer: Buffer.from(text + 'only,three,fields\n') });
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    assert.match(await page.textContent('#file-info'), /about [\d,]+ rows \(estimated/);
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=error]');
    assert.match(await page.textContent('#error .error-title'), /Masking stopped/);
    assert.match(await page.textContent('#error-message'), new RegExp(`late\\.csv: line ${line}: expected 7 fields, found 3`));
    assert.equal(await page.isEnabled('#run-btn'), true);
  });

  await t.test('cancel stops a run; the next run works', async () => {
    const big = peopleCsv(40_000, { seed: 7 }).text;
    await page.setInputFiles('#file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    await page.evaluate(() => {
      document.querySelector('pii-mask-panel').shadowRoot.getElementById('run-btn').click();
      document.querySelector('pii-mask-panel').shadowRoot.getElementById('cancel-btn').click();
    });
    await page.waitForSelector('pii-mask-panel[state=cancelled]');
    assert.match(await page.textContent('#progress-text'), /Cancelled/);
    assert.equal(await page.isEnabled('#run-btn'), true);
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
    assert.match(await page.textContent('#done-text'), /40,000 rows/);
  });

  await t.test('a malformed file shows an error naming the line; the page stays usable', async () => {
    await page.setInputFiles('#file', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,"never closed\n4,5\n') });
    await page.waitForSelector('pii-mask-panel[state=error]');
    assert.equal(await page.isVisible('#error'), true);
    assert.match(await page.textContent('#error-message'), /broken\.csv: line 3: unclosed quote/);
    assert.equal(await page.isVisible('#columns'), false);
    await shot('error');
    await page.setInputFiles('#file', { name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3\n') });
    await page.waitForSelector('#error-message:has-text("ragged.csv")');
    assert.match(await page.textContent('#error-message'), /line 3: expected 2 fields, found 1/);
    // Afterwards a good file loads as if nothing happened.
    await page.setInputFiles('#file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.text) });
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    assert.equal(await page.isVisible('#error'), false);
    assert.equal(await page.locator('#column-table tbody tr').count(), csv.header.length);
  });

  await t.test('an empty file is refused; a file without a header works with "no header" chosen', async () => {
    await page.setInputFiles('#file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.waitForSelector('#error-message:has-text("empty.csv")');
    assert.match(await page.textContent('#error-message'), /the file is empty/);
    await page.click('#csv-options summary');
    await page.selectOption('#opt-header', 'no');
    const body = csv.rows.slice(0, 30).map((r) => [r[col('email')], r[col('plan')]].join(',')).join('\n') + '\n';
    await page.setInputFiles('#file', { name: 'bare.csv', mimeType: 'text/csv', buffer: Buffer.from(body) });
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    const names = await page.$$eval('#column-table tbody tr .col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, ['#0', '#1']);
    assert.equal(await page.inputValue('select.op-select[data-index="0"]'), 'mask');
    const first = await page.textContent('#preview-table tbody tr:first-child td[data-col="0"][data-kind="masked"]');
    assert.notEqual(first, csv.rows[0][col('email')]);
    await page.selectOption('#opt-header', 'auto');
    await page.click('#csv-options summary');
  });

  await t.test('a Windows-1252 file: the page says which line is not UTF-8 and re-reads it when asked', async () => {
    const ansi = Buffer.from('name,email,notes\nJos\xe9 M\xfcller,jose@example.com,caf\xe9 \x80 5\n', 'latin1');
    await page.setInputFiles('#file', { name: 'ansi.csv', mimeType: 'text/csv', buffer: ansi });
    await page.waitForSelector('#encoding-note:not([hidden])');
    assert.match(await page.textContent('#encoding-text'), /Line 2 has bytes that are not UTF-8/);
    await shot('encoding-note');
    await page.click('#encoding-switch');
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').state === 'scanned' && document.querySelector('pii-mask-panel').shadowRoot.getElementById('encoding-note').hidden);
    assert.equal(await page.inputValue('#opt-encoding'), 'windows-1252');
    assert.match(await page.textContent('#file-info'), /read as Windows-1252/);
    const cell = await page.textContent('#preview-table tbody tr:first-child td[data-col="0"][data-kind="original"]');
    assert.equal(cell, 'José Müller');
    await page.selectOption('#opt-encoding', 'utf-8');
    await page.click('#csv-options summary');
  });

  await t.test('the sample loads; the page reads on a narrow window', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('#sample');
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('file-info').textContent.startsWith('sample.csv'));
    // The page's timings are standard User Timing measures, no hook of its own.
    await page.waitForFunction(() => performance.getEntriesByName('pii-mask:preview-painted').length > 0);
    const timing = await page.evaluate(() => Object.fromEntries(['pii-mask:preview', 'pii-mask:preview-painted'].map((n) => [n, performance.getEntriesByName(n).at(-1).duration])));
    t.diagnostic(`sample: file chosen -> preview rendered ${timing['pii-mask:preview'].toFixed(0)} ms, painted ${timing['pii-mask:preview-painted'].toFixed(0)} ms`);
    assert.equal(await page.evaluate(() => '__piiMask' in window), false, 'no test hook on window');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal page scroll on a narrow window (${overflow}px)`);
    await shot('narrow');
    await page.locator('#column-table').scrollIntoViewIfNeeded();
    await shot('narrow-columns');
    await page.locator('#preview-table').scrollIntoViewIfNeeded();
    await shot('narrow-preview');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await t.test('no data left the page: only GETs of its own files, no body, no cell value or key in any request', () => {
    // The fence lists every WebSocket too (and, routing it, hides it from the
    // page's own 'websocket' event, which stays as a second net).
    assert.deepEqual(refused, [], 'nothing was aborted by the fence');
    assert.deepEqual(sockets, [], 'no WebSocket');
    // What a leak would carry: the people's values from the uploaded file
    // (every step ran on it), and both keys the page hashed with.
    const secrets = [...csv.rows.flatMap((r) => ['name', 'email', 'phone', 'ssn'].map((c) => r[col(c)])), keys.generated, keys.own];
    const forms = (v) => [v, encodeURIComponent(v), encodeURIComponent(v).replaceAll('%20', '+')];
    const paths = new Set();
    const wrong = [];
    for (const r of traffic) {
      const url = new URL(r.url);
      const own = url.origin === origin && url.search === '' && OWN_FILES.includes(url.pathname);
      const blob = r.url.startsWith(`blob:${origin}/`); // a download of the page's own Blob
      if (own) paths.add(url.pathname);
      if (!own && !blob) wrong.push(`not one of the page's files: ${r.url}`);
      if (r.method !== 'GET' && r.method !== 'HEAD') wrong.push(`${r.method} ${r.url}`);
      if (r.body && r.body.length > 0) wrong.push(`a body of ${r.body.length} bytes: ${r.url}`);
      const carried = `${r.url}\n${JSON.stringify(r.headers)}`;
      for (const v of secrets) if (forms(v).some((f) => carried.includes(f))) wrong.push(`${JSON.stringify(v)} in ${r.method} ${r.url}`);
    }
    assert.deepEqual(wrong, []);
    const types = {};
    for (const r of traffic) types[r.type] = (types[r.type] ?? 0) + 1;
    t.diagnostic(`${traffic.length} requests (${Object.entries(types).map(([k, n]) => `${k} ${n}`).join(', ')}) for ${paths.size} distinct files: ${[...paths].sort().join(' ')}`);
    assert.deepEqual([...paths].sort(), [...OWN_FILES].sort(), 'these tests used every file the page has');
    // The worker's own loads count too: each run starts a worker that fetches the wasm.
    assert.ok(traffic.filter((r) => r.url === `${origin}/pkg/pii_mask_bg.wasm`).length >= 2, 'the workers\' requests are watched');
  });

  await t.test('the key stays in the tab\'s memory: not in the URL, history, storage, console or a saved file', async () => {
    const secrets = [keys.generated, keys.own];
    const holding = (text) => secrets.filter((k) => text.includes(k) || text.includes(encodeURIComponent(k)));
    const where = await page.evaluate(async () => {
      const all = (s) => Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]);
      return {
        href: location.href,
        historyState: history.state,
        windowName: window.name,
        cookie: document.cookie,
        localStorage: all(localStorage),
        sessionStorage: all(sessionStorage),
        indexedDB: (await indexedDB.databases()).map((d) => d.name),
        caches: await caches.keys(),
        serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
        // The panel's shadow tree is not in outerHTML: its markup is taken too.
        markup: document.documentElement.outerHTML + [...document.querySelectorAll('*')].map((n) => n.shadowRoot?.innerHTML ?? '').join(''),
      };
    });
    assert.equal(where.href, `${origin}/`, 'the URL never changed');
    assert.equal(where.historyState, null);
    assert.equal(where.windowName, '');
    assert.equal(where.cookie, '');
    assert.deepEqual(where.localStorage, []);
    assert.deepEqual(where.sessionStorage, []);
    assert.deepEqual(where.indexedDB, []);
    assert.deepEqual(where.caches, []);
    assert.equal(where.serviceWorkers, 0);
    assert.deepEqual(holding(where.markup), [], 'the key is in no attribute or text of the page (the input holds it as a value only)');
    // The browser's own records: the tab's history entries and what it would persist.
    const cdp = await context.newCDPSession(page);
    const { entries } = await cdp.send('Page.getNavigationHistory');
    await cdp.detach();
    assert.deepEqual(entries.map((e) => e.url).filter((u) => u !== 'about:blank'), [`${origin}/`], 'one history entry, the page itself');
    assert.deepEqual(holding(JSON.stringify(entries)), []);
    const stored = await context.storageState({ indexedDB: true });
    assert.deepEqual(stored.cookies, []);
    assert.deepEqual(holding(JSON.stringify(stored)), [], 'nothing persisted holds the key');
    // Never logged, by the page or its workers.
    assert.deepEqual(holding(messages.join('\n')), [], 'no console message holds the key');
    // Nor in anything the user saved: masked CSV, report, policy.
    const names = downloads.map((d) => d.suggestedFilename());
    for (const name of ['people-masked.csv', 'people-report.json', 'people.policy.json']) assert.ok(names.includes(name), `${name} was saved`);
    for (const d of downloads) {
      const text = await readFile(await d.path(), 'utf8');
      assert.deepEqual(holding(text), [], `${d.suggestedFilename()} holds no key`);
    }
    t.diagnostic(`key checked against ${messages.length} console messages and ${downloads.length} saved files`);
  });

  assert.deepEqual(problems, []);
});
