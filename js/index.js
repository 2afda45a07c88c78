// pii-mask: the package's entry point for browsers (no bundler needed, or any
// bundler), workers and Deno; Node gets node.js, which adds reading the .wasm
// from disk, and require() gets index.cjs (package.json's `exports` choose).
// Load the WebAssembly once with `await init()`, then use Masker, Scanner,
// scan and find.
import wbgInit, {
  initSync as wbgInitSync,
  Masker as WasmMasker,
  Scanner as WasmScanner,
  RiskAnalyzer as WasmRiskAnalyzer,
  Vault as WasmVault,
  Restorer as WasmRestorer,
  CsvRestorer as WasmCsvRestorer,
  restore as wasmRestore,
  scan as wasmScan,
  find as wasmFind,
  preview as wasmPreview,
  catalogue as wasmCatalogue,
  validatePolicy as wasmValidatePolicy,
  resolvePolicy as wasmResolvePolicy,
  cliOptions as wasmCliOptions,
  cliCommands as wasmCliCommands,
  cliHelp as wasmCliHelp,
  listsReady as wasmListsReady,
  setLists as wasmSetLists,
} from './pii_mask.js';

let ready = false;
let pending = null;

function isBytes(x) {
  return x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

// This entry is for browsers, workers and Deno, and imports nothing of Node's
// (bundlers would try to resolve it). Node's own entry (node.js) reads the
// .wasm with fs; Node given this entry anyway (a test runner resolving the
// `browser` condition) reaches fs through process.getBuiltinModule, which no
// bundler follows. Everyone else fetches.
function readFromDisk(url) {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  return fs ? fs.promises.readFile(url) : null;
}

async function resolveInput(input) {
  if (input instanceof WebAssembly.Module || isBytes(input)) return input;
  if (input instanceof URL && input.protocol === 'file:') return (await readFromDisk(input)) ?? input;
  return input; // string, URL, Request, Response or a promise of one: fetched by the glue
}

// The name, place and stopword lists are a file of their own beside the
// .wasm, pii_mask_lists.txt (src/detect/lists.rs: it keeps the module a page
// loads first small). `lists`: its URL, its bytes or a Response.
async function listsText(lists) {
  let got = await lists;
  if (got instanceof URL && got.protocol === 'file:') got = (await readFromDisk(got)) ?? got;
  if (isBytes(got)) return new TextDecoder().decode(got);
  if (typeof got === 'string' || got instanceof URL) {
    const res = await fetch(got);
    if (!res.ok) throw new Error(`pii-mask: the word lists (${got}) could not be fetched: HTTP ${res.status}`);
    return res.text();
  }
  if (typeof got?.text === 'function') return got.text(); // a Response
  throw new TypeError('pii-mask: the word lists must be given as a URL, bytes or a Response');
}

// Hands the lists to the core unless it has them (a build with them compiled
// in); the core's detecting entry points refuse to run without them.
async function giveLists(text) {
  if (!wasmListsReady()) wasmSetLists(await text);
}

/**
 * Load and instantiate the WebAssembly module. Safe to call many times; later
 * calls return at once. `input` may be the .wasm's URL (string or URL), its
 * bytes (ArrayBuffer or a typed array), a compiled WebAssembly.Module, or a
 * Response / Promise<Response>. Without it, `pii_mask_bg.wasm` next to this
 * file is used. `lists` is the same for the word lists, `pii_mask_lists.txt`
 * next to this file without it (fetched while the module compiles).
 */
export async function init(input, lists) {
  if (ready) return;
  if (pending === null) {
    pending = (async () => {
      // Written out here, not in a helper, so that bundlers that follow
      // new URL(..., import.meta.url) (Vite, webpack 5) ship the files.
      const text = listsText(lists ?? new URL('./pii_mask_lists.txt', import.meta.url));
      text.catch(() => {}); // reported below, once the module is there
      const source = await resolveInput(input ?? new URL('./pii_mask_bg.wasm', import.meta.url));
      await wbgInit({ module_or_path: source });
      await giveLists(text);
      ready = true;
    })();
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}

/**
 * Instantiate synchronously from bytes or a WebAssembly.Module (e.g. in a
 * worker that already holds the module), and `lists`, the bytes of
 * `pii_mask_lists.txt` (without them, scanning and masking throw until
 * init() has loaded them). Browsers refuse to compile large modules
 * synchronously on the main thread: prefer `await init()` there.
 */
export function initSync(input, lists) {
  if (ready) return;
  if (!(input instanceof WebAssembly.Module) && !isBytes(input)) {
    throw new TypeError('initSync() takes the .wasm bytes or a WebAssembly.Module');
  }
  if (lists !== undefined && !isBytes(lists)) throw new TypeError('initSync() takes the word lists as bytes');
  wbgInitSync({ module: input });
  if (lists !== undefined && !wasmListsReady()) wasmSetLists(new TextDecoder().decode(lists));
  ready = true;
}

/** Whether init() has completed. */
export function isReady() {
  return ready;
}

function ensureReady() {
  if (!ready) throw new Error('pii-mask: the WebAssembly module is not loaded yet; call await init() first');
}

/**
 * Token -> original value. `new Vault()` starts one (give it to a masker as
 * the `vault` option: `tokenize` adds to it), `Vault.open(bytes, passphrase)`
 * opens an exported one, `vault.export(passphrase)` encrypts it to bytes.
 */
export class Vault extends WasmVault {
  constructor() {
    ensureReady();
    super();
  }

  static open(bytes, passphrase) {
    ensureReady();
    if (typeof passphrase !== 'string') throw new TypeError('Vault.open() takes the file\'s bytes and the passphrase (a string)');
    // The glue makes an instance of its own class: give it this one's methods.
    return Object.setPrototypeOf(WasmVault.open(toBytes(bytes), passphrase), Vault.prototype);
  }

  export(passphrase) {
    if (typeof passphrase !== 'string') throw new TypeError('vault.export() takes the passphrase (a string)');
    return super.export(passphrase);
  }
}

function checkVault(vault, where) {
  if (!(vault instanceof WasmVault)) throw new TypeError(`${where} takes a Vault (new Vault() or Vault.open())`);
  return vault;
}

/**
 * Streaming masker: push(bytes) returns masked bytes, finish() the tail,
 * report() what was done. The `vault` option (a Vault) collects the tokens
 * of `tokenize`; it is used, not copied.
 */
export class Masker extends WasmMasker {
  constructor(policy, options) {
    ensureReady();
    const { vault, ...rest } = options ?? {};
    // The wasm takes a vault always: a throwaway one when none is given.
    const own = vault === undefined || vault === null ? new WasmVault() : null;
    try {
      super(policy, rest, own ?? checkVault(vault, 'the vault option'));
    } finally {
      own?.free();
    }
  }
}

/** Streaming restorer of text (strings): push(text) returns restored text, finish() the tail, report() the counts. */
export class Restorer extends WasmRestorer {
  constructor(vault) {
    ensureReady();
    super(checkVault(vault, 'Restorer'));
  }
}

/** Streaming restorer of a CSV (bytes), cell by cell: values are quoted again as they need. */
export class CsvRestorer extends WasmCsvRestorer {
  constructor(vault) {
    ensureReady();
    super(checkVault(vault, 'CsvRestorer'));
  }
}

/** Put the originals back into `text` (an AI's answer): `{ text, report }`. */
export function restore(text, vault) {
  ensureReady();
  if (typeof text !== 'string') throw new TypeError('restore() takes a string');
  return wasmRestore(text, checkVault(vault, 'restore()'));
}

/** Restore a whole CSV held in memory, cell by cell: `{ output: Uint8Array, report }`. */
export function restoreCsv(bytes, vault) {
  const r = new CsvRestorer(vault);
  try {
    const head = r.push(toBytes(bytes));
    const tail = r.finish();
    return { output: concat([head, tail], head.length + tail.length), report: r.report() };
  } finally {
    r.free();
  }
}

/**
 * A TransformStream of strings that restores what flows through it (an AI's
 * answer arriving in chunks); its output does not depend on the cuts. Its
 * `report` promise resolves when the stream ends.
 */
export function createRestoreStream(vault) {
  const restorer = new Restorer(vault);
  let settle;
  const report = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  report.catch(() => {});
  // A chunk may end between the two halves of a surrogate pair: the high
  // half waits for the next chunk (alone it would become U+FFFD).
  let held = '';
  let freed = false;
  const free = () => {
    if (!freed) {
      freed = true;
      restorer.free();
    }
  };
  const stream = new TransformStream({
    transform(chunk, controller) {
      if (typeof chunk !== 'string') {
        const e = new TypeError('createRestoreStream() takes strings (pipe bytes through a TextDecoderStream first)');
        settle.reject(e);
        free();
        throw e;
      }
      let text = held + chunk;
      held = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        held = text.slice(-1);
        text = text.slice(0, -1);
      }
      const out = restorer.push(text);
      if (out.length > 0) controller.enqueue(out);
    },
    flush(controller) {
      try {
        const out = restorer.push(held) + restorer.finish();
        if (out.length > 0) controller.enqueue(out);
        settle.resolve(restorer.report());
      } finally {
        free();
      }
    },
    cancel(reason) {
      settle.reject(reason);
      free();
    },
  });
  stream.report = report;
  return stream;
}

/** Streaming column classifier: push(bytes) as often as needed, then finish() returns the result. */
export class Scanner extends WasmScanner {
  constructor(options) {
    ensureReady();
    super(options ?? {});
  }
}

/**
 * Streaming re-identification risk of the quasi-identifier columns: push(bytes)
 * as often as needed, then finish(). With a policy, the figures are those of
 * the masked output, with the input's under `before`.
 */
export class RiskAnalyzer extends WasmRiskAnalyzer {
  constructor(options, policy) {
    ensureReady();
    super(options ?? {}, policy ?? null);
  }
}

/** Re-identification risk of a whole CSV held in memory (see RiskAnalyzer). */
export function assessRisk(bytes, options, policy) {
  const analyzer = new RiskAnalyzer(options, policy);
  try {
    analyzer.push(toBytes(bytes));
    return analyzer.finish();
  } finally {
    analyzer.free();
  }
}

/** Classify the columns of a whole CSV held in memory. */
export function scan(bytes, options) {
  ensureReady();
  return wasmScan(toBytes(bytes), options ?? {});
}

/**
 * Find PII spans in a string; offsets are UTF-16 (what String.prototype.slice
 * takes). `entities` (a policy's `entities`) adds the user's own.
 */
export function find(text, entities) {
  ensureReady();
  if (typeof text !== 'string') throw new TypeError('find() takes a string');
  return wasmFind(text, entities);
}

/**
 * The first `limit` data rows of a CSV, original and masked side by side.
 * `bytes` may be only the start of a file (`complete: false`): a record cut
 * off at its end is left out. Masked rows line up with the original columns,
 * with `null` where a column is dropped.
 */
export function preview(bytes, policy, options, limit = 50, complete = true) {
  ensureReady();
  return wasmPreview(toBytes(bytes), policy, options ?? {}, limit, complete);
}

/**
 * What the core offers: operators with their parameters and defaults,
 * entities with a short description, encodings, delimiters, error codes.
 */
export function catalogue() {
  ensureReady();
  return wasmCatalogue();
}

/** Every problem of a policy (object or JSON text): `{ ok, problems: [{ code, field, message }] }`. */
export function validatePolicy(policy) {
  ensureReady();
  return wasmValidatePolicy(policy);
}

/**
 * A policy resolved against a scan result: per column the operator that will
 * run (defaults filled in), its `source` and `needsKey`; throws what the
 * masker would.
 */
export function resolvePolicy(policy, scanResult) {
  ensureReady();
  return wasmResolvePolicy(policy, scanResult);
}

/** The command line's options: `[{ name, type, short?, value?, commands, description }]`. */
export function cliOptions() {
  ensureReady();
  return wasmCliOptions();
}

/** The command line's `--help` text, as the core writes it (the native binary prints the same). */
export function cliHelp() {
  ensureReady();
  return wasmCliHelp();
}

/** The command line's commands: `[{ name, usage, description }]`. */
export function cliCommands() {
  ensureReady();
  return wasmCliCommands();
}

function toBytes(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (typeof x === 'string') return new TextEncoder().encode(x);
  throw new TypeError('expected a Uint8Array, an ArrayBuffer or a string');
}

function concat(parts, total) {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Mask a whole CSV held in memory: returns { output: Uint8Array, report }. */
export function maskBytes(bytes, policy, options) {
  const masker = new Masker(policy, options);
  try {
    const head = masker.push(toBytes(bytes));
    const tail = masker.finish();
    return { output: concat([head, tail], head.length + tail.length), report: masker.report() };
  } finally {
    masker.free();
  }
}

/**
 * A TransformStream of bytes: `file.stream().pipeThrough(createMaskStream(policy, options))`.
 * Its `report` promise resolves when the stream ends, and rejects on a bad
 * input or when the stream is cancelled or its source fails.
 */
export function createMaskStream(policy, options) {
  const masker = new Masker(policy, options);
  let settle;
  const report = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  report.catch(() => {}); // a caller that ignores the report still sees the stream's error
  let freed = false;
  const free = () => {
    if (!freed) {
      freed = true;
      masker.free();
    }
  };
  const stream = new TransformStream({
    transform(chunk, controller) {
      try {
        const out = masker.push(toBytes(chunk));
        if (out.length > 0) controller.enqueue(out);
      } catch (e) {
        settle.reject(e);
        free();
        throw e;
      }
    },
    flush(controller) {
      try {
        const out = masker.finish();
        if (out.length > 0) controller.enqueue(out);
        settle.resolve(masker.report());
      } catch (e) {
        settle.reject(e);
        throw e;
      } finally {
        free();
      }
    },
    // The source failed or the reader cancelled (runtimes with the
    // transformer `cancel` hook: Node 20+, current browsers).
    cancel(reason) {
      settle.reject(reason);
      free();
    },
  });
  stream.report = report;
  return stream;
}
