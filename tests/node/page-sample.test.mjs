// The page samples by rows, not bytes (issue 9): a file whose first data row
// holds a 5 MB field is classified from the same rows as `pii-mask scan`
// reads, its email column is preset to a protective operator, and the
// downloaded file holds none of its emails. Screenshot: test-output/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, parseCsv, runCli, tempDir } from './helpers.mjs';
import { CHROMIUM, haveChromium, loadCsv, maskAndDownload, openPage } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;
const OUT = join(ROOT, 'test-output');

/** 3,000 rows; the first holds a quoted 5 MB field with commas and newlines. */
function bigFieldCsv() {
  const big = 'scanned page 0123456789abcdef, more text\n'.repeat(Math.ceil(5e6 / 41));
  const rows = ['id,attachment,email,plan'];
  for (let i = 1; i <= 3000; i++) {
    const attachment = i === 1 ? `"${big}"` : `file-${i}.pdf`;
    rows.push(`${i},${attachment},user.${i}@example.com,${['free', 'pro', 'team'][i % 3]}`);
  }
  return { text: rows.join('\n') + '\n', big };
}

/** What the columns table shows for a scan result: name, chips, operator. */
const shown = (columns) =>
  columns.map((c) => ({
    name: c.name,
    entities: c.entities.map((e) => `${e.type} ${Math.round(e.share * 100)}%`),
    op: c.suggested.op,
  }));

test('in chromium: a 5 MB field in the first row', { skip, timeout: 180_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const { text, big } = bigFieldCsv();
  assert.ok(text.length > 5e6);
  const dir = tempDir(t);
  const file = join(dir, 'big-field.csv');
  writeFileSync(file, text);
  const cli = await runCli(['scan', file]);
  assert.equal(cli.code, 0, cli.stderr);
  const expected = shown(JSON.parse(cli.stdout).columns);
  assert.equal(expected.find((c) => c.name === 'email').entities[0], 'EMAIL_ADDRESS 100%', 'the CLI finds the emails');

  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  assert.equal(await loadCsv(page, 'big-field.csv', text), 'scanned', await page.textContent('#error-message'));
  await page.screenshot({ path: join(OUT, 'page-big-field.png'), fullPage: true });

  await t.test('the page classifies the columns as pii-mask scan does', async () => {
    const got = await page.$$eval('#column-table tbody tr', (trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('.col-name').textContent,
        entities: Array.from(tr.querySelectorAll('.entity'), (e) => e.textContent.trim()),
        op: tr.querySelector('select.op-select').value,
      })),
    );
    assert.deepEqual(got, expected);
    assert.notEqual(got.find((c) => c.name === 'email').op, 'keep');
    // The sample stops at the scanner's 1,000 rows: the count is an estimate.
    assert.match(await page.textContent('#scan-summary'), /1,000 rows sampled/);
    assert.match(await page.textContent('#file-info'), /about [\d,]+ rows \(estimated from the first [\d.]+ MB\)/);
  });

  await t.test('the preview shows whole first rows', async () => {
    assert.equal(await page.locator('#preview-table tbody tr').count(), 20);
    const email = (r) => page.textContent(`#preview-table tbody tr:nth-child(${r}) td[data-col="2"][data-kind="masked"]`);
    assert.notEqual(await email(1), 'user.1@example.com');
    assert.notEqual(await email(20), 'user.20@example.com');
    const attachment = await page.textContent('#preview-table tbody tr:nth-child(2) td[data-col="1"]');
    assert.equal(attachment, 'file-2.pdf');
  });

  await t.test('the download holds no email', async () => {
    const out = await maskAndDownload(page);
    const records = parseCsv(out);
    assert.equal(records.length, 3001);
    assert.deepEqual(records[0], ['id', 'attachment', 'email', 'plan']);
    assert.ok(records[1][1] === big, 'the long field is kept whole');
    const left = records.slice(1).filter((r, i) => r[2] === `user.${i + 1}@example.com`);
    assert.equal(left.length, 0, `emails left: ${left.slice(0, 3).map((r) => r[2])}`);
    assert.ok(!out.includes('user.'), 'no local part of an email is in the file');
  });

  assert.deepEqual(problems, []);
});
