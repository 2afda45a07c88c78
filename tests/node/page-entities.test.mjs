// The user's own entities on the page (issue 9): a pattern entity and a
// dictionary entity declared in "Your own entities" are found in a column
// and in free text, shown in the columns table, previewed and masked in the
// downloaded file; a malformed declaration shows the core's message and the
// page stays usable; the entities go into the saved policy and come back
// from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, parseCsv } from './helpers.mjs';
import { CHROMIUM, addEntity, chips, haveChromium, loadCsv, maskAndDownload, openPage, settled } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;
const OUT = join(ROOT, 'test-output');

const EMPLOYEE = { name: 'EMPLOYEE_ID', pattern: 'EMP-[0-9]{6}', context: ['employee'] };
const PROJECT = { name: 'PROJECT', terms: ['Bluebird', 'Night Owl'] };

/** `EMP-` and six digits, the last a Luhn check digit over the first five. */
function empId(n) {
  const body = String(n).padStart(5, '0');
  let sum = 0;
  [...body].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) d *= 2; // every second digit from the right, the check digit's place counted
    sum += d > 9 ? d - 9 : d;
  });
  return `EMP-${body}${(10 - (sum % 10)) % 10}`;
}

const HEADER = ['staff', 'project', 'notes', 'email'];
/** Rows of staff numbers, project names, notes naming both, emails. */
function rows(n) {
  return Array.from({ length: n }, (_, i) => [
    empId(10000 + i),
    ['Bluebird', 'Night Owl'][i % 2],
    i % 3 === 2 ? `order ${i} shipped` : `employee ${empId(20000 + i)} moved to ${['night owl', 'Bluebird'][i % 2]}`,
    `person.${i}@example.org`,
  ]);
}
const csv = (rs) => [HEADER, ...rs].map((r) => r.join(',')).join('\n') + '\n';

const masked = (page, col, row = 1) => page.textContent(`#preview-table tbody tr:nth-child(${row}) td[data-col="${col}"][data-kind="masked"]`);
const op = (i) => `select.op-select[data-index="${i}"]`;

test('in chromium: a pattern entity and a list of terms, found in a column and in text, masked', { skip, timeout: 180_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  page.setDefaultTimeout(15_000);
  // Over 1 MiB, so the sample is read as a stream through the Scanner.
  const data = rows(15_000);
  const text = csv(data);
  assert.ok(text.length > 1 << 20);
  assert.equal(await loadCsv(page, 'staff.csv', text), 'scanned', await page.textContent('#error-message'));
  // No built-in detector knows these.
  assert.deepEqual(await chips(page, 0), []);
  assert.ok(!(await chips(page, 1)).includes('PROJECT'));

  await t.test('the pattern entity: in the staff column and in the notes', async () => {
    // What could be used while the sample is read again: nothing of step 2 to 4.
    await page.evaluate(() => {
      window.__whileLoading = [];
      new MutationObserver(() => {
        if (document.querySelector('pii-mask-panel').state === 'loading')
          window.__whileLoading.push(['columns', 'preview', 'run'].filter((id) => !document.querySelector('pii-mask-panel').shadowRoot.getElementById(id).inert));
      }).observe(document.querySelector('pii-mask-panel'), { attributes: true, attributeFilter: ['state'] });
    });
    assert.equal(await addEntity(page, EMPLOYEE), '');
    assert.deepEqual(await page.evaluate(() => window.__whileLoading), [[]]);
    assert.equal(await page.$eval('#run', (n) => n.inert), false);
    assert.deepEqual(await chips(page, 0), ['EMPLOYEE_ID']);
    assert.ok((await chips(page, 2)).includes('EMPLOYEE_ID'));
    assert.notEqual(await page.inputValue(op(0)), 'keep');
    assert.equal(await page.inputValue(op(2)), 'scrub');
    assert.match(await page.textContent('#own-list'), /EMPLOYEE_ID.*pattern EMP-\[0-9\]\{6\}.*context: employee/);
    assert.match(await page.textContent('#own-note'), /EMPLOYEE_ID: found in staff, notes\./);
    assert.notEqual(await masked(page, 0), data[0][0]);
    assert.match(await masked(page, 2), /^employee \[EMPLOYEE_ID\] moved to night owl$/);
  });

  await t.test('the list of terms: in the project column and in the notes, any case', async () => {
    assert.equal(await addEntity(page, PROJECT), '');
    assert.deepEqual(await chips(page, 1), ['PROJECT']);
    assert.deepEqual((await chips(page, 2)).sort(), ['EMPLOYEE_ID', 'PROJECT']);
    assert.notEqual(await page.inputValue(op(1)), 'keep');
    assert.equal(await masked(page, 2), 'employee [EMPLOYEE_ID] moved to [PROJECT]');
    assert.equal(await masked(page, 2, 2), 'employee [EMPLOYEE_ID] moved to [PROJECT]');
    assert.equal(await page.$$eval('#own-list li', (ns) => ns.length), 2);
    await page.screenshot({ path: join(OUT, 'page-entities.png'), fullPage: true });
  });

  await t.test('the downloaded file holds none of them', async () => {
    const out = await maskAndDownload(page);
    for (const gone of [/EMP-\d/, /bluebird/i, /night owl/i]) assert.doesNotMatch(out, gone);
    const got = parseCsv(out);
    assert.deepEqual(got[0], HEADER);
    assert.equal(got.length, data.length + 1);
    assert.equal(got[1][2], 'employee [EMPLOYEE_ID] moved to [PROJECT]');
    assert.equal(got[3][2], 'order 2 shipped');
    const report = await page.textContent('#done-entities');
    assert.match(report, /EMPLOYEE_ID/);
    assert.match(report, /PROJECT/);
  });

  assert.deepEqual(problems, []);
});

