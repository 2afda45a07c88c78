// esbuild bundles the page's script and the worker (two entry points) and
// this script copies the .wasm and the word lists beside them, where the
// package's new URL('./pii_mask_bg.wasm', import.meta.url) (and the lists')
// look for them.
//   npm install && node build.mjs   (then serve the folder, open index.html)
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

mkdirSync('dist', { recursive: true });
await esbuild.build({
  entryPoints: ['app.js', 'pii-mask.worker.js'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  outdir: 'dist',
});
for (const name of ['pii_mask_bg.wasm', 'pii_mask_lists.txt']) {
  copyFileSync(fileURLToPath(import.meta.resolve(`pii-mask/${name}`)), `dist/${name}`);
}
