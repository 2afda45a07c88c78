// The page's policy object (issue 10): a column named `__proto__` keeps its
// operator, and a header cell spelled `#1` (which the policy format reads as
// column 1) is named by its own index, so the right column is masked. Both
// checked in the downloaded file and in a saved policy loaded back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, parseCsv } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, maskAndDownload, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

const HEADER = ['id', 'note', '__proto__', '#1'];
const ROWS = Array.from({ length: 40 }, (_, i) => [
  String(i + 1),
  `order ${1000 + i}`,
  `person.${i}@example.org`,
  `${String(123 + i).padStart(3, '0')}-45-${String(6789 - i).padStart(4, '0')}`,
]);
const CSV = [HEADER, ...ROWS].map((r) => r.join(',')).join('\n') + '\n';

test('in chromium: columns named __proto__ and #1', { skip, timeout: 120_000 }, async (t) => {
  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  assert.equal(await loadCsv(page, 'odd-names.csv', CSV), 'scanned', await page.textContent('#error-message'));
  const op = (i) => `select.op-select[data-index="${i}"]`;
  // The user's choice, whatever was suggested: the ids stay, the note stays.
  await page.selectOption(op(0), 'keep');
  await page.selectOption(op(1), 'keep');
  await page.selectOption(op(2), 'redact');
  await page.selectOption(op(3), 'redact');

  await t.test('the preview and the download mask those two columns and no other', async () => {
    const masked = (i) => page.textContent(`#preview-table tbody tr:first-child td[data-col="${i}"][data-kind="masked"]`);
    const REDACTED = /^\[[A-Z_]+\]$/;
    assert.match(await masked(2), REDACTED);
    assert.match(await masked(3), REDACTED);
    const out = parseCsv(await maskAndDownload(page));
    assert.deepEqual(out[0], HEADER);
    assert.equal(out.length, ROWS.length + 1);
    ROWS.forEach((row, r) => {
      const got = out[r + 1];
      assert.deepEqual(got.slice(0, 2), row.slice(0, 2), `row ${r + 1}: id and note unchanged`);
      assert.match(got[2], REDACTED, `row ${r + 1}: __proto__ redacted`);
      assert.match(got[3], REDACTED, `row ${r + 1}: #1 redacted`);
    });
  });

  await t.test('the saved policy names them safely and loads back', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#policy-save')]);
    const text = await readFile(await dl.path(), 'utf8');
    const policy = JSON.parse(text);
    assert.deepEqual(Object.keys(policy.columns), ['id', 'note', '__proto__', '#3']);
    assert.deepEqual(policy.columns.__proto__, { op: 'redact' });
    assert.deepEqual(policy.columns['#3'], { op: 'redact' });
    // Back to keep everywhere, then the saved policy restores the choices.
    for (const i of [2, 3]) await page.selectOption(op(i), 'keep');
    await page.setInputFiles('#policy-file', { name: 'odd.policy.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForSelector('#policy-note:has-text("Loaded odd.policy.json")');
    assert.deepEqual(await Promise.all([0, 1, 2, 3].map((i) => page.inputValue(op(i)))), ['keep', 'keep', 'redact', 'redact']);
    // A policy naming "#1" means column 1 (note), never the header "#1".
    const byIndex = JSON.stringify({ version: 1, columns: { '#1': { op: 'drop' } } });
    await page.setInputFiles('#policy-file', { name: 'index.policy.json', mimeType: 'application/json', buffer: Buffer.from(byIndex) });
    await page.waitForSelector('#policy-note:has-text("Loaded index.policy.json")');
    assert.deepEqual(await Promise.all([0, 1, 2, 3].map((i) => page.inputValue(op(i)))), ['keep', 'drop', 'keep', 'keep']);
  });

  assert.deepEqual(problems, []);
});

test('in chromium: generalize, as suggested and as chosen', { skip, timeout: 120_000 }, async (t) => {
  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  const rows = Array.from({ length: 60 }, (_, i) => [String(i), `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`, `SW1A ${i % 9}AA`, `2024-05-0${1 + (i % 9)}`]);
  const csv = [['id', 'birth_date', 'postcode', 'visit'], ...rows].map((r) => r.join(',')).join('\n') + '\n';
  assert.equal(await loadCsv(page, 'visits.csv', csv), 'scanned', await page.textContent('#error-message'));
  const op = (i) => `select.op-select[data-index="${i}"]`;
  // The core's suggestions show in the select, not as a blank.
  assert.equal(await page.inputValue(op(1)), 'generalize:year');
  assert.equal(await page.inputValue(op(2)), 'generalize:prefix');
  await page.selectOption(op(3), 'generalize:year');
  await page.screenshot({ path: join(ROOT, 'test-output', 'page-generalize.png'), fullPage: true });
  const masked = (i) => page.textContent(`#preview-table tbody tr:first-child td[data-col="${i}"][data-kind="masked"]`);
  await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.querySelector('#preview-table tbody tr:first-child td[data-col="3"][data-kind="masked"]')?.textContent === '2024');
  assert.equal(await masked(1), '1950');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#policy-save')]);
  const policy = JSON.parse(await readFile(await dl.path(), 'utf8'));
  assert.deepEqual(policy.columns.visit, { op: 'generalize', to: 'year' });
  const out = parseCsv(await maskAndDownload(page));
  assert.deepEqual(out[1], ['0', '1950', out[1][2], '2024']);
  assert.notEqual(out[1][2], rows[0][2], 'the postcode is cut');
  assert.ok(!out.some((r) => r[1].includes('-')), 'no full birth date is left');
  assert.deepEqual(problems, []);
});
