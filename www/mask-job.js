// Masks a File in the package's Web Worker (pkg/worker.js), streaming: the
// file is read with File.stream(), re-cut into 1 MiB chunks, and each masked
// chunk is handed to `write` as it comes (to a file on disk, or kept for a
// Blob). At most a few chunks are in flight, so memory stays bounded.
//
// This speaks the worker's own protocol rather than using createMaskWorker()
// from pkg/worker-client.js, because that one collects the whole output
// before it returns and the page wants to stream it to disk.

const CHUNK = 1 << 20;
const MAX_IN_FLIGHT = 4;

/** Re-cut a byte stream into chunks of about `size` bytes. */
async function* rechunk(stream, size) {
  const reader = stream.getReader();
  let parts = [];
  let have = 0;
  const flush = () => {
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
      if (have >= size) yield flush();
    }
    if (have > 0) yield flush();
  } finally {
    reader.releaseLock();
  }
}

/**
 * Mask `file` with `policy` and `options` (key, delimiter, header,
 * allowRagged). `write(bytes)` receives the output in order and may return a
 * promise (it is awaited before more input is sent). `onProgress({bytesIn,
 * rows})` is called after each chunk. Resolves with the report; rejects with
 * the core's Error (its message names the line) or an AbortError.
 */
export function maskFile(file, policy, options, { write, onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pkg/worker.js', import.meta.url), { type: 'module' });
    let settled = false;
    let writes = Promise.resolve();
    let acked = 0;
    let sent = 0;
    let wake = null;

    const end = (fn, value) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      if (wake) wake();
      fn(value);
    };
    const onAbort = () => end(reject, new DOMException('Masking was cancelled', 'AbortError'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.onmessage = ({ data }) => {
      if (settled) return;
      switch (data.type) {
        case 'output': {
          const bytes = data.bytes;
          writes = writes.then(() => (settled ? undefined : write?.(bytes)));
          writes.catch((e) => end(reject, e));
          break;
        }
        case 'progress':
          acked += 1;
          onProgress?.({ bytesIn: data.bytesIn, rows: data.rows });
          break;
        case 'done':
          writes.then(() => end(resolve, data.report), (e) => end(reject, e));
          break;
        case 'error':
          end(reject, new Error(data.message));
          break;
      }
      if (wake) {
        wake();
        wake = null;
      }
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      end(reject, new Error(`the masking worker failed: ${e.message || 'unknown error'}`));
    };

    (async () => {
      worker.postMessage({ type: 'start', policy, options });
      for await (const chunk of rechunk(file.stream(), CHUNK)) {
        while (!settled && sent - acked >= MAX_IN_FLIGHT) await new Promise((r) => (wake = r));
        if (settled) return;
        await writes; // back-pressure from the disk
        if (settled) return;
        worker.postMessage({ type: 'chunk', bytes: chunk }, [chunk.buffer]);
        sent += 1;
      }
      if (!settled) worker.postMessage({ type: 'finish' });
    })().catch((e) => end(reject, e));
  });
}
