// Generated from the Rust types by tests/generated.rs (src/schema/generate.rs): do not edit.
// PII_MASK_REGENERATE=1 cargo test --test generated rewrites it.

/**
 * The digests an audit record holds: with the report's counts, they say
 * what was done to which file, and nothing of what is in it.
 */
export interface Audit {
  /**
   * The bytes read.
   */
  input: Digest;
  /**
   * The bytes written.
   */
  output: Digest;
  /**
   * The policy in force, as canonical JSON (keys sorted, defaults
   * written out): the text `policySha256` digests.
   */
  policy: string;
  /**
   * SHA-256 of `policy`, hex.
   */
  policySha256: string;
  /**
   * With quasi-identifiers to measure (the `risk` mask option, the
   * CLI's `--quasi`): the re-identification risk of the input
   * (`before`) and of the output, measured in the same run.
   */
  risk?: RiskAssessment;
  /**
   * Data rows read (the header not counted).
   */
  rowsRead: number;
  /**
   * Data rows written: fewer than read when validation (`drop`) left
   * rows out. Each column's operator and changed cells are in the
   * report's `columns`.
   */
  rowsWritten: number;
  /**
   * `pii-mask`.
   */
  tool: string;
  /**
   * The core's version.
   */
  version: string;
}

/**
 * Everything an interface needs to offer choices.
 */
export interface Catalogue {
  delimiters: DelimiterInfo[];
  encodings: EncodingInfo[];
  entities: EntityInfo[];
  errors: ErrorInfo[];
  /**
   * The shortest key `hash` accepts, in bytes.
   */
  keyMinBytes: number;
  operators: OperatorInfo[];
  policyVersion: number;
  /**
   * Policies named after standards, to start from.
   */
  presets: Preset[];
}

/**
 * A checksum a declared pattern's matches must pass.
 * - 'luhn': The Luhn check digit of card numbers.
 * - 'mod97': ISO 7064 mod 97-10, as IBANs use.
 */
export type Check = 'luhn' | 'mod97';

/**
 * One item of a standard and what the preset does for it.
 */
export interface Coverage {
  /**
   * The entities that stand for it (empty: no detector sees it).
   */
  entities: string[];
  item: string;
  /**
   * What happens, or what the user must add.
   */
  note: string;
}

/**
 * An entity of the user's own: a `pattern` (optionally with a `check`) or
 * a list of `terms`.
 */
export interface CustomEntity {
  /**
   * A checksum a `pattern`'s matches must pass.
   */
  check?: Check;
  /**
   * In free text a match counts only with one of these words among the
   * five words before it; a column whose header holds one is taken to
   * hold the entity.
   */
  context?: string[];
  /**
   * Values never flagged (any case, surrounding space aside).
   */
  deny?: string[];
  /**
   * A regular expression for the value (give `pattern` or `terms`):
   * linear-time, with ASCII classes (spell out other scripts' letters in
   * a class); a match glued to a letter or digit does not count. At most
   * 1000 bytes; must not match empty text.
   */
  pattern?: string;
  /**
   * Words or phrases (give `pattern` or `terms`), matched as whole words
   * in any case.
   */
  terms?: string[];
}

export interface DelimiterInfo {
  name: string;
  value: string;
}

/**
 * A byte stream's SHA-256 (hex) and length.
 */
export interface Digest {
  bytes: number;
  sha256: string;
}

export interface EncodingInfo {
  aliases: string[];
  label: string;
  name: string;
}

export interface EntityInfo {
  description: string;
  name: EntityType;
}

/**
 * An entity seen in a column's sample.
 */
export interface EntityShare {
  /**
   * Sampled cells that hold it (whole or inside their text).
   */
  cells: number;
  /**
   * The share of sampled non-empty cells that hold it, 0 to 1.
   */
  share: number;
  /**
   * `cells`: the share is counted in the cells; `header`: the header
   * names it and the cells cannot confirm it (names and places off the
   * lists), so the share is 1 by the header's word and `cells` says how
   * many cells showed it.
   */
  source: ShareSource;
  type: EntityType;
}

/**
 * A kind of personal data: a built-in name (Microsoft Presidio's where one exists) or one the policy declares in `entities`.
 */
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
  | 'PERSON'
  | 'LOCATION'
  | 'UK_NINO'
  | 'UK_NHS'
  | 'US_ITIN'
  | 'US_PASSPORT'
  | 'US_DRIVER_LICENSE'
  | 'US_BANK_NUMBER'
  | 'ABA_ROUTING_NUMBER'
  | 'CA_SIN'
  | 'NL_BSN'
  | 'DE_TAX_ID'
  | 'ES_NIF'
  | 'ES_NIE'
  | 'FR_NIR'
  | 'IT_FISCAL_CODE'
  | 'IN_AADHAAR'
  | 'AU_TFN'
  | 'AU_MEDICARE'
  | 'SG_NRIC_FIN'
  | 'CRYPTO'
  | 'API_KEY'
  | (string & {});

