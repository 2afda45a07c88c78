// pii-mask's entry for Node (ES modules): the whole API of index.js, with an
// init() that reads the .wasm next to this file from disk (Node's fetch cannot
// read file: URLs). package.json's `exports` gives this file to Node's
// `import`; browsers, workers and Deno get index.js, `require` index.cjs.
import { readFile } from 'node:fs/promises';
import { init as instantiate, initSync, isReady } from './index.js';

export * from './index.js';

// A path or a file: URL is read from disk; anything else (bytes, a
// WebAssembly.Module, a Response, an http(s) URL) goes on as it is.
async function resolveInput(input, name = 'pii_mask_bg.wasm') {
  if (input === undefined || input === null) return readFile(new URL(`./${name}`, import.meta.url));
  if (typeof input === 'string' && !/^[a-z][a-z0-9+.-]+:/i.test(input)) return readFile(input);
  if (typeof input === 'string' && /^file:/i.test(input)) return readFile(new URL(input));
  if (input instanceof URL && input.protocol === 'file:') return readFile(input);
  return input;
}

let pending = null;

/**
 * Load and instantiate the WebAssembly module (once; later calls return at
 * once). `input` may be a path or a URL of the .wasm, its bytes, a compiled
 * WebAssembly.Module, or a Response; without it, `pii_mask_bg.wasm` next to
 * this file is read. `lists`, the same for the word lists, defaults to
 * `pii_mask_lists.txt` next to this file.
 */
export async function init(input, lists) {
  if (isReady()) return;
  if (pending === null) {
    pending = Promise.all([resolveInput(input), resolveInput(lists, 'pii_mask_lists.txt')]).then(async ([source, words]) => {
      // Bytes and modules skip the glue's async path: it tests for Request
      // and Response, and touching those globals makes Node load its fetch
      // implementation, ~80 ms of a one-shot CLI run. Compiling stays async.
      const bytes = ArrayBuffer.isView(words) || words instanceof ArrayBuffer;
      if (bytes && source instanceof WebAssembly.Module) return initSync(source, words);
      if (bytes && (ArrayBuffer.isView(source) || source instanceof ArrayBuffer)) return initSync(await WebAssembly.compile(source), words);
      return instantiate(source, words);
    });
    pending.catch(() => {
      pending = null; // a later call may try again (another path, say)
    });
  }
  return pending;
}
