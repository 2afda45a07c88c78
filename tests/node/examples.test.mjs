// Every example in examples/, built and run from the packed tarball as a user
// would: the bundlers from examples/tooling (pinned, installed once with
// `npm ci`), the package installed offline into a copy of each example. Node
// examples mask a CSV; browser ones are served locally and opened in headless
// chromium, a file is chosen, and the masked output is checked: no original
// email or phone left, every row there, nothing fetched from elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { KEY, ROOT, parseCsv, peopleCsv, tempDir } from './helpers.mjs';
import { CHROMIUM, haveChromium, launchChromium, serveDir, watch } from './page/harness.mjs';
import { QUIET, installTarball, npm, packTarball, run } from './tarball.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const noChromium = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;

const EXAMPLES = join(ROOT, 'examples');
const TOOLING = join(EXAMPLES, 'tooling');
const bin = (pkg, file) => join(TOOLING, 'node_modules', pkg, file);

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The bundlers, once per machine (scripts/setup.sh does the same): `npm ci` from the committed lock. */
async function tooling() {
  const stamp = join(TOOLING, 'node_modules', '.pii-mask-stamp');
  const sum = createHash('sha256').update(readFileSync(join(TOOLING, 'package-lock.json'))).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sum) return;
  await run(npm, ['ci', '--prefer-offline', ...QUIET], { cwd: TOOLING });
  writeFileSync(stamp, sum);
}

const { rows, text: CSV } = peopleCsv(60, { seed: 11 });
const HEADER = ['id', 'name', 'email', 'phone', 'ssn', 'notes', 'plan'];

/** The masked CSV keeps every row and no email, phone or SSN of the input. */
function assertMasked(out, what) {
  const records = parseCsv(out);
  assert.deepEqual(records[0], HEADER, what);
  assert.equal(records.length - 1, rows.length, `${what}: every row`);
  for (const [i, row] of rows.entries()) {
    for (const c of ['email', 'phone', 'ssn']) {
      const at = HEADER.indexOf(c);
      assert.ok(!out.includes(row[at]), `${what}: row ${i + 1}'s ${c} ${row[at]} is gone`);
    }
  }
}

/** A copy of examples/<name> in `dir` with the tarball installed (its own package.json, without the registry's dependencies). */
async function example(dir, name, tarball) {
  const to = join(dir, name);
  cpSync(join(EXAMPLES, name), to, { recursive: true, filter: (f) => !/[/\\](node_modules|dist)$/.test(f) });
  const manifest = JSON.parse(readFileSync(join(to, 'package.json'), 'utf8'));
  delete manifest.dependencies;
  delete manifest.devDependencies;
  rmSync(join(to, 'package.json'));
  await installTarball(to, tarball, manifest);
  return to;
}

/**
 * Watches the page (harness.watch) and the answers it got: `clean()` asserts
 * no error, no failed answer to the page, and no console error but the 404
 * of chromium's own ask for /favicon.ico (which no example has, and which
 * the page's events do not show).
 */
