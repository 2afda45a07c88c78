// Main-thread side of js/worker.js: mask a File, Blob, ReadableStream or bytes
// in a Web Worker, with progress and cancellation.
//
//   import { maskFile } from 'pii-mask/worker';
//   const { blob, report } = await maskFile(file, policy, { key }, { onProgress, signal });
//
// maskFile keeps its worker between jobs; createMaskWorker gives one worker
// to drive yourself.

import { init, Masker } from './index.js';
import { CsvSplitter } from './pii_mask.js';

const MAX_IN_FLIGHT = 4; // chunks sent but not yet processed by the worker
const CHUNK = 1 << 20;
/**
 * A part's least size when one file is masked by several workers: small, as
 * every part in flight is held twice (input and output) and each worker's
 * wasm memory grows to hold one part's input and output.
 */
const PART_BYTES = 1 << 20;
/** Files from this size are cut into parts (below it, one worker is as fast). */
const BIG_BYTES = 8 << 20;
/** The reader's sniff sample: the first read of a file in parts reaches it. */
const SNIFF_BYTES = 64 * 1024;

/** Output gathered for a Blob is folded into it every this many bytes. */
const FOLD_BYTES = 8e6;

/**
 * Gathers output chunks in a Blob: each is copied into a Blob of its own at
 * once (so its buffer may be used again), and those are folded into one
 * every FOLD_BYTES; the browser may keep them on disk, so a 1 GB output
 * never sits in this thread's memory whole.
 */
export function blobGatherer(type = 'text/csv') {
  let blob = new Blob([], { type });
  let parts = [];
  let pending = 0;
  const fold = () => {
    blob = new Blob([blob, ...parts], { type });
    parts = [];
    pending = 0;
  };
  return {
    write(bytes) {
      parts.push(new Blob([bytes]));
      pending += bytes.length;
      if (pending >= FOLD_BYTES) fold();
    },
    blob() {
      fold();
      return blob;
    },
  };
}

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
// a message per piece costs more than the masking. A byte stream (a Blob's)
// is read straight into 1 MiB buffers, taken from `spare` (buffers the
// worker gave back) when it has one: no pieces and no copies become garbage,
// which the JS heap would hold until a collection (tens of MB).
async function* chunksOf(input, spare = []) {
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const all = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    for (let at = 0; at < all.length; at += CHUNK) yield all.slice(at, at + CHUNK);
    return;
  }
  const stream = typeof input.stream === 'function' ? input.stream() : input; // Blob/File or ReadableStream
  let byob = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: read its pieces and join them.
  }
  if (byob) {
    try {
      for (let done = false; !done; ) {
        let buffer = spare.pop() ?? new ArrayBuffer(CHUNK);
        let have = 0;
        while (have < buffer.byteLength) {
          // The read takes the buffer over and hands it back in `value`.
          const r = await byob.read(new Uint8Array(buffer, have));
          if (r.value) buffer = r.value.buffer;
          if (r.done) {
            done = true;
            break;
          }
          have += r.value.byteLength;
        }
        if (have > 0) yield new Uint8Array(buffer, 0, have);
      }
    } finally {
      byob.releaseLock();
    }
    return;
  }
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

/**
 * A Vault (a wasm object of this thread) to and from the worker: exported
 * under a one-time random passphrase, since the export is the only way its
 * contents leave it, and absorbed back when the job is done (the vault the
 * caller passed holds the new tokens, as with the Masker's `vault` option).
 */