/**
 * What kind of error: stable, for programs to branch on (the message is for people).
 * - 'unclosed_quote': the input ended inside a quoted field (line: where it opened)
 * - 'ragged_row': a record has another number of fields than the first
 * - 'invalid_utf8': a cell is not UTF-8 text (line, column)
 * - 'utf16_input': the file is UTF-16 text; save it as UTF-8
 * - 'binary_input': the file is not text
 * - 'policy_json': the policy is not valid JSON
 * - 'policy_version': the policy's version is missing or not supported
 * - 'policy_unknown_field': the policy has a field its format does not have
 * - 'policy_invalid': a policy field has a value it cannot take (field)
 * - 'policy_entities': a custom entity declaration is wrong (field)
 * - 'policy_unknown_column': the policy names a column the file does not have
 * - 'policy_duplicate_column': two policy keys name the same column
 * - 'policy_no_header': the policy names columns by header; the file has none
 * - 'policy_all_dropped': the policy drops every column
 * - 'missing_key': an operator needs a key and none was given
 * - 'key_too_short': the key is shorter than 16 bytes
 * - 'invalid_option': an option is unknown or has a bad value (field)
 * - 'invalid_state': the streaming API was used out of order
 * - 'validation_failed': rows break the policy's validation rules (problems: line, column, rule)
 * - 'vault_passphrase': the vault's passphrase is wrong or empty; nothing was restored
 * - 'vault_damaged': the vault file is damaged (cut short, added to, or changed); nothing was restored
 * - 'vault_format': the file is not a pii-mask vault, or of a newer format
 * - 'vault_key': the vault was made with another key than the one given
 */
export type ErrorCode =
  | 'unclosed_quote'
  | 'ragged_row'
  | 'invalid_utf8'
  | 'utf16_input'
  | 'binary_input'
  | 'policy_json'
  | 'policy_version'
  | 'policy_unknown_field'
  | 'policy_invalid'
  | 'policy_entities'
  | 'policy_unknown_column'
  | 'policy_duplicate_column'
  | 'policy_no_header'
  | 'policy_all_dropped'
  | 'missing_key'
  | 'key_too_short'
  | 'invalid_option'
  | 'invalid_state'
  | 'validation_failed'
  | 'vault_passphrase'
  | 'vault_damaged'
  | 'vault_format'
  | 'vault_key';

/**
 * What every error the JavaScript API throws carries besides its
 * `message` (the worker client rethrows them as they are).
 */
export interface ErrorFields {
  /**
   * What kind of error.
   */
  code: ErrorCode;
  /**
   * The column as users see it (a header name or `#N`), when the error
   * is about one.
   */
  column?: string;
  /**
   * Where in the policy (a JSON pointer such as `/columns/email/length`)
   * or the options (an option's name), when the error is about a field.
   */
  field?: string;
  /**
   * The 1-based input line, when the error is about one.
   */
  line?: number;
  /**
   * With `validation_failed`: each problem found (line, column, rule;
   * never a value), up to the policy's `max_problems`.
   */
  problems?: ValidationProblem[];
}

export interface ErrorInfo {
  code: ErrorCode;
  description: string;
}

/**
 * A span of personal data in a text.
 */
export interface Finding {
  /**
   * Offset just past the span, in UTF-16 code units.
   */
  end: number;
  /**
   * How sure, 0.05 to 1: a check digit and a naming word before it ("card 4111 ...") score high; a bare shape after "order" scores low.
   */
  score: number;
  /**
   * Offset in UTF-16 code units, as `String.prototype.slice` takes it.
   */
  start: number;
  /**
   * The text of the span.
   */
  text: string;
  type: EntityType;
}

/**
 * How `generalize` coarsens a value.
 * - 'year': A date to its year.
 * - 'prefix': A postcode to its leading characters.
 * - 'band': A number to its band.
 * - 'round': A number to a multiple of a step.
 * - 'month': A date to its month (`2024-03`).
 * - 'quarter': A date to its quarter (`2024-Q1`).
 * - 'week': A date to its ISO 8601 week (`2024-W10`).
 */
export type Generalization = 'year' | 'prefix' | 'band' | 'round' | 'month' | 'quarter' | 'week';

/**
 * How `hash` derives its output from the key and the value.
 * - 'hmac-sha256': HMAC-SHA256 under the key: cannot be reversed by guessing values without the key.
 * - 'sha256': SHA-256 of key || value: a salted hash, weaker than HMAC (length extension; documented for compatibility with older pipelines).
 */
export type HashAlgorithm = 'hmac-sha256' | 'sha256';

/**
 * A column left unchanged that mentions people.
 */
export interface KeptColumn {
  /**
   * What was found in it, the column's entity first.
   */
  entities: EntityType[];
  /**
   * 0-based.
   */
  index: number;
  name: string;
}

export interface MarketerRisk {
  /**
   * The share of records re-identified on average.
   */
  average: number;
}

/**
 * The options of `Masker`, `preview`, `maskBytes` and `createMaskStream`,
 * as JavaScript passes them.
 */
