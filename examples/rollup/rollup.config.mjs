// Rollup bundles the page's script and the worker (two inputs, sharing a
// chunk); the package's .wasm and word lists are emitted beside them, where
// its new URL('./pii_mask_bg.wasm', import.meta.url) (and the lists') look.
//   npm install && npx rollup -c   (then serve the folder, open index.html)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const wasm = {
  name: 'pii-mask-wasm',
  generateBundle() {
    for (const fileName of ['pii_mask_bg.wasm', 'pii_mask_lists.txt']) {
      const path = fileURLToPath(import.meta.resolve(`pii-mask/${fileName}`));
      this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
    }
  },
};

export default {
  input: ['app.js', 'pii-mask.worker.js'],
  output: { dir: 'dist', format: 'es' },
  plugins: [nodeResolve({ browser: true }), wasm],
};
