// Types for pii-mask's JavaScript API.

/** Entity type names follow Microsoft Presidio where one exists. */
export type EntityType =
  | 'EMAIL_ADDRESS'
  | 'PHONE_NUMBER'
  | 'CREDIT_CARD'
  | 'IBAN_CODE'
  | 'US_SSN'
  | 'IP_ADDRESS'
  | 'URL'
  | 'DATE_TIME'
  | 'MAC_ADDRESS'
  | (string & {});

/** Leave the value as it is. */
export interface KeepOp {
  op: 'keep';
}
/** Remove the column from the output. */
export interface DropOp {
  op: 'drop';
}
/** Replace the value with `[ENTITY]`, or with `text` when given. */
export interface RedactOp {
  op: 'redact';
  text?: string;
}
/** Entity-aware partial masking: an email keeps its domain, a card its last four. */
export interface MaskOp {
  op: 'mask';
  /** The masking character (default `*`). */
  char?: string;
  /**
   * Mask the first `chars` characters (the last, with `from_end`), as
   * Presidio does; at least 1. Never shows more than the entity's own mask.
   */
  chars?: number;
  /** Count the masked characters from the end. */
  from_end?: boolean;
}
/**
 * Replace the value with a hex digest. `hmac-sha256` (the default) needs a key
 * and gives keyed pseudonyms; plain `sha256` can be reversed by guessing.
 */
export interface HashOp {
  op: 'hash';
  /** Hex characters to keep. */
  length?: number;
  /** `sha256` (key then value) is kept for compatibility only and warned about. */
  algorithm?: 'hmac-sha256' | 'sha256';
  /** A key of the column's own, so equal values in two columns do not link. */
  per_column?: boolean;
}
/** Keep the text but replace every PII span found in it with `[ENTITY]`. */
export interface ScrubOp {
  op: 'scrub';
}

export type Op = KeepOp | DropOp | RedactOp | MaskOp | HashOp | ScrubOp;
export type OpName = Op['op'];

/**
 * An entity of your own: a `pattern` (linear-time regex, ASCII classes;
 * optionally with a `check`) or a dictionary of `terms` (whole words, any
 * case). In free text a match needs one of the `context` words among the
 * five words before it (when `context` is given); a column whose header
 * holds a context word is taken to hold the entity. `deny` lists values
 * never flagged.
 */
export interface CustomEntity {
  pattern?: string;
  terms?: string[];
  check?: 'luhn' | 'mod97';
  context?: string[];
  deny?: string[];
}

export interface Policy {
  version: 1;
  /** Your own entities, by name (capital letters, digits and _, not a built-in name). */
  entities?: Record<string, CustomEntity>;
  /** The operator for columns the policy does not list (and `auto` does not cover). */
  default?: Op;
  /** Apply each column's suggested operator unless the column is listed. */
  auto?: boolean;
  /** By header name, or `#N` (0-based index) for files without a header. */
  columns?: Record<string, Op>;
}

export interface CsvOptions {
  /** One of `,` `;` `\t` `|`; detected from the first lines when not given. */
  delimiter?: string;
  /** Whether the first row is a header; `'auto'` (the default) decides from the data. */
  header?: boolean | 'auto';
  /**
   * How the file's bytes are read as text (default `utf-8`). `windows-1252`
   * (also `cp1252`, `latin1`) decodes files older Excel saved as "ANSI";
   * output is always UTF-8.
   */
  encoding?: 'utf-8' | 'windows-1252' | 'cp1252' | 'latin1' | 'iso-8859-1';
}

export interface MaskOptions extends CsvOptions {
  /** The HMAC key (UTF-8, at least 16 bytes); required when the policy hashes with a key. */
  key?: string;
  /** Accept rows whose field count differs from the first row's. */
  allowRagged?: boolean;
  /** With an `auto` policy, how many rows are classified before output starts (default 1000). */
  sampleRows?: number;
  /** Prefix cells starting with = + - @ tab or CR with `'` so spreadsheets never run them as formulas (default false). */
  escapeFormulas?: boolean;
}

export interface ScanOptions extends CsvOptions {
  /** A policy's `entities`, to be found too. */
  entities?: Record<string, CustomEntity>;
  /** How many rows to sample for classification. */
  sampleRows?: number;
  /** Accept rows whose field count differs from the first row's. */
  allowRagged?: boolean;
}

export interface EntityShare {
  type: EntityType;
  /** Share of sampled cells (0..1) that matched. */
  share: number;
}

export interface ScanColumn {
  index: number;
  /** The header, or `#N` without one. */
  name: string;
  /** Most common first. */
  entities: EntityShare[];
  suggested: Op;
  /** The entity the whole column holds, when one does. */
  entity?: EntityType;
  /** How sure, 0 to 1: the share of cells holding the entity, raised when the header agrees; 0.6 for a header alone. */
  confidence: number;
}

