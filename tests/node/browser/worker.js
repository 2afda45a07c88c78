// Driven by tests/node/browser.test.mjs: window.runJob(csvText, policy, options)
// masks through the package's Web Worker and returns the output as text.
import { createMaskWorker } from '/pkg/worker-client.js';

const worker = createMaskWorker();

window.runJob = async (text, policy, options) => {
  const progress = [];
  try {
    const { blob, report } = await worker.mask(new Blob([text]), policy, options, { onProgress: (p) => progress.push(p) });
    return { output: await blob.text(), report, progress };
  } catch (e) {
    return { error: e.message };
  }
};

window.abortJob = async (text, policy, options) => {
  const controller = new AbortController();
  const job = worker.mask(new Blob([text]), policy, options, { signal: controller.signal });
  controller.abort();
  try {
    await job;
    return 'finished';
  } catch (e) {
    return e.name;
  }
};
// A consumer that fails on the first output chunk; the same worker then
// runs `next` (its output must hold nothing of the failed job).
window.failingConsumer = async (text, policy, options, next) => {
  let error;
  try {
    await worker.mask(new Blob([text]), policy, options, {
      onOutput: () => Promise.reject(new Error('disk full')),
    });
  } catch (e) {
    error = e.message;
  }
  return { error, next: await window.runJob(next, policy, options) };
};
window.ready = true;
