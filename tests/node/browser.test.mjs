// The package in a real browser (Debian's chromium through playwright-core):
// the Web Worker gives byte for byte the output Node gives, and requests
// nothing from elsewhere. The page itself (www/) is tested in page.test.mjs. Skipped (saying so) where chromium is not installed,
// except under CI=true, where its absence fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { KEY, PKG, ROOT, dec, enc, everyByteCsv, loadPkg, peopleCsv } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json' };

// / -> www/, /pkg/ -> pkg/, /__test__/ -> tests/node/browser/
function serve() {
  const roots = [['/__test__/', join(ROOT, 'tests/node/browser')], ['/pkg/', PKG], ['/', join(ROOT, 'www')]];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p));
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('in chromium: the page and the Web Worker', { skip, timeout: 120_000 }, async (t) => {
  const { chromium } = await import('playwright-core');
  const server = await serve();
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  const foreign = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) foreign.push(r.url());
  });

  await t.test('the Web Worker output equals Node output byte for byte', async () => {
    const api = await loadPkg();
    const { text } = peopleCsv(3000, { seed: 17 });
    const policy = { version: 1, auto: true, default: { op: 'keep' }, columns: { notes: { op: 'scrub' } } };
    const options = { key: KEY };
    const { output: nodeOut, report: nodeReport } = api.maskBytes(enc.encode(text), policy, options);
    await page.goto(`${origin}/__test__/worker.html`);
    await page.waitForFunction(() => window.ready === true);
    const got = await page.evaluate(([t, p, o]) => window.runJob(t, p, o), [text, policy, options]);
    assert.equal(got.error, undefined);
    assert.equal(got.output, dec.decode(nodeOut));
    assert.deepEqual(got.report, nodeReport);
    assert.ok(got.progress.length >= 1 && got.progress.at(-1).bytesIn === enc.encode(text).length);
    const bad = await page.evaluate(() => window.runJob('a,b\n1,2\n3\n', { version: 1, columns: {} }, {}));
    assert.match(bad.error, /line 3/);
    assert.equal(await page.evaluate(([t, p, o]) => window.abortJob(t, p, o), [text, policy, options]), 'AbortError');
    const again = await page.evaluate(() => window.runJob('a\n1\n', { version: 1, columns: {} }, {}));
    assert.equal(again.output.trim(), 'a\n1', 'the worker is usable after an abort');
    // A consumer failing mid-job: the worker's queued chunks must not leak
    // into the next job on the same client.
    const failed = await page.evaluate(([t, p, o]) => window.failingConsumer(t, p, o, 'a\n2\n'), [text, { version: 1 }, {}]);
    assert.equal(failed.error, 'disk full');
    assert.equal(failed.next.output, 'a\n2\n', 'the next job has only its own output');
    assert.deepEqual(problems, []);
  });

  await t.test('windows-1252 decodes every byte as Chromium\'s TextDecoder does (WHATWG Encoding)', async () => {
    // Node's own windows-1252 decoder is Latin-1 in some versions, so the
    // browser's is the reference.
    const api = await loadPkg();
    const input = everyByteCsv();
    const ours = dec.decode(api.maskBytes(input, { version: 1 }, { encoding: 'windows-1252' }).output);
    const theirs = await page.evaluate((bytes) => new TextDecoder('windows-1252').decode(new Uint8Array(bytes)), [...input]);
    assert.equal(ours, theirs);
  });

  assert.deepEqual(foreign, [], 'no request leaves the page origin');
});
