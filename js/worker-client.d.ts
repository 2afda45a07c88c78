/**
 * Masking in a Web Worker, off the main thread: `import { maskFile } from
 * 'pii-mask/worker'`. The worker loads the wasm itself; no {@link pii-mask!init}
 * is needed here.
 *
 * @module pii-mask/worker
 */
import type { MaskerOptions, PiiMaskError, Policy, Report } from './index.js';

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
 * One Web Worker that masks one job at a time (from {@link createMaskWorker}).
 * Each `mask` rejects with a {@link pii-mask!PiiMaskError} (the worker's error
 * with its `code`, `line`, `column` and `field`), or with the signal's reason
 * when aborted, and with an Error when this worker is already masking.
 */
export interface MaskWorker {
  /**
   * Streaming: each masked chunk goes to `onOutput` in order (a promise it
   * returns is awaited before more input is sent: back-pressure).
   * @returns Resolves with the report when the job is done.
   */
  mask(
    input: MaskInput,
    policy: Policy,
    options: MaskerOptions | undefined,
    job: MaskJobOptions & {
      onOutput: (bytes: Uint8Array) => void | Promise<void>;
      /** `onOutput` is done with each chunk once it settles: see {@link maskFile}'s. */
      reuseOutput?: boolean;
    },
  ): Promise<{ report: Report }>;
  /** @returns The masked CSV as one Blob, and the report. */
  mask(
    input: MaskInput,
    policy: Policy,
    options?: MaskerOptions,
    job?: MaskJobOptions & { output?: 'blob' },
  ): Promise<{ blob: Blob; report: Report }>;
  /** @returns The masked CSV as the chunks the worker sent, and the report. */
  mask(
    input: MaskInput,
    policy: Policy,
    options: MaskerOptions | undefined,
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
 * Create a masking Web Worker. The worker starts at the first `mask` and
 * stays until {@link MaskWorker.terminate}.
 *
 * @param source Where it comes from (default: the package's worker.js).
 * @param options `wasm`: the .wasm URL for the worker, if not next to it.
 * @returns A {@link MaskWorker}; nothing is started yet.
 */
export function createMaskWorker(source?: WorkerSource, options?: { wasm?: string | URL }): MaskWorker;

export interface MaskFileOptions {
  onProgress?: (progress: MaskProgress) => void;
  /** Aborting stops the job (and ends its worker); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Where the worker comes from (default: the package's worker.js). */
  worker?: WorkerSource;
  /**
   * How many workers one job may use (default: the cores, at most 4). A
   * file of 8 MiB or more (any file when this is given) is cut into parts
   * between records and masked by that many workers at once, with the
   * output and report one worker gives; this thread then loads the
   * WebAssembly too, to cut the file (the masking is all in the workers).
   * Policies with validation rules or `tokenize` use one.
   */
  workers?: number;
  /** The least size of a part, in bytes (default 1 MiB); for tests. */
  partBytes?: number;
}

/**
 * Mask a file in a Web Worker that it starts and keeps for the next call (jobs
 * at the same time each get one). With `onOutput`, each masked chunk goes
 * there in order (a promise it returns is awaited: back-pressure) and it
 * resolves with `{report}`.
 *
 * @throws Rejects with a {@link pii-mask!PiiMaskError} (the core's `code`,
 *   `line`, `column`, `field`), or with the signal's reason when aborted.
 */
export function maskFile(
  file: MaskInput,
  policy: Policy,
  options: MaskerOptions | undefined,
  job: MaskFileOptions & {
    onOutput: (bytes: Uint8Array) => void | Promise<void>;
    /**
     * `onOutput` is done with each chunk once the promise it returns settles
     * (it copies it, or writes it and waits): the chunk's memory is then
     * used for later output instead of being left to the garbage collector,
     * which lets tens of MB pile up on a big file. Default false.
     */
    reuseOutput?: boolean;
  },
): Promise<{ report: Report }>;
/**
 * Mask a file in a Web Worker (see above).
 *
 * @returns The masked CSV as one Uint8Array, and the report.
 * @throws As above.
 */
export function maskFile(
  file: MaskInput,
  policy: Policy,
  options: MaskerOptions | undefined,
  job: MaskFileOptions & { output: 'bytes' },
): Promise<{ bytes: Uint8Array; report: Report }>;
/**
 * Mask a file in a Web Worker (see above).
 *
 * @returns The masked CSV as a Blob (the default), and the report.
 * @throws As above.
 */
export function maskFile(
  file: MaskInput,
  policy: Policy,
  options?: MaskerOptions,
  job?: MaskFileOptions & { output?: 'blob' },
): Promise<{ blob: Blob; report: Report }>;
