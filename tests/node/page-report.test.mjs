// Before download (issues 9 and 10): the page shows the kept columns that
// mention people (next to each and in a summary), the policy's warnings, and
// after the run, when the core's residual check still found personal data in
// the output, it says what was seen where (types and counts, never values)
// and asks before the download. A clean run downloads as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, parseCsv } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, openPage } from './page/harness.mjs';
import { readFile } from 'node:fs/promises';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;
const OUT = join(ROOT, 'test-output');

const HEADER = ['id', 'email', 'created_at', 'country', 'plan'];
const ROWS = Array.from({ length: 50 }, (_, i) => [
  String(i + 1),
  `customer.${i}@example.com`,
  `2024-03-${String((i % 28) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00`,
  ['France', 'Germany', 'Spain'][i % 3],
  ['free', 'pro'][i % 2],
]);
const CSV = [HEADER, ...ROWS].map((r) => r.join(',')).join('\n') + '\n';

test('in chromium: kept columns, warnings and the residual check', { skip, timeout: 120_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  assert.equal(await loadCsv(page, 'customers.csv', CSV), 'scanned', await page.textContent('#error-message'));
  const op = (name) => `select.op-select[data-column="${name}"]`;
  const note = (i) => page.textContent(`#column-table tbody tr[data-column="${i}"] .kept-note`);

  await t.test('kept columns that mention people are named next to them and in a summary', async () => {
    assert.equal(await page.inputValue(op('created_at')), 'keep');
    assert.equal(await page.inputValue(op('country')), 'keep');
    assert.match(await page.textContent('#kept-summary'), /^2 columns that mention people will leave unchanged: created_at, country\.$/);
    assert.match(await note(2), /leaves unchanged, mentions people: DATE_TIME/);
    assert.match(await note(3), /LOCATION/);
    assert.equal(await note(1), '', 'the email column is masked');
    assert.equal(await note(0), '', 'ids mention nobody');
    await page.locator('#run').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'page-kept-summary.png'), fullPage: true });
  });

  await t.test('a kept email column: the run reports it and asks before the download', async () => {
    await page.selectOption(op('email'), 'keep');
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('kept-summary').textContent.startsWith('3 columns'));
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]');
    await page.locator('#done').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'page-residual.png') });
    assert.equal(await page.isVisible('#residual'), true);
    assert.equal(await page.isVisible('#download'), false, 'no plain download button while personal data is left');
    const items = await page.$$eval('#residual-list li', (li) => li.map((x) => x.textContent));
    assert.ok(items.some((x) => /^email: EMAIL_ADDRESS, \d+ times$/.test(x)), items.join(' | '));
    assert.ok(!(await page.textContent('#residual')).includes('@example.com'), 'types and counts, never values');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-anyway')]);
    const out = parseCsv(await readFile(await dl.path(), 'utf8'));
    assert.equal(out[1][1], ROWS[0][1], 'the user chose to keep the emails');
    assert.equal(await page.isVisible('#residual'), false);
  });

  await t.test('a clean run downloads without asking', async () => {
    await page.selectOption(op('email'), 'redact');
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]');
    assert.equal(await page.isVisible('#residual'), false);
    assert.equal(await page.isVisible('#download'), true);
  });

  await t.test("the policy's warnings show before the run", async () => {
    const policy = { version: 1, columns: { email: { op: 'hash', algorithm: 'sha256' } } };
    await page.setInputFiles('#policy-file', { name: 'old.policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(policy)) });
    await page.waitForSelector('#policy-note:has-text("Loaded old.policy.json")');
    assert.equal(await page.isVisible('#key-panel'), true, 'every hash needs a key');
    const warning = page.locator('#warnings li[data-code="sha256_algorithm"]');
    assert.match(await warning.textContent(), /length extension/);
    assert.doesNotMatch(await page.textContent('#preview-summary'), /paused|failed/);
    await page.locator('#run').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'page-warnings.png') });
  });

  assert.deepEqual(problems, []);
});
