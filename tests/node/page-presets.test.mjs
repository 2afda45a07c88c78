// Presets on the page (issue 14): "Start from" sets every column's operator
// from a policy named after a standard, as the core resolves it against the
// file; what the standard asks and no detector sees is listed; the analytics
// preset then generalises the quasi-identifiers until k = 5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

// 40 patients: distinct birth dates and ZIPs (everyone alone), two birth
// years, one three-digit ZIP prefix, two genders, and distinct ages (which
// no preset generalises: the risk suggestion does).
function csv() {
  const rows = ['name,email,birth,admitted,zip,gender,diagnosis,age'];
  for (let i = 0; i < 40; i++) {
    const year = i % 2 ? 1980 : 1990;
    const md = `${String(1 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    rows.push(`Person ${String.fromCharCode(65 + (i % 26))}${i},p${i}@example.com,${year}-${md},2024-${md},${10110 + i},${i % 4 < 2 ? 'f' : 'm'},${['flu', 'cold', 'asthma'][i % 3]},${20 + i}`);
  }
  return rows.join('\n') + '\n';
}

const opOf = (page, i) => page.inputValue(`select.op-select[data-index="${i}"]`);

test('in chromium: presets set the operators; analytics reaches k = 5', { skip, timeout: 120_000 }, async (t) => {
  const { page, problems, requests, origin } = await openPage(t, join(ROOT, 'www'));
  page.setDefaultTimeout(15_000);
  assert.equal(await loadCsv(page, 'patients.csv', csv()), 'scanned');
  const names = await page.$$eval('#preset option', (o) => o.map((x) => x.value));
  assert.deepEqual(names, ['hipaa-safe-harbor', 'gdpr-pseudonymisation', 'analytics']);

  await page.selectOption('#preset', 'hipaa-safe-harbor');
  await page.click('#preset-apply');
  await page.waitForSelector('#preset-note:not([hidden])');
  assert.equal(await opOf(page, 0), 'redact', 'names redacted, not hashed');
  assert.equal(await opOf(page, 1), 'redact');
  assert.equal(await opOf(page, 2), 'generalize:year');
  assert.equal(await opOf(page, 3), 'generalize:year', 'event dates to their year too');
  assert.equal(await opOf(page, 4), 'generalize:prefix');
  assert.equal(await opOf(page, 6), 'keep');
  const gaps = await page.$$eval('#preset-gaps li', (l) => l.map((x) => x.textContent));
  assert.ok(gaps.some((g) => g.startsWith('(L) vehicle identifiers')), gaps.join('\n'));
  assert.ok(gaps.some((g) => g.startsWith('(C) dates') && /ages are not detected/.test(g)));
  // One undo step back to what the scan suggested.
  await page.click('#ops-undo');
  assert.notEqual(await opOf(page, 3), 'generalize:year');

  await page.selectOption('#preset', 'analytics');
  await page.click('#preset-apply');
  await page.waitForFunction(() => /k = \d+/.test(document.querySelector('pii-mask-panel').shadowRoot.getElementById('ops-note').textContent));
  assert.match(await page.textContent('#ops-note'), /the quasi-identifiers generalised to k = \d+/);
  assert.notEqual(await opOf(page, 7), 'keep', 'the age column generalised or dropped');
  assert.equal(await opOf(page, 0), 'drop', 'direct identifiers dropped');
  assert.equal(await opOf(page, 1), 'drop');
  assert.equal(await opOf(page, 2), 'generalize:year');
  // Measured again: every group has at least 5 records.
  await page.click('#risk summary');
  await page.click('#risk-run');
  await page.waitForSelector('#risk-result:not([hidden])');
  assert.match(await page.textContent('#risk-verdict'), /every group has at least 5 records/);

  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), []);
  assert.deepEqual(problems, []);
});
