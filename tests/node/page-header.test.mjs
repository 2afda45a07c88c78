// Header rows and ragged rows on the page (issue 10):
// - "First row": detect (default) / header / data. A headerless file whose
//   first row holds an email, an SSN and a card number is read as data, the
//   page says so, and nothing of that row is in the download; forced to be a
//   header, its cells are masked like their columns'.
// - "Accept rows with a different number of fields": a ragged row in the
//   sample first fails with its line; ticking the option reads the same file
//   again, and the download equals the CLI's for the page's saved policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, parseCsv, runCli, tempDir } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, maskAndDownload, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;
const OUT = join(ROOT, 'test-output');

const FIRST = ['jane.doe@example.com', '078-05-1120', '4111 1111 1111 1111', 'gold'];
const headerless = () => {
  const rows = [FIRST];
  for (let i = 1; i < 60; i++) {
    rows.push([`member.${i}@example.net`, `${String(100 + i)}-${String(10 + (i % 80)).padStart(2, '0')}-${String(2000 + i)}`, '5555 5555 5555 4444', ['gold', 'silver'][i % 2]]);
  }
  return rows.map((r) => r.join(',')).join('\n') + '\n';
};

test('in chromium: header detection and ragged rows', { skip, timeout: 180_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  const ops = () => page.$$eval('select.op-select', (s) => s.map((x) => x.value));

  await t.test('a headerless file with personal data in its first row: read as data, nothing of it leaves', async () => {
    assert.equal(await page.inputValue('#opt-header'), 'auto', 'detection is the default');
    assert.equal(await loadCsv(page, 'members.csv', headerless()), 'scanned', await page.textContent('#error-message'));
    await page.locator('#columns').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'page-header-guessed.png'), fullPage: true });
    assert.equal(await page.isVisible('#header-note'), true);
    assert.match(await page.textContent('#header-text'), /first row was read as data/);
    assert.match(await page.textContent('#scan-summary'), /first row read as data \(detected\)/);
    const names = await page.$$eval('#column-table tbody tr .col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, ['#0', '#1', '#2', '#3'], 'no cell of the first row is shown as a column name');
    const chosen = await ops();
    assert.deepEqual(chosen.slice(0, 3).map((o) => o === 'keep'), [false, false, false], `operators ${chosen}`);
    assert.equal(await page.textContent('#preview-table tbody tr:first-child td[data-col="0"][data-kind="original"]'), FIRST[0]);
    const out = await maskAndDownload(page);
    assert.equal(parseCsv(out).length, 60, 'every row is data');
    for (const v of FIRST.slice(0, 3)) assert.ok(!out.includes(v), `${v} is not in the download`);
    assert.ok(!out.includes('jane.doe'));
  });

  await t.test('told the first row is a header, its personal data is masked like the column', async () => {
    await page.click('#header-switch');
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').state === 'scanned' && document.querySelector('pii-mask-panel').shadowRoot.getElementById('header-note').hidden);
    assert.equal(await page.inputValue('#opt-header'), 'yes');
    assert.match(await page.textContent('#scan-summary'), /first row is the header/);
    const out = await maskAndDownload(page);
    assert.equal(parseCsv(out).length, 60);
    for (const v of FIRST.slice(0, 3)) assert.ok(!out.includes(v), `${v} is not in the download`);
    await page.click('#csv-options summary'); // open from here on
    await page.selectOption('#opt-header', 'auto');
    await page.waitForSelector('pii-mask-panel[state=scanned]');
  });

  await t.test('a ragged row: an error, then ticking the option reads the file again; the page masks as the CLI does', async () => {
    const lines = ['id,email,plan'];
    for (let i = 1; i <= 30; i++) lines.push(`${i},user.${i}@example.com,free`);
    lines[5] = '5,user.5@example.com,free,extra.person@example.org,078-05-1120';
    const text = lines.join('\n') + '\n';
    assert.equal(await loadCsv(page, 'ragged.csv', text), 'error');
    assert.match(await page.textContent('#error-message'), /ragged\.csv: line 6: expected 3 fields, found 5/);
    await page.check('#opt-ragged');
    await page.waitForSelector('pii-mask-panel[state=scanned]');
    await page.screenshot({ path: join(OUT, 'page-ragged.png'), fullPage: true });
    assert.equal(await page.isVisible('#error'), false);
    const names = await page.$$eval('#column-table tbody tr .col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names.slice(0, 3), ['id', 'email', 'plan']);
    const cell = (r, i) => `#preview-table tbody tr:nth-child(${r}) td[data-col="${i}"][data-kind="masked"]`;
    assert.match(await page.getAttribute(cell(1, 3), 'class'), /missing/, 'a short row has no cell there; it is not "dropped"');
    assert.doesNotMatch(await page.getAttribute(cell(1, 3), 'class'), /dropped/);
    assert.notEqual(await page.textContent(cell(5, 3)), 'extra.person@example.org');
    const out = await maskAndDownload(page);
    for (const v of ['extra.person@example.org', '078-05-1120', 'user.5@example.com']) assert.ok(!out.includes(v), `${v} is not in the download`);
    // The CLI, given the page's policy and options, writes the same bytes.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#policy-save')]);
    const dir = tempDir(t);
    const input = join(dir, 'ragged.csv');
    const policy = join(dir, 'policy.json');
    const output = join(dir, 'out.csv');
    writeFileSync(input, text);
    writeFileSync(policy, await readFile(await dl.path()));
    const cli = await runCli(['mask', input, '--policy', policy, '--allow-ragged', '--escape-formulas', '-o', output]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(out, await readFile(output, 'utf8'));
    await page.uncheck('#opt-ragged');
    await page.click('#csv-options summary');
  });

  assert.deepEqual(problems, []);
});
