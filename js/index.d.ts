// Types for pii-mask's JavaScript API. The data types (policy, options,
// results, errors) are generated from the Rust types into types.gen.d.ts;
// this file declares the functions. Its doc comments are the API reference
// (docs/api/, made by scripts/docs.sh).
/**
 * The core API: `import { init, Masker, scan } from 'pii-mask'` (also
 * `pii-mask/node`). Call {@link init} once before anything else. Every
 * function and class here throws a {@link PiiMaskError} for bad input, a bad
 * policy, key or option.
 *
 * @module pii-mask
 */
import type {
  Catalogue,
  CustomEntity,
  ErrorFields,
  Finding,
  MaskOptions,
  Op,
  Policy,
  PolicyValidation,
  Preview,
  Report,
  Resolution,
  Risk,
  RiskAssessment,
  RiskOptions,
  ScanOptions,
  ScanResult,
} from './types.gen.js';

export type * from './types.gen.js';

/** An operator's name. */
export type OpName = Op['op'];
/** The options that say how a CSV file is read. */
export type CsvOptions = Pick<MaskOptions, 'delimiter' | 'header' | 'encoding'>;

export type InitInput =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/**
 * Load the WebAssembly; everything else here needs it. Once: later calls
 * return the same promise. Without `input`, `pii_mask_bg.wasm` next to the
 * module is used (read from disk under Node).
 *
 * @returns Resolves when the module is ready.
 * @throws The promise rejects when the .wasm cannot be fetched or compiled.
 */
export function init(input?: InitInput): Promise<void>;
/**
 * Instantiate synchronously from the .wasm bytes or a compiled module.
 * Browsers refuse to compile large modules synchronously on the main thread:
 * prefer {@link init} there.
 *
 * @throws TypeError when `input` is not bytes or a `WebAssembly.Module`.
 */
