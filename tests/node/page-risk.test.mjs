// Re-identification risk on the page (issue 14): the columns the scanner
// takes for quasi-identifiers come ticked, "Measure risk" reads the whole
// file in the core's worker and shows k, the records in small groups and the
// prosecutor risk before and after the chosen operators; changing an
// operator says the figures are stale, and measuring again shows its effect.
// Nothing leaves the page meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

// 40 people: distinct birth dates (so every one is alone before), two birth
// years, one three-digit ZIP prefix and two genders: four groups of ten once
// dates keep their year and ZIPs their prefix.
function csv() {
  const rows = ['name,birth,zip,gender,diagnosis'];
  for (let i = 0; i < 40; i++) {
    const year = i % 2 ? 1980 : 1990;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + Math.floor(i / 4)).padStart(2, '0');
    rows.push(`Person ${String.fromCharCode(65 + (i % 26))}${i},${year}-${month}-${day},${10110 + i},${i % 4 < 2 ? 'f' : 'm'},${['flu', 'cold', 'asthma'][i % 3]}`);
  }
  return rows.join('\n') + '\n';
}

const cellText = (page, row, col) => page.textContent(`#risk-table tbody tr:nth-child(${row}) td:nth-child(${col})`);

test('in chromium: quasi-identifiers ticked from the scan, risk before and after the operators', { skip, timeout: 120_000 }, async (t) => {
  const { page, problems, requests, origin } = await openPage(t, join(ROOT, 'www'));
  page.setDefaultTimeout(15_000);
  assert.equal(await loadCsv(page, 'patients.csv', csv()), 'scanned');
  await page.click('#risk summary');
  const ticked = await page.$$eval('#risk-quasi input', (boxes) => boxes.filter((b) => b.checked).map((b) => b.parentElement.textContent.trim()));
  assert.deepEqual(ticked, ['birth', 'zip', 'gender']);
  // The suggestions generalise the birth date to its year and the ZIP to its prefix.
  assert.equal(await page.inputValue('select.op-select[data-index="1"]'), 'generalize:year');
  assert.equal(await page.inputValue('select.op-select[data-index="2"]'), 'generalize:prefix');

  await page.selectOption('#risk-sensitive', { label: 'diagnosis' });
  await page.click('#risk-run');
  await page.waitForSelector('#risk-result:not([hidden])');
  assert.match(await page.textContent('#risk-verdict'), /every group has at least 5 records \(k = 10\)/);
  assert.equal(await cellText(page, 1, 2), '1', 'k before');
  assert.equal(await cellText(page, 1, 3), '10', 'k after');
  assert.match(await cellText(page, 2, 2), /^40 \(100\.0%\)$/);
  assert.match(await cellText(page, 2, 3), /^0 \(0\.0%\)$/);
  assert.equal(await cellText(page, 3, 2), '100.0%', 'highest risk before: a group of one');
  assert.equal(await cellText(page, 3, 3), '10.0%');
  assert.equal(await page.$$eval('#risk-table meter', (m) => m.length), 6);
  assert.match(await page.textContent('#risk-table'), /distinct sensitive values in a group \(l\)/);

  // Keeping the full birth date: the figures are stale until measured again.
  await page.selectOption('select.op-select[data-index="1"]', 'keep');
  assert.match(await page.textContent('#risk-note'), /choices changed since: measure again/);
  await page.click('#risk-run');
  await page.waitForFunction(() => /records? (is|are) in groups smaller than 5/.test(document.querySelector('pii-mask-panel').shadowRoot.getElementById('risk-verdict').textContent));
  assert.match(await page.textContent('#risk-verdict'), /40 records are in groups smaller than 5 \(k = 1\)/);

  // The least lossy operators that reach k = 5, and a button that sets them.
  await page.waitForSelector('#risk-suggestion:not([hidden])');
  assert.match(await page.textContent('#risk-suggestion-text'), /reach k = 10 \(target 5\)/);
  const items = await page.$$eval('#risk-suggestion-list li', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(items, ['birth: generalize to year', 'zip: generalize to prefix (chars 3)', 'gender: keep']);
  await page.click('#risk-apply');
  assert.equal(await page.inputValue('select.op-select[data-index="1"]'), 'generalize:year');
  assert.equal(await page.inputValue('select.op-select[data-index="2"]'), 'custom', 'an operator the select cannot set is shown as it is');
  assert.match(await page.textContent('select.op-select[data-index="2"] option[value="custom"]'), /generalize to prefix \(chars 3\)/);
  await page.click('#risk-run');
  await page.waitForFunction(() => /every group has at least 5/.test(document.querySelector('pii-mask-panel').shadowRoot.getElementById('risk-verdict').textContent));
  assert.match(await page.textContent('#risk-verdict'), /\(k = 10\)/);
  assert.equal(await page.isHidden('#risk-suggestion'), true);

  // Nothing left the page: only the page's own files were fetched.
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), []);
  assert.deepEqual(problems, []);
});
