// Driven by tests/node/mask-file.test.mjs: maskFile from the package's worker
// helper, with the Workers the page starts counted.
const started = [];
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(url, opts) {
    super(url, opts);
    started.push(String(url));
  }
};

const { maskFile } = await import('/pkg/worker-client.js');

/** Workers started so far (their URLs). */
window.started = () => started.slice();

/** maskFile on `text`; resolves {output, report, progress, kind, lent, givenBack} or {error: {name, message, code, line}}. */
window.job = async (text, policy, options, { output, stream, reuse, abort, worker, workers, partBytes } = {}) => {
  const progress = [];
  const controller = new AbortController();
  const parts = [];
  const lent = []; // with `reuse`: the chunks as given, copied into `parts`
  try {
    const jobOptions = { onProgress: (p) => progress.push(p), signal: controller.signal, output, workers, partBytes };
    if (stream) jobOptions.onOutput = (b) => new Promise((r) => setTimeout(() => r(parts.push(b)), 1));
    if (reuse) {
      jobOptions.reuseOutput = true;
      jobOptions.onOutput = (b) => new Promise((r) => setTimeout(() => r(parts.push(b.slice()), lent.push(b)), 1));
    }
    if (worker) jobOptions.worker = () => new Worker('/own-worker.js', { type: 'module' });
    const running = maskFile(new Blob([text]), policy, options, jobOptions);
    if (abort) controller.abort();
    const got = await running;
    let out;
    let kind;
    if (got.blob) [kind, out] = ['blob', await got.blob.text()];
    else if (got.bytes) [kind, out] = ['bytes', new TextDecoder().decode(got.bytes)];
    else [kind, out] = ['stream', new TextDecoder().decode(await new Blob(parts).arrayBuffer())];
    // A chunk whose buffer went back to a worker reads as empty here.
    const givenBack = lent.filter((b) => b.byteLength === 0).length;
    return { output: out, report: got.report, progress, kind, keys: Object.keys(got).sort(), lent: lent.length, givenBack };
  } catch (e) {
    return { error: { name: e.name, message: e.message, code: e.code, line: e.line } };
  }
};
window.ready = true;