function observe(context, page) {
  const seen = watch(context, page);
  const missing = [];
  page.on('response', (r) => r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`));
  seen.clean = () => {
    assert.deepEqual(missing, []);
    assert.deepEqual(seen.problems.filter((p) => !/status of 404/.test(p)), []);
  };
  return seen;
}

/** Opens `url` in chromium, chooses the CSV in #file, waits for the page's result; returns {output, columns}. */
async function maskInPage(t, browser, origin, url, { worker = 'dedicated' } = {}) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = observe(context, page);
  const { requests } = seen;
  await page.goto(url);
  // The service worker example listens for a file once its worker is active.
  if (worker === 'service') await page.waitForFunction(() => document.getElementById('columns').textContent.includes('ready'), null, { timeout: 30_000 });
  await page.setInputFiles('#file', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForSelector('body[data-state=done], body[data-state=error]', { timeout: 60_000 });
  const status = await page.textContent('#status');
  assert.equal(await page.getAttribute('body', 'data-state'), 'done', status);
  seen.clean();
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], 'nothing from elsewhere');
  if (worker === 'dedicated') assert.ok(page.workers().length >= 1, 'the masking ran in a worker');
  else assert.equal(context.serviceWorkers().length, 1, 'a service worker ran');
  return { output: await page.textContent('#output'), columns: await page.textContent('#columns'), requests };
}

test('the examples, built and run from the packed tarball', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t, 'pii-mask-examples-');
  const [{ tarball }] = await Promise.all([packTarball(join(dir, 'tarball')), tooling()]);
  const input = join(dir, 'people.csv');
  writeFileSync(input, CSV);
  const env = { ...process.env, PII_MASK_KEY: KEY };

  await t.test('Node ES module (mask.mjs): streams the file through the masker', async () => {
    const cwd = await example(dir, 'node-esm', tarball);
    const { stdout, stderr } = await run(process.execPath, ['mask.mjs', input], { cwd, env });
    assertMasked(stdout, 'node-esm');
    assert.match(stderr, /masked 60 rows/);
  });

  await t.test('Node CommonJS (mask.cjs): require, init, scan, hash', async () => {
    const cwd = await example(dir, 'node-cjs', tarball);
    const { stdout, stderr } = await run(process.execPath, ['mask.cjs', input], { cwd, env });
    assert.match(stderr, /hashed email, phone in 60 rows/);
    const records = parseCsv(stdout);
    assert.match(records[1][HEADER.indexOf('email')], /^[0-9a-f]{12}$/);
    assert.equal(records[1][HEADER.indexOf('name')], rows[0][1], 'the name column is kept by this policy');
    const again = await run(process.execPath, ['mask.cjs', input], { cwd, env });
    assert.equal(again.stdout, stdout, 'the same key gives the same pseudonyms');
  });

  await t.test('Deno (mask.js): the .wasm read from its file: URL with read permission only; the bytes Node gives', async () => {
    const cwd = await example(dir, 'deno', tarball);
    const deno = join(TOOLING, 'node_modules', '.bin', 'deno');
    const denoEnv = { ...env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno-cache') };
    const { stdout, stderr } = await run(deno, ['run', '--no-prompt', '--allow-read', '--allow-env=PII_MASK_KEY', 'mask.js', input], { cwd, env: denoEnv });
    assertMasked(stdout, 'deno');
    assert.match(stderr, /masked 60 rows/);
    const esm = await run(process.execPath, ['mask.mjs', input], { cwd: join(dir, 'node-esm'), env });
    assert.equal(stdout, esm.stdout, 'the same bytes as Node');
  });

  await t.test('in chromium', { skip: noChromium }, async (t) => {
    const browser = await launchChromium();
    t.after(() => browser.close());
    const served = async (root) => {
      const server = await serveDir(root);
      t.after(() => server.close());
      return `http://127.0.0.1:${server.address().port}`;
    };

    await t.test('a plain <script type="module"> page (import map, no bundler)', async (t) => {
      const cwd = await example(dir, 'script-tag', tarball);
      const origin = await served(cwd);
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`);
      assertMasked(got.output, 'script-tag');
      assert.match(got.columns, /email: EMAIL_ADDRESS/);
    });

    await t.test('a module Service Worker (static import, the .wasm fetched by the worker)', async (t) => {
      const cwd = await example(dir, 'service-worker', tarball);
      const origin = await served(cwd);
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`, { worker: 'service' });
      assertMasked(got.output, 'service-worker');
      assert.ok(got.requests.some((u) => u.endsWith('/pii_mask_bg.wasm')));
    });

    await t.test('a Vite app (vite build, no configuration)', async (t) => {
      const cwd = await example(dir, 'vite', tarball);
      await run(process.execPath, [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd });
      const origin = await served(join(cwd, 'dist'));
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`);
      assertMasked(got.output, 'vite');
      assert.match(got.columns, /email: EMAIL_ADDRESS/);
      assert.ok(got.requests.some((u) => u.endsWith('.wasm')), 'the .wasm Vite shipped');
    });

    await t.test('the same Vite app under its dev server (dependencies pre-bundled)', async (t) => {
      const cwd = join(dir, 'vite');
      const port = await freePort();
      const dev = spawn(process.execPath, [bin('vite', 'bin/vite.js'), '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      t.after(() => dev.kill());
      let said = '';
      await new Promise((resolve, reject) => {
        dev.stdout.on('data', (d) => (said += d) && /ready in/.test(said) && resolve());
        dev.stderr.on('data', (d) => (said += d));
        dev.on('exit', (code) => reject(new Error(`vite dev exited ${code}: ${said}`)));
      });
      const origin = `http://127.0.0.1:${port}`;
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`);
      assertMasked(got.output, 'vite dev');
    });

    await t.test('a webpack 5 app (no loader, no rule)', async (t) => {
      const cwd = await example(dir, 'webpack', tarball);
      await run(process.execPath, [bin('webpack-cli', 'bin/cli.js'), '--config', 'webpack.config.mjs'], { cwd });
      const origin = await served(cwd);
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`);
      assertMasked(got.output, 'webpack');
      assert.match(got.columns, /email: EMAIL_ADDRESS/);
    });

    await t.test('an esbuild app (two entry points, the .wasm copied, its own worker)', async (t) => {
      const cwd = await example(dir, 'esbuild', tarball);
      symlinkSync(join(TOOLING, 'node_modules', 'esbuild'), join(cwd, 'node_modules', 'esbuild'), 'dir');
      await run(process.execPath, ['build.mjs'], { cwd });
      const origin = await served(cwd);
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`);
      assertMasked(got.output, 'esbuild');
      assert.ok(got.requests.some((u) => u.endsWith('/dist/pii-mask.worker.js')), 'the app\'s worker');
    });

    await t.test('a Rollup app (node-resolve, the .wasm emitted by the config, its own worker)', async (t) => {
      const cwd = await example(dir, 'rollup', tarball);
      for (const dep of ['rollup', '@rollup/plugin-node-resolve']) {
        mkdirSync(join(cwd, 'node_modules', dirname(dep)), { recursive: true });
        symlinkSync(join(TOOLING, 'node_modules', dep), join(cwd, 'node_modules', dep), 'dir');
      }
      await run(process.execPath, [bin('rollup', 'dist/bin/rollup'), '-c', '--silent'], { cwd });
      const origin = await served(cwd);
      const got = await maskInPage(t, browser, origin, `${origin}/index.html`);
      assertMasked(got.output, 'rollup');
      assert.ok(got.requests.some((u) => u.endsWith('/dist/pii-mask.worker.js')), 'the app\'s worker');
    });

    await t.test('an internal tool: <pii-mask-panel>, and only the masked Blob is uploaded', async (t) => {
      const cwd = await example(dir, 'internal-tool', tarball);
      const { start } = await import(join(cwd, 'server.mjs'));
      const { server, uploads } = await start({ port: 0 });
      t.after(() => server.close());
      const origin = `http://127.0.0.1:${server.address().port}`;
      const context = await browser.newContext();
      t.after(() => context.close());
      const page = await context.newPage();
      const seen = observe(context, page);
      const { traffic } = seen;
      await page.goto(`${origin}/`);
      await page.waitForSelector('pii-mask-panel[ready]', { timeout: 30_000 });
      await page.setInputFiles('#file', { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.waitForSelector('pii-mask-panel[state=scanned]', { timeout: 60_000 });
      await page.click('#run-btn');
      await page.waitForSelector('body[data-uploaded]', { timeout: 60_000 });
      assert.match(await page.textContent('#upload-status'), /^Uploaded customers\.masked\.csv|^Uploaded .*\.csv/);
      assert.equal(uploads.length, 1);
      assertMasked(uploads[0].text, 'internal tool upload');
      // The one request with a body is that upload, to the tool's own server.
      const sent = traffic.filter((r) => r.method !== 'GET');
      assert.deepEqual(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`), ['POST /api/upload']);
      assert.ok(traffic.every((r) => r.url.startsWith(origin)), 'nothing from elsewhere');
      seen.clean();
    });
  });
});
