// Validation on the page (issue 14): a loaded policy's `validate` section
// travels with the operators; the preview says how many rows break the rules
// and can show only those; after the run the page lists each problem by line,
// column and rule (never a value); `reject` stops the run with the core's
// error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseCsv } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, openPage } from './page/harness.mjs';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

const CSV = [
  'id,age,email',
  '1,34,ann@example.com',
  '2,150,bo@example.com',
  '3,41,cy.at.example',
  '4,29,di@example.com',
  '5,57,ed@example.com',
  '6,63,fay@example.com',
].join('\n') + '\n';

const RULES = { age: { type: 'integer', min: 0, max: 120 }, email: { type: 'email' } };

async function loadPolicy(page, name, validate) {
  const policy = { version: 1, columns: { email: { op: 'redact' } }, validate };
  await page.setInputFiles('#policy-file', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(policy)) });
  await page.waitForSelector(`#policy-note:has-text("Loaded ${name}")`);
}

const rows = (page) => page.$$eval('#preview-table tbody tr', (trs) => trs.map((tr) => [tr.dataset.row, tr.dataset.invalid ?? '']));

test('in chromium: validation problems in the preview and after the run', { skip, timeout: 180_000 }, async (t) => {
  const { page } = await openPage(t, join(ROOT, 'www'));
  assert.equal(await loadCsv(page, 'people.csv', CSV), 'scanned', await page.textContent('#error-message'));

  await t.test('without a validate section the filter is not offered', async () => {
    assert.equal(await page.$eval('#preview-only-invalid', (o) => o.hidden), true);
    assert.doesNotMatch(await page.textContent('#preview-summary'), /validation/);
  });

  await t.test('flag: the preview counts and filters the bad rows; the run lists where', async () => {
    await loadPolicy(page, 'flag.policy.json', { mode: 'flag', columns: RULES });
    await page.waitForFunction(() => /break the policy's validation rules/.test(document.querySelector('pii-mask-panel').shadowRoot.getElementById('preview-summary').textContent));
    assert.match(await page.textContent('#preview-summary'), /2 rows of them break the policy's validation rules\./);
    assert.equal(await page.$eval('#preview-only-invalid', (o) => o.hidden), false);
    await page.selectOption('#preview-only', 'invalid');
    assert.deepEqual(await rows(page), [['1', 'age:max'], ['2', 'email:type']]);
    assert.match(await page.textContent('#preview-summary'), /Showing 2 of them/);
    await page.selectOption('#preview-only', 'all');
    assert.equal((await rows(page)).length, 6);

    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
    assert.equal(await page.isVisible('#validation'), true);
    assert.equal(await page.textContent('#validation-text'), "Validation: 2 of 6 rows break the policy's rules, flagged in the column _invalid.");
    assert.deepEqual(await page.$$eval('#validation-list li', (li) => li.map((x) => x.textContent)), ['line 3, age: max', 'line 4, email: type']);
    assert.doesNotMatch(await page.textContent('#validation'), /150|cy\.at/, 'where and which rule, never the value');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const out = parseCsv(await readFile(await dl.path(), 'utf8'));
    assert.deepEqual(out.map((r) => r[3]), ['_invalid', '', 'age:max', 'email:type', '', '', '']);
  });

  await t.test('drop: the bad rows are left out of the file', async () => {
    await loadPolicy(page, 'drop.policy.json', { mode: 'drop', columns: RULES });
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
    assert.match(await page.textContent('#validation-text'), /2 of 6 rows break the policy's rules, left out of the file\./);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const out = parseCsv(await readFile(await dl.path(), 'utf8'));
    assert.deepEqual(out.map((r) => r[0]), ['id', '1', '4', '5', '6']);
  });

  await t.test('reject: the run stops with the core\'s error, naming the first problem', async () => {
    await loadPolicy(page, 'reject.policy.json', { mode: 'reject', columns: RULES });
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=error]', { timeout: 60_000 });
    assert.match(await page.textContent('#error-message'), /validation failed: 2 problems; the first: line 3, column "age": max/);
  });
});
