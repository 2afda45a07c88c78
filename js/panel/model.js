// The page's state and the transitions that change it: a file loaded and
// scanned, operators chosen (with undo), the key, the user's own entities,
// policies saved and loaded, the preview, a masking run. No DOM and no wasm
// import: the core's functions come in as `core` ({scan, preview, Scanner,
// find, catalogue, resolvePolicy, validatePolicy}), so node:test drives this
// module with the built package. The rules (operators, which need a key, how
// a policy applies to a file, what a key must be) are the core's: this asks.
// A file read in pieces goes to the core's streaming Scanner, which says
// when it has its sample; the preview takes the start with `complete: false`.
// `core.remote`, when given ({readSample, resolvePolicy, policyOps,
// validatePolicy, preview}, each async: core-client.js, a worker), reads
// every file, and settles a very wide file's choices and reads a policy for
// it, off the page's thread; an answer for choices or a file
// that have changed meanwhile is dropped. Its answers may leave out what the
// page does not read (resolvePolicy: only `needsKey`; a preview's report:
// not its columns).
//
// How a file is read: the scan reads the file as a stream until it has
// SAMPLE_ROWS data rows (or the end), however long their fields, so it
// classifies the columns from the same rows as the CLI does; a 10 GB file is
// understood as fast as a 1 MB one. The preview keeps whole records from the
// start (at least PREVIEW_ROWS of them, up to PREFIX bytes). The masking run
// streams the whole file through the worker, so an error past the sample
// shows up during the run, with its line number.

export const SAMPLE_ROWS = 1000; // data rows the scan classifies: the core's default, as the CLI samples
export const PREFIX = 1 << 20; // smaller files are read whole; bytes kept for the preview
const MAX_KEPT = 64 << 20; // the preview's rows stop here, however long they are
export const PREVIEW_ROWS = 20;
// Cells the preview asks the core for: a file thousands of columns wide gets
// fewer rows, so that neither the core nor the table takes minutes.
const PREVIEW_CELLS = 40_000;
// Columns the tables show at once; wider files are shown a page at a time.
export const PAGE_COLUMNS = 200;
// From this width on, the core takes long enough per call (about 3 s for
// 100,000 columns: it resolves and previews every column) that a change
// only marks the preview pending; the view calls settle() once the page has
// painted, so quick changes cost one call, not one each.
export const DEFER_COLUMNS = 2000;

// How the masked file is written for the program that opens it. Excel reads a
// CSV without a byte-order mark in the system's legacy code page (accents
// turn to mojibake), and splits fields on the list separator of the user's
// region: ',' in English, ';' where the comma is the decimal mark.
export const OUTPUT_FORMATS = {
  plain: { bom: false, delimiter: '', text: 'Any program (as the input)' },
  excel: { bom: true, delimiter: ',', text: 'Excel, fields split at commas' },
  'excel-semicolon': { bom: true, delimiter: ';', text: 'Excel, fields split at semicolons' },
};

