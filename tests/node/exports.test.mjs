// The package's entries per environment, as users install it: the packed
// tarball in a fresh project. Node's `import` masks a CSV with the Node entry,
// `require` with the CommonJS one; the browser entries (what the `browser`
// condition resolves) reach no Node built-in through any import; the types
// check for an ES module and a CommonJS consumer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, tempDir } from './helpers.mjs';
import { importGraph, installTarball, packTarball, run } from './tarball.mjs';

const POLICY = { version: 1, default: { op: 'keep' }, columns: { email: { op: 'redact', text: 'R' }, name: { op: 'hash', length: 8 } } };
const CSV = 'name,email,plan\nJane Doe,jane@example.com,pro\nJohn Roe,john@example.org,free\n';
const KEY = 'exports test key, not a secret!!';

/** Runs `code` in the project as a file of that name; resolves its JSON output. */
async function runIn(project, name, code, args = []) {
  writeFileSync(join(project, name), code);
  const { stdout } = await run(process.execPath, [...args, name], { cwd: project });
  return JSON.parse(stdout);
}

test('the packed package, installed in a fresh project', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t, 'pii-mask-exports-');
  const { tarball } = await packTarball(join(dir, 'tarball'));
  const project = join(dir, 'project');
  await installTarball(project, tarball);
  const installed = join(project, 'node_modules', 'pii-mask');
  const masked = (out) => out.replace(/\r\n/g, '\n').split('\n');

  let esmOutput;
  await t.test('Node ESM: `import` gets the Node entry, which finds its .wasm and masks a CSV', async () => {
    const got = await runIn(
      project,
      'esm.mjs',
      `import { init, maskBytes, Masker } from 'pii-mask';
       await init();
       const { output, report } = maskBytes(${JSON.stringify(CSV)}, ${JSON.stringify(POLICY)}, { key: ${JSON.stringify(KEY)} });
       console.log(JSON.stringify({ entry: import.meta.resolve('pii-mask'), out: new TextDecoder().decode(output), rows: report.rows, masker: typeof Masker }));`,
    );
    assert.ok(got.entry.endsWith('/node_modules/pii-mask/node.js'), got.entry);
    const lines = masked(got.out);
    assert.equal(lines[0], 'name,email,plan');
    assert.match(lines[1], /^[0-9a-f]{8},R,pro$/);
    assert.match(lines[2], /^[0-9a-f]{8},R,free$/);
    assert.equal(got.rows, 2);
    esmOutput = got.out;
  });

  await t.test('Node CJS: `require` gets the CommonJS entry; after `await init()` it masks the same bytes', async () => {
    const got = await runIn(
      project,
      'cjs.cjs',
      `const pii = require('pii-mask');
       const { Masker } = pii; // taken before init(): still works
       (async () => {
         let early;
         try { pii.scan('a\\n1\\n'); } catch (e) { early = e.message; }
         await pii.init();
         const m = new Masker(${JSON.stringify(POLICY)}, { key: ${JSON.stringify(KEY)} });
         const parts = [m.push(new TextEncoder().encode(${JSON.stringify(CSV)})), m.finish()];
         const out = Buffer.concat(parts.map((p) => Buffer.from(p))).toString('utf8');
         const isMasker = m instanceof Masker;
         m.free();
         console.log(JSON.stringify({ entry: require.resolve('pii-mask'), early, out, isMasker, ready: pii.isReady(), names: Object.keys(pii).sort() }));
       })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    assert.ok(got.entry.endsWith(join('node_modules', 'pii-mask', 'index.cjs')), got.entry);
    assert.match(got.early, /call `await init\(\)` before scan\(\)/);
    assert.equal(got.out, esmOutput, 'the same output as the ES module');
    assert.equal(got.isMasker, true);
    assert.equal(got.ready, true);
    // The CommonJS entry lists every export of the ES module.
    const esm = await runIn(project, 'names.mjs', `console.log(JSON.stringify(Object.keys(await import('pii-mask')).sort()));`);
    assert.deepEqual(got.names, esm);
  });

  await t.test('init() takes the .wasm as bytes, a WebAssembly.Module, a Response or a path instead', async () => {
    const wasm = join(installed, 'pii_mask_bg.wasm');
    for (const [what, expr] of [
      ['bytes', `readFileSync(${JSON.stringify(wasm)})`],
      ['a Module', `new WebAssembly.Module(readFileSync(${JSON.stringify(wasm)}))`],
      ['a Response', `new Response(readFileSync(${JSON.stringify(wasm)}), { headers: { 'content-type': 'application/wasm' } })`],
      ['a path', JSON.stringify(wasm)],
    ]) {
      for (const entry of ['pii-mask', 'pii-mask/node']) {
        const got = await runIn(
          project,
          'override.mjs',
          `import { readFileSync } from 'node:fs';
           const { init, find } = await import(${JSON.stringify(entry)});
           await init(${expr});
           console.log(JSON.stringify(find('mail jane@example.com').map((f) => f.type)));`,
        );
        assert.deepEqual(got, ['EMAIL_ADDRESS'], `${entry} with ${what}`);
      }
    }
    // CommonJS passes it on.
    const got = await runIn(
      project,
      'override.cjs',
      `const pii = require('pii-mask');
       pii.init(require('node:fs').readFileSync(${JSON.stringify(wasm)})).then(() => console.log(JSON.stringify(pii.find('jane@example.com').length)));`,
    );
    assert.equal(got, 1);
  });

  await t.test('the browser entries (`browser` condition) reach no Node built-in through any import', async () => {
    const resolved = await runIn(
      project,
      'resolve.mjs',
      `console.log(JSON.stringify(['pii-mask', 'pii-mask/worker', 'pii-mask/panel'].map((s) => import.meta.resolve(s))));`,
      ['--conditions=browser'],
    );
    const entries = resolved.map((u) => new URL(u).pathname);
    assert.deepEqual(
      entries.map((p) => relative(installed, p)),
      ['index.js', 'worker-client.js', join('panel', 'panel.js')],
    );
    for (const entry of entries) {
      const { files, specifiers } = importGraph(entry, (f) => readFileSync(f, 'utf8'));
      const reached = files.map((f) => relative(installed, f));
      assert.ok(reached.includes('pii_mask.js'), `${relative(installed, entry)} reaches the glue: ${reached.join(', ')}`);
      assert.deepEqual(specifiers, [], `${relative(installed, entry)} imports only its own files`);
      assert.ok(!reached.includes('node.js') && !reached.includes('cli.js'), reached.join(', '));
    }
    // The worker the helper starts is in the graph, so bundlers build it.
    const { files } = importGraph(entries[1], (f) => readFileSync(f, 'utf8'));
    assert.ok(files.some((f) => f.endsWith('/worker.js')), 'worker-client.js -> worker.js');
    // Node handed the browser entry (a test runner resolving `browser`) still finds the .wasm.
    const inNode = await runIn(
      project,
      'browser-in-node.mjs',
      `import { init, find } from 'pii-mask';
       await init();
       console.log(JSON.stringify({ entry: import.meta.resolve('pii-mask'), found: find('jane@example.com').length }));`,
      ['--conditions=browser'],
    );
    assert.ok(inNode.entry.endsWith('/pii-mask/index.js'), inNode.entry);
    assert.equal(inNode.found, 1);
    // Modules that act when imported are marked so: a bundler keeps
    // `import 'pii-mask/worker.js'` (an app's own worker) instead of dropping it.
    const { sideEffects } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const f of ['./worker.js', './panel/panel.js', './panel/core-worker.js']) assert.ok(sideEffects.includes(f), f);
    // And the .wasm is named the way bundlers find it.
    assert.match(readFileSync(entries[0], 'utf8'), /new URL\('\.\/pii_mask_bg\.wasm', import\.meta\.url\)/);
  });

  await t.test('TypeScript: the types resolve for an ES module and for a CommonJS consumer', async () => {
    writeFileSync(
      join(project, 'use.mts'),
      `import { init, maskBytes, type Policy } from 'pii-mask';
       const policy: Policy = { version: 1, columns: { email: { op: 'redact' } } };
       await init(new Uint8Array(0));
       const r: number = maskBytes('a\\n', policy).report.rows;
       export { r };`,
    );
    writeFileSync(
      join(project, 'use.cts'),
      `import pii = require('pii-mask');
       const policy: pii.Policy = { version: 1, columns: { email: { op: 'redact' } } };
       export async function go(): Promise<number> { await pii.init(); return pii.maskBytes('a\\n', policy).report.rows; }`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, lib: ['ES2022', 'DOM', 'ESNext.Disposable'], types: [], skipLibCheck: false },
        files: ['use.mts', 'use.cts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const res = await run(tsc, ['-p', project], { cwd: project }).catch((e) => e);
    assert.equal(res.code ?? 0, 0, `${res.stdout}${res.stderr}`);
  });
});
