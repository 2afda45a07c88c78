// `npm pack` of pkg/ gives a tarball that a fresh Node project installs
// (offline: the package has no runtime dependencies) and runs with npx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PKG, peopleCsv, tempDir } from './helpers.mjs';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

test('npm pack -> npm install in a fresh project -> npx pii-mask scan', async (t) => {
  const dir = tempDir(t, 'pii-mask-pack-');
  const packDir = join(dir, 'tarball');
  const project = join(dir, 'project');
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  const { mkdirSync } = await import('node:fs');
  mkdirSync(packDir);
  mkdirSync(project);

  const packed = await run(npm, ['pack', PKG, '--pack-destination', packDir, '--json', ...quiet]);
  const [info] = JSON.parse(packed.stdout);
  const files = info.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'index.js', 'node.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'pii_mask.js', 'pii_mask_bg.wasm', 'pii_mask_lists.txt', 'cli.js', 'worker.js', 'worker-client.js', 'README.md']) {
    assert.ok(files.includes(f), `${f} is in the tarball: ${files.join(', ')}`);
  }
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')));

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', private: true, type: 'module' }));
  await run(npm, ['install', '--offline', tarball, ...quiet], { cwd: project });

  const { rows, text } = peopleCsv(25, { seed: 42 });
  writeFileSync(join(project, 'people.csv'), text);
  const scan = await run(npx, ['--offline', '--no-install', 'pii-mask', 'scan', 'people.csv'], { cwd: project });
  const result = JSON.parse(scan.stdout);
  assert.equal(result.rows, rows.length);
  assert.ok(result.columns.some((c) => c.name === 'email' && c.entities.some((e) => e.type === 'EMAIL_ADDRESS')));

  // The installed package resolves by name, finds its .wasm itself, and masks.
  writeFileSync(
    join(project, 'use.mjs'),
    `import { init, maskBytes } from 'pii-mask';
     await init();
     const { output, report } = maskBytes(new TextEncoder().encode('email,x\\njane@example.com,1\\n'),
       { version: 1, default: { op: 'keep' }, columns: { email: { op: 'redact', text: 'R' } } });
     console.log(JSON.stringify({ out: new TextDecoder().decode(output), rows: report.rows }));`,
  );
  const used = await run(process.execPath, ['use.mjs'], { cwd: project });
  const { out, rows: n } = JSON.parse(used.stdout);
  assert.equal(out.replace(/\r\n/g, '\n'), 'email,x\nR,1\n');
  assert.equal(n, 1);
});
