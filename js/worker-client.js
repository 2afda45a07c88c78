// Main-thread side of js/worker.js: mask a File, Blob, ReadableStream or bytes
// in a Web Worker, with progress and cancellation.
//
//   import { maskFile } from 'pii-mask/worker';
//   const { blob, report } = await maskFile(file, policy, { key }, { onProgress, signal });
//
// maskFile keeps its worker between jobs; createMaskWorker gives one worker
// to drive yourself.

const MAX_IN_FLIGHT = 4; // chunks sent but not yet processed by the worker
const CHUNK = 1 << 20;

/** The worker's error as an Error with the core's `code`, `line`, `column`, `field`, `problems`. */
function structuredError({ message, code, line, column, field, problems }) {
  const e = new Error(message);
  for (const [k, v] of Object.entries({ code, line, column, field, problems })) if (v !== undefined) e[k] = v;
  return e;
}

function abortError(signal) {
  return signal.reason ?? new DOMException('The masking was aborted', 'AbortError');
}

// Streams are re-cut into ~1 MiB chunks: browsers hand out 64 KiB pieces, and
// a message per piece costs more than the masking.
async function* chunksOf(input) {
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const all = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    for (let at = 0; at < all.length; at += CHUNK) yield all.slice(at, at + CHUNK);
    return;
  }
  const stream = typeof input.stream === 'function' ? input.stream() : input; // Blob/File or ReadableStream
  const reader = stream.getReader();
  let parts = [];
  let have = 0;
  const joined = () => {
    const out = new Uint8Array(have);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    parts = [];
    have = 0;
    return out;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      have += value.length;
      if (have >= CHUNK) yield joined();
    }
    if (have > 0) yield joined();
  } finally {
    reader.releaseLock();
  }
}

// The package's worker, written out in the form bundlers recognise (Vite,
// webpack 5, Parcel build worker.js and its imports as a worker of the app):
// a helper holding the URL in a variable would make them copy it as a plain
// file, whose imports then do not resolve.
function packageWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

function spawner(source) {
  if (source === undefined || source === null) return packageWorker;
  if (typeof source === 'function') return source;
  return () => new Worker(source, { type: 'module' });
}

/**
 * Create a masking worker. `source` is where the worker comes from: nothing
 * (the package's worker.js), its URL, or a function returning a new Worker
 * that runs worker.js (bring your own: a bundler that needs the
 * `new Worker(new URL(...))` in your code); `wasm` optionally the .wasm URL for
 * the worker's init().
 */
export function createMaskWorker(source, { wasm } = {}) {
  const spawn = spawner(source);
  let worker = null;
  let busy = false;

  function terminate() {
    if (worker) worker.terminate();
    worker = null;
  }

  /**
   * Mask `input` (File, Blob, ReadableStream or bytes). With `onOutput`, each
   * masked chunk goes there in order as it is ready (it may return a promise,
   * awaited before more input is sent: back-pressure for writing to disk) and
   * the result is `{report}`; otherwise `{blob, report}` (or `{chunks,
   * report}` with `output: 'chunks'`).
   */
  async function mask(input, policy, options = {}, { onProgress, onOutput, signal, output = 'blob' } = {}) {
    // A Vault lives in one WebAssembly instance; the worker has its own.
    if (options?.vault !== undefined) throw new TypeError('pii-mask: the vault option does not cross to a worker; mask with Masker, maskBytes or createMaskStream to fill a Vault');
    if (busy) throw new Error('pii-mask: this worker is already masking; create another or wait');
    if (signal?.aborted) throw abortError(signal);
    busy = true;
    let w;
    try {
      if (!worker) worker = spawn();
      w = worker;
    } catch (e) {
      busy = false;
      throw e;
    }
    const chunks = [];
    let writing = Promise.resolve(); // onOutput calls, in order
    let acked = 0;
    let sent = 0;
    let wake = null; // resolves when the worker acknowledges a chunk
    let finished;
    const done = new Promise((resolve, reject) => {
      finished = { resolve, reject };
    });
    const onAbort = () => {
      terminate();
      finished.reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    w.onmessage = ({ data }) => {
      switch (data.type) {
        case 'output':
          if (onOutput) {
            const bytes = data.bytes;
            writing = writing.then(() => onOutput(bytes));
            writing.catch((e) => finished.reject(e));
          } else {
            chunks.push(data.bytes);
          }
          break;
        case 'progress':
          acked += 1;
          onProgress?.({ bytesIn: data.bytesIn, rows: data.rows });
          break;
        case 'done':
          idle = true;
          finished.resolve(data.report);
          break;
        case 'error':
          idle = true;
          finished.reject(structuredError(data));
          break;
      }
      if (wake) {
        wake();
        wake = null;
      }
    };
    w.onerror = (e) => {
      terminate();
      finished.reject(new Error(`pii-mask worker failed: ${e.message ?? 'unknown error'}`));
    };
    // Whether the worker ended the job itself; otherwise (the consumer or the
    // input failed) it may still hold queued chunks, and must not be reused.
    let idle = false;
    let over = false; // the job ended early (error or abort)
    const stopped = done.then(
      () => (over = true),
      () => (over = true),
    );
    try {
      w.postMessage({ type: 'start', policy, options, wasm: wasm === undefined ? undefined : String(wasm) });
      for await (const chunk of chunksOf(input)) {
        while (sent - acked >= MAX_IN_FLIGHT) {
          const stop = await Promise.race([new Promise((r) => (wake = () => r(false))), stopped]);
          if (stop) break;
        }
        if (over || signal?.aborted || worker !== w) break;
        await writing; // the consumer keeps up before more input goes in
        if (over || signal?.aborted || worker !== w) break;
        // Transfer a copy we own (the source's buffer may be shared or reused).
        const bytes = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
        w.postMessage({ type: 'chunk', bytes }, [bytes.buffer]);
        sent += 1;
        if (over) break;
      }
      if (worker === w) w.postMessage({ type: 'finish' });
      const report = await done;
      await writing;
      if (onOutput) return { report };
      if (output === 'chunks') return { chunks, report };
      return { blob: new Blob(chunks, { type: 'text/csv' }), report };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!idle && worker === w) terminate();
      busy = false;
    }
  }

  return { mask, terminate };
}