/** "1 row", "2,000 rows". */
export function count(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/** "12.3 MB" style sizes (decimal units, as file managers show them). */
export function formatBytes(n) {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** A name the core reads as a column index (`#3`, `#+3`, `#03`): never a header's. */
const looksLikeIndex = (name) => /^#\+?[0-9]+$/.test(name);

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// What to do about an error, by its code (contract: structured errors). An
// error without a code is judged by where it happened.
const ADVICE = {
  file: 'Fix the file and load it again, or load another file. Nothing was written.',
  options: 'Change the CSV options above, or load another file. Nothing was written.',
  policy: 'Change the operators or load another policy. The file itself may be fine. Nothing was written.',
  key: 'Change the key under "Hash key". The file itself is fine. Nothing was written.',
  other: 'Try again, or reload the page. Nothing was written.',
};
const KINDS = {
  unclosed_quote: 'file',
  ragged_row: 'file',
  invalid_utf8: 'file',
  utf16_input: 'file',
  binary_input: 'file',
  validation_failed: 'file',
  missing_key: 'key',
  key_too_short: 'key',
  invalid_option: 'options',
  invalid_state: 'other',
};

/** What kind of problem `err` is ('file', 'policy', 'key', 'options', 'other') and what to do. */
export function errorAdvice(err, stage = 'load') {
  const code = err?.code;
  let kind = code ? (KINDS[code] ?? (code.startsWith('policy_') ? 'policy' : 'other')) : null;
  kind ??= { load: 'file', run: 'file', preview: 'policy' }[stage] ?? 'other';
  return { kind, hint: ADVICE[kind] };
}

/** Where the core placed `err` (its `code`, `line`, `column`, `field`), the fields it set. */
export function errorPlace(err) {
  const out = {};
  for (const k of ['code', 'line', 'column', 'field']) if (err?.[k] !== undefined) out[k] = err[k];
  return out;
}

/** A report's counts per entity, most first: [{type, n}]. */
export function entityCounts(report) {
  return Object.entries(report?.entities ?? {})
    .filter(([, n]) => n > 0)
    .map(([type, n]) => ({ type, n }))
    .sort((a, b) => b.n - a.n || a.type.localeCompare(b.type));
}

/** "89%", or "under 1%" for a share that rounds to nothing. */
export function shareText(share) {
  if (share > 0 && share < 0.005) return 'under 1%';
  return `${Math.round(share * 100)}%`;
}

/**
 * How the columns table shows what the scan says of one column: one chip
 * per entity, and how sure the scan is, in words about the detection, not
 * the risk. Nothing here re-decides the scan; it says what the numbers rest
 * on. An entity the header names and the cells cannot confirm comes with
 * `source: 'header'` and the count of cells that showed it: its chip says
 * "header", not "100%".
 */
export function describeColumn(col, sampled) {
  const c = col.confidence ?? 0;
  // How many of the sampled cells showed it, said in full (no tooltip: touch screens have none).
  const of = (n) => (sampled ? `${n.toLocaleString('en')} of ${count(sampled, 'sampled cell')}` : count(n, 'cell'));
  const chips = col.entities.map((e) =>
    e.source === 'header'
      ? { type: e.type, share: 0, cells: e.cells, header: true, text: e.cells > 0 ? `header, ${count(e.cells, 'cell')}` : 'header only', detail: of(e.cells) }
      : { type: e.type, share: e.share, cells: e.cells, text: shareText(e.share), detail: of(e.cells) },
  );
  const found = chips.length > 0;
  let level;
  let text;
  if (c >= 0.8) [level, text] = ['high', 'sure'];
  else if (c >= 0.5) [level, text] = ['medium', 'fairly sure'];
  else if (c > 0 || found || col.suggested?.op !== 'keep') [level, text] = ['low', 'unsure'];
  else [level, text] = ['none', 'nothing found'];
  const primary = col.entity ? chips.find((x) => x.type === col.entity) : null;
  let why = '';
  if (primary?.header) why = primary.cells > 0 ? 'the header, and a few cells' : 'from the header alone';
  else if (primary && c > primary.share + 0.005) why = 'the header agrees with the cells';
  else if (primary) why = 'from the cells';
  else if (found) why = 'found inside text';
  else if (level !== 'none') why = 'nothing found in the cells';
  return { chips, sure: { level, text, why, value: c } };
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Scans the start of `file` (a Blob), read as a stream until the scanner has
 * its sample (SAMPLE_ROWS data rows) or the file ends. Returns the
 * ScanResult, `rows` (its count, or an estimate of the file's), `read` (bytes
 * scanned), `complete` (the whole file was), and `prefix`: the first whole
 * records for the preview, `prefixComplete` when that is the whole file.
 */
export async function readSample(core, file, scanOpts, { onProgress = () => {}, stale = () => false } = {}) {
  if (file.size <= PREFIX) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = core.scan(bytes, scanOpts);
    return { result, rows: result.rows, read: bytes.length, complete: true, prefix: bytes, prefixComplete: true };
  }
  // The core's scanner says when it has its sample; what was read stops
  // there, and a record cut off at the end of the last piece is left out.
  const scanner = new core.Scanner({ ...scanOpts, sampleRows: SAMPLE_ROWS });
  const reader = file.stream().getReader();
  const kept = [];
  let keptLen = 0;
  let keeping = true;
  let read = 0;
  let complete = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      scanner.push(value);
      read += value.length;
      if (keeping) {
        kept.push(value);
        keptLen += value.length;
        keeping = keptLen < MAX_KEPT && (keptLen < PREFIX || scanner.rows() <= PREVIEW_ROWS);
      }
      if (scanner.hasSample()) break;
      if (stale()) throw new Error('another file was chosen');
      onProgress(read);
    }
    const result = scanner.finish(complete);
    // The rest of the file at the sample's rate (an estimate, shown as one).
    const rows = complete || read === 0 ? result.rows : Math.round((result.rows * file.size) / read);
    return { result, rows, read, complete, prefix: concat(kept), prefixComplete: complete && keptLen === read };
  } finally {
    scanner.free();
    reader.cancel().catch(() => {});
  }
}

