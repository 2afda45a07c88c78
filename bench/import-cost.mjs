// What the package costs its users, for the README: the packed tarball's
// size, and the bytes a Vite production build adds to an app (all files of
// dist/, each gzipped at level 9, minus those of the same app without
// pii-mask). Needs pkg/ (scripts/build.sh) and examples/tooling installed
// (scripts/setup.sh).
//   node bench/import-cost.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(ROOT, 'examples/tooling/node_modules/vite/bin/vite.js');
const dir = mkdtempSync(join(tmpdir(), 'pii-mask-cost-'));

try {
  const packed = JSON.parse(execFileSync('npm', ['pack', join(ROOT, 'pkg'), '--pack-destination', dir, '--json', '--loglevel=error'], { encoding: 'utf8' }))[0];
  const tarball = join(dir, packed.filename);
  console.log(`tarball: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);

  const apps = {
    'no pii-mask': `document.body.textContent = 'hello';`,
    "pii-mask (init + maskBytes)": `import { init, maskBytes } from 'pii-mask';
await init();
document.body.textContent = new TextDecoder().decode(maskBytes('a\\n1\\n', { version: 1 }).output);`,
    "pii-mask/worker (maskFile)": `import { maskFile } from 'pii-mask/worker';
const { blob } = await maskFile(new Blob(['a\\n1\\n']), { version: 1 });
document.body.textContent = await blob.text();`,
    "pii-mask/panel (<pii-mask-panel>)": `import 'pii-mask/panel';
document.body.append(document.createElement('pii-mask-panel'));`,
  };
  const sizes = {};
  for (const [name, code] of Object.entries(apps)) {
    const app = join(dir, `app-${Object.keys(sizes).length}`);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'cost', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--offline', '--no-save', tarball, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app });
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>cost</title><script type="module" src="/main.js"></script>');
    writeFileSync(join(app, 'main.js'), code);
    execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'error'], { cwd: app });
    const files = [];
    const walk = (d) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(join(app, 'dist'));
    const raw = files.reduce((n, f) => n + statSync(f).size, 0);
    const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    const wasm = files.filter((f) => f.endsWith('.wasm')).reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    sizes[name] = { raw, gz, wasm };
  }
  const base = sizes['no pii-mask'];
  for (const [name, { raw, gz, wasm }] of Object.entries(sizes)) {
    if (name === 'no pii-mask') continue;
    console.log(`${name}: adds ${raw - base.raw} bytes, ${gz - base.gz} gzipped (of which the .wasm ${wasm}, JavaScript ${gz - base.gz - wasm})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
