// Nothing about pii-mask here: webpack 5 finds the .wasm
// (new URL('./pii_mask_bg.wasm', import.meta.url)) and the worker
// (new Worker(new URL('./worker.js', import.meta.url))) by itself.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './src/index.js',
  output: { path: fileURLToPath(new URL('./dist/', import.meta.url)), clean: true },
};