/**
 * Streams the whole of `file` through the core's RiskAnalyzer: the risk of
 * the quasi-identifier columns in `options.quasi`, after `policy` (JSON text)
 * with the input's figures under `before`. `onProgress(bytes)` follows.
 */
export async function measureRisk(core, file, options, policy, { onProgress = () => {} } = {}) {
  const analyzer = new core.RiskAnalyzer(options, policy);
  const reader = file.stream().getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      analyzer.push(value);
      read += value.length;
      onProgress(read);
    }
    return analyzer.finish();
  } finally {
    analyzer.free();
    reader.cancel().catch(() => {});
  }
}

export class PageModel {
  /**
   * `core`: {scan, preview, Scanner, find, catalogue, resolvePolicy,
   * validatePolicy}; `randomKey()`: a new key; `schemaUrl`: the `$schema` of
   * saved policies (none when null).
   */
  constructor(core, { randomKey, schemaUrl = null }) {
    this.core = core;
    this.randomKey = randomKey;
    this.schemaUrl = schemaUrl; // policy.schema.json as the page serves it, for saved policies
    this.catalogue = core.catalogue();
    this.csvDefaults = { delimiter: '', header: 'auto', allowRagged: false, encoding: this.catalogue.encodings[0].label };
    this.csv = { ...this.csvDefaults }; // CSV options for the current file
    this.escapeFormulas = true;
    this.outputFormat = 'plain'; // a key of OUTPUT_FORMATS: an output option, not part of the policy
    this.file = null; // File or Blob with a name
    this.key = '';
    this.entities = {}; // the user's own entities, by name, as the policy declares them
    this.validate = null; // a loaded policy's `validate` section, kept as written (the core checks it)
    this.listeners = new Set();
    this.loadSeq = 0;
    this.settleSeq = 0; // bumped when the choices change: older answers of core.remote are dropped
    this.settling = null; // {seq, done}: the remote settle in flight
    this.clearFile();
  }

  /** Forget everything about the file: nothing of it may be shown any more. */
  clearFile() {
    this.settleSeq++;
    this.status = 'empty'; // empty | loading | scanned | error | running | done | cancelled
    this.error = null; // {message, title, kind, hint} and the core's code, line, column, field
    this.prefix = null; // Uint8Array: the first whole records, for the preview
    this.complete = false; // prefix is the whole file
    this.result = null; // ScanResult of the sample
    this.loaded = null; // {rows, read, complete}: what the load learnt of the file
    this.ops = []; // per column: an operator object
    this.resolution = null; // the core's resolvePolicy() of the chosen operators
    this.pending = false; // resolution and preview wait for settle() (a very wide file)
    this.history = []; // earlier `ops`, for undo
    this.preview = null; // {p, changed} | {paused} | {error} | {pending}
    this.output = null; // {blob, report, name, onDisk, secs} after a run
    this.run = null; // the running job's snapshot
    this.columnStart = 0; // first column of the page of columns shown
    this.notice = ''; // what changed on its own (a reset option), said once
  }

  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(what) {
    for (const fn of this.listeners) fn(what);
  }

  // ------------------------------------------------------------ loading

