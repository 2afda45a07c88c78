// esbuild bundles the page's script and the worker (two entry points) and
// this script copies the .wasm beside them, where the package's
// new URL('./pii_mask_bg.wasm', import.meta.url) looks for it.
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
copyFileSync(fileURLToPath(import.meta.resolve('pii-mask/pii_mask_bg.wasm')), 'dist/pii_mask_bg.wasm');