export interface MaskOptions {
  /**
   * Accept rows whose number of fields differs from the first row's.
   */
  allowRagged?: boolean;
  /**
   * Digest the policy, the input and the output into the report's
   * `audit` (default false): with the counts, a record an auditor can
   * check without seeing the data.
   */
  audit?: boolean;
  /**
   * Start the output with a UTF-8 byte-order mark, which Excel needs to
   * read a CSV as UTF-8 (default false).
   */
  bom?: boolean;
  /**
   * The field delimiter, one ASCII character (`,` `;` `\t` `|` are
   * detected from the first lines when it is not given).
   */
  delimiter?: string;
  /**
   * How the bytes are read as text: `utf-8` (the default) or
   * `windows-1252` (also `cp1252`, `latin1`, `iso-8859-1`), as older
   * Excel saves "ANSI" files. The output is UTF-8.
   */
  encoding?: 'utf-8' | 'utf8' | 'windows-1252' | 'cp1252' | 'latin1' | 'iso-8859-1';
  /**
   * Neutralise cells a spreadsheet would run as formulas (default
   * false): those starting with `=`, `@`, tab or CR, or with `+`/`-`
   * and more than a number or phone number get a leading `'`.
   */
  escapeFormulas?: boolean;
  /**
   * Whether the first row names the columns; `"auto"` (the default)
   * decides from the data.
   */
  header?: boolean | 'auto';
  /**
   * The key of `hash` (its UTF-8 bytes, at least 16): every `hash`
   * needs one, whatever its algorithm.
   */
  key?: string;
  /**
   * The output's delimiter, one ASCII character (default: the input's);
   * `;` suits spreadsheets where the decimal separator is a comma.
   */
  outputDelimiter?: string;
  /**
   * Quasi-identifier columns (header names or `#N`) whose
   * re-identification risk, in the input and in the output, goes into
   * the audit record's `risk`; needs `audit`.
   */
  quasi?: string[];
  /**
   * How many rows are profiled (default 1000); with an `auto` policy
   * they are held in memory until classified, before output starts.
   */
  sampleRows?: number;
  /**
   * With `quasi`: a sensitive column, for l-diversity.
   */
  sensitive?: string;
}

/**
 * The privacy budget a `noise` column spent, as the policy set it.
 */
export interface NoiseBudget {
  /**
   * With `gaussian`.
   */
  delta?: number;
  epsilon: number;
  /**
   * `laplace` or `gaussian`.
   */
  mechanism: NoiseMechanism;
  sensitivity: number;
}

/**
 * The distribution of `noise`.
 * - 'laplace': Discrete Laplace, scale sensitivity/ε.
 * - 'gaussian': Discrete Gaussian, σ = sensitivity·sqrt(2 ln(1.25/δ))/ε.
 */
export type NoiseMechanism = 'laplace' | 'gaussian';

/**
 * Leave the cells as they are.
 */
export interface KeepOp {
  op: 'keep';
}

/**
 * Remove the column, header included.
 */
export interface DropOp {
  op: 'drop';
}

/**
 * Replace each non-empty cell with a label.
 */
export interface RedactOp {
  op: 'redact';
  /**
   * What the column holds, for the `[ENTITY]` label (default: what the
   * scanner or the header says).
   */
  entity?: EntityType;
  /**
   * The label (default `[ENTITY]` when the column's entity is known,
   * else `[REDACTED]`).
   */
  text?: string;
}

/**
 * Hide most of each value. Without `chars`, the mask fits the entity:
 * an email keeps its domain, a card its last four digits, separators
 * stay; a value of no known entity, or too short, is masked whole.
 */
export interface MaskOp {
  op: 'mask';
  /**
   * The masking character (default `*`).
   */
  char?: string;
  /**
   * Mask this many characters from the start (from the end with
   * `from_end`), as Presidio's mask operator does; at least 1. A count
   * never shows more than the entity's own mask: a value that is an
   * entity (the column's, or recognised in it) gets at least that
   * mask, and in a column of a known entity a value that is not that
   * entity is masked whole.
   */
  chars?: number;
  /**
   * What the column holds, for the mask's shape (default: what the
   * scanner or the header says, else judged value by value).
   */
  entity?: EntityType;
  /**
   * Count `chars` from the end of the value.
   */
  from_end?: boolean;
}

/**
 * Replace each value with a hex digest under the key (the `key` option,
 * at least 16 bytes, needed by every `hash` whatever its algorithm).
 * Equal values get equal pseudonyms in every column and file hashed
 * with that key, so tables still join.
 */
export interface HashOp {
  op: 'hash';
  /**
   * `hmac-sha256` (the default) or `sha256`.
   */
  algorithm?: HashAlgorithm;
  /**
   * Hex characters kept, 8 to 64 (default 16).
   */
  length?: number;
  /**
   * Derive a key of its own for this column (from the key and the
   * column's name), so equal values in two columns do not link.
   */
  per_column?: boolean;
}

/**
 * Replace each value with a token that names its entity and a number
 * (`PERSON_048213`), or with a realistic fake value of the same shape
 * (`"style": "surrogate"`), recorded in the vault so that an AI's
 * answer quoting it can be restored; needs the key, like `hash`. Equal
 * values get equal tokens in every column and file tokenized with that
 * key and vault.
 */
export interface TokenizeOp {
  op: 'tokenize';
  /**
   * The entity the token names (default: the column's, else
   * `VALUE`).
   */
  entity?: EntityType;
  /**
   * `token` (the default): `PERSON_048213`; `surrogate`: a fake value
   * of the entity's format (a name from the name lists, an email at
   * `example.com`, a fictional phone number, a test card number, ...).
   */
  style?: TokenStyle;
}

