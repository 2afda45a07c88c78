// The page's side of core-worker.js: the core's long calls as promises, for
// the model's `core.remote`. When no worker can be made, or its wasm does not
// start, the same calls run on this thread with `core` (slower to the eye,
// never wrong).
import { measureRisk, readSample } from './model.js';

/** The worker's error as an Error with the core's `code`, `line`, `column`, `field`. */
function rebuilt({ message, code, line, column, field, problems }) {
  const e = new Error(message);
  for (const [k, v] of Object.entries({ code, line, column, field, problems })) if (v !== undefined) e[k] = v;
  return e;
}

/**
 * {readSample(file, opts, {onProgress, stale}), resolvePolicy(policy, result),
 * policyOps(policy, result), validatePolicy(text), preview(bytes, policy,
 * options, limit, complete), measureRisk(file, options, policy,
 * {onProgress})}, each resolving with the core's answer, and close(),
 * rest(), wake().
 * `url`: the worker module (default: core-worker.js beside this file).
 */
export function createCoreRemote(core, url) {
  const local = {
    readSample: (file, opts, hooks) => readSample(core, file, opts, hooks),
    resolvePolicy: (policy, result) => core.resolvePolicy(policy, result),
    policyOps: (policy, result) => core.resolvePolicy(policy, result).columns.map((c) => c.op),
    validatePolicy: (text) => core.validatePolicy(text),
    preview: (...args) => core.preview(...args),
    measureRisk: (file, options, policy, hooks) => measureRisk(core, file, options, policy, hooks),
  };
  const start = () => {
    try {
      // Written out for bundlers (Vite, webpack 5 build the worker with its
      // imports only from this form).
      const w = url ? new Worker(url, { type: 'module' }) : new Worker(new URL('./core-worker.js', import.meta.url), { type: 'module' });
      w.onmessage = answer;
      w.onerror = (e) => {
        e.preventDefault?.();
        fallBack();
      };
      return w;
    } catch {
      // No workers here (an old browser, a host's policy): this thread does the work.
      return null;
    }
  };
  let worker = null;
  let resting = false; // ended by rest(): started again on the next call or wake()
  const waiting = new Map(); // id -> {fn, args, hooks, resolve, reject}
  const refs = new WeakMap(); // a scan result the worker sent -> the request it answered
  let nextId = 0;

  // From now on this thread does the work, the requests in flight included.
  function fallBack() {
    if (broken) return;
    broken = true;
    worker?.terminate();
    for (const w of waiting.values()) runLocal(w);
    waiting.clear();
  }
  function runLocal({ fn, args, hooks, resolve, reject }) {
    Promise.resolve()
      .then(() => local[fn](...args, ...(hooks ? [hooks] : [])))
      .then(resolve, reject);
  }
  function send(w) {
    if (resting) wake();
    const id = ++nextId;
    waiting.set(id, w);
    const args = w.args.map((a) => (a !== null && typeof a === 'object' && refs.has(a) ? { $ref: refs.get(a) } : a));
    w.sent = args;
    worker.postMessage({ id, fn: w.fn, args });
  }
  const answer = ({ data }) => {
    if ('broken' in data) return fallBack();
    const w = waiting.get(data.id);
    if (!w) return;
    if ('progress' in data) {
      w.hooks?.onProgress?.(data.progress);
      // A newer file was chosen: the worker stops reading this one.
      if (w.hooks?.stale?.()) worker.postMessage({ cancel: data.id });
      return;
    }
    waiting.delete(data.id);
    if (data.error) {
      // The worker dropped the scan it stood for: send it whole.
      if (data.error.code === 'worker_ref' && w.sent.some((a) => a?.$ref !== undefined)) {
        w.args.forEach((a) => a !== null && typeof a === 'object' && refs.delete(a));
        return send(w);
      }
      return w.reject(rebuilt(data.error));
    }
    let value = data.value;
    if (w.fn === 'readSample') {
      value.result = JSON.parse(value.result);
      refs.set(value.result, data.id);
    } else {
      value = JSON.parse(data.json);
    }
    // The model's work on the answer gets a task of its own.
    setTimeout(() => w.resolve(value));
  };
  function wake() {
    if (!resting || broken) return;
    resting = false;
    worker = start();
    if (worker === null) broken = true;
  }
  worker = start();
  let broken = worker === null;
  const call =
    (fn) =>
    (...args) =>
      new Promise((resolve, reject) => {
        const hooks = fn === 'readSample' || fn === 'measureRisk' ? args.pop() : undefined;
        const w = { fn, args, hooks, resolve, reject };
        if (broken) runLocal(w);
        else send(w);
      });
  const remote = Object.fromEntries(Object.keys(local).map((fn) => [fn, call(fn)]));
  // Ends the worker (its panel left the page); what it was doing finishes on this thread.
  remote.close = fallBack;
  // Ends the worker while nothing is asked of it, to free its memory (its
  // wasm instance and heap) for a long job elsewhere; the next call, or
  // wake(), starts a new one (which is sent a scan whole, not by reference).
  remote.rest = () => {
    if (broken || resting || waiting.size > 0) return;
    worker.terminate();
    worker = null;
    resting = true;
  };
  remote.wake = wake;
  return remote;
}