  /**
   * Reads and scans `file`. A new file starts from the default encoding (a
   * choice made for one file must not silently apply to the next); the same
   * file read again (an option changed) keeps the options. With `rescan` (the
   * user's own entities changed) the operators the user chose are kept.
   */
  async load(file, { rescan = false, onProgress } = {}) {
    const sameFile = file === this.file;
    const before = rescan && this.result ? { result: this.result, ops: this.ops } : null;
    this.cancel();
    const reset = !sameFile && this.csv.encoding !== this.csvDefaults.encoding;
    if (reset) this.csv.encoding = this.csvDefaults.encoding;
    this.clearFile();
    if (reset) this.notice = 'encoding';
    this.file = file;
    this.status = 'loading';
    const seq = ++this.loadSeq;
    this.emit('load');
    try {
      if (file.size === 0) throw new Error('the file is empty');
      const stale = () => seq !== this.loadSeq;
      const read = this.core.remote?.readSample ?? ((...args) => readSample(this.core, ...args));
      const got = await read(file, this.scanOptions(), { onProgress, stale });
      if (stale()) return false; // another file was chosen meanwhile
      if (got.result.columns.length === 0) throw new Error('no columns found: is this a CSV file?');
      this.prefix = got.prefix;
      this.complete = got.prefixComplete;
      this.result = got.result;
      this.loaded = { rows: got.rows, read: got.read, complete: got.complete };
      this.ops = got.result.columns.map((c, i) => keptChoice(before, got.result, i) ?? { ...c.suggested });
      if (!this.key) this.key = this.randomKey();
      this.status = 'scanned';
      if (this.core.remote && this.isWide) this.markPending();
      else {
        this.resolve();
        this.refreshPreview();
      }
      this.emit('scanned');
      await this.settleAsync();
      return true;
    } catch (e) {
      if (seq !== this.loadSeq) return false;
      this.clearFile();
      this.file = file; // changing a CSV option reads the same file again
      this.status = 'error';
      this.error = { message: `${file.name}: ${e.message}`, title: 'This file could not be read', ...errorAdvice(e, 'load'), ...errorPlace(e) };
      this.emit('error');
      return false;
    }
  }

  scanOptions() {
    const o = this.csv;
    const opts = { header: { auto: 'auto', yes: true, no: false }[o.header], allowRagged: o.allowRagged, encoding: o.encoding };
    if (o.delimiter) opts.delimiter = o.delimiter;
    if (Object.keys(this.entities).length) opts.entities = this.entities;
    return opts;
  }

  /** Sets a CSV option; true when the file must be read again. */
  setCsvOption(name, value) {
    if (this.csv[name] === value) return false;
    this.csv[name] = value;
    return this.file !== null;
  }

  // ------------------------------------------------------------ operators

  setOp(i, op) {
    if (same(this.ops[i], op)) return;
    this.setOps(this.ops.map((o, j) => (j === i ? op : o)));
  }

  /** Replaces every operator, keeping the old ones for undo. */
  setOps(ops) {
    if (same(ops, this.ops)) return;
    this.history.push(this.ops);
    this.ops = ops;
    this.changed();
  }

  undo() {
    if (!this.history.length) return;
    this.ops = this.history.pop();
    this.changed();
  }

  get canUndo() {
    return this.history.length > 0;
  }

  /** The scan's suggestions, for every column. */
  suggestions() {
    return this.result.columns.map((c) => ({ ...c.suggested }));
  }

  resetToSuggestions() {
    this.setOps(this.suggestions());
  }

  /** Columns the scan found personal data in. */
  personalColumns() {
    return this.result.columns.filter((c) => c.entities.length > 0 || c.entity).map((c) => c.index);
  }

  /** `op` for every column with personal data; the others stay as they are. */
  /**
   * Sets every column's operator from a preset (the core's catalogue), as
   * the core resolves it against this file's scan: one undo step. Returns
   * the preset.
   */
  async applyPreset(name) {
    const preset = this.catalogue.presets.find((p) => p.name === name);
    if (!preset) throw new Error(`no preset ${JSON.stringify(name)}`);
    const text = JSON.stringify(preset.policy);
    const opsFor = this.core.remote?.policyOps ?? ((policy, result) => this.core.resolvePolicy(policy, result).columns.map((c) => c.op));
    const ops = await opsFor(text, this.result);
    this.setOps(ops.map((op) => this.compact(op)));
    return preset;
  }