/**
 * Keep a coarser value: `"to": "year"` keeps a date's year (a value
 * without one is redacted); `"prefix"` keeps the first `chars` letters
 * and digits of a postcode (default 3) and masks the rest; `"band"`
 * puts a number in its band (`width`, or between `edges`; below `min`
 * and from `max` on, one band each: `<18`, `90+`); `"round"` rounds a
 * number to a multiple of `step`; `"month"`, `"quarter"` and `"week"`
 * keep that much of a date (ISO week). The number operators write an
 * empty cell for a value that is not a number (counted in the report);
 * the date ones `[DATE_TIME]` for a value that is no date.
 */
export interface GeneralizeOp {
  op: 'generalize';
  /**
   * With `prefix`: letters and digits kept, at least 1 (default: by
   * the postcode's shape: a UK outward code, a Canadian FSA, two of
   * four digits, three of five).
   */
  chars?: number;
  /**
   * With `band` instead of `width`: the bands' bounds, increasing.
   */
  edges?: number[];
  /**
   * With `month`, `quarter` or `week`: how the dates are written
   * (`%Y %m %d %H %M %S`, e.g. `%d/%m/%Y`); default ISO `%Y-%m-%d`,
   * a time after it allowed.
   */
  format?: string;
  /**
   * With `band`: values from it on become one band (top-coding).
   */
  max?: number;
  /**
   * With `band`: values below it become one band (bottom-coding).
   */
  min?: number;
  /**
   * With `round`: the step, above 0, at most 6 decimals.
   */
  step?: number;
  to: Generalization;
  /**
   * With `band`: the width of each band, above 0 (bands start at
   * `min`, else at 0).
   */
  width?: number;
}

/**
 * Add calibrated random noise to a number (differential privacy's
 * Laplace or Gaussian mechanism, sampled exactly on a grid; needs the
 * key). The same input, policy and key give the same noise.
 */
export interface NoiseOp {
  op: 'noise';
  /**
   * With `gaussian`: δ, above 0 and below 1.
   */
  delta?: number;
  /**
   * The privacy budget ε spent on this column, above 0.
   */
  epsilon: number;
  /**
   * Clamp the output to at most this.
   */
  max?: number;
  /**
   * `laplace` (ε-DP) or `gaussian` ((ε, δ)-DP, ε below 1).
   */
  mechanism: NoiseMechanism;
  /**
   * Clamp the output to at least this (post-processing; no cost).
   */
  min?: number;
  /**
   * How much one person can change a value (e.g. 1 for a count, the
   * cap for a capped income), above 0.
   */
  sensitivity: number;
  /**
   * The grid the output is on (default 1: whole numbers; 0.01 for
   * cents); at most 6 decimals.
   */
  step?: number;
}

/**
 * Move each date by a number of days drawn for its subject, the value
 * of another column of the row (`by`, e.g. a patient id), with the
 * key: one subject's dates all move together, in every row, column and
 * file masked with the same key and `days`, so the intervals between
 * them are kept. The offset is in `[-days, +days]`, never 0 unless
 * `allow_zero`. The date is written back in its own format; a value
 * that is no date becomes `[DATE_TIME]`.
 */
export interface DateShiftOp {
  op: 'date_shift';
  /**
   * Let a subject's offset be 0 (default false: every date moves).
   */
  allow_zero?: boolean;
  /**
   * The column whose value names the subject, by header or `#N`: its
   * value as read, even when that column is masked too.
   */
  by: string;
  /**
   * The largest shift in days, 1 to 36500.
   */
  days: number;
  /**
   * How the dates are written (`%Y %m %d %H %M %S`, e.g.
   * `%d/%m/%Y %H:%M`); default ISO `%Y-%m-%d`, a time after it kept.
   */
  format?: string;
}

/**
 * Keep the first `max` characters of each value (Unicode scalar
 * values, never part of one): caps free text. The report counts the
 * cells cut (`truncated`).
 */
export interface TruncateOp {
  op: 'truncate';
  /**
   * Characters kept, at least 1.
   */
  max: number;
}

/**
 * Keep the text but replace each piece of personal data in it with
 * `[ENTITY]`, or with its token (`"replace": "tokenize"`).
 */
export interface ScrubOp {
  op: 'scrub';
  /**
   * Replace only these kinds (built-in names or the policy's own);
   * every kind when not given.
   */
  entities?: EntityType[];
  /**
   * `label` (the default): `[ENTITY]`; `tokenize`: the piece's token,
   * as `tokenize` makes it (needs the key).
   */
  replace?: ScrubReplace;
  /**
   * With `"replace": "tokenize"`: `token` (the default) or
   * `surrogate`, as for `tokenize`.
   */
  style?: TokenStyle;
}

/**
 * What to do with the cells of one column.
 */
export type Op = KeepOp | DropOp | RedactOp | MaskOp | HashOp | TokenizeOp | GeneralizeOp | NoiseOp | DateShiftOp | TruncateOp | ScrubOp;

export interface OperatorInfo {
  description: string;
  name: 'keep' | 'drop' | 'redact' | 'mask' | 'hash' | 'tokenize' | 'generalize' | 'noise' | 'date_shift' | 'truncate' | 'scrub';
  /**
   * Whether it needs the key (a secret of 16+ bytes).
   */
  needsKey: boolean;
  params: ParamInfo[];
}