export interface ScanResult {
  /** Data rows (the header not counted). */
  rows: number;
  /** Rows the classification looked at. */
  sampled: number;
  delimiter: string;
  /** Whether the first row was read as a header. */
  header: boolean;
  /** Whether that was decided from the data. */
  headerGuessed: boolean;
  columns: ScanColumn[];
  /** The first line with a cell that is not valid UTF-8 (a sign the file is Windows-1252), or null. */
  invalidUtf8Line: number | null;
}

export interface ReportColumn {
  index: number;
  name: string;
  op: OpName;
  /** What the column holds, if known (policy, header or scanner). */
  entity?: EntityType;
  /** Cells whose value the operator changed. */
  changed: number;
}

/** What a Masker did; counts only, never raw values. */
export interface Report {
  rows: number;
  delimiter: string;
  /** Whether the first row was read as a header. */
  header: boolean;
  /** Whether that was decided from the data. */
  headerGuessed: boolean;
  columns: ReportColumn[];
  entities: Partial<Record<EntityType, number>>;
  /** A weak hash algorithm, pseudonyms short enough to collide. */
  warnings: { code: 'sha256_algorithm' | 'short_hash' | string; message: string; column?: string }[];
  /** Kept columns that mention people, from the rows profiled. */
  kept: { index: number; name: string; entities: EntityType[] }[];
  /** Personal data seen in the output (kept columns, scrubbed text), on rows sampled across the file. */
  residual: { index: number | null; name: string; entity: EntityType; count: number }[];
  /** Rows the residual check looked at. */
  residualSampled: number;
}

export interface Finding {
  type: EntityType;
  /** UTF-16 offset, as String.prototype.slice takes it. */
  start: number;
  end: number;
  /** How sure, 0.05 to 1: a check digit and a naming word before it score high. */
  score: number;
  text: string;
}

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
  finish(): ScanResult;
  free(): void;
  [Symbol.dispose]?(): void;
}

/** The stable codes of errors (README "Errors"). */
export type ErrorCode =
  | 'unclosed_quote' | 'ragged_row' | 'invalid_utf8' | 'utf16_input' | 'binary_input'
  | 'policy_json' | 'policy_version' | 'policy_unknown_field' | 'policy_invalid' | 'policy_entities'
  | 'policy_unknown_column' | 'policy_duplicate_column' | 'policy_no_header' | 'policy_all_dropped'
  | 'missing_key' | 'key_too_short' | 'invalid_option' | 'invalid_state';

/** What every function here throws for bad input, a bad policy, key or option. */
export interface PiiMaskError extends Error {
  code: ErrorCode;
  /** 1-based input line. */
  line?: number;
  /** The column as users see it: a header name or `#N`. */
  column?: string;
  /** Where in the policy (a JSON pointer) or which option. */
  field?: string;
}

export interface ParamInfo {
  name: string;
  type: 'integer' | 'boolean' | 'string' | 'char' | 'enum' | 'entity' | 'entities';
  values?: string[];
  min?: number;
  max?: number;
  /** null: it depends (the description says on what). */
  default: unknown;
  required: boolean;
  description: string;
}

export interface Catalogue {
  operators: { name: OpName; description: string; needsKey: boolean; params: ParamInfo[] }[];
  entities: { name: EntityType; description: string }[];
  encodings: { label: string; name: string; aliases: string[] }[];
  delimiters: { value: string; name: string }[];
  errors: { code: ErrorCode; description: string }[];
  policyVersion: number;
}

/** Operators, entities, encodings, delimiters and error codes, from the core. */
export function catalogue(): Catalogue;

export interface PolicyProblem {
  code: ErrorCode;
  /** A JSON pointer, e.g. `/columns/email/length` ("" for the whole policy). */
  field: string;
  message: string;
}

/** Every problem of a policy; never throws for a bad one. */
export function validatePolicy(policy: Policy | string): { ok: boolean; problems: PolicyProblem[] };

export interface Resolution {
  needsKey: boolean;
  columns: {
    index: number;
    name: string;
    /** The operator that will run, with its defaults filled in. */
    op: Op;
    source: 'policy' | 'suggested' | 'default';
    needsKey: boolean;
  }[];
}

/** A policy resolved against a scan result, as the masker will resolve it. */
export function resolvePolicy(policy: Policy | string, scan: ScanResult): Resolution;

/** Classify the columns of a CSV held in memory. */
export function scan(bytes: Uint8Array | ArrayBuffer | string, options?: ScanOptions): ScanResult;
/** Find PII spans in text (UTF-16 offsets). */
export function find(text: string, entities?: Record<string, CustomEntity>): Finding[];

export interface Preview {
  header: string[] | null;
  original: string[][];
  /** Lined up with `original`; `null` where the column is dropped. */
  masked: (string | null)[][];
  /** The masked rows (and header) as a download would hold them. */
  output: string;
  report: Report;
}

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