  applyToPersonal(op) {
    const on = new Set(this.personalColumns());
    this.setOps(this.ops.map((o, i) => (on.has(i) ? { ...op } : o)));
  }

  setKey(key) {
    if (key === this.key) return;
    this.key = key;
    this.changed();
  }

  setEscapeFormulas(on) {
    if (on === this.escapeFormulas) return;
    this.escapeFormulas = on;
    this.changed();
  }

  setOutputFormat(name) {
    if (!Object.hasOwn(OUTPUT_FORMATS, name)) throw new Error(`unknown output format ${name}`);
    if (name === this.outputFormat) return;
    this.outputFormat = name;
    this.changed();
  }

  /** The delimiter the masked file is written with. */
  get outputDelimiter() {
    return OUTPUT_FORMATS[this.outputFormat].delimiter || (this.result?.delimiter ?? ',');
  }

  /**
   * The choices changed: the preview follows (at once, or for a very wide
   * file when settle() is called), a finished run no longer matches them.
   */
  changed() {
    this.output = null;
    if (this.status === 'done' || this.status === 'cancelled') this.status = 'scanned';
    if (this.isWide) this.markPending();
    else {
      this.resolve();
      this.refreshPreview();
    }
    this.emit('changed');
  }

  /** A file wide enough that the core takes seconds per call. */
  get isWide() {
    return (this.result?.columns.length ?? 0) >= DEFER_COLUMNS;
  }

  markPending() {
    this.settleSeq++; // an answer in flight is for older choices
    this.pending = true;
    this.preview = { pending: true }; // nothing of the old choices stays on show
  }

  /** Whether the preview and resolution wait for settle(). */
  get isPending() {
    return this.pending === true;
  }

  /**
   * Brings a pending resolution and preview up to date at once, on this
   * thread (nothing to do when none is pending).
   */
  settle() {
    if (!this.pending) return;
    this.settleSeq++;
    this.pending = false;
    this.resolve();
    this.refreshPreview();
    this.emit('changed');
  }

  /**
   * settle(), through core.remote when there is one: resolves when the
   * answer for the current choices is in (or when newer choices made it
   * stale: the caller that needs them settled awaits settled()).
   */
  settleAsync() {
    if (!this.pending) return Promise.resolve();
    if (!this.core.remote) {
      this.settle();
      return Promise.resolve();
    }
    if (this.settling?.seq === this.settleSeq) return this.settling.done;
    const seq = ++this.settleSeq;
    const done = this.askRemote(seq);
    this.settling = { seq, done };
    return done;
  }

  /** Resolves once nothing is pending, however many changes come meanwhile. */
  async settled() {
    while (this.pending) await this.settleAsync();
  }

  async askRemote(seq) {
    const { remote } = this.core;
    const policy = this.policyJson();
    let resolution = null;
    let preview;
    try {
      resolution = await remote.resolvePolicy(policy, this.result);
      if (seq !== this.settleSeq) return;
      const p = await remote.preview(this.prefix, policy, this.maskOptions(resolution), this.previewRows(), this.complete);
      if (seq !== this.settleSeq) return;
      preview = this.previewOf(p);
    } catch (e) {
      if (seq !== this.settleSeq) return;
      preview = this.failedPreview(e);
    }
    this.pending = false;
    this.resolution = resolution;
    this.preview = preview;
    this.emit('changed');
  }

  /** The core's word on the chosen operators: per column what runs, and whether a key is needed. */
  resolve() {
    this.resolution = this.result ? this.core.resolvePolicy(this.policyJson(), this.result) : null;
  }

  get needsKey() {
    return this.resolution?.needsKey ?? false;
  }

  /** What is wrong with the key, in the core's words ('' when nothing is). */
  get keyProblem() {
    return this.preview?.paused ?? '';
  }