export interface ParamInfo {
  /**
   * What applies when the parameter is left out (null: it depends, as
   * the description says).
   */
  default: unknown;
  description: string;
  max?: number;
  min?: number;
  name: string;
  required: boolean;
  /**
   * Of an enum's values, those that make a whole operator with no other
   * parameter (when some need more, as `band` needs a width). For an
   * optional enum: the values other than the default that interfaces
   * offer as choices of their own (`tokenize` with style `surrogate`).
   */
  standalone?: string[];
  /**
   * `integer`, `number`, `numbers`, `boolean`, `string`, `char`, `enum`,
   * `entity` or `entities`.
   */
  type: string;
  values?: string[];
}

/**
 * A pii-mask policy: which operator each column of a CSV file gets.
 */
export interface Policy {
  /**
   * Where editors find this schema; pii-mask ignores it.
   */
  '$schema'?: string;
  /**
   * Apply the scanner's suggestion to every column the policy does not
   * list.
   */
  auto?: boolean;
  /**
   * The operator of each column the policy names: by its header, or as
   * `#N` for the column at 0-based index N.
   */
  columns?: Record<string, Op>;
  /**
   * The operator of the columns the policy does not list (unless `auto`);
   * `keep` when not given.
   */
  default?: Op;
  /**
   * With `auto`: the operator for the columns found to hold an entity
   * (built-in or declared), instead of the scanner's suggestion (text
   * the scanner scrubs stays scrubbed). The presets are written with it.
   */
  detected?: Record<string, Op>;
  /**
   * The user's own entities, by name, found in columns and text like the
   * built-in ones and nameable wherever an entity is.
   */
  entities?: Record<string, CustomEntity>;
  /**
   * Rules each row's original values must keep, and what happens to
   * rows that break them.
   */
  validate?: Validation;
  /**
   * The policy format's version: this is version 1.
   */
  version: 1;
}

/**
 * What `validatePolicy` returns.
 */
export interface PolicyValidation {
  /**
   * Whether the policy has no problem.
   */
  ok: boolean;
  /**
   * Every problem, in the order the policy's fields are read.
   */
  problems: Problem[];
}

/**
 * A named starting policy.
 */
export interface Preset {
  /**
   * The standard's items and how the policy meets each.
   */
  coverage: Coverage[];
  description: string;
  /**
   * What `--preset` takes, e.g. `hipaa-safe-harbor`.
   */
  name: string;
  /**
   * The policy, as JSON (a version-1 policy).
   */
  policy: unknown;
  title: string;
}

/**
 * The first rows of a file, original and masked side by side.
 */
export interface Preview {
  /**
   * The header row, if the file has one.
   */
  header: string[] | null;
  /**
   * Aligned with `original`, with a policy's `validate` section: the
   * rules each row breaks (`age:max;email:type`), empty for a good row.
   * A preview never fails for them; rows `drop` or `reject` would leave
   * out are shown but not in `output`.
   */
  invalid: string[];
  /**
   * Aligned with `original`: `None` where the column is dropped.
   */
  masked: (string | null)[][];
  original: string[][];
  /**
   * The masked rows (and header) as the masker writes them: what a
   * download of these rows would hold, for copying.
   */
  output: string;
  report: Report;
}

/**
 * One problem of a policy, for editors and forms.
 */
export interface Problem {
  /**
   * The error code: one of the `policy_*` codes.
   */
  code: ErrorCode;
  /**
   * Where: a JSON pointer such as `/columns/email/length` (`""` for the
   * policy as a whole).
   */
  field: string;
  /**
   * What is wrong, in words.
   */
  message: string;
}

/**
 * Records in classes smaller than 2, 5 and 10.
 */
export interface RecordsBelow {
  10: number;
  2: number;
  5: number;
}

/**
 * What a masker did: counts per column and entity, never a raw value.
 */
export interface Report {
  /**
   * With the `audit` option: what lets an auditor check the run without
   * seeing the data (digests of the policy, the input and the output).
   */
  audit?: Audit;
  columns: ReportColumn[];
  /**
   * The field delimiter, given or detected.
   */
  delimiter: string;
  /**
   * Pieces of personal data recognised, by entity: the spans `scrub`
   * replaced and the values `mask` shaped.
   */
  entities: Partial<Record<EntityType, number>>;
  /**
   * Whether the first row was read as a header.
   */
  header: boolean;
  /**
   * Whether that was decided from the data (the user did not say).
   */
  headerGuessed: boolean;
  /**
   * Columns left unchanged that mention people (event dates, countries,
   * or whatever the policy keeps on purpose), from the rows profiled.
   */
  kept: KeptColumn[];
  /**
   * Personal data seen in the output, in kept columns and in text left
   * after scrubbing, on rows sampled across the whole file. Dates and
   * places are listed under `kept` instead. Empty when nothing was seen.
   */
  residual: Residual[];
  /**
   * Rows the residual check looked at.
   */
  residualSampled: number;
  /**
   * Data rows written (the header not counted).
   */
  rows: number;
  /**
   * With a policy's `validate` section: what its rules found.
   */
  validation?: ValidationReport;
  /**
   * With `tokenize`: the vault's size, which grows with the distinct
   * values tokenized (the one part of masking that is not constant in
   * memory).
   */
  vault?: VaultStats;
  /**
   * What the user should know about the operators in force (a weak hash
   * algorithm, pseudonyms short enough to collide).
   */
  warnings: Warning[];
}

/**
 * What was done to one column.
 */
