// The page's worker for the core's long calls: reading and scanning a file,
// and resolving + previewing a very wide one (seconds for 100,000 columns),
// so the tab stays responsive meanwhile. core-client.js speaks to it:
//   in:  {id, fn: 'readSample'|'resolvePolicy'|'policyOps'|'validatePolicy'|'preview'|'measureRisk', args}  {cancel: id}
//   out: {id, json} | {id, value: {...readSample's, result: json}}
//        {id, error: {message, code, line, column, field, problems}}
//        {id, progress: bytes}  {broken: message} (the wasm did not start)
// An argument {$ref: id} stands for the scan result the worker answered
// request `id` with: the page does not send 100,000 columns back each time.
// Answers cross as JSON text (the page parses a 100,000-column scan in about
// half the time a structured clone takes to arrive, in chromium) and carry
// what the page reads: of resolvePolicy only `needsKey`, of a preview's
// report not its per-column counts (for 100,000 columns, 9 and 6 MB of JSON
// that the page would parse on its thread and never show).
import { init, preview, resolvePolicy, scan, find, Scanner, RiskAnalyzer, validatePolicy } from '../index.js';
import { measureRisk, readSample } from './model.js';

const core = { scan, preview, resolvePolicy, find, Scanner, RiskAnalyzer };
const KEEP = 4; // scan results kept for {$ref}: the page only uses its latest
const kept = new Map();
const cancelled = new Set();

const ready = init().then(
  () => warmUp(),
  (e) => {
    self.postMessage({ broken: String(e?.message ?? e) });
    throw e;
  },
);

// The core builds its detectors on first use; do that before the first file.
function warmUp() {
  try {
    const csv = 'name,email,phone,notes\nAda Example,ada@example.com,+1 415 555 0100,"mail ada@example.com"\n';
    preview(csv, { version: 1, auto: true }, { key: 'warm-up key, not used for data' }, 1, true);
  } catch {
    // Only a head start.
  }
}

function arg(a) {
  if (a === null || typeof a !== 'object' || !('$ref' in a)) return a;
  if (!kept.has(a.$ref)) throw Object.assign(new Error('the worker no longer holds that scan'), { code: 'worker_ref' });
  return kept.get(a.$ref);
}

const calls = {
  async readSample(id, file, opts) {
    const got = await readSample(core, file, opts, {
      onProgress: (bytes) => self.postMessage({ id, progress: bytes }),
      stale: () => cancelled.has(id),
    });
    kept.set(id, got.result);
    if (kept.size > KEEP) kept.delete(kept.keys().next().value);
    return { ...got, result: JSON.stringify(got.result) };
  },
  resolvePolicy: (id, policy, result) => JSON.stringify({ needsKey: resolvePolicy(policy, arg(result)).needsKey }),
  // A loaded policy's operator per column, as resolvePolicy says.
  policyOps: (id, policy, result) => JSON.stringify(resolvePolicy(policy, arg(result)).columns.map((c) => c.op)),
  validatePolicy: (id, text) => JSON.stringify(validatePolicy(text)),
  async measureRisk(id, file, options, policy) {
    const result = await measureRisk(core, file, options, policy, { onProgress: (bytes) => self.postMessage({ id, progress: bytes }) });
    return JSON.stringify(result);
  },
  preview(id, ...args) {
    const p = preview(...args);
    const { columns, ...report } = p.report;
    return JSON.stringify({ ...p, report });
  },
};

self.onmessage = async ({ data }) => {
  if ('cancel' in data) {
    cancelled.add(data.cancel);
    return;
  }
  const { id, fn, args } = data;
  try {
    await ready;
  } catch {
    return; // the page was told ('broken') and does this itself
  }
  try {
    if (!Object.hasOwn(calls, fn)) throw new Error(`core worker: no call ${fn}`);
    const value = await calls[fn](id, ...args);
    // The preview's bytes are moved, not copied.
    if (typeof value === 'string') self.postMessage({ id, json: value });
    else self.postMessage({ id, value }, [value.prefix.buffer]);
  } catch (e) {
    const { code, line, column, field, problems } = e ?? {};
    self.postMessage({ id, error: { message: e instanceof Error ? e.message : String(e), code, line, column, field, problems } });
  } finally {
    cancelled.delete(id);
  }
};