// The worker maskFile keeps between jobs (starting a worker and its wasm
// costs more than a small file's masking), with the way it was made: one at
// most, so an app that passes a new `worker` function on each call holds no
// more than one idle worker.
let idle = null; // {key, client}

function takeIdle(key) {
  if (idle === null || idle.key !== key) return null;
  const { client } = idle;
  idle = null;
  return client;
}

function keepIdle(key, client) {
  if (idle !== null) idle.client.terminate();
  idle = { key, client };
}

/**
 * Mask `file` (File, Blob, ReadableStream or bytes) with `policy` and
 * `options` (key, delimiter, header, ...) in a Web Worker that it starts and
 * keeps for the next call (one worker is kept). Jobs at the same time each
 * get a worker.
 *
 * `job`: `onProgress({bytesIn, rows})` after each chunk; `onOutput(bytes)`
 * receives the masked output in order instead of a Blob (may return a promise:
 * no more input is sent until it settles, so memory stays bounded); `signal`
 * (an AbortSignal) stops the job and its worker; `output: 'bytes'` gives one
 * Uint8Array instead of a Blob; `worker` a function returning a new Worker
 * that runs the package's worker.js (bring your own); `workers` how many
 * workers one job may use: 1 for now (more is accepted and means 1).
 *
 * Resolves with `{blob, report}` (`{bytes, report}` with output 'bytes',
 * `{report}` with onOutput); rejects with the core's Error (`code`, `line`,
 * `column`, `field`) or the signal's reason.
 */
export async function maskFile(file, policy, options = {}, job = {}) {
  const { onProgress, onOutput, signal, output = 'blob', worker: source, workers = 1 } = job;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`pii-mask: workers must be a whole number from 1, not ${workers}`);
  if (!['blob', 'bytes'].includes(output)) throw new TypeError(`pii-mask: output must be 'blob' or 'bytes', not ${JSON.stringify(output)}`);
  const key = source ?? packageWorker;
  const client = takeIdle(key) ?? createMaskWorker(source);
  try {
    if (onOutput) return { report: (await client.mask(file, policy, options, { onProgress, onOutput, signal })).report };
    const { chunks, report } = await client.mask(file, policy, options, { onProgress, signal, output: 'chunks' });
    if (output === 'bytes') {
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return { bytes, report };
    }
    return { blob: new Blob(chunks, { type: 'text/csv' }), report };
  } finally {
    // Whatever the end (a refused file leaves the worker idle; an abort
    // ended it, and the client starts a new one on its next job), the
    // client can take the next job.
    keepIdle(key, client);
  }
}
