// maskFile (pii-mask/worker) in chromium: the output Node gives, byte for
// byte, as a Blob, as bytes or streamed; progress; one worker started and
// kept for the jobs after it; a job at the same time gets its own; an abort
// rejects with AbortError and the next job still runs; a refused file
// rejects with the core's structured error; a worker the app brings is used;
// one idle worker is kept, however the jobs were started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, PKG, ROOT, dec, enc, loadPkg, peopleCsv, tempDir } from './helpers.mjs';
import { CHROMIUM, haveChromium, launchChromium, serveDir, watch } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

test('in chromium: maskFile', { skip, timeout: 120_000 }, async (t) => {
  const site = tempDir(t, 'pii-mask-maskfile-');
  cpSync(join(ROOT, 'tests/node/mask-file'), site, { recursive: true });
  symlinkSync(PKG, join(site, 'pkg'));
  const server = await serveDir(site);
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  const { problems, requests } = watch(context, page);
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => window.ready === true);

  const api = await loadPkg();
  const { text } = peopleCsv(4000, { seed: 5 });
  const policy = { version: 1, auto: true, default: { op: 'keep' }, columns: { notes: { op: 'scrub' } } };
  const options = { key: KEY };
  const node = api.maskBytes(enc.encode(text), policy, options);
  const expected = dec.decode(node.output);
  const job = (extra) => page.evaluate(([t, p, o, x]) => window.job(t, p, o, x), [text, policy, options, extra ?? {}]);

  await t.test('a Blob with the bytes Node gives, the report, and progress', async () => {
    const got = await job();
    assert.equal(got.error, undefined, JSON.stringify(got.error));
    assert.equal(got.kind, 'blob');
    assert.deepEqual(got.keys, ['blob', 'report']);
    assert.equal(got.output, expected);
    assert.deepEqual(got.report, node.report);
    assert.ok(got.progress.length >= 1);
    assert.equal(got.progress.at(-1).bytesIn, enc.encode(text).length);
    assert.equal(got.progress.at(-1).rows, 4000);
  });

  await t.test('the worker is kept: later jobs start none', async () => {
    const before = await page.evaluate(() => window.started());
    assert.equal(before.length, 1, before.join(', '));
    assert.match(before[0], /\/pkg\/worker\.js$/);
    const bytes = await job({ output: 'bytes' });
    assert.equal(bytes.kind, 'bytes');
    assert.equal(bytes.output, expected);
    const streamed = await job({ stream: true }); // a small file: the kept worker
    assert.equal(streamed.kind, 'stream');
    assert.deepEqual(streamed.keys, ['report']);
    assert.equal(streamed.output, expected);
    assert.equal((await page.evaluate(() => window.started())).length, 1);
  });

  await t.test('two jobs at once each get a worker and the right output', async () => {
    const both = await page.evaluate(
      ([t, p, o]) => Promise.all([window.job(t, p, o), window.job('a,email\n1,x@example.com\n', { version: 1, columns: { email: { op: 'redact', text: 'R' } } }, {})]),
      [text, policy, options],
    );
    assert.equal(both[0].output, expected);
    assert.equal(both[1].output.replace(/\r\n/g, '\n'), 'a,email\n1,R\n');
    assert.equal((await page.evaluate(() => window.started())).length, 2);
  });

  await t.test('an abort rejects with AbortError; the next job runs', async () => {
    const aborted = await job({ abort: true });
    assert.equal(aborted.error?.name, 'AbortError', JSON.stringify(aborted));
    assert.equal((await job()).output, expected);
  });

  await t.test('a refused file rejects with the core\'s structured error', async () => {
    const bad = await page.evaluate(() => window.job('a,b\n1,2\n3\n', { version: 1, columns: {} }, {}));
    assert.match(bad.error.message, /line 3/);
    assert.equal(typeof bad.error.code, 'string');
    assert.equal(bad.error.line, 3);
    const n = (await page.evaluate(() => window.started())).length;
    assert.equal((await job()).output, expected, 'the same worker goes on');
    assert.equal((await page.evaluate(() => window.started())).length, n);
    const zero = await job({ workers: 0 });
    assert.equal(zero.error.name, 'RangeError');
  });

  await t.test('bring your own worker: the app\'s worker module runs the job', async () => {
    const own = await job({ worker: true });
    assert.equal(own.output, expected);
    assert.ok((await page.evaluate(() => window.started())).some((u) => u.endsWith('/own-worker.js')));
    // A new function on each call: each starts a worker, and one is kept.
    await job({ worker: true });
    await job({ worker: true });
    for (let i = 0; i < 40 && page.workers().length > 1; i++) await page.waitForTimeout(50);
    assert.equal(page.workers().length, 1, page.workers().map((w) => w.url()).join(', '));
  });

  await t.test('workers: 3 mask parts of the file at once, with the bytes, report and progress of one', async () => {
    const started = async () => (await page.evaluate(() => window.started())).length;
    const before = await started();
    const three = await job({ workers: 3, partBytes: 20_000 });
    assert.equal(three.error, undefined, JSON.stringify(three.error));
    assert.equal(three.output, expected);
    assert.deepEqual(three.report, node.report);
    assert.ok(three.progress.length > 10, 'progress per part');
    assert.equal(three.progress.at(-1).bytesIn, enc.encode(text).length);
    assert.equal(three.progress.at(-1).rows, 4000);
    assert.equal((await started()) - before, 3, 'three workers');
    const one = await job({ workers: 1, partBytes: 20_000 });
    assert.equal(one.output, three.output);
    const streamed = await job({ workers: 3, partBytes: 20_000, stream: true });
    assert.equal(streamed.output, expected);
    const aborted = await job({ workers: 3, partBytes: 20_000, abort: true });
    assert.equal(aborted.error?.name, 'AbortError', JSON.stringify(aborted));
    // An error in a late part: the line of one pass.
    const bad = await page.evaluate(() => window.job('a,b\n' + '1,2\n'.repeat(3000) + '3\n', { version: 1, columns: {} }, {}, { workers: 3, partBytes: 1000 }));
    assert.equal(bad.error?.line, 3002, JSON.stringify(bad));
    for (let i = 0; i < 40 && page.workers().length > 1; i++) await page.waitForTimeout(50);
    assert.equal(page.workers().length, 1, 'the parts\' workers end with the job');
  });

  await t.test('reuseOutput: each chunk\'s buffer goes back to be written into again, the output unchanged', async () => {
    for (const extra of [{ partBytes: 20_000 }, { workers: 3, partBytes: 20_000 }]) {
      const got = await job({ ...extra, reuse: true });
      assert.equal(got.error, undefined, JSON.stringify(got.error));
      assert.equal(got.output, expected, JSON.stringify(extra));
      assert.ok(got.lent > 2, `several chunks: ${got.lent}`);
      // Most go back: not the head's, the tail's, nor those beyond the
      // few buffers kept per worker.
      assert.ok(got.givenBack > got.lent / 2, `${got.givenBack} of ${got.lent} given back`);
    }
    // Without it the chunks are the caller's to keep.
    const kept = await job({ workers: 3, partBytes: 20_000, stream: true });
    assert.equal(kept.output, expected);
  });

  await t.test('workers: 3 with audit: the digests of the input and output of one pass', async () => {
    // The parts' input and output go to the first worker's main masker for the digests.
    const audited = { ...options, audit: true };
    const whole = api.maskBytes(enc.encode(text), policy, audited);
    for (const stream of [false, true]) {
      const three = await page.evaluate(([t, p, o, x]) => window.job(t, p, o, x), [text, policy, audited, { workers: 3, partBytes: 20_000, stream }]);
      assert.equal(three.error, undefined, JSON.stringify(three.error));
      assert.equal(three.output, expected);
      assert.deepEqual(three.report.audit, whole.report.audit);
      assert.equal(three.report.audit.input.bytes, enc.encode(text).length);
    }
  });

  // (chromium asks for /favicon.ico, which the test site has not got)
  assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'nothing from elsewhere');
  assert.deepEqual(requests.filter((u) => u.includes('/pkg/') && !/\/pkg\/(worker-client|worker|index|pii_mask)\.js$|pii_mask_bg\.wasm$|pii_mask_lists\.txt$/.test(u)), [], 'only the files maskFile needs');
});