test('in chromium: a malformed entity shows the core\'s message and the page stays usable', { skip, timeout: 120_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const { page, problems } = await openPage(t, join(ROOT, 'www'), { viewport: { width: 390, height: 844 } });
  page.setDefaultTimeout(15_000);
  const data = rows(60);
  assert.equal(await loadCsv(page, 'staff.csv', csv(data)), 'scanned', await page.textContent('#error-message'));
  const before = await page.innerHTML('#column-table tbody');

  await t.test('a pattern that does not compile', async () => {
    const error = await addEntity(page, { name: 'A_B', pattern: 'EMP-((' });
    assert.match(error, /^entity "A_B": pattern does not compile/);
    assert.equal(await page.$$eval('#own-list li', (ns) => ns.length), 0);
    assert.equal(await page.innerHTML('#column-table tbody'), before, 'no rescan');
    // What the user typed stays, to be fixed.
    assert.equal(await page.inputValue('#own-pattern'), 'EMP-((');
    await page.screenshot({ path: join(OUT, 'page-entities-error-narrow.png'), fullPage: true });
  });

  await t.test('a name the core refuses, and one that is built in', async () => {
    assert.match(await addEntity(page, { ...EMPLOYEE, name: 'staff id' }), /^entity "staff id": a name is/);
    assert.match(await addEntity(page, { ...EMPLOYEE, name: 'EMAIL_ADDRESS' }), /^entity "EMAIL_ADDRESS": is a built-in entity/);
    assert.match(await addEntity(page, { ...EMPLOYEE, pattern: '' }), /^entity "EMPLOYEE_ID": pattern matches empty text/);
  });

  await t.test('the page still works: operators, then a fixed declaration', async () => {
    await page.selectOption(op(3), 'redact');
    assert.equal(await masked(page, 3), '[EMAIL_ADDRESS]');
    assert.equal(await addEntity(page, EMPLOYEE), '');
    assert.equal(await page.textContent('#own-error'), '');
    assert.deepEqual(await chips(page, 0), ['EMPLOYEE_ID']);
    assert.equal(await page.inputValue(op(3)), 'redact', 'the user\'s choice survives the rescan');
    assert.match(await masked(page, 2), /\[EMPLOYEE_ID\]/);
    const out = parseCsv(await maskAndDownload(page));
    assert.ok(out.slice(1).every((r) => !r[0].startsWith('EMP-') && r[3] === '[EMAIL_ADDRESS]'));
    await page.screenshot({ path: join(OUT, 'page-entities-narrow.png'), fullPage: true });
  });

  assert.deepEqual(problems, []);
});

