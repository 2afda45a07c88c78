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
  RestoreReport,
  Risk,
  RiskAssessment,
  RiskOptions,
  ScanOptions,
  ScanResult,
  VaultStats,
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
 * Load the WebAssembly and the word lists (names, places, stopwords: a file
 * of their own, `pii_mask_lists.txt`, which keeps the .wasm small);
 * everything else here needs them. Once: later calls return the same
 * promise. Without `input`, `pii_mask_bg.wasm` next to the module is used,
 * without `lists` `pii_mask_lists.txt` next to it (read from disk under
 * Node).
 *
 * @returns Resolves when the module is ready.
 * @throws The promise rejects when the .wasm or the lists cannot be fetched
 * or compiled.
 */
export function init(input?: InitInput, lists?: string | URL | ArrayBuffer | ArrayBufferView | Response | Promise<Response>): Promise<void>;
/**
 * Instantiate synchronously from the .wasm bytes or a compiled module, and
 * the bytes of the word lists (`pii_mask_lists.txt`): without them, scanning,
 * finding and masking throw an `invalid_state` error.
 * Browsers refuse to compile large modules synchronously on the main thread:
 * prefer {@link init} there.
 *
 * @throws TypeError when `input` is not bytes or a `WebAssembly.Module`.
 */
export function initSync(input: ArrayBuffer | ArrayBufferView | WebAssembly.Module, lists?: ArrayBuffer | ArrayBufferView): void;
/** Whether {@link init} (or {@link initSync}) has completed. */
export function isReady(): boolean;

/**
 * The options of {@link Masker}, {@link maskBytes}, {@link createMaskStream}
 * and `maskFile` (pii-mask/worker): {@link MaskOptions} and the vault that
 * `tokenize` fills.
 */
export type MaskerOptions = MaskOptions & {
  /**
   * Where `tokenize` records token -> original value; used, not copied, so
   * the same vault can serve several files (equal values, equal tokens).
   * Without it the tokens cannot be restored. With `maskFile` it crosses to
   * the worker and back as an exported vault file under a one-time
   * passphrase, and holds the new tokens when the job is done.
   */
  vault?: Vault;
};

/**
 * Token -> original value: filled by masking with `tokenize`, read by
 * {@link restore}. Its contents never leave it except through
 * {@link Vault.export}, encrypted. Free it with {@link Vault.free} when done.
 *
 * @example
 * ```js
 * const vault = new Vault();
 * const { output } = maskBytes(csv, policy, { key, vault });
 * const file = vault.export(passphrase); // Uint8Array, AES-256-GCM under Argon2id
 * const again = Vault.open(file, passphrase);
 * const { text } = restore(answerFromTheAi, again);
 * ```
 */
export class Vault {
  /** An empty vault. */
  constructor();
  /**
   * Open an exported vault (Argon2id at the cost written in its header, so
   * this takes a moment).
   *
   * @throws {@link PiiMaskError} `vault_passphrase` for a wrong passphrase,
   *   `vault_damaged` for a cut or changed file, `vault_format` for a file
   *   that is not a vault; nothing is opened then.
   */
  static open(bytes: Uint8Array | ArrayBuffer, passphrase: string): Vault;
  /**
   * The vault as one file: a versioned header, then everything encrypted
   * with AES-256-GCM under a key Argon2id derives from `passphrase`
   * (19 MiB, 2 passes, 1 lane).
   *
   * @throws {@link PiiMaskError} `vault_passphrase` for an empty passphrase.
   */
  export(passphrase: string): Uint8Array;
  /** Its entries and their approximate memory. */
  stats(): VaultStats;
  /**
   * Add another vault's entries to this one (e.g. a copy that came back
   * from a worker with more tokens).
   * @throws {@link PiiMaskError} `vault_key` when the two were made with
   *   different keys (one token standing for two values); nothing changes.
   */
  absorb(other: Vault): void;
  /** Release the wasm memory now; the contents are zeroised. */
  free(): void;
  [Symbol.dispose]?(): void;
}

/**
 * Streaming restorer of text: push an AI's answer in chunks of any size, get
 * the text with the original values back. The output does not depend on
 * where the chunks are cut.
 */
export class Restorer {
  constructor(vault: Vault);
  /** @returns The restored text decided so far (may be empty). */
  push(chunk: string): string;
  /** Call once, at the end. @returns The rest of the text. */
  finish(): string;
  /** Counts per entity and of unknown tokens (never values); complete after {@link Restorer.finish}. */
  report(): RestoreReport;
  free(): void;
  [Symbol.dispose]?(): void;
}

/**
 * Streaming restorer of a CSV, cell by cell: each value is quoted again as
 * it needs, so restoring the masked file gives the original back.
 */
export class CsvRestorer {
  constructor(vault: Vault);
  /** @throws {@link PiiMaskError} for bad CSV. */
  push(chunk: Uint8Array): Uint8Array;
  /** @throws {@link PiiMaskError} for bad CSV (e.g. a quote left open). */
  finish(): Uint8Array;
  report(): RestoreReport;
  free(): void;
  [Symbol.dispose]?(): void;
}

/**
 * Put the original values back into text that quotes tokens (an AI's answer
 * in Markdown, JSON, prose), whatever was done to the tokens on the way: a
 * changed case, Markdown wrapping, quotes, a hyphen or space for `_`.
 *
 * @returns The restored text, the counts, and where each original went
 *   (`spans`, to highlight them); text that only looks like a token is left
 *   as it is and counted in `report.unknown`.
 * @throws TypeError when `text` is not a string or `vault` not a {@link Vault}.
 */
export function restore(text: string, vault: Vault): { text: string; report: RestoreReport; spans: RestoredSpan[] };

/** Where {@link restore} put an original back: UTF-16 offsets into the restored text (a string's indices). */
export interface RestoredSpan {
  start: number;
  end: number;
  /** The entity the token or surrogate named. */
  entity: string;
}

/**
 * Restore a CSV held in memory, cell by cell (see {@link CsvRestorer}).
 *
 * @throws {@link PiiMaskError} for bad CSV.
 */
export function restoreCsv(
  bytes: Uint8Array | ArrayBuffer | string,
  vault: Vault,
): { output: Uint8Array; report: RestoreReport };

/**
 * A `TransformStream` of strings that restores what flows through it, e.g.
 * an AI's answer arriving in server-sent chunks:
 * `response.body.pipeThrough(new TextDecoderStream()).pipeThrough(createRestoreStream(vault))`.
 * Its output does not depend on the cuts.
 *
 * @returns The stream, with `report`: a promise that resolves at its end.
 */
export function createRestoreStream(vault: Vault): TransformStream<string, string> & { report: Promise<RestoreReport> };

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
  constructor(policy: Policy, options?: MaskerOptions);
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
  options?: MaskerOptions,
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
  options?: MaskerOptions,
): TransformStream<Uint8Array, Uint8Array> & { report: Promise<Report> };
