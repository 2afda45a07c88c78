// Masks a File in the package's Web Worker, streaming: each masked chunk goes
// to `write` as it is ready (a file on disk, or parts of a Blob), and no more
// input is sent until `write` has kept up, so memory stays bounded.
import { createMaskWorker } from '../worker-client.js';

/**
 * Mask `file` with `policy` and `options` (key, delimiter, header,
 * allowRagged). `write(bytes)` receives the output in order and may return a
 * promise. `onProgress({bytesIn, rows})` follows each chunk. Resolves with the
 * report; rejects with the core's Error (its message names the line) or an
 * AbortError.
 */
export async function maskFile(file, policy, options, { write, onProgress, signal } = {}) {
  const worker = createMaskWorker();
  try {
    const { report } = await worker.mask(file, policy, options, {
      onOutput: write ?? (() => {}),
      onProgress,
      signal,
    });
    return report;
  } finally {
    worker.terminate();
  }
}