export interface ReportColumn {
  /**
   * Cells whose value changed (dropped columns: every non-empty cell).
   */
  changed: number;
  /**
   * What the column holds, if known (policy, header or scanner).
   */
  entity?: EntityType;
  /**
   * 0-based.
   */
  index: number;
  /**
   * The header name, or `#N`.
   */
  name: string;
  /**
   * With `noise`: the mechanism and the privacy budget this column spent.
   */
  noise?: NoiseBudget;
  /**
   * With `noise` or a number `generalize`: cells that were not numbers,
   * written empty.
   */
  notNumbers?: number;
  /**
   * The operator's name.
   */
  op: 'keep' | 'drop' | 'redact' | 'mask' | 'hash' | 'tokenize' | 'generalize' | 'noise' | 'date_shift' | 'truncate' | 'scrub';
  /**
   * With `truncate`: cells longer than `max`, cut.
   */
  truncated?: number;
}

/**
 * Personal data seen in the output.
 */
export interface Residual {
  /**
   * Sampled cells in which it was seen.
   */
  count: number;
  entity: EntityType;
  /**
   * The column, or none for cells beyond the header (ragged rows).
   */
  index: number | null;
  name: string;
}

/**
 * A policy resolved against a file.
 */
export interface Resolution {
  columns: ResolvedColumn[];
  /**
   * Whether masking with this policy needs a key.
   */
  needsKey: boolean;
}

/**
 * One column of a policy resolved against a file.
 */
export interface ResolvedColumn {
  index: number;
  /**
   * As shown to users: the header, or `#N`.
   */
  name: string;
  needsKey: boolean;
  /**
   * The operator that will run, with every parameter that has a default
   * filled in.
   */
  op: Op;
  /**
   * Where the operator comes from: `policy` (the column is named),
   * `suggested` (an `auto` policy took the scanner's choice) or
   * `default`.
   */
  source: string;
}

/**
 * What a restore did: counts, never a value.
 */
export interface RestoreReport {
  /**
   * A part of a surrogate name used alone (`Lindqvist`) that stands for
   * more than one original: left as it is, never guessed.
   */
  ambiguous: number;
  /**
   * Tokens and surrogates put back, by the entity they name.
   */
  restored: Record<string, number>;
  /**
   * Text shaped like a token of a known entity (`PERSON_123456`) that
   * the vault does not hold: left as it is.
   */
  unknown: number;
}

/**
 * The figures for one table.
 */
export interface Risk {
  /**
   * Equivalence classes (distinct quasi-identifier combinations).
   */
  classes: number;
  /**
   * Whether every class was counted (false: estimated, see `sampled`).
   */
  exact: boolean;
  /**
   * The smallest class: the table is k-anonymous for this k (0 when empty).
   */
  k: number;
  /**
   * Distinct l-diversity of the sensitive column; null without one.
   */
  l: number | null;
  /**
   * Sample classes the population table did not list (taken as their
   * sample size); null without a population.
   */
  populationMissing: number | null;
  /**
   * Data rows read.
   */
  records: number;
  /**
   * Records in classes smaller than 2, 5 and 10.
   */
  records_below: RecordsBelow;
  risk: Risks;
  /**
   * The share of classes the figures come from (1 when exact).
   */
  sampled: number;
  /**
   * With a target k: the least lossy generalisation of the
   * quasi-identifiers that reaches it, found on the input's values.
   */
  suggestion?: Suggestion;
  /**
   * The risk above which a record counts as at risk.
   */
  threshold: number;
}

/**
 * Before and after a policy.
 */
export interface RiskAssessment {
  /**
   * The figures of the input.
   */
  before: Risk;
  /**
   * Equivalence classes (distinct quasi-identifier combinations).
   */
  classes: number;
  /**
   * Whether every class was counted (false: estimated, see `sampled`).
   */
  exact: boolean;
  /**
   * The smallest class: the table is k-anonymous for this k (0 when empty).
   */
  k: number;
  /**
   * Distinct l-diversity of the sensitive column; null without one.
   */
  l: number | null;
  /**
   * Sample classes the population table did not list (taken as their
   * sample size); null without a population.
   */
  populationMissing: number | null;
  /**
   * Data rows read.
   */
  records: number;
  /**
   * Records in classes smaller than 2, 5 and 10.
   */
  records_below: RecordsBelow;
  risk: Risks;
  /**
   * The share of classes the figures come from (1 when exact).
   */
  sampled: number;
  /**
   * With a target k: the least lossy generalisation of the
   * quasi-identifiers that reaches it, found on the input's values.
   */
  suggestion?: Suggestion;
  /**
   * The risk above which a record counts as at risk.
   */
  threshold: number;
}

/**
 * The options of `RiskAnalyzer`, as JavaScript passes them.
 */
