// The columns table says what the scan found, honestly, and the tools around
// it (issue 11), in chromium:
// - one chip per entity: a header naming a place is "header", not a second
//   "LOCATION 100%" beside "LOCATION 0%"; a share under 1% says so;
// - how sure the scan is, in words about the detection ("sure", "fairly
//   sure", "unsure"), with what it rests on (the header, the cells);
// - undo, reset to suggestions, one operator for every column with
//   personal data; search and filters in the preview;
// - a policy hashing with sha256 needs the key like any hash;
// - a dark theme when the system asks for one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

/** 1,000 rows: `city` names places in its header, two cells are one; `name` is 52.5% names; `town` has none. */
function placesCsv() {
  const lines = ['id,city,name,town'];
  for (let i = 1; i <= 1000; i++) lines.push(`${i},${i === 7 || i === 9 ? 'Paris' : `XK-${1000 + i}`},${i <= 525 ? 'Jane Doe' : `zz${i}`},${i % 2 ? 'n/a' : 'unknown'}`);
  return lines.join('\n') + '\n';
}

const row = (page, i) => `#column-table tbody tr[data-column="${i}"]`;
const chipTexts = (page, i) => page.$$eval(`${row(page, i)} .entity`, (ns) => ns.map((n) => n.textContent.trim()));
const sure = (page, i) => page.textContent(`${row(page, i)} td:nth-child(3)`);
const ops = (page) => page.$$eval('select.op-select', (s) => s.map((x) => x.value));

test('in chromium: the columns table and its tools', { skip, timeout: 180_000 }, async (t) => {
  const { page, problems, context } = await openPage(t, join(ROOT, 'www'));

  await t.test('one chip per entity, no 0% chip; how sure, and on what it rests', async () => {
    assert.equal(await loadCsv(page, 'places.csv', placesCsv()), 'scanned');
    assert.deepEqual(await chipTexts(page, 1), ['LOCATION header, 2 cells']);
    assert.match(await sure(page, 1), /^fairly sure.*header/);
    assert.deepEqual(await chipTexts(page, 2), ['PERSON 53%']);
    assert.match(await sure(page, 2), /^sure.*header agrees with the cells/, '86% confidence on 53% of cells: the header explains it');
    assert.deepEqual(await chipTexts(page, 3), ['LOCATION header only']);
    assert.match(await sure(page, 3), /from the header alone/);
    assert.match(await sure(page, 0), /^nothing found$/);
    assert.equal(await page.inputValue('select.op-select[data-index="0"]'), 'keep');
    for (const i of [0, 1, 2, 3]) {
      assert.ok(!(await chipTexts(page, i)).some((c) => / 0%$/.test(c)), `no 0% chip in column ${i}`);
      assert.doesNotMatch(await sure(page, i), /\b(high|medium|low)\b/, 'no word that reads as a risk level');
    }
    assert.match(await page.textContent('#column-table thead'), /How sure the scan is/);
  });

  await t.test('undo, reset to suggestions, and one operator for every column with personal data', async () => {
    await page.click('#sample');
    // The file before was scanned too: wait for the sample's own scan.
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('file-info').textContent.startsWith('sample.csv') && document.querySelector('pii-mask-panel').state === 'scanned');
    const suggested = await ops(page);
    assert.equal(await page.isDisabled('#ops-undo'), true);
    await page.selectOption('select.op-select[data-column="email"]', 'drop');
    await page.selectOption('select.op-select[data-column="plan"]', 'redact');
    await page.click('#ops-undo');
    const afterUndo = await ops(page);
    assert.equal(afterUndo[await page.$eval('select.op-select[data-column="plan"]', (s) => Number(s.dataset.index))], 'keep');
    assert.equal(await page.inputValue('select.op-select[data-column="email"]'), 'drop');
    await page.click('#ops-reset');
    assert.deepEqual(await ops(page), suggested);
    await page.selectOption('#ops-apply-op', 'redact');
    await page.click('#ops-apply');
    const now = await ops(page);
    const found = await page.$$eval('#column-table tbody tr', (trs) => trs.map((tr) => tr.querySelectorAll('.entity').length > 0));
    now.forEach((op, i) => assert.equal(op, found[i] ? 'redact' : suggested[i], `column ${i}`));
    assert.match(await page.textContent('#ops-note'), /redact for the \d+ columns with personal data/);
    const email = await page.$eval('select.op-select[data-column="email"]', (s) => Number(s.dataset.index));
    assert.equal(await page.textContent(`#preview-table tbody tr:first-child td[data-col="${email}"][data-kind="masked"]`), '[EMAIL_ADDRESS]');
    await page.click('#ops-undo');
    assert.deepEqual(await ops(page), suggested, 'apply is undone in one step');
  });

  await t.test('the preview: search, only changed rows, only rows with findings', async () => {
    const rows = () => page.$$eval('#preview-table tbody tr', (trs) => trs.map((tr) => tr.dataset.row));
    assert.equal((await rows()).length, 20);
    await page.fill('#preview-search', 'emilie');
    assert.deepEqual(await rows(), ['2']);
    assert.match(await page.textContent('#preview-summary'), /Showing 1 of them/);
    await page.fill('#preview-search', '');
    // Everything kept (formula escaping off, it changes phone numbers): no row changes, the findings stay.
    await page.uncheck('#escape-formulas');
    await page.$$eval('select.op-select', (ss) => {
      for (const s of ss) {
        s.value = 'keep';
        s.dispatchEvent(new Event('change'));
      }
    });
    await page.selectOption('#preview-only', 'changed');
    assert.deepEqual(await rows(), []);
    await page.selectOption('#preview-only', 'findings');
    assert.equal((await rows()).length, 20, 'every sample row holds personal data');
    await page.selectOption('#preview-only', 'all');
    await page.check('#escape-formulas');
    await page.click('#ops-reset');
  });

  await t.test('a policy hashing with sha256 shows the key panel and a right preview', async () => {
    const name = await page.$eval('select.op-select[data-column="name"]', (s) => Number(s.dataset.index));
    const policy = { version: 1, columns: { name: { op: 'hash', algorithm: 'sha256' }, email: { op: 'keep' } } };
    for (const c of await page.$$eval('select.op-select', (s) => s.map((x) => x.dataset.column))) policy.columns[c] ??= { op: 'keep' };
    await page.setInputFiles('#policy-file', { name: 'sha.policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(policy)) });
    await page.waitForSelector('#policy-note:has-text("Loaded sha.policy.json")');
    assert.equal(await page.isVisible('#key-panel'), true, 'every hash needs the key');
    assert.equal(await page.isVisible('#error'), false);
    assert.match(await page.textContent(`#preview-table tbody tr:first-child td[data-col="${name}"][data-kind="masked"]`), /^[0-9a-f]{16}$/);
  });

  await t.test('dark: the page follows prefers-color-scheme', async () => {
    const colours = () => page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, ink: getComputedStyle(document.body).color }));
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    const lum = (c) => c.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);
    assert.ok(lum(light.bg) > lum(light.ink), `light: dark ink on a light page (${JSON.stringify(light)})`);
    assert.ok(lum(dark.bg) < lum(dark.ink), `dark: light ink on a dark page (${JSON.stringify(dark)})`);
    await page.emulateMedia({ colorScheme: 'light' });
    void context;
  });

  assert.deepEqual(problems, []);
});