export function initSync(input: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
/** Whether {@link init} (or {@link initSync}) has completed. */
export function isReady(): boolean;

/**
 * Streaming masker: push a CSV in chunks of any size, get masked CSV (UTF-8)
 * back. Free it with {@link Masker.free} (or `using`) when done.
 *
 * @example
 * ```js
 * const masker = new Masker(policy, { key });
 * const out = [masker.push(bytes), masker.finish()];
 * const report = masker.report();
 * masker.free();
 * ```
 */
export class Masker {
  /** @throws {@link PiiMaskError} for a bad policy, key or option. */
  constructor(policy: Policy, options?: MaskOptions);
  /**
   * @returns The masked bytes ready so far (may be empty).
   * @throws {@link PiiMaskError} for bad input, with its `line` (and `column`, `field`).
   */
  push(chunk: Uint8Array): Uint8Array;
  /**
   * Call once, at the end of input.
   * @returns The remaining masked bytes.
   * @throws {@link PiiMaskError} for bad input (e.g. a quote left open at the end).
   */
  finish(): Uint8Array;
  /** Data rows written so far (cheap: for progress). */
  rows(): number;
  /** Counts per column and entity (never values); complete after {@link Masker.finish}. */
  report(): Report;
  /** Release the wasm memory now (otherwise released when garbage collected). */
  free(): void;
  [Symbol.dispose]?(): void;
}

/**
 * Streaming column classifier: push the start of a CSV (or all of it), then
 * {@link Scanner.finish} says what each column holds and suggests a policy.
 */
export class Scanner {
  /** @throws {@link PiiMaskError} for a bad option. */
  constructor(options?: ScanOptions);
  /** @throws {@link PiiMaskError} for bad input. */
  push(chunk: Uint8Array): void;
  /** Whether it has the rows it samples: a reader of a long file may stop pushing. */
  hasSample(): boolean;
  /** Data rows read so far. */
  rows(): number;
  /**
   * The classification. `complete: false`: what was pushed is only the start
   * of a file (a reader stopped at `hasSample()`); a record cut off at its
   * end is left out instead of being an unclosed quote.
   */
  finish(complete?: boolean): ScanResult;
  /** Release the wasm memory now (otherwise released when garbage collected). */
  free(): void;
  [Symbol.dispose]?(): void;
}

/**
 * Streaming re-identification risk (k-anonymity, l-diversity, prosecutor,
 * journalist and marketer risks) of the quasi-identifier columns. With a
 * policy, `finish()` gives the masked output's figures and the input's under
 * `before`.
 */
export class RiskAnalyzer {
  /** @throws {@link PiiMaskError} for a bad option or policy. */
  constructor(options: RiskOptions, policy?: Policy | string | null);
  /** @throws {@link PiiMaskError} for bad input. */
  push(chunk: Uint8Array): void;
  /**
   * @returns A {@link Risk} without a policy; with one, a {@link RiskAssessment}.
   * @throws {@link PiiMaskError} for bad input.
   */
  finish(): Risk | RiskAssessment;
  /** Release the wasm memory now (otherwise released when garbage collected). */
  free(): void;
  [Symbol.dispose]?(): void;
}

/**
 * Re-identification risk of a CSV held in memory (see {@link RiskAnalyzer}).
 *
 * @returns The input's {@link Risk}.
 * @throws {@link PiiMaskError} for bad input or a bad option.
 */
export function assessRisk(bytes: Uint8Array | ArrayBuffer | string, options: RiskOptions): Risk;
/**
 * Re-identification risk of a CSV held in memory, before and after a policy.
 *
 * @returns The masked output's figures, with the input's under `before`.
 * @throws {@link PiiMaskError} for bad input, a bad option or policy.
 */
export function assessRisk(
  bytes: Uint8Array | ArrayBuffer | string,
  options: RiskOptions,
  policy: Policy | string,
): RiskAssessment;

/** What every function here throws for bad input, a bad policy, key or option. */
export interface PiiMaskError extends Error, ErrorFields {}

/**
 * What the core supports: operators (with their parameters), entities,
 * encodings, delimiters and error codes. For building a UI or checking input.
 */
export function catalogue(): Catalogue;

/**
 * Check a policy (an object or JSON text) without masking anything.
 *
 * @returns Every problem found, each with its code and where (`ok` when none);
 *   never throws for a bad policy.
 */
export function validatePolicy(policy: Policy | string): PolicyValidation;

/**
 * A policy resolved against a scan result, as the masker will resolve it:
 * the operator each column gets and why.
 *
 * @throws {@link PiiMaskError} for a bad policy.
 */
export function resolvePolicy(policy: Policy | string, scan: ScanResult): Resolution;

/**
 * Classify the columns of a CSV held in memory (see {@link Scanner} for a
 * stream).
 *
 * @returns Each column's entity and confidence, and a suggested policy.
 * @throws {@link PiiMaskError} for bad input or a bad option.
 */
export function scan(bytes: Uint8Array | ArrayBuffer | string, options?: ScanOptions): ScanResult;
/**
 * Find PII in free text.
 *
 * @param entities Custom entities (regex patterns) to look for as well.
 * @returns The spans found, with UTF-16 offsets (`text.slice(start, end)`).
 * @throws TypeError when `text` is not a string; {@link PiiMaskError} for a bad custom entity.
 */
export function find(text: string, entities?: Record<string, CustomEntity>): Finding[];

/**
 * The first `limit` (default 50) data rows, original and masked, for showing
 * what a policy does. With `complete: false`, `bytes` is only the start of a
 * file and a record cut off at its end is left out.
 *
 * @throws {@link PiiMaskError} for bad input, a bad policy, key or option.
 */
export function preview(
  bytes: Uint8Array | ArrayBuffer | string,
  policy: Policy,
  options?: MaskOptions,
  limit?: number,
  complete?: boolean,
): Preview;

/**
 * Mask a CSV held in memory (see {@link Masker} for a stream).
 *
 * @returns The masked CSV (UTF-8) and the {@link Report}.
 * @throws {@link PiiMaskError} for bad input, a bad policy, key or option.
 */
export function maskBytes(
  bytes: Uint8Array | ArrayBuffer | string,
  policy: Policy,
  options?: MaskOptions,
): { output: Uint8Array; report: Report };

/**
 * A byte `TransformStream` that masks what flows through it, e.g.
 * `file.stream().pipeThrough(createMaskStream(policy, { key }))`.
 *
 * @returns The stream, with `report`: a promise that resolves at its end.
 * @throws {@link PiiMaskError} at once for a bad policy, key or option; bad
 *   input errors the stream (and rejects `report`).
 */
export function createMaskStream(
  policy: Policy,
  options?: MaskOptions,
): TransformStream<Uint8Array, Uint8Array> & { report: Promise<Report> };
