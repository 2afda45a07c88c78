// pii-mask Web Worker: runs a Masker off the main thread.
// Start it as a module worker: new Worker(new URL('pii-mask/worker.js', import.meta.url), {type: 'module'})
// or use createMaskWorker() from 'pii-mask/worker', which speaks this protocol:
//   in:  {type:'start', policy, options, wasm?, vault?, reuse?}  {type:'chunk', bytes}  {type:'finish'}
//        {type:'output-back', buffer} (an output's buffer, to be written into again)
//   out: {type:'output', bytes}  {type:'progress', bytesIn, rows, bytes}
//        {type:'done', report, vault?}  {type:'error', message, code, line?, column?, field?, problems?}
// Masking one file in parts over several workers (maskFile's `workers`, the
// CLI's --jobs, which runs this file as a Node worker thread):
//   in:  {type:'part-start', policy, options, head, wasm?}
//        {type:'part', index, bytes, line, record, last, into?, reuse?}
//   out: {type:'part-done', index, input, output, unused?, tally}  {type:'error', index, ...}
// and, in the first of those workers for maskFile, the main masker (the one
// that masks the head and adds up the parts' counts):
//   in:  {type:'main-start', policy, options, wasm?}  {type:'main-push', bytes}
//        {type:'main-absorb', tally}
//        {type:'main-audit', buffer, input, output} (a part's input then output, lengths)
//        {type:'main-finish'}
//   out: {type:'main-output', main: true, output, rows}  {type:'main-audited', buffer}
//        {type:'main-done', main: true, output, report}  {type:'error', main: true, ...}
// Byte buffers are transferred, not copied.
// `vault` ({bytes?, passphrase}): the tokens to continue from, as an exported
// vault file (a Vault is a wasm object of the page's thread and cannot cross);
// the job's vault comes back in `done` exported under the same passphrase.
import { init, Masker, Vault } from './index.js';

// In Node (worker_threads) messages come through parentPort, not `self`;
// reached without an import that bundlers would try to resolve.
const nodePort = globalThis.self === undefined ? globalThis.process?.getBuiltinModule?.('node:worker_threads')?.parentPort : null;

let masker = null;
let vault = null; // {vault, passphrase} of the job that makes tokens
let bytesIn = 0;
let failed = false;
let parts = null; // the part masker, primed with the head
let partIndex; // the part being masked, for its error
let lead = null; // the main masker of a job in parts
let leading = false; // the message being handled is the main masker's
const outputBuffers = []; // for `chunk`'s output: given back by the client once written
let reuseOutput = false; // the client gives output buffers back (`start`'s `reuse`)

function post(msg, transfer) {
  (nodePort ?? self).postMessage(msg, transfer ?? []);
}

function fail(e) {
  failed = true;
  if (masker) {
    masker.free();
    masker = null;
  }
  dropVault();
  // The structured fields cross as plain data; the client rebuilds the Error.
  const { code, line, column, field, problems } = e ?? {};
  const where = leading ? { main: true } : { index: partIndex };
  post({ type: 'error', ...where, message: e instanceof Error ? e.message : String(e), code, line, column, field, problems });
}

function dropVault() {
  vault?.vault.free();
  vault = null;
}

function emit(bytes) {
  if (bytes.length > 0) post({ type: 'output', bytes }, [bytes.buffer]);
}

// Messages are handled one at a time, in order, even while init() is pending.
let queue = Promise.resolve();
if (nodePort) {
  nodePort.on('message', (data) => {
    queue = queue.then(() => handle(data));
  });
} else {
  self.onmessage = (event) => {
    queue = queue.then(() => handle(event.data));
  };
}