export interface RiskOptions {
  /**
   * Accept rows whose number of fields differs from the first row's.
   */
  allowRagged?: boolean;
  /**
   * The field delimiter, one ASCII character (detected when not given).
   */
  delimiter?: string;
  /**
   * How the bytes are read as text: `utf-8` (the default) or
   * `windows-1252`.
   */
  encoding?: 'utf-8' | 'utf8' | 'windows-1252' | 'cp1252' | 'latin1' | 'iso-8859-1';
  /**
   * Whether the first row names the columns; `"auto"` (the default)
   * decides from the data.
   */
  header?: boolean | 'auto';
  /**
   * The key of the policy's `hash` (UTF-8, at least 16 bytes).
   */
  key?: string;
  /**
   * Distinct combinations counted exactly (default 200000); beyond,
   * the figures are estimated from a share of them (`exact: false`).
   */
  maxClasses?: number;
  /**
   * The population's class sizes as CSV text: the quasi-identifier
   * columns and `count`. The journalist and marketer risks need it.
   */
  population?: string;
  /**
   * The quasi-identifier columns (what an attacker may know: age, birth
   * date, postcode, gender, ...), by header name or as `#N`.
   */
  quasi: string[];
  /**
   * A sensitive column, for l-diversity.
   */
  sensitive?: string;
  /**
   * Suggest the least lossy generalisation of the quasi-identifiers that
   * makes the table k-anonymous for this k (`suggestion`).
   */
  target?: number;
  /**
   * A record is at risk when its risk is above this (default 0.2).
   */
  threshold?: number;
}

export interface RiskSummary {
  /**
   * Share of records whose risk is above the threshold.
   */
  atRisk: number;
  /**
   * The share of records re-identified on average.
   */
  average: number;
  /**
   * The highest risk of any record.
   */
  highest: number;
}

/**
 * The three attacker models; journalist and marketer need a population.
 */
export interface Risks {
  journalist: RiskSummary | null;
  marketer: MarketerRisk | null;
  prosecutor: RiskSummary;
}

/**
 * One column: what it holds and what to do with it.
 */
export interface ScanColumn {
  /**
   * How sure the classification is, 0 to 1: the share of cells that hold
   * the entity, raised when the header agrees; 0.6 for a header alone.
   */
  confidence: number;
  /**
   * Entities seen, most common first, with the share of sampled
   * non-empty cells that hold them.
   */
  entities: EntityShare[];
  /**
   * The entity the whole column holds, if one does.
   */
  entity?: EntityType;
  /**
   * 0-based.
   */
  index: number;
  /**
   * The header, or `#N` without one.
   */
  name: string;
  /**
   * Whether it may single people out together with other columns (age,
   * birth date, postcode, town, gender, job, ...): a quasi-identifier to
   * measure re-identification risk with.
   */
  quasi: boolean;
  /**
   * The operator suggested for it.
   */
  suggested: Op;
}

/**
 * The options of `scan` and `Scanner`, as JavaScript passes them.
 */
export interface ScanOptions {
  /**
   * Accept rows whose number of fields differs from the first row's.
   */
  allowRagged?: boolean;
  /**
   * The field delimiter, one ASCII character (`,` `;` `\t` `|` are
   * detected from the first lines when it is not given).
   */
  delimiter?: string;
  /**
   * How the bytes are read as text: `utf-8` (the default) or
   * `windows-1252` (also `cp1252`, `latin1`, `iso-8859-1`).
   */
  encoding?: 'utf-8' | 'utf8' | 'windows-1252' | 'cp1252' | 'latin1' | 'iso-8859-1';
  /**
   * A policy's `entities`, to be found too.
   */
  entities?: Record<string, CustomEntity>;
  /**
   * Whether the first row names the columns; `"auto"` (the default)
   * decides from the data.
   */
  header?: boolean | 'auto';
  /**
   * How many data rows (from the top) are classified (default 1000);
   * all are counted.
   */
  sampleRows?: number;
}

/**
 * What the scanner found in a file.
 */
export interface ScanResult {
  columns: ScanColumn[];
  /**
   * The field delimiter, given or detected.
   */
  delimiter: string;
  /**
   * Whether the first row was read as a header.
   */
  header: boolean;
  /**
   * Whether that was decided from the data (the user did not say).
   */
  headerGuessed: boolean;
  /**
   * The first line holding a cell that is not valid UTF-8, if any: a
   * sign the file is in another encoding (often Windows-1252).
   */
  invalidUtf8Line: number | null;
  /**
   * Data rows (the header not counted).
   */
  rows: number;
  /**
   * Rows the classification looked at.
   */
  sampled: number;
}

/**
 * What `scrub` puts in place of each piece of personal data.
 * - 'label': `[ENTITY]`.
 * - 'tokenize': The piece's token (`PERSON_048213`), recorded in the vault.
 */
export type ScrubReplace = 'label' | 'tokenize';

/**
 * Where an [`EntityShare`] comes from.
 */
export type ShareSource = 'cells' | 'header';

export interface SuggestedColumn {
  /**
   * As the quasi-identifier was named.
   */
  column: string;
  /**
   * The rung on this column's ladder (0: kept).
   */
  level: number;
  /**
   * The ladder's height (its last rung drops the column).
   */
  levels: number;
  op: Op;
}

/**
 * Operators for the quasi-identifiers that reach a target k.
 */
export interface Suggestion {
  /**
   * One operator per quasi-identifier, in the order given.
   */
  columns: SuggestedColumn[];
  /**
   * Whether the search covered every candidate it had to (false: it was
   * stopped by its bounds, or the lattice was too large and was climbed
   * greedily, so a less lossy answer may exist).
   */
  complete: boolean;
  /**
   * k with the suggested operators.
   */
  k: number;
  /**
   * Sweeney's precision loss, 0 (every value kept) to 1 (every
   * quasi-identifier dropped).
   */
  loss: number;
  /**
   * Whether the suggested operators reach it (not when the table has
   * fewer records than the target, or the search stopped first).
   */
  reached: boolean;
  /**
   * The k asked for.
   */
  target: number;
  /**
   * Candidates whose k was computed.
   */
  tried: number;
}