test('in chromium: the entities are saved in the policy and loaded back', { skip, timeout: 120_000 }, async (t) => {
  const { page, problems } = await openPage(t, join(ROOT, 'www'));
  page.setDefaultTimeout(15_000);
  const data = rows(60);
  data[0][2] = `employee ${empId(0)} stays`; // EMP-000000: never flagged
  assert.equal(await loadCsv(page, 'staff.csv', csv(data)), 'scanned', await page.textContent('#error-message'));
  const employee = { ...EMPLOYEE, check: 'luhn', context: ['employee', 'staff'], deny: [empId(0)] };
  assert.equal(await addEntity(page, employee), '');
  assert.equal(await addEntity(page, { ...PROJECT, context: ['project', 'moved'] }), '');
  assert.equal(await masked(page, 2), `employee ${empId(0)} stays`);
  await page.selectOption(op(3), 'hash');
  const declared = {
    EMPLOYEE_ID: { pattern: 'EMP-[0-9]{6}', check: 'luhn', context: ['employee', 'staff'], deny: ['EMP-000000'] },
    PROJECT: { terms: ['Bluebird', 'Night Owl'], context: ['project', 'moved'] },
  };

  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#policy-save')]);
  const saved = await readFile(await dl.path(), 'utf8');
  const policy = JSON.parse(saved);

  await t.test('the saved policy declares them as typed', async () => {
    assert.deepEqual(policy.entities, declared);
    assert.equal(policy.columns.email.op, 'hash');
    assert.notEqual(policy.columns.staff.op, 'keep');
    assert.match(await page.textContent('#policy-note'), /your own entities/);
  });

  await t.test('removed, they are gone from the columns and the preview', async () => {
    for (const name of ['EMPLOYEE_ID', 'PROJECT']) {
      await page.click(`#own-list li[data-entity="${name}"] button:has-text("Remove")`);
      await settled(page);
    }
    assert.equal(await page.$$eval('#own-list li', (ns) => ns.length), 0);
    assert.deepEqual(await chips(page, 0), []);
    await page.selectOption(op(0), 'keep');
    await page.selectOption(op(2), 'scrub');
    await page.selectOption(op(3), 'keep');
    // Scrubbed with the built-in detectors only.
    const cell = await masked(page, 2, 2);
    assert.ok(cell.startsWith(`employee ${empId(20001)} moved to `), cell);
    assert.doesNotMatch(cell, /\[(EMPLOYEE_ID|PROJECT)\]/);
  });

  await t.test('loading the policy brings them back, with the operators', async () => {
    await page.setInputFiles('#policy-file', { name: 'staff.policy.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
    await page.waitForSelector('#policy-note:has-text("Loaded staff.policy.json")');
    assert.deepEqual(await page.$$eval('#own-list li', (ns) => ns.map((n) => n.dataset.entity)), ['EMPLOYEE_ID', 'PROJECT']);
    assert.deepEqual(await chips(page, 0), ['EMPLOYEE_ID']);
    assert.deepEqual(await chips(page, 1), ['PROJECT']);
    assert.equal(await page.inputValue(op(3)), 'hash');
    assert.equal(await page.inputValue(op(0)), policy.columns.staff.op);
    assert.equal(await masked(page, 2, 2), 'employee [EMPLOYEE_ID] moved to [PROJECT]');
    // Saved again, the same policy.
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('#policy-save')]);
    assert.deepEqual(JSON.parse(await readFile(await again.path(), 'utf8')), policy);
  });

  await t.test('Edit fills the form with the declaration; a term added from a file is found', async () => {
    await page.click('#own-list li[data-entity="PROJECT"] button:has-text("Edit")');
    assert.equal(await page.inputValue('#own-name'), 'PROJECT');
    assert.ok(await page.isChecked('#own-kind-terms'));
    assert.equal(await page.inputValue('#own-terms'), 'Bluebird\nNight Owl');
    assert.equal(await page.inputValue('#own-context'), 'project, moved');
    // A term from a file: its lines join the list.
    await page.setInputFiles('#own-terms-file', { name: 'terms.txt', mimeType: 'text/plain', buffer: Buffer.from('shipped\r\n\r\n') });
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('own-terms').value.endsWith('shipped'));
    assert.equal(await page.inputValue('#own-terms'), 'Bluebird\nNight Owl\nshipped');
    await page.fill('#own-context', 'project, moved, order');
    await page.click('#own-submit');
    await settled(page);
    assert.equal(await page.textContent('#own-error'), '');
    assert.equal(await masked(page, 2, 3), 'order 2 [PROJECT]');
    assert.deepEqual(await page.$$eval('#own-list li', (ns) => ns.map((n) => n.dataset.entity)), ['EMPLOYEE_ID', 'PROJECT']);
  });

  await t.test('a policy whose entity the core refuses is not taken', async () => {
    const bad = JSON.stringify({ ...policy, entities: { PROJECT: { terms: [] } } });
    await page.setInputFiles('#policy-file', { name: 'bad.policy.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.waitForSelector('#policy-note:has-text("Could not load bad.policy.json")');
    assert.match(await page.textContent('#policy-note'), /entity "PROJECT": "terms" lists no word/);
    assert.equal(await page.$$eval('#own-list li', (ns) => ns.length), 2);
  });

  assert.deepEqual(problems, []);
});