function vaultCrossing(vault) {
  if (typeof vault?.export !== 'function' || typeof vault.absorb !== 'function') {
    throw new TypeError('pii-mask: the vault option takes a Vault (new Vault() or Vault.open())');
  }
  const passphrase = Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
  const bytes = vault.stats().tokens > 0 ? vault.export(passphrase) : undefined;
  return {
    out: { bytes, passphrase },
    back(file) {
      if (!file) throw new Error('pii-mask: the worker did not return the vault');
      const got = vault.constructor.open(file, passphrase);
      try {
        vault.absorb(got);
      } finally {
        got.free();
      }
    },
  };
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
  async function mask(input, policy, maskerOptions = {}, { onProgress, onOutput, signal, output = 'blob', reuseOutput = false } = {}) {
    if (busy) throw new Error('pii-mask: this worker is already masking; create another or wait');
    if (signal?.aborted) throw abortError(signal);
    const { vault, ...options } = maskerOptions ?? {};
    const crossing = vault === undefined || vault === null ? null : vaultCrossing(vault);
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
    const gathered = !onOutput && output !== 'chunks' ? blobGatherer() : null;
    const spare = []; // input buffers the worker is done with
    // An output's buffer, done with here: the worker writes into it again.
    const giveBack = (bytes) => {
      if (worker === w) w.postMessage({ type: 'output-back', buffer: bytes.buffer }, [bytes.buffer]);
    };
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
            if (reuseOutput) writing = writing.then(() => giveBack(bytes));
            writing.catch((e) => finished.reject(e));
          } else if (gathered) {
            gathered.write(data.bytes);
            giveBack(data.bytes);
          } else {
            chunks.push(data.bytes);
          }
          break;
        case 'progress':
          acked += 1;
          // The chunk's buffer, back from the worker: read the next one into it.
          if (data.bytes?.buffer.byteLength === CHUNK && spare.length < MAX_IN_FLIGHT) spare.push(data.bytes.buffer);
          onProgress?.({ bytesIn: data.bytesIn, rows: data.rows });
          break;
        case 'done':
          idle = true;
          try {
            crossing?.back(data.vault);
            finished.resolve(data.report);
          } catch (e) {
            finished.reject(e);
          }
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
      w.postMessage(
        { type: 'start', policy, options, wasm: wasm === undefined ? undefined : String(wasm), vault: crossing?.out, reuse: (onOutput && reuseOutput) || gathered !== null },
        crossing?.out.bytes ? [crossing.out.bytes.buffer] : [],
      );
      for await (const chunk of chunksOf(input, spare)) {
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
      return { blob: gathered.blob(), report };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!idle && worker === w) terminate();
      busy = false;
    }
  }

  return { mask, terminate };
}

