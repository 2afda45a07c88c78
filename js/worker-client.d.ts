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
 * Where a masking worker comes from: its module's URL, or a function that
 * returns a new Worker running the package's worker.js (bring your own:
 * `() => new Worker(new URL('./pii-mask.worker.js', import.meta.url), { type: 'module' })`
 * where that file is `import 'pii-mask/worker.js';`).
 */
export type WorkerSource = string | URL | (() => Worker);

/**
 * Create a masking Web Worker. `source`: where it comes from (default: the
 * package's worker.js); `wasm` the .wasm URL for the worker, if not next to it.
 */
export function createMaskWorker(source?: WorkerSource, options?: { wasm?: string | URL }): MaskWorker;

export interface MaskFileOptions {
  onProgress?: (progress: MaskProgress) => void;
  /** Aborting stops the job (and ends its worker); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Where the worker comes from (default: the package's worker.js). */
  worker?: WorkerSource;
  /**
   * How many workers one job may use. Only 1 for now: a larger number is
   * accepted and means 1 until the masking is split across workers.
   */
  workers?: number;
}

/**
 * Mask a file in a Web Worker that it starts and keeps for the next call (jobs
 * at the same time each get one). Rejects with a {@link PiiMaskError} (the
 * core's `code`, `line`, `column`, `field`), or with the signal's reason.
 */
export function maskFile(
  file: MaskInput,
  policy: Policy,
  options: MaskOptions | undefined,
  job: MaskFileOptions & { onOutput: (bytes: Uint8Array) => void | Promise<void> },
): Promise<{ report: Report }>;
export function maskFile(
  file: MaskInput,
  policy: Policy,
  options: MaskOptions | undefined,
  job: MaskFileOptions & { output: 'bytes' },
): Promise<{ bytes: Uint8Array; report: Report }>;
export function maskFile(
  file: MaskInput,
  policy: Policy,
  options?: MaskOptions,
  job?: MaskFileOptions & { output?: 'blob' },
): Promise<{ blob: Blob; report: Report }>;
