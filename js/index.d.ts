// Types for pii-mask's JavaScript API. The data types (policy, options,
// results, errors) are generated from the Rust types into types.gen.d.ts;
// this file declares the functions.
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

/** Load the WebAssembly (once; later calls return at once). Without `input`, `pii_mask_bg.wasm` next to the module is used. */
export function init(input?: InitInput): Promise<void>;
/** Instantiate synchronously from the .wasm bytes or a compiled module. */
export function initSync(input: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
/** Whether init() has completed. */
export function isReady(): boolean;

/** Streaming masker. Throws an Error naming the line on bad input. */
export class Masker {
  constructor(policy: Policy, options?: MaskOptions);
  /** Masked bytes ready so far (may be empty). */
  push(chunk: Uint8Array): Uint8Array;
  /** The remaining masked bytes; call once, at the end of input. */
  finish(): Uint8Array;
  /** Data rows written so far (cheap: for progress). */
  rows(): number;
  report(): Report;
  /** Release the wasm memory now (otherwise released when garbage collected). */
  free(): void;
  [Symbol.dispose]?(): void;
}

/** Streaming column classifier. */
export class Scanner {
  constructor(options?: ScanOptions);
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
  constructor(options: RiskOptions, policy?: Policy | string | null);
  push(chunk: Uint8Array): void;
  finish(): Risk | RiskAssessment;
  free(): void;
  [Symbol.dispose]?(): void;
}

/** Re-identification risk of a CSV held in memory; with a policy, before and after it. */
export function assessRisk(bytes: Uint8Array | ArrayBuffer | string, options: RiskOptions): Risk;
export function assessRisk(
  bytes: Uint8Array | ArrayBuffer | string,
  options: RiskOptions,
  policy: Policy | string,
): RiskAssessment;

/** What every function here throws for bad input, a bad policy, key or option. */
export interface PiiMaskError extends Error, ErrorFields {}

/** Operators, entities, encodings, delimiters and error codes, from the core. */
export function catalogue(): Catalogue;

/** Every problem of a policy (an object or JSON text); never throws for a bad one. */
export function validatePolicy(policy: Policy | string): PolicyValidation;

/** A policy resolved against a scan result, as the masker will resolve it. */
export function resolvePolicy(policy: Policy | string, scan: ScanResult): Resolution;

/** Classify the columns of a CSV held in memory. */
export function scan(bytes: Uint8Array | ArrayBuffer | string, options?: ScanOptions): ScanResult;
/** Find PII spans in text (UTF-16 offsets). */
export function find(text: string, entities?: Record<string, CustomEntity>): Finding[];

/**
 * The first `limit` (default 50) data rows, original and masked. With
 * `complete: false`, `bytes` is only the start of a file and a record cut off
 * at its end is left out.
 */
export function preview(
  bytes: Uint8Array | ArrayBuffer | string,
  policy: Policy,
  options?: MaskOptions,
  limit?: number,
  complete?: boolean,
): Preview;

/** Mask a CSV held in memory. */
export function maskBytes(
  bytes: Uint8Array | ArrayBuffer | string,
  policy: Policy,
  options?: MaskOptions,
): { output: Uint8Array; report: Report };

/** A byte TransformStream that masks what flows through it; `report` settles at its end. */
export function createMaskStream(
  policy: Policy,
  options?: MaskOptions,
): TransformStream<Uint8Array, Uint8Array> & { report: Promise<Report> };
