import type { MaskOptions, PiiMaskError, Policy, Report } from './index.js';

export interface MaskProgress {
  /** Input bytes the worker has processed. */
  bytesIn: number;
  /** Rows masked so far. */
  rows: number;
}

export interface MaskJobOptions {
  onProgress?: (progress: MaskProgress) => void;
  /** Aborting terminates the worker; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** 'blob' (default) gives `{blob, report}`, 'chunks' gives `{chunks, report}`. */
  output?: 'blob' | 'chunks';
}

export type MaskInput = Blob | ReadableStream<Uint8Array> | ArrayBuffer | ArrayBufferView;

/**
 * Each `mask` rejects with a {@link PiiMaskError} (the worker's error with its
 * `code`, `line`, `column` and `field`), or with the signal's reason when
 * aborted.
 */
export interface MaskWorker {
  /** Streaming: each masked chunk goes to `onOutput` (awaited: back-pressure). */
  mask(
    input: MaskInput,
    policy: Policy,
    options: MaskOptions | undefined,
    job: MaskJobOptions & { onOutput: (bytes: Uint8Array) => void | Promise<void> },
  ): Promise<{ report: Report }>;
  mask(
    input: MaskInput,
    policy: Policy,
    options?: MaskOptions,
    job?: MaskJobOptions & { output?: 'blob' },
  ): Promise<{ blob: Blob; report: Report }>;
  mask(
    input: MaskInput,
    policy: Policy,
    options: MaskOptions | undefined,
    job: MaskJobOptions & { output: 'chunks' },
  ): Promise<{ chunks: Uint8Array[]; report: Report }>;
  /** Stop the worker (a later mask() starts a new one). */
  terminate(): void;
}

/**
 * Create a masking Web Worker. `url` is the worker module (default: worker.js
 * next to this file); `wasm` the .wasm URL for the worker, if not next to it.
 */
export function createMaskWorker(url?: string | URL, options?: { wasm?: string | URL }): MaskWorker;
