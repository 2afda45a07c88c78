// The page's state is always the current file's and the current choices'
// (issue 11), in chromium:
// - a file the core refuses, after another one, leaves none of the other's
//   rows on show; a file with bytes that are not UTF-8 previews its own rows;
// - the encoding chosen for one file ("Read it as Windows-1252") does not
//   carry over to the next;
// - a key too short hides the hashes made with the old one and says why;
// - formula protection cannot change during a run, and a result that no
//   longer matches the page is not offered;
// - rows shorter than the header show their missing cells as missing;
// - cut text opens on a click or tap (no hover needed), row numbers stay in
//   view when the preview scrolls sideways;
// - a file 100,000 columns wide: the tables show a page of columns, and
//   the email columns are found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, peopleCsv } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

const previewText = (page) => page.$eval('#preview-table', (t) => t.textContent);
const csvOptions = (page, open) => page.$eval('#csv-options', (d, o) => void (d.open = o), open);
const cell = (r, i, kind) => `#preview-table tbody tr:nth-child(${r}) td[data-col="${i}"][data-kind="${kind}"]`;

test('in chromium: nothing stale on show', { skip, timeout: 240_000 }, async (t) => {
  const { page, problems } = await openPage(t, join(ROOT, 'www'));

  await t.test('after the sample, a file with bytes that are not UTF-8 previews its own rows; a refused file shows none', async () => {
    await page.click('#sample');
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    assert.match(await previewText(page), /jane\.doe@example\.com/);
    const ansi = Buffer.from('name,email,notes\nJos\xe9 M\xfcller,jose@example.com,caf\xe9 \x80 5\n', 'latin1');
    assert.equal(await loadCsv(page, 'ansi.csv', ansi), 'scanned');
    assert.equal(await page.textContent(cell(1, 0, 'original')), 'Jos\uFFFD M\uFFFDller');
    assert.doesNotMatch(await previewText(page), /example\.com.*example\.com.*jane/);
    assert.doesNotMatch(await previewText(page), /jane\.doe/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,email\nJo,jo@example.com\n', 'utf16le')]);
    assert.equal(await loadCsv(page, 'utf16.csv', utf16), 'error');
    assert.equal(await previewText(page), '', 'no row of the file before is left in the preview');
    assert.equal(await page.isVisible('#preview'), false);
  });

  await t.test('the encoding chosen for one file does not carry over to the next', async () => {
    const ansi = Buffer.from('name,email\nJos\xe9 M\xfcller,jose@example.com\n', 'latin1');
    await loadCsv(page, 'ansi.csv', ansi);
    await page.click('#encoding-switch');
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').state === 'scanned' && document.querySelector('pii-mask-panel').shadowRoot.getElementById('encoding-note').hidden);
    assert.equal(await page.textContent(cell(1, 0, 'original')), 'José Müller');
    assert.match(await page.textContent('#file-info'), /read as Windows-1252/);
    await loadCsv(page, 'utf8.csv', 'name,email\nJosé Müller,jose@example.com\n');
    assert.equal(await page.inputValue('#opt-encoding'), 'utf-8');
    assert.doesNotMatch(await page.textContent('#file-info'), /Windows-1252/);
    assert.equal(await page.textContent(cell(1, 0, 'original')), 'José Müller', 'UTF-8 read as UTF-8, not as Windows-1252');
    assert.match(await page.textContent('#encoding-reset'), /does not carry over/);
    await csvOptions(page, false); // opened by the switch
  });

  await t.test('a key too short hides the hashes of the old key and says why', async () => {
    await page.click('#sample');
    // The file before was scanned too: wait for the sample's own scan.
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('file-info').textContent.startsWith('sample.csv') && document.querySelector('pii-mask-panel').state === 'scanned');
    const name = await page.$eval('select.op-select[data-column="name"]', (s) => Number(s.dataset.index));
    if ((await page.inputValue('select.op-select[data-column="name"]')) !== 'hash') await page.selectOption('select.op-select[data-column="name"]', 'hash');
    const hashed = await page.textContent(cell(1, name, 'masked'));
    assert.match(hashed, /^[0-9a-f]{8,}$/);
    await page.fill('#key', 'too short');
    assert.match(await page.textContent('#preview-summary'), /Preview paused: The key is 9 bytes; at least 16 bytes/);
    assert.ok(!(await previewText(page)).includes(hashed), 'the old hash is not on show');
    await page.fill('#key', 'a key that is long enough');
    await page.waitForSelector(cell(1, name, 'masked'));
    assert.notEqual(await page.textContent(cell(1, name, 'masked')), hashed, 'hashed anew with the new key');
  });

  await t.test('formula protection is fixed for a run: it cannot change midway, and the result matches the page', async () => {
    const { header, rows } = peopleCsv(30_000, { seed: 9 });
    const text = [[...header, 'formula'], ...rows.map((r) => [...r, '=1+2'])].map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\n') + '\n';
    await loadCsv(page, 'formulas.csv', text);
    if (await page.isVisible('#key-panel')) await page.fill('#key', 'a key that is long enough');
    assert.equal(await page.isChecked('#escape-formulas'), true);
    // Start the run and, at once, try to untick the option.
    await page.evaluate(() => {
      document.querySelector('pii-mask-panel').shadowRoot.getElementById('run-btn').click();
      document.querySelector('pii-mask-panel').shadowRoot.getElementById('escape-formulas').click();
    });
    await page.waitForFunction(() => ['done', 'scanned'].includes(document.querySelector('pii-mask-panel').state) && document.querySelector('pii-mask-panel').shadowRoot.getElementById('run-btn').disabled === false, null, { timeout: 120_000 });
    const checked = await page.isChecked('#escape-formulas');
    assert.equal(await page.isVisible('#residual'), false);
    if (!(await page.isVisible('#download'))) {
      assert.match(await page.textContent('#progress-text'), /changed while the file was masked/);
      return;
    }
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const out = await readFile(await dl.path(), 'utf8');
    assert.equal(out.includes(",'=1+2\n"), checked, `the download is escaped exactly when the page says so (ticked: ${checked})`);
    assert.equal(checked, true, 'the option could not be unticked during the run');
  });

  await t.test('a row shorter than the header shows its missing cells as missing, not empty or dropped', async () => {
    await csvOptions(page, true);
    await page.check('#opt-ragged');
    const lines = ['id,email,plan'];
    for (let i = 1; i <= 30; i++) lines.push(`${i},user.${i}@example.com,free`);
    lines[2] = '2,user.2@example.com';
    await loadCsv(page, 'short.csv', lines.join('\n') + '\n');
    for (const kind of ['kept']) {
      const c = cell(2, 2, kind);
      assert.match(await page.getAttribute(c, 'class'), /missing/);
      assert.doesNotMatch(await page.getAttribute(c, 'class'), /dropped/);
      assert.match(await page.textContent(c), /—\s*no cell in this row/);
    }
    await page.selectOption('select.op-select[data-index="2"]', 'redact');
    for (const kind of ['original', 'masked']) {
      assert.match(await page.getAttribute(cell(2, 2, kind), 'class'), /missing/, `${kind}: missing`);
    }
    assert.match(await page.textContent('.legend'), /no cell \(a short row\)/);
    await page.uncheck('#opt-ragged');
    await csvOptions(page, false);
  });

  await t.test('cut text opens on a click or tap; row numbers stay in view sideways', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const cols = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const text = ['notes', ...cols].join(',') + '\n' + Array.from({ length: 5 }, (_, r) => [`${long} row ${r}`, ...cols.map((c) => `${c}-${r}`)].join(',')).join('\n') + '\n';
    await loadCsv(page, 'long.csv', text);
    const notes = cell(1, 0, 'kept');
    const cut = () => page.$eval(notes, (td) => td.scrollWidth > td.clientWidth + 1);
    assert.equal(await cut(), true, 'the long cell is cut at first');
    await page.click(notes);
    assert.equal(await cut(), false, 'a click shows it whole');
    assert.match(await page.getAttribute(notes, 'class'), /open/);
    await page.click(notes);
    assert.equal(await cut(), true, 'a second click folds it again');
    // The keyboard way: the row's number is a button.
    await page.focus('#preview-table tbody tr:nth-child(1) .rownum-btn');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#preview-table tbody tr:nth-child(1) .rownum-btn', 'aria-expanded'), 'true');
    assert.equal(await cut(), false);
    // Sideways: the row number keeps its place at the left edge.
    const left = await page.$eval('.preview-scroll', (box) => {
      box.scrollLeft = box.scrollWidth;
      const num = box.querySelector('tbody tr:nth-child(2) .rownum');
      return { box: box.getBoundingClientRect().left, num: num.getBoundingClientRect().left, scrolled: box.scrollLeft };
    });
    assert.ok(left.scrolled > 500, `the preview scrolled sideways (${left.scrolled}px)`);
    assert.ok(Math.abs(left.num - left.box) <= 2, `row number at the left edge (${left.num} vs ${left.box})`);
  });

  await t.test('a file 100,000 columns wide: a page of columns at a time, the email columns found', async () => {
    const W = 100_000;
    const isEmail = (i) => i % 1000 === 7;
    const head = Array.from({ length: W }, (_, i) => (isEmail(i) ? `email${i}` : `c${i}`)).join(',');
    const rows = Array.from({ length: 5 }, (_, r) => Array.from({ length: W }, (_, i) => (isEmail(i) ? `u${r}.${i}@example.com` : String((r * i) % 97))).join(','));
    assert.equal(await loadCsv(page, 'wide.csv', head + '\n' + rows.join('\n') + '\n'), 'scanned');
    assert.equal(await page.locator('#column-table tbody tr').count(), 200);
    assert.ok((await page.locator('#preview-table th, #preview-table td').count()) < 2_000, 'the preview shows the same page of columns');
    assert.match(await page.textContent('#pager-text'), /Columns 1–200 of 100,000 .* Personal data found in 100 columns/);
    assert.equal(await page.inputValue('select.op-select[data-index="7"]'), 'mask');
    await page.click('#pager-personal');
    await page.waitForSelector('select.op-select[data-index="1007"]');
    assert.match(await page.textContent('#pager-text'), /Columns 1,001–1,200/);
    assert.equal(await page.inputValue('select.op-select[data-index="1007"]'), 'mask');
    const masked = await page.textContent(cell(1, 1007, 'masked'));
    assert.ok(masked.endsWith('@example.com') && masked !== 'u0.1007@example.com', masked);
    // A change is painted at once; the preview follows when the core has answered, never the old one meanwhile.
    await page.selectOption('select.op-select[data-index="1007"]', 'redact');
    await page.waitForFunction(() => !document.querySelector('pii-mask-panel').shadowRoot.getElementById('preview-summary').textContent.startsWith('Updating'), null, { timeout: 60_000 });
    assert.equal(await page.textContent(cell(1, 1007, 'masked')), '[EMAIL_ADDRESS]');
  });

  assert.deepEqual(problems, []);
});
