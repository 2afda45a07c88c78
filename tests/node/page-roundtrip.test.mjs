// Issue 13, in chromium behind the no-network fence: the AI round trip on the
// page. Tokenize two columns, mask, download the vault (passphrase asked
// twice, strength shown), paste an AI-like answer into step 5, see it
// restored with the restored values marked, copy it; then, in a fresh tab,
// open the downloaded vault file (a wrong passphrase refused) and restore
// again. "Copy for an AI prompt" puts the instruction before the rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import { CHROMIUM, fence, haveChromium, launchChromium, serveDir, watch } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;
const OUT = join(ROOT, 'test-output');
const WWW = join(ROOT, 'www');
const OWN_FILES = [
  '/', '/style.css', '/app.js', '/icon.svg', '/sample.csv',
  ...readdirSync(join(WWW, 'pkg', 'panel')).map((f) => `/pkg/panel/${f}`),
  ...['index.js', 'pii_mask.js', 'pii_mask_bg.wasm', 'pii_mask_lists.txt', 'worker.js', 'worker-client.js'].map((f) => `/pkg/${f}`),
];

async function openFenced(t, server, browser) {
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  t.after(() => context.close());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const refused = await fence(context, origin, OWN_FILES);
  const page = await context.newPage();
  const seen = watch(context, page);
  await page.goto(`${origin}/`);
  await page.waitForSelector('pii-mask-panel[ready]', { timeout: 30_000 });
  return { page, refused, ...seen };
}

const panelText = (page, id) => page.evaluate((i) => document.querySelector('pii-mask-panel').shadowRoot.getElementById(i).textContent, id);