  // ------------------------------------------------------------ policy

  /** The policy's name for each column: its header when unique, else #i. */
  columnRefs() {
    const cols = this.result.columns;
    const seen = new Map();
    for (const c of cols) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
    return cols.map((c, i) => (!this.result.header || !c.name || looksLikeIndex(c.name) || seen.get(c.name) > 1 ? `#${i}` : c.name));
  }

  /**
   * The policy for the chosen operators, every column named (what the user
   * saves). Its columns object has no prototype, so a column named
   * `__proto__` is a column like any other.
   */
  policy({ sparse = false } = {}) {
    const columns = Object.create(null);
    const refs = this.columnRefs();
    this.ops.forEach((op, i) => {
      if (!sparse || op.op !== 'keep') columns[refs[i]] = op;
    });
    // `$schema`: where editors find the policy's JSON Schema (the core ignores it).
    const schema = !sparse && this.schemaUrl ? { $schema: this.schemaUrl } : {};
    const policy = { ...schema, version: this.catalogue.policyVersion, default: { op: 'keep' }, columns };
    if (Object.keys(this.entities).length) policy.entities = this.entities;
    if (this.validate) policy.validate = this.validate;
    return policy;
  }

  /**
   * The same policy for the core, as JSON text (read by serde, not through JS
   * objects), kept columns left to the default: a file 100,000 columns wide
   * then costs the core only its masked columns.
   */
  policyJson() {
    return JSON.stringify(this.policy({ sparse: true }));
  }

  /** Options for preview and masking: the scan's delimiter and header, so names agree with it. */
  maskOptions(resolution = this.resolution) {
    const scanned = this.scanOptions();
    const opts = { header: this.result?.header ?? scanned.header, allowRagged: scanned.allowRagged, encoding: scanned.encoding };
    const delimiter = this.result?.delimiter ?? scanned.delimiter;
    if (delimiter !== undefined) opts.delimiter = delimiter;
    if (resolution?.needsKey) opts.key = this.key;
    opts.escapeFormulas = this.escapeFormulas;
    const format = OUTPUT_FORMATS[this.outputFormat];
    if (format.bom) opts.bom = true;
    if (format.delimiter) opts.outputDelimiter = format.delimiter;
    return opts;
  }

  /**
   * The whole file's run digests input, output and policy for the audit
   * record; once risk was measured on this file, the record holds the risk
   * of the same quasi-identifiers before and after, measured in the run.
   */
  runOptions() {
    const opts = { ...this.maskOptions(), audit: true };
    if (this.risk?.file === this.file && this.risk.quasi.length > 0) {
      const refs = this.columnRefs();
      opts.quasi = this.risk.quasi.map((i) => refs[i]);
      if (this.risk.sensitive !== null) opts.sensitive = refs[this.risk.sensitive];
    }
    return opts;
  }

  /** The audit record of the last run: when, and its report with the digests. */
  auditRecord() {
    return this.output ? { time: this.output.finished, ...this.output.report } : null;
  }

  /**
   * Re-identification risk of the columns `quasi` (indexes), with `sensitive`
   * (an index or null) for l-diversity, before and after the current policy,
   * over the whole file. Kept in `this.risk` with the choices it measured.
   */
  async measureRisk(quasi, sensitive, { onProgress, target } = {}) {
    this.settle();
    const refs = this.columnRefs();
    const options = { ...this.maskOptions() };
    for (const k of ['escapeFormulas', 'bom', 'outputDelimiter']) delete options[k];
    options.quasi = quasi.map((i) => refs[i]);
    if (sensitive !== null) options.sensitive = refs[sensitive];
    if (target !== undefined) options.target = target;
    const policy = this.policyJson();
    const file = this.file;
    const run = this.core.remote?.measureRisk ?? ((...args) => measureRisk(this.core, ...args));
    const result = await run(file, options, policy, { onProgress });
    this.risk = { result, quasi, sensitive, policy, file };
    return result;
  }