function concat(pieces) {
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// The pieces joined in a buffer of their own (transferable).
function owned(pieces) {
  if (pieces.length === 0) return new Uint8Array(0);
  // A copy (a Node Buffer's slice() would share the chunk's memory).
  return pieces.length === 1 ? new Uint8Array(pieces[0]) : concat(pieces);
}

// A Web Worker or a Node worker thread, seen the same way.
function portOf(w, onMessage) {
  if (typeof w.on === 'function') {
    w.on('message', onMessage);
    w.on('error', (e) => onMessage({ type: 'error', crashed: true, message: `pii-mask worker failed: ${e?.message ?? 'unknown error'}` }));
  } else {
    w.onmessage = ({ data }) => onMessage(data);
    w.onerror = (e) => onMessage({ type: 'error', crashed: true, message: `pii-mask worker failed: ${e?.message ?? 'unknown error'}` });
  }
  return w;
}

/**
 * Masks the chunks of one file (an async iterable of Uint8Array) in parts
 * over `workers` workers from `spawn` (each running worker.js), into `main`,
 * a Masker on this thread: it masks the head itself, folds the parts' counts
 * in, and is left for the caller to finish(). Without `main`, that masker
 * lives in the first worker (the head's masking, with the detectors built
 * on first use, can take a second: not on a page's thread), which finishes
 * it at the end: the result is then `{tail, report}`. The output, in order, goes to
 * `onOutput` (awaited: back-pressure); at most 2 parts per worker are in
 * flight. The output and report are one pass's (see the core's `split`).
 * For the CLI's --jobs and maskFile's `workers`; call only when
 * `Masker.unsplittable(policy)` is undefined. `spare`, when given, is where
 * `chunks` takes buffers to read into: the chunks' buffers go there once
 * copied into parts. `wasm`: the .wasm's URL for the workers, or a compiled
 * WebAssembly.Module (its code is then shared, not compiled per worker).
 * `reuseOutput`: onOutput is done with its bytes once it settles (maskFile's).
 */
export async function maskInParts({ chunks, policy, options, main, workers, spawn, wasm, onOutput, onProgress, signal, partBytes = PART_BYTES, spare = null, reuseOutput = false }) {
  const iterator = chunks[Symbol.asyncIterator]();
  let first = [];
  let firstBytes = 0;
  let complete = false;
  while (firstBytes < SNIFF_BYTES) {
    const { done, value } = await iterator.next();
    if (done) {
      complete = true;
      break;
    }
    first.push(value);
    firstBytes += value.length;
  }
  first = concat(first.length ? first : [new Uint8Array(0)]);
  const pool = [];
  const ready = new Map(); // index -> message, waiting for the parts before it
  let sent = 1;
  let written = 1;
  let wake = null;
  let crashed = null;
  let head = null;
  let started = 0; // workers sent their part-start
  // A compiled module crosses as it is (the workers share its code); a URL as text.
  const wasmUrl = wasm === undefined || wasm instanceof WebAssembly.Module ? wasm : String(wasm);
  const hire = () => {
    const w = portOf(spawn(), onMessage);
    pool.push(w);
    return w;
  };
  // The main masker in the first worker: its calls go there in order; push
  // and finish wait for the answer.
  let answer = null; // {resolve, reject} of the call waiting
  const lead = main
    ? null
    : {
        rows: 0,
        ask(msg) {
          return new Promise((resolve, reject) => {
            answer = { resolve, reject };
            pool[0].postMessage(msg);
            if (crashed) reject(structuredError(crashed));
          });
        },
        async push(bytes) {
          const { output, rows } = await this.ask({ type: 'main-push', bytes });
          this.rows = rows;
          return output;
        },
        absorb(tally) {
          this.rows += JSON.parse(tally).rows;
          pool[0].postMessage({ type: 'main-absorb', tally });
        },
        // A part's input and output are copied into one buffer that moves
        // there and comes back: posting them would clone both, 2 MiB of
        // garbage per part in that worker (110 MiB more at the peak of a
        // 100 MB file on the page).
        auditPart(input, output) {
          const n = input.length + output.length;
          const i = auditBuffers.findIndex((b) => b.byteLength >= n);
          const buffer = i >= 0 ? auditBuffers.splice(i, 1)[0] : new ArrayBuffer(Math.max(n, 2 * (partBytes + CHUNK)));
          const bytes = new Uint8Array(buffer);
          bytes.set(input);
          bytes.set(output, input.length);
          pool[0].postMessage({ type: 'main-audit', buffer, input: input.length, output: output.length }, [buffer]);
        },
      };
  const into = main ?? lead;
  let bytesIn = 0;
  const progress = (n) => {
    bytesIn += n;
    onProgress?.({ bytesIn, rows: main ? main.rows() : lead.rows });
  };
  const auditBuffers = []; // lead.auditPart's, back from the first worker
  const onMessage = (data) => {
    if (data.type === 'main-audited') {
      if (auditBuffers.length < 2 * workers) auditBuffers.push(data.buffer);
      return;
    }
    // The main masker's failure when no call waits (its start) ends the job as a crash does.
    if (data.crashed || (data.main && data.type === 'error' && !answer)) crashed = data;
    else if (data.main) {
      const a = answer;
      answer = null;
      if (data.type === 'error') a.reject(structuredError(data));
      else a.resolve(data);
    } else ready.set(data.index, data);
    if (data.crashed && answer) {
      answer.reject(structuredError(data));
      answer = null;
    }
    if (wake) {
      wake();
      wake = null;
    }
  };
  const onAbort = () => {
    wake?.();
    answer?.reject(abortError(signal));
    answer = null;
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let splitter;
  try {
    if (lead) hire().postMessage({ type: 'main-start', policy, options, wasm: wasmUrl });
    splitter = CsvSplitter.start(first, complete, options, Masker.headRecords(policy, options), partBytes);
    if (splitter === undefined) {
      // A dialect the cut finder cannot follow: one pass, by the main masker.
      await onOutput(await into.push(first));
      progress(first.length);
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        await onOutput(await into.push(r.value));
        progress(r.value.length);
      }
    } else {
      await inParts();
    }
    if (lead) {
      const { output, report } = await lead.ask({ type: 'main-finish' });
      return { tail: output, report };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    splitter?.free();
    for (const w of pool) w.terminate();
  }

  async function inParts() {
    // Buffers to read into and to copy parts into, used again rather than left
    // to the garbage collector (which lets tens of MB of them pile up).
    const giveBack = (buffer) => {
      if (spare !== null && buffer.byteLength === CHUNK && spare.length < 4 && !spare.includes(buffer)) spare.push(buffer);
    };
    const partBuffers = []; // parts' input buffers, back from the workers
    // Parts' output buffers, when onOutput is done with each once it settles
    // (`reuseOutput`): the workers write into them again.
    const outputBuffers = [];
    const keepOutput = (buffer) => {
      if (reuseOutput && buffer && outputBuffers.length < 2 * workers) outputBuffers.push(buffer);
    };
    const partCopy = (pieces) => {
      const n = pieces.reduce((sum, p) => sum + p.length, 0);
      const i = partBuffers.findIndex((b) => b.byteLength >= n);
      const buffer = i >= 0 ? partBuffers.splice(i, 1)[0] : new ArrayBuffer(Math.max(n, partBytes + CHUNK));
      const out = new Uint8Array(buffer, 0, n);
      let at = 0;
      for (const p of pieces) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
    const check = () => {
      if (signal?.aborted) throw abortError(signal);
      if (crashed) throw structuredError(crashed);
    };
    // Writes, in order, the parts that are done; true if any was.
    const flush = async () => {
      let any = false;
      while (ready.has(written)) {
        const msg = ready.get(written);
        ready.delete(written);
        if (msg.type === 'error') throw structuredError(msg);
        into.absorb(msg.tally);
        if (options?.audit) into.auditPart(msg.input, msg.output);
        if (msg.output.length > 0) await onOutput(msg.output);
        keepOutput(msg.output.buffer);
        keepOutput(msg.unused);
        progress(msg.input.length);
        if (partBuffers.length < 2 * workers) partBuffers.push(msg.input.buffer);
        written += 1;
        any = true;
      }
      return any;
    };
    const waitForOne = async () => {
      check();
      if (await flush()) return;
      await new Promise((r) => {
        wake = r;
      });
      check();
      await flush();
    };
    const dispatch = async (bytes, at, last) => {
      while (sent - written >= 2 * workers) await waitForOne();
      check();
      if (started < workers) {
        (pool[started] ?? hire()).postMessage({ type: 'part-start', policy, options, head, wasm: wasmUrl });
        started += 1;
      }
      const w = pool[(sent - 1) % workers];
      const into = outputBuffers.pop();
      w.postMessage({ type: 'part', index: sent, bytes, line: at.line, record: at.record, last, into, reuse: reuseOutput }, into ? [bytes.buffer, into] : [bytes.buffer]);
      sent += 1;
    };
    let part = [];
    let at = { line: 1, record: 0 };
    const cutAll = async (chunk) => {
      let rest = chunk;
      for (let cut = splitter.cut(rest); cut !== undefined; cut = splitter.cut(rest)) {
        const [n, line, record] = cut;
        part.push(rest.subarray(0, n));
        rest = rest.subarray(n);
        const bytes = head === null ? owned(part) : partCopy(part);
        for (const p of part) if (p.buffer !== chunk.buffer) giveBack(p.buffer);
        part = [];
        if (head === null) {
          // The head: masked by the main masker, and given to every worker to prime its masker.
          head = bytes;
          await onOutput(await into.push(head));
          progress(head.length);
        } else {
          await dispatch(bytes, at, false);
        }
        at = { line, record };
      }
      if (rest.length > 0) part.push(rest);
      else giveBack(chunk.buffer);
    };
    await cutAll(first);
    if (!complete) {
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        check();
        await cutAll(r.value);
      }
    }
    const rest = head === null ? owned(part) : partCopy(part);
    if (head === null) {
      await onOutput(await into.push(rest));
      progress(rest.length);
    } else if (rest.length > 0) {
      await dispatch(rest, at, true);
    }
    while (written < sent) await waitForOne();
  }
}

// maskFile over several workers, each masking parts of the file.
async function maskFileInParts(file, policy, options, { onProgress, onOutput, signal, output = 'blob', worker: source, workers, partBytes, reuseOutput = false }) {
  const chunks = [];
  const spare = [];
  const gathered = !onOutput && output === 'blob' ? blobGatherer() : null;
  const write = onOutput ?? (gathered ? (bytes) => gathered.write(bytes) : (bytes) => chunks.push(bytes));
  // The main masker in the first worker: this thread only cuts the file.
  const { tail, report } = await maskInParts({ chunks: chunksOf(file, spare), spare, policy, options, workers, spawn: spawner(source), onOutput: write, onProgress, signal, partBytes, reuseOutput: onOutput ? reuseOutput : gathered !== null });
  if (tail.length > 0) await write(tail);
  if (onOutput) return { report };
  if (output === 'bytes') return { bytes: concat(chunks.length ? chunks : [new Uint8Array(0)]), report };
  return { blob: gathered.blob(), report };
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
 * workers one job may use (default: the cores, at most 4): a file of 8 MiB
 * or more (or any, when `workers` is given) is cut into parts between
 * records, masked at once by that many workers with the output and report
 * of one worker (this thread loads the WebAssembly too, to cut the file);
 * policies with validation rules or `tokenize` use one worker.
 * `reuseOutput: true` says `onOutput` is done with each chunk once the
 * promise it returns settles (it copies it, or writes it and waits): the
 * chunk's memory is then used for later output, not left to the garbage
 * collector (which lets tens of MB pile up on a big file).
 * `partBytes` (for tests) sets the parts' least size (default 1 MiB).
 * The option `vault` (a Vault) collects the tokens of `tokenize`, as the
 * Masker's: the Vault passed holds them when the job is done.
 *
 * Resolves with `{blob, report}` (`{bytes, report}` with output 'bytes',
 * `{report}` with onOutput); rejects with the core's Error (`code`, `line`,
 * `column`, `field`) or the signal's reason.
 */
export async function maskFile(file, policy, options = {}, job = {}) {
  const { onProgress, onOutput, signal, output = 'blob', worker: source, partBytes } = job;
  const workers = job.workers ?? Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1));
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`pii-mask: workers must be a whole number from 1, not ${workers}`);
  if (!['blob', 'bytes'].includes(output)) throw new TypeError(`pii-mask: output must be 'blob' or 'bytes', not ${JSON.stringify(output)}`);
  // Parts pay off for big files; a small one goes to the one kept worker.
  const size = typeof file?.size === 'number' ? file.size : (file?.byteLength ?? null);
  const big = job.workers !== undefined || (size !== null && size >= (partBytes === undefined ? BIG_BYTES : 2 * partBytes));
  if (workers > 1 && big) {
    if (signal?.aborted) throw abortError(signal);
    await init();
    // A policy that makes no tokens leaves a vault as it is: it need not cross.
    const plain = { ...options };
    delete plain.vault;
    if (Masker.unsplittable(policy) === undefined) return maskFileInParts(file, policy, plain, { ...job, workers });
  }
  const key = source ?? packageWorker;
  const client = takeIdle(key) ?? createMaskWorker(source);
  try {
    if (onOutput) return { report: (await client.mask(file, policy, options, { onProgress, onOutput, signal, reuseOutput: job.reuseOutput })).report };
    if (output === 'blob') return await client.mask(file, policy, options, { onProgress, signal });
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
  } finally {
    // Whatever the end (a refused file leaves the worker idle; an abort
    // ended it, and the client starts a new one on its next job), the
    // client can take the next job.
    keepIdle(key, client);
  }
}