test('in chromium: tokenize, mask, download the vault, restore an answer', { skip, timeout: 240_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const server = await serveDir(WWW);
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const { page, refused, problems } = await openFenced(t, server, browser);
  await page.click('#sample');
  await page.waitForSelector('pii-mask-panel[state=scanned]');
  await page.selectOption('select.op-select[data-column="name"]', 'tokenize');
  await page.selectOption('select.op-select[data-column="email"]', 'tokenize');

  await t.test('the operator select offers surrogates, and the preview shows one', async () => {
    const options = await page.$$eval('select.op-select[data-column="email"] option', (os) => os.map((o) => o.textContent));
    assert.ok(options.includes('tokenize (surrogate)') && options.includes('scrub (tokenize)'), options.join(' | '));
    const cell = '#preview-table tbody tr:first-child td[data-col="2"][data-kind="masked"]';
    await page.selectOption('select.op-select[data-column="email"]', 'tokenize:style=surrogate');
    await page.waitForFunction((c) => /@example\.(com|org|net)$/.test(document.querySelector('pii-mask-panel').shadowRoot.querySelector(c)?.textContent ?? ''), cell);
    assert.notEqual(await page.textContent(cell), 'jane.doe@example.com');
    await page.selectOption('select.op-select[data-column="email"]', 'tokenize');
    await page.waitForFunction((c) => /^EMAIL_ADDRESS_\d{6}$/.test(document.querySelector('pii-mask-panel').shadowRoot.querySelector(c)?.textContent ?? ''), cell);
  });

  let masked;
  let vaultFile;
  const passphrase = 'copper lantern orchard seventeen';

  await t.test('"Copy for an AI prompt" puts the instruction before the masked rows', async () => {
    await page.click('#copy-prompt');
    await page.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('copy-note').textContent.startsWith('Copied'));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^The data below has been pseudonymised/);
    assert.match(copied, /copy each such token exactly as written/);
    const rows = copied.split('\n\n')[1].split('\n');
    assert.ok(rows[0].startsWith('id,name,email'), rows[0]);
    assert.match(rows[1], /^1001,PERSON_\d{6},EMAIL_ADDRESS_\d{6},/);
    assert.ok(!copied.includes('Jane Doe') && !copied.includes('jane.doe@example.com,'));
  });

  await t.test('after the run, the vault is offered; a weak or unmatched passphrase cannot save it', async () => {
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
    const button = (await page.isVisible('#download')) ? '#download' : '#download-anyway';
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    masked = await readFile(await dl.path(), 'utf8');
    assert.match(masked.split('\n')[1], /^1001,PERSON_\d{6},EMAIL_ADDRESS_\d{6},/);
    assert.match(await panelText(page, 'roundtrip-text'), /^\d+ distinct values became tokens\./);
    await page.click('#vault-btn');
    await page.fill('#vault-pass', 'short');
    assert.match(await panelText(page, 'vault-strength-text'), /^very weak .*at least 10 characters/);
    assert.equal(await page.isDisabled('#vault-save'), true);
    await page.fill('#vault-pass', passphrase);
    await page.fill('#vault-pass2', `${passphrase}x`);
    assert.equal(await panelText(page, 'vault-match'), 'The two passphrases differ.');
    assert.equal(await page.isDisabled('#vault-save'), true);
    await page.fill('#vault-pass2', passphrase);
    assert.match(await panelText(page, 'vault-strength-text'), /^(good|strong) /);
    await page.locator('#run').screenshot({ path: join(OUT, 'page-vault-form.png') });
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#vault-save')]);
    assert.equal(saved.suggestedFilename(), 'sample.vault');
    vaultFile = await readFile(await saved.path());
    assert.ok(vaultFile.length > 82);
    assert.ok(!vaultFile.includes(Buffer.from('Jane Doe')) && !vaultFile.includes(Buffer.from('jane.doe@example.com')), 'nothing in the clear');
    assert.equal(await page.inputValue('#vault-pass'), '', 'the passphrase is not kept in the form');
  });

  const answerFor = (csv) => {
    const [, jane, john] = csv.split('\n').map((l) => l.split(','));
    return [
      `**${jane[1].toLowerCase()}** should be called first; write to \`${jane[2]}\`.`,
      `${john[1].replace('_', '-')}'s renewal is due. PERSON_000001 is not in the file.`,
    ].join('\n');
  };
  const restored =
    '**Jane Doe** should be called first; write to `jane.doe@example.com`.\n' +
    "John Smith's renewal is due. PERSON_000001 is not in the file.";

  await t.test('step 5 restores the answer with the vault of the run, marks the values, copies it', async () => {
    assert.match(await panelText(page, 'restore-source'), /^Using the vault of this tab's last run \(\d+ tokens\)\.$/);
    await page.fill('#restore-in', answerFor(masked));
    await page.click('#restore-btn');
    assert.equal(await panelText(page, 'restore-out'), restored);
    const marks = await page.$$eval('#restore-out mark', (ms) => ms.map((m) => [m.textContent, m.title]));
    assert.deepEqual(marks, [['Jane Doe', 'PERSON'], ['jane.doe@example.com', 'EMAIL_ADDRESS'], ['John Smith', 'PERSON']]);
    assert.match(await panelText(page, 'restore-summary'), /^Restored 3 values \(EMAIL_ADDRESS 1 · PERSON 2\)\. 1 token-like word is not in the vault/);
    await page.locator('#restore').screenshot({ path: join(OUT, 'page-restore.png') });
    await page.click('#restore-copy');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), restored);
  });

  await t.test('a fresh tab opens the downloaded vault (a wrong passphrase is refused) and restores the same', async () => {
    const fresh = await openFenced(t, server, browser);
    const p = fresh.page;
    assert.match(await panelText(p, 'restore-source'), /^Open the vault/);
    assert.equal(await p.isDisabled('#restore-btn'), true);
    await p.click('#restore .restore-open > summary');
    await p.setInputFiles('#restore-file', { name: 'sample.vault', mimeType: 'application/octet-stream', buffer: vaultFile });
    await p.fill('#restore-pass', 'not the passphrase');
    await p.click('#restore-open');
    await p.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('restore-error').textContent !== '', null, { timeout: 30_000 });
    assert.match(await panelText(p, 'restore-error'), /^Wrong passphrase/);
    await p.fill('#restore-pass', passphrase);
    await p.click('#restore-open');
    await p.waitForFunction(() => document.querySelector('pii-mask-panel').shadowRoot.getElementById('restore-source').textContent.startsWith('Using the vault opened'), null, { timeout: 30_000 });
    await p.fill('#restore-in', answerFor(masked));
    await p.click('#restore-btn');
    assert.equal(await panelText(p, 'restore-out'), restored);
    assert.deepEqual(fresh.problems, []);
    assert.deepEqual(fresh.refused, [], 'nothing left the fence');
  });

  assert.deepEqual(problems, []);
  assert.deepEqual(refused, [], 'nothing left the fence');
});