  /**
   * Puts the last risk measure's suggestion (the least lossy generalisation
   * that reaches the target k) on its columns, as one undo step. False when
   * there is none to use.
   */
  applyRiskSuggestion() {
    const s = this.risk?.result?.suggestion;
    if (!s?.reached) return false;
    const refs = this.columnRefs();
    const ops = [...this.ops];
    for (const c of s.columns) {
      const i = refs.indexOf(c.column);
      if (i >= 0) ops[i] = c.op;
    }
    this.setOps(ops);
    return true;
  }

  /** Whether the last risk figures are for the file and policy chosen now. */
  get riskCurrent() {
    return this.risk != null && this.risk.file === this.file && this.risk.policy === this.policyJson();
  }

  /**
   * Takes a policy file's text as the core judges it: its problems, and its
   * columns against this file's (a column the file lacks is refused, as the
   * CLI refuses it). Throws the reason it is not taken. Returns its own
   * entities (the caller rescans with those) and `opsFor(result)`: the
   * operators the core resolves for a scan, defaults filled in.
   */
  readPolicy(text) {
    this.takePolicy(text, this.core.validatePolicy(text));
    const opsFor = (result) => this.core.resolvePolicy(text, result).columns.map((c) => this.compact(c.op));
    opsFor(this.result);
    return this.policyRead(text, opsFor);
  }

  /** readPolicy(), through core.remote for a very wide file; `opsFor` then resolves its answer. */
  async readPolicyAsync(text) {
    const { remote } = this.core;
    if (!remote || !this.isWide) return this.readPolicy(text);
    this.takePolicy(text, await remote.validatePolicy(text));
    const opsFor = async (result) => (await remote.policyOps(text, result)).map((op) => this.compact(op));
    await opsFor(this.result);
    return this.policyRead(text, opsFor);
  }

  /** Throws validatePolicy's problems, with what to change when it is the version. */
  takePolicy(text, { ok, problems }) {
    if (ok) return;
    const hint = problems.some((p) => p.code === 'policy_version') ? this.versionHint(text) : '';
    throw Object.assign(new Error(problems.map((p) => p.message).join('; ')), { code: problems[0].code, hint });
  }

  policyRead(text, opsFor) {
    const { entities = {}, validate = null } = JSON.parse(text);
    return { entities, validate, opsFor, entitiesChanged: !same(entities, this.entities) };
  }

  /** What to change in a policy file whose version the core refuses. */
  versionHint(text) {
    const v = this.catalogue.policyVersion;
    let version;
    try {
      version = JSON.parse(text).version;
    } catch {
      // validatePolicy said what is wrong with the JSON
    }
    const kept = 'The operators on this page are unchanged.';
    if (version === undefined) return `Add "version": ${v} to the policy file. ${kept}`;
    return (
      `This page reads policies of version ${v}. If the file was written for version ${v}'s format (see "Policies" in the README), ` +
      `change its "version" to ${v}; otherwise choose the operators here and save a new policy. ${kept}`
    );
  }

  /** `op` without the parameters the catalogue says are its defaults. */
  compact(op) {
    const params = this.catalogue.operators.find((o) => o.name === op.op)?.params ?? [];
    const isDefault = (k, v) => params.some((p) => p.name === k && p.default !== null && same(p.default, v));
    return Object.fromEntries(Object.entries(op).filter(([k, v]) => k === 'op' || !isDefault(k, v)));
  }

  /** The core's word on a set of declarations: throws its message, or returns. */
  checkEntities(entities) {
    try {
      this.core.scan('x\n1\n', { entities });
    } catch (e) {
      throw new Error(e.message.replace(/^options: /, ''));
    }
  }

  // ------------------------------------------------------------ preview

  /** Rows the preview shows: fewer for a very wide file. */
  previewRows() {
    const width = this.result?.columns.length ?? 1;
    return Math.max(2, Math.min(PREVIEW_ROWS, Math.floor(PREVIEW_CELLS / width)));
  }

  /** The core's preview of `limit` rows with the current choices (throws its error). */
  corePreview(limit) {
    this.settle();
    return this.core.preview(this.prefix, this.policyJson(), this.maskOptions(), limit, this.complete);
  }