/**
 * What `tokenize` (and `scrub` with `"replace": "tokenize"`) writes.
 * - 'token': A readable placeholder, `ENTITY_NNNNNN`.
 * - 'surrogate': A realistic, format-preserving fake value that is never one of the vault's original values.
 */
export type TokenStyle = 'token' | 'surrogate';

/**
 * The policy's `validate` section: rules per column, checked on the
 * original values before any operator.
 */
export interface Validation {
  /**
   * The rules of each column, by header name or `#N` (0-based).
   */
  columns?: Record<string, ValidationRules>;
  /**
   * With `flag`: the added column's name (default `_invalid`).
   */
  flag_column?: string;
  /**
   * With `reject`, the run stops at this many problems; in every mode,
   * the report lists this many and counts the rest (default 100, at
   * most 1000000).
   */
  max_problems?: number;
  /**
   * `reject` (the default), `drop` or `flag`.
   */
  mode?: ValidationMode;
}

/**
 * A `min` or `max`: a number, or a date written in the column's format.
 */
export type ValidationBound = number | string;

/**
 * What happens to rows that break a rule.
 * - 'reject': Fail the run (error `validation_failed`) at the first `max_problems` problems, or at the end of the file with those found.
 * - 'drop': Leave the bad rows out of the output and count them.
 * - 'flag': Keep every row and add a column naming the rules each row broke (`age:max;email:type`), empty for good rows.
 */
export type ValidationMode = 'reject' | 'drop' | 'flag';

/**
 * One broken rule: where, and which, never the value.
 */
export interface ValidationProblem {
  /**
   * The column as users see it: its header name, or `#N`.
   */
  column: string;
  /**
   * The 1-based input line the row starts on.
   */
  line: number;
  /**
   * The rule broken, as the policy names it: `required`, `type`, `min`,
   * `max`, `min_length`, `max_length`, `pattern`, `unique`.
   */
  rule: string;
}

/**
 * What the policy's validation rules found: where, never a value.
 */
export interface ValidationReport {
  /**
   * Rows left out of the output (`drop`).
   */
  dropped: number;
  /**
   * With `flag`: the name of the column added.
   */
  flagColumn?: string;
  /**
   * `reject`, `drop` or `flag`.
   */
  mode: ValidationMode;
  /**
   * The first problems (the policy's `max_problems`, default 100), in
   * input order.
   */
  problems: ValidationProblem[];
  /**
   * Problems found beyond those listed.
   */
  problemsNotListed: number;
  /**
   * Data rows checked.
   */
  rowsChecked: number;
  /**
   * Rows that broke at least one rule.
   */
  rowsFailed: number;
  /**
   * `unique` columns whose values were not all remembered (beyond
   * 4 million distinct values): a later copy of a value may be missed.
   */
  uniqueIncomplete: string[];
}

/**
 * The rules of one column. An empty cell breaks only `required`; the
 * other rules apply to non-empty cells.
 */
export interface ValidationRules {
  /**
   * With `"type": "date"`: the values' format, with `%Y` (4-digit year),
   * `%m`, `%d`, `%H`, `%M`, `%S` (2 digits each) and `%%`; default
   * `%Y-%m-%d`.
   */
  format?: string;
  /**
   * The greatest value, as `min`.
   */
  max?: ValidationBound;
  /**
   * The most characters.
   */
  max_length?: number;
  /**
   * The least value: a number with `integer` and `number`, a date in
   * the column's format with `date`.
   */
  min?: ValidationBound;
  /**
   * The fewest characters (Unicode scalar values).
   */
  min_length?: number;
  /**
   * A regular expression the whole value must match (linear time; ASCII
   * classes; at most 1000 bytes).
   */
  pattern?: string;
  /**
   * The cell must not be empty.
   */
  required?: boolean;
  /**
   * What every value must be (as written, no spaces around it).
   */
  type?: ValueType;
  /**
   * No two non-empty cells of the column may be equal (the second and
   * later copies break the rule).
   */
  unique?: boolean;
  /**
   * With `"type": "enum"`: the values allowed (exactly as written).
   */
  values?: string[];
}

/**
 * What a column's values must be.
 * - 'integer': Digits with an optional sign: `-12`, `+3`, `0042`.
 * - 'number': A decimal number: `-12.5`, `.5`, `1e3`.
 * - 'date': A date (or time) in the column's `format`, that exists in the calendar.
 * - 'email': An email address: `local@domain.tld`.
 * - 'enum': One of `values`.
 * - 'string': Any text (the length and pattern rules still apply).
 */
export type ValueType = 'integer' | 'number' | 'date' | 'email' | 'enum' | 'string';

/**
 * How big a vault is: its entries and their approximate memory.
 */
export interface VaultStats {
  /**
   * Bytes held: tokens, values and [`ENTRY_OVERHEAD`] per entry.
   */
  bytes: number;
  /**
   * Distinct tokens.
   */
  tokens: number;
}

/**
 * Something the user should know about the operators in force.
 */
export interface Warning {
  /**
   * Stable: `sha256_algorithm`, `short_hash`.
   */
  code: string;
  /**
   * The column it is about, if one.
   */
  column?: string;
  message: string;
}