async function handle(msg) {
  if (failed && msg.type !== 'start' && msg.type !== 'part-start' && msg.type !== 'main-start') return;
  leading = msg.type.startsWith('main-');
  try {
    switch (msg.type) {
      case 'main-start':
        failed = false;
        if (lead) lead.free();
        lead = null;
        await init(msg.wasm);
        lead = new Masker(msg.policy, msg.options ?? {});
        break;
      case 'main-push': {
        const output = lead.push(msg.bytes);
        post({ type: 'main-output', main: true, output, rows: lead.rows() }, [output.buffer]);
        break;
      }
      case 'main-absorb':
        lead.absorb(msg.tally);
        break;
      case 'main-audit': {
        const bytes = new Uint8Array(msg.buffer);
        lead.auditPart(bytes.subarray(0, msg.input), bytes.subarray(msg.input, msg.input + msg.output));
        // Back to be used again: a copy per part would be garbage here.
        post({ type: 'main-audited', buffer: msg.buffer }, [msg.buffer]);
        break;
      }
      case 'main-finish': {
        const output = lead.finish();
        const report = lead.report();
        lead.free();
        lead = null;
        post({ type: 'main-done', main: true, output, report }, [output.buffer]);
        break;
      }
      case 'part-start':
        failed = false;
        partIndex = undefined;
        if (parts) parts.free();
        parts = null;
        await init(msg.wasm);
        parts = Masker.forParts(msg.policy, msg.options ?? {}, msg.head);
        break;
      case 'part': {
        if (!parts) throw new Error('worker: part before part-start');
        partIndex = msg.index;
        const input = msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(msg.bytes);
        // Output goes into the buffer the client gave back, or, for a client
        // that gives them back, a new one with room to spare (else one of
        // the output's size); one that is too small goes back unused.
        const into = new Uint8Array(msg.into ?? new ArrayBuffer(msg.reuse ? input.length + (input.length >> 2) + 4096 : 0));
        const output = parts.maskPart(input, msg.line, msg.record, msg.last, into);
        const unused = output.buffer === into.buffer || !msg.reuse ? undefined : into.buffer;
        const transfer = [input.buffer, output.buffer, ...(unused ? [unused] : [])];
        post({ type: 'part-done', index: msg.index, input, output, unused, tally: parts.tally() }, transfer);
        break;
      }
      case 'start':
        failed = false;
        bytesIn = 0;
        reuseOutput = msg.reuse === true;
        if (masker) masker.free();
        masker = null;
        dropVault();
        await init(msg.wasm);
        if (msg.vault) {
          const { bytes, passphrase } = msg.vault;
          vault = { vault: bytes ? Vault.open(bytes, passphrase) : new Vault(), passphrase };
        }
        masker = new Masker(msg.policy, { ...msg.options, ...(vault && { vault: vault.vault }) });
        break;
      case 'chunk': {
        if (!masker) throw new Error('worker: chunk before start');
        const bytes = msg.bytes instanceof Uint8Array ? msg.bytes : new Uint8Array(msg.bytes);
        bytesIn += bytes.length;
        // Into a buffer the client gave back, or a new one with room to spare.
        const into = outputBuffers.pop() ?? new ArrayBuffer(reuseOutput ? bytes.length + (bytes.length >> 2) + 4096 : 0);
        const output = masker.pushInto(bytes, new Uint8Array(into));
        if (into.byteLength > 0 && (output.buffer !== into || output.length === 0)) outputBuffers.push(into);
        emit(output);
        // The input's buffer goes back for the next read (no garbage here).
        post({ type: 'progress', bytesIn, rows: masker.rows(), bytes }, [bytes.buffer]);
        break;
      }
      case 'output-back':
        if (outputBuffers.length < 4) outputBuffers.push(msg.buffer);
        break;
      case 'finish': {
        if (!masker) throw new Error('worker: finish before start');
        emit(masker.finish());
        const report = masker.report();
        masker.free();
        masker = null;
        const bytes = vault?.vault.export(vault.passphrase);
        dropVault();
        post({ type: 'done', report, vault: bytes }, bytes ? [bytes.buffer] : []);
        break;
      }
      default:
        throw new Error(`worker: unknown message type ${JSON.stringify(msg.type)}`);
    }
  } catch (e) {
    fail(e);
  }
}