  /** corePreview(), off the page's thread for a very wide file when core.remote is given. */
  async corePreviewAsync(limit) {
    if (!this.core.remote || !this.isWide) return this.corePreview(limit);
    await this.settled();
    return this.core.remote.preview(this.prefix, this.policyJson(), this.maskOptions(), limit, this.complete);
  }

  /** Computes the preview for the current choices; a paused or failed one shows nothing old. */
  refreshPreview() {
    if (!this.result) {
      this.preview = null;
      return;
    }
    try {
      this.preview = this.previewOf(this.corePreview(this.previewRows()));
    } catch (e) {
      this.preview = this.failedPreview(e);
    }
  }

  previewOf(p) {
    let changed = 0;
    p.original.forEach((row, r) => row.forEach((v, i) => (changed += p.masked[r]?.[i] != null && p.masked[r][i] !== v ? 1 : 0)));
    return { p, changed, findings: null };
  }

  /** A key the core refuses pauses the preview: nothing hashed with the old one stays. */
  failedPreview(e) {
    if (errorAdvice(e).kind === 'key') return { paused: `${e.message.replace(/^key: t/, 'T')}.` };
    return { error: { message: `${this.file.name}: ${e.message}`, title: 'The preview failed', ...errorAdvice(e, 'preview'), ...errorPlace(e) } };
  }

  /** Per preview row: whether the core finds personal data in any of its original cells. */
  rowFindings() {
    const pv = this.preview;
    if (!pv?.p) return [];
    if (!pv.findings) {
      const entities = Object.keys(this.entities).length ? this.entities : undefined;
      pv.findings = pv.p.original.map((row) => row.some((v) => v !== '' && this.core.find(v, entities).length > 0));
    }
    return pv.findings;
  }

  // ------------------------------------------------------------ run

  /**
   * A run starts: what it masks with is fixed now (policy, options, key,
   * formula escaping), whatever changes on the page while it runs.
   */
  startRun() {
    this.settle();
    const problem = this.keyProblem;
    if (problem) throw Object.assign(new Error(problem), { code: 'key_too_short' });
    this.output = null;
    this.error = null;
    const snapshot = { file: this.file, policy: this.policyJson(), options: this.runOptions(), name: `${this.baseName()}-masked.csv` };
    this.run = snapshot;
    this.status = 'running';
    this.emit('run');
    return snapshot;
  }

  /** Whether the page's choices are still those `snapshot` ran with. */
  matches(snapshot) {
    this.settle();
    return snapshot.file === this.file && snapshot.policy === this.policyJson() && same(snapshot.options, this.runOptions());
  }

  /** The run ended: its output is offered only when it matches what the page shows. */
  finishRun(snapshot, { report, blob, onDisk, secs }) {
    if (this.run !== snapshot) return;
    this.run = null;
    if (!this.matches(snapshot)) {
      this.status = 'scanned';
      this.notice = 'stale-run';
      this.emit('changed');
      return;
    }
    this.output = { blob, report, name: snapshot.name, onDisk, secs, finished: new Date().toISOString() };
    this.status = 'done';
    this.emit('done');
  }

  failRun(snapshot, e) {
    if (this.run !== snapshot) return;
    this.run = null;
    if (e.name === 'AbortError') {
      this.status = 'cancelled';
    } else {
      this.status = 'error';
      this.error = { message: `${snapshot.file.name}: ${e.message}`, title: 'Masking stopped', ...errorAdvice(e, 'run'), ...errorPlace(e) };
    }
    this.emit('run-ended');
  }

  cancel() {
    this.run = null;
  }

  baseName() {
    const name = this.file?.name ?? 'data.csv';
    return name.replace(/\.(csv|tsv|txt)$/i, '') || 'data';
  }
}

/**
 * On a rescan, the operator of column i when the user chose it (it differs
 * from the old suggestion) and the column is still the same; else undefined.
 */
function keptChoice(before, result, i) {
  const old = before?.result?.columns;
  if (!old || old.length !== result.columns.length || old[i].name !== result.columns[i].name) return undefined;
  const op = before.ops[i];
  return same(op, old[i].suggested) ? undefined : op;
}
