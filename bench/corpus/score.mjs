#!/usr/bin/env node
// Scores the built package (pkg/) against a labelled corpus (corpus 1 from
// generate.mjs, or with --dir corpus 2 from ../corpus2/generate.sh,
// corpus 3 from ../corpus3/generate.mjs or corpus 4 from
// ../corpus4/generate.sh):
// column-level (scan) and span-level (find) precision, recall and F1 per
// entity, the distractor columns it flagged and the columns it missed, and
// what `mask --auto` does to each file: the personal values still in the
// output (leak count), the non-personal cells it left unchanged and which
// columns it protects. A benchmark, not a test: it always exits 0.
//
//   node bench/corpus/score.mjs [--dir DIR] [--pkg DIR] [--header labels|auto]
//                               [--headers as-is|blind|none]
//                               [--json] [--dictionary NAMES.txt] [--examples N]
//
// `--headers blind` replaces every file's header row by `col_1..col_N` before
// scan and mask (the labels stay); `--headers none` drops the header row and
// tells scan and mask `header: false`. Both measure what the values (and the
// neighbouring columns) alone tell: every PII column then counts as blind.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: join(HERE, 'out') },
    // Another build of the package (e.g. one made from an older commit).
    pkg: { type: 'string', default: join(HERE, '../../pkg') },
    // `labels`: tell scan and mask whether the file has a header, as the
    // labels say; `auto`: let the package decide (header: "auto").
    header: { type: 'string', default: 'labels' },
    // `as-is`: the files as generated; `blind`: every header replaced by
    // col_1..col_N; `none`: the header row dropped (scan/mask told so).
    headers: { type: 'string', default: 'as-is' },
    json: { type: 'boolean', default: false },
    dictionary: { type: 'string' },
    examples: { type: 'string', default: '3' },
  },
});
const pkgDir = resolve(args.pkg);
const { init, scan, find, maskBytes } = await import(pathToFileURL(join(pkgDir, 'index.js')).href);
if (!['as-is', 'blind', 'none'].includes(args.headers)) {
  console.error(`--headers ${args.headers}: want as-is, blind or none`);
  process.exit(2);
}
const headerOption = (labels) => (args.header === 'auto' ? 'auto' : labels.header !== false);
// What `mask --auto` runs: every column's suggested operator, hashing keyed.
const AUTO_POLICY = { version: 1, auto: true };
const KEY = 'corpus-score-key-0123456789abcdef';

// Names pii-mask might use for an entity the corpus labels differently. A
// prediction is renamed before it is compared; nothing else is forgiven.
const ALIASES = {
  SG_NRIC: 'SG_NRIC_FIN', SG_FIN: 'SG_NRIC_FIN', US_ABA_ROUTING: 'ABA_ROUTING_NUMBER',
  ABA_ROUTING: 'ABA_ROUTING_NUMBER', POSTAL_CODE: 'LOCATION', ZIP_CODE: 'LOCATION', US_ZIP: 'LOCATION',
  IN_AADHAR: 'IN_AADHAAR', UK_NI: 'UK_NINO', DE_STEUER_ID: 'DE_TAX_ID', IT_CF: 'IT_FISCAL_CODE',
  IBAN: 'IBAN_CODE', EMAIL: 'EMAIL_ADDRESS', PHONE: 'PHONE_NUMBER', CRYPTO_WALLET: 'CRYPTO',
};
const norm = (e) => (e == null ? null : ALIASES[e] ?? e);
// Passports and driving licences of any country match each other: corpus 2
// labels German, Dutch, French, ... passports, which a detector may name
// generically or by the one country it knows.
const family = (e) => (e == null ? null : /(^|_)PASSPORT$/.test(e) ? 'PASSPORT' : /(^|_)DRIVER_LICENSE$/.test(e) ? 'DRIVER_LICENSE' : e);
const sameEntity = (truth, pred) => truth !== null && family(truth) === family(pred);

// Columns that relate to people without identifying one by themselves (event
// times, states, countries): kept on purpose, so they are left out of the leak
// count and of the column-level flagged score. Corpus 2 says so per column
// (`identifying`); for corpus 1 it follows from the kind.
const NOT_IDENTIFYING_KINDS = new Set(['event_time', 'state', 'country', 'created_at']);
const identifying = (col) =>
  col.entity !== null && !col.free_text && (col.identifying ?? !NOT_IDENTIFYING_KINDS.has(col.kind));

// ----------------------------------------------------------- a tiny CSV reader

/** RFC 4180 records (quoted fields, doubled quotes, CRLF/LF), enough for our own files. */
function parseCsv(text, delimiter) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// -------------------------------------------------------------------- counting

class Tally {
  constructor() {
    this.by = new Map();
  }
  get(entity) {
    if (!this.by.has(entity)) this.by.set(entity, { tp: 0, fp: 0, fn: 0 });
    return this.by.get(entity);
  }
  add(entity, key, n = 1) {
    this.get(entity)[key] += n;
  }
  /** Per-entity rows, sorted by name, and the micro-averaged total. */
  rows() {
    const out = [...this.by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([entity, c]) => ({ entity, ...c, ...prf(c) }));
    const total = out.reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    return { entities: out, micro: { entity: 'micro average', ...total, ...prf(total) } };
  }
}

function prf({ tp, fp, fn }) {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? (tp + fp + fn === 0 ? null : 0) : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Greedy one-to-one matching of predicted spans to gold spans. */
function matchSpans(gold, pred, same) {
  const used = new Set();
  let tp = 0;
  const matchedGold = new Set();
  for (let g = 0; g < gold.length; g++) {
    for (let p = 0; p < pred.length; p++) {
      if (used.has(p) || !same(gold[g], pred[p])) continue;
      used.add(p);
      matchedGold.add(g);
      tp++;
      break;
    }
  }
  return { matchedGold, usedPred: used, tp };
}

const exact = (g, p) => sameEntity(g.entity, p.type) && g.start === p.start && g.end === p.end;
const overlap = (g, p) => sameEntity(g.entity, p.type) && p.start < g.end && g.start < p.end;

// A value counts as leaked when it stands in the output as itself, not inside
// a longer word or number (a postcode inside a hash is no leak).
const WORDISH = /[\p{L}\p{N}]/u;
function occurs(haystack, needle) {
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    const before = i > 0 ? haystack[i - 1] : '';
    const after = haystack[i + needle.length] ?? '';
    if (!(WORDISH.test(needle[0]) && WORDISH.test(before)) && !(WORDISH.test(needle.at(-1)) && WORDISH.test(after))) return true;
  }
  return false;
}

// ------------------------------------------------------- header modes

/** Where the first record ends: just past its line ending (quotes respected). */
function firstRecordEnd(text) {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') return i + 1;
    else if (!quoted && c === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * The file and labels as `--headers` wants them: unchanged, the header row
 * replaced by col_1..col_N, or dropped. In the blind and headerless modes
 * every PII column (not free text) counts as blind.
 */
function applyHeaders(labels, bytes) {
  if (args.headers === 'as-is') return { labels, bytes };
  const columns = labels.columns.map((c) => ({ ...c, blind: c.entity !== null && !c.free_text }));
  if (labels.header === false) return { labels: { ...labels, columns }, bytes };
  const text = bytes.toString('utf8');
  const end = firstRecordEnd(text);
  const rest = text.slice(end);
  if (args.headers === 'none') return { labels: { ...labels, columns, header: false }, bytes: Buffer.from(rest, 'utf8') };
  const width = parseCsv(text.slice(0, end), labels.delimiter)[0]?.length ?? labels.columns.length;
  const eol = text.slice(0, end).match(/\r?\n$|\r$/)?.[0] ?? '\n';
  const header = Array.from({ length: width }, (_, i) => `col_${i + 1}`).join(labels.delimiter) + eol;
  return { labels: { ...labels, columns }, bytes: Buffer.from(header + rest, 'utf8') };
}

// ------------------------------------------------------------------------ run

await init(readFileSync(join(pkgDir, 'pii_mask_bg.wasm')));
const dictionary = args.dictionary
  ? new Set(readFileSync(args.dictionary, 'utf8').split(/\r?\n/).map((s) => s.trim().toLowerCase()).filter(Boolean))
  : null;
const examplesN = Number(args.examples);

const columnTally = new Tally();
const exactTally = new Tally();
const overlapTally = new Tally();
const flaggedDistractors = [];
const wrongColumns = [];
const flaggedFreeText = [];
const spanMisses = new Map(); // entity -> examples of missed gold spans
const spanFalse = new Map(); // type -> examples of predicted spans that match nothing
const blind = { total: 0, found: 0 };
const leak = new Tally(); // per entity: tp = leaked, fn = masked (distinct values of 4+ characters)
const leakExamples = new Map();
const leakByFile = [];
const leakOnlyNonPersonal = []; // leaked values seen only in cells of non-personal columns
const unchanged = { cells: 0, same: 0, byColumn: [] };
const flagged = { tp: 0, fp: 0, fn: 0, distractors: 0, distractorsFlagged: 0, quasi: [], misses: [], falseAlarms: [] };
const maskFailures = [];
const personDict = { in: { tp: 0, n: 0 }, out: { tp: 0, n: 0 } };
let files = 0;
let cellsScanned = 0;

const labelFiles = readdirSync(args.dir).filter((f) => f.endsWith('.labels.json')).sort();
if (labelFiles.length === 0) {
  console.error(`no *.labels.json in ${args.dir}: generate the corpus first (bench/corpus/generate.mjs, bench/corpus2/generate.sh, bench/corpus3/generate.mjs or bench/corpus4/generate.sh)`);
  process.exit(0);
}

const pushExample = (map, key, value) => {
  if (!map.has(key)) map.set(key, []);
  const list = map.get(key);
  if (list.length < examplesN) list.push(value);
};

for (const lf of labelFiles) {
  const given = JSON.parse(readFileSync(join(args.dir, lf), 'utf8'));
  const { labels, bytes } = applyHeaders(given, readFileSync(join(args.dir, given.file)));
  const records = parseCsv(bytes.toString('utf8'), labels.delimiter);
  const first = labels.header === false ? 0 : 1; // the first data row among records
  const data = records.slice(first);
  files++;

  // Column level: the scanner's column entity against the label.
  let result;
  try {
    result = scan(new Uint8Array(bytes), { header: headerOption(labels) });
  } catch (e) {
    console.error(`${labels.file}: scan failed: ${e.message}`);
    continue;
  }
  for (const col of labels.columns) {
    const got = result.columns[col.index];
    const pred = norm(got?.entity ?? null);
    const truth = col.entity;
    const sample = () => data.map((r) => r[col.index]).filter((v) => v !== '').slice(0, examplesN);
    if (col.blind) {
      blind.total++;
      if (sameEntity(truth, pred)) blind.found++;
    }
    if (col.free_text) {
      if (pred !== null) {
        columnTally.add(pred, 'fp');
        flaggedFreeText.push({ file: labels.file, column: col.name, predicted: pred });
      }
      continue;
    }
    if (sameEntity(truth, pred)) columnTally.add(truth, 'tp');
    else {
      if (pred !== null) columnTally.add(pred, 'fp');
      if (truth !== null) columnTally.add(truth, 'fn');
      const entry = { file: labels.file, column: col.name, kind: col.kind, truth, predicted: pred, shares: got?.entities ?? [], examples: sample() };
      if (col.distractor || truth === null) {
        if (pred !== null) flaggedDistractors.push({ ...entry, distractor: !!col.distractor });
      } else wrongColumns.push(entry);
    }
  }

  // What `mask --auto` does to the file.
  scoreMask(labels, bytes, records, first, data);

  // Span level: find() on every cell of every free-text column.
  const goldByCell = new Map();
  const badSpans = labels.spans.filter((s) => (data[s.row]?.[s.column] ?? '').slice(s.start, s.end) !== s.text);
  if (badSpans.length) console.error(`${labels.file}: ${badSpans.length} labelled spans do not match their cell's text`);
  for (const s of labels.spans) {
    const key = `${s.row}:${s.column}`;
    if (!goldByCell.has(key)) goldByCell.set(key, []);
    goldByCell.get(key).push(s);
  }
  for (const col of labels.columns.filter((c) => c.free_text)) {
    for (let row = 0; row < data.length; row++) {
      const text = data[row][col.index] ?? '';
      const gold = goldByCell.get(`${row}:${col.index}`) ?? [];
      const pred = find(text).map((f) => ({ ...f, type: norm(f.type) }));
      cellsScanned++;
      for (const [tally, same, record] of [[exactTally, exact, false], [overlapTally, overlap, true]]) {
        const m = matchSpans(gold, pred, same);
        gold.forEach((g, i) => {
          if (m.matchedGold.has(i)) tally.add(g.entity, 'tp');
          else {
            tally.add(g.entity, 'fn');
            if (record) {
              const near = pred.filter((p) => p.start < g.end && g.start < p.end).map((p) => `${p.type}:${JSON.stringify(p.text)}`);
              pushExample(spanMisses, g.entity, { text: g.text, found_instead: near.join(' ') || '-' });
            }
          }
        });
        pred.forEach((p, i) => {
          if (m.usedPred.has(i)) return;
          tally.add(p.type, 'fp');
          if (record) pushExample(spanFalse, p.type, { text: p.text, in: text.length > 90 ? text.slice(Math.max(0, p.start - 30), p.end + 30) : text });
        });
        if (record && dictionary) {
          gold.forEach((g, i) => {
            if (g.entity !== 'PERSON') return;
            const tokens = g.text.toLowerCase().split(/[\s,]+/).filter(Boolean);
            const bucket = tokens.every((t) => dictionary.has(t)) ? personDict.in : personDict.out;
            bucket.n++;
            if (m.matchedGold.has(i)) bucket.tp++;
          });
        }
      }
    }
  }
}

function scoreMask(labels, bytes, records, first, data) {
  let output;
  let report;
  try {
    ({ output, report } = maskBytes(new Uint8Array(bytes), AUTO_POLICY, { key: KEY, header: headerOption(labels) }));
  } catch (e) {
    maskFailures.push({ file: labels.file, error: e.message });
    return;
  }
  const outRecords = parseCsv(Buffer.from(output).toString('utf8'), report.delimiter ?? labels.delimiter);
  const ops = new Map((report.columns ?? []).map((c) => [c.index, c.op]));
  const outIndex = new Map();
  let next = 0;
  for (let i = 0; i < Math.max(records[0]?.length ?? 0, labels.columns.length); i++) if (ops.get(i) !== 'drop') outIndex.set(i, next++);

  // Leak count: distinct labelled personal values of 4+ characters, searched in
  // the parsed output's cells (so CSV quoting does not hide one).
  const haystack = outRecords.map((r) => r.join('\u0001')).join('\n');
  // The same output without the cells of non-personal columns: a surname that
  // is also part of a kept company name counts as leaked all the same, but is
  // told apart in the report.
  const nonPersonalOut = new Set(labels.columns.filter((c) => c.entity === null && !c.free_text).map((c) => outIndex.get(c.index)));
  const personalSide = outRecords.map((r, i) => (i < first ? r : r.filter((_, o) => !nonPersonalOut.has(o))).join('\u0001')).join('\n');
  const values = new Map(); // value -> entity
  for (const col of labels.columns.filter(identifying)) {
    for (const row of data) {
      const v = row[col.index] ?? '';
      if ([...v].length >= 4 && !values.has(v)) values.set(v, col.entity);
    }
  }
  for (const s of labels.spans) if ([...s.text].length >= 4 && !values.has(s.text)) values.set(s.text, s.entity);
  let leaked = 0;
  for (const [value, entity] of values) {
    if (occurs(haystack, value)) {
      leaked++;
      leak.add(entity, 'tp');
      if (!occurs(personalSide, value)) leakOnlyNonPersonal.push({ file: labels.file, entity, value });
      pushExample(leakExamples, entity, { file: labels.file, value });
    } else leak.add(entity, 'fn');
  }
  leakByFile.push({ file: labels.file, leaked, total: values.size, header_used: report.header, header_labelled: labels.header !== false });

  // Non-personal columns: cells left as they were, row by row.
  for (const col of labels.columns.filter((c) => c.entity === null && !c.free_text)) {
    const out = outIndex.get(col.index);
    let same = 0;
    let cells = 0;
    for (let r = first; r < records.length; r++) {
      cells++;
      if (out !== undefined && (outRecords[r]?.[out] ?? null) === records[r][col.index]) same++;
    }
    unchanged.cells += cells;
    unchanged.same += same;
    if (same < cells) unchanged.byColumn.push({ file: labels.file, column: col.name, kind: col.kind, op: ops.get(col.index) ?? '?', changed: cells - same, cells });
  }

  // Column level, flagged: the operator --auto applied is not keep. Positive:
  // an identifying PII column, or a free-text column with labelled spans.
  const spanCols = new Set(labels.spans.map((s) => s.column));
  for (const col of labels.columns) {
    const op = ops.get(col.index) ?? 'keep';
    const isFlagged = op !== 'keep';
    if (col.entity !== null && !identifying(col) && !col.free_text) {
      if (isFlagged) flagged.quasi.push({ file: labels.file, column: col.name, kind: col.kind, op });
      continue;
    }
    const positive = col.free_text ? spanCols.has(col.index) : col.entity !== null;
    if (col.distractor) {
      flagged.distractors++;
      if (isFlagged) flagged.distractorsFlagged++;
    }
    if (positive && isFlagged) flagged.tp++;
    else if (positive) {
      flagged.fn++;
      flagged.misses.push({ file: labels.file, column: col.name, kind: col.kind, entity: col.entity ?? 'free text' });
    } else if (isFlagged) {
      flagged.fp++;
      flagged.falseAlarms.push({ file: labels.file, column: col.name, kind: col.kind, op, distractor: !!col.distractor });
    }
  }
}

// ---------------------------------------------------------------------- report

const leakRows = leak.rows();
const leakTotal = leakRows.micro.tp + leakRows.micro.fn;
const report = {
  files,
  header_option: args.header,
  ...(args.headers === 'as-is' ? {} : { headers: args.headers }),
  free_text_cells: cellsScanned,
  leak: {
    leaked: leakRows.micro.tp,
    distinct_values: leakTotal,
    share: leakTotal ? leakRows.micro.tp / leakTotal : null,
    by_entity: leakRows.entities.map((r) => ({ entity: r.entity, leaked: r.tp, distinct_values: r.tp + r.fn, share: r.tp / (r.tp + r.fn) })),
    by_file: leakByFile,
    only_in_non_personal_columns: { count: leakOnlyNonPersonal.length, examples: leakOnlyNonPersonal.slice(0, examplesN) },
    examples: Object.fromEntries(leakExamples),
  },
  non_personal_cells_unchanged: { ...unchanged, share: unchanged.cells ? unchanged.same / unchanged.cells : null },
  column_flagged: {
    ...prf(flagged),
    tp: flagged.tp, fp: flagged.fp, fn: flagged.fn,
    distractors: flagged.distractors,
    distractors_flagged: flagged.distractorsFlagged,
    distractor_share_flagged: flagged.distractors ? flagged.distractorsFlagged / flagged.distractors : null,
    not_identifying_flagged: flagged.quasi,
    missed: flagged.misses,
    false_alarms: flagged.falseAlarms,
  },
  mask_failures: maskFailures,
  column_level: columnTally.rows(),
  span_level_exact: exactTally.rows(),
  span_level_overlap: overlapTally.rows(),
  blind_header_columns: { ...blind, recall: blind.total ? blind.found / blind.total : null },
  flagged_distractor_columns: flaggedDistractors,
  flagged_free_text_columns: flaggedFreeText,
  missed_or_wrong_columns: wrongColumns,
  span_misses: Object.fromEntries(spanMisses),
  span_false_positives: Object.fromEntries(spanFalse),
  person_dictionary: dictionary
    ? {
        in_dictionary: { ...personDict.in, recall: personDict.in.n ? personDict.in.tp / personDict.in.n : null },
        not_in_dictionary: { ...personDict.out, recall: personDict.out.n ? personDict.out.tp / personDict.out.n : null },
      }
    : null,
};

if (args.json) {
  console.log(JSON.stringify(report, null, 1));
  process.exit(0);
}

const f = (x) => (x === null || x === undefined ? '–' : x.toFixed(3));
const cell = (s) => String(s).replaceAll('|', '\\|').replaceAll('\n', '⏎');
const clip = (s, n = 40) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function table(title, { entities, micro }) {
  console.log(`\n### ${title}\n`);
  console.log('| entity | TP | FP | FN | precision | recall | F1 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of [...entities, micro]) {
    const name = r === micro ? `**${r.entity}**` : r.entity;
    console.log(`| ${name} | ${r.tp} | ${r.fp} | ${r.fn} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} |`);
  }
}

function spanTable({ entities: ex }, { entities: ov }) {
  console.log('\n### Span level (find on free-text cells): exact and overlapping match\n');
  console.log('| entity | gold | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const byName = new Map(ov.map((r) => [r.entity, r]));
  for (const e of ex) {
    const o = byName.get(e.entity);
    console.log(`| ${e.entity} | ${e.tp + e.fn} | ${f(e.precision)} | ${f(e.recall)} | ${f(e.f1)} | ${f(o.precision)} | ${f(o.recall)} | ${f(o.f1)} |`);
  }
  const me = report.span_level_exact.micro;
  const mo = report.span_level_overlap.micro;
  console.log(`| **micro average** | ${me.tp + me.fn} | ${f(me.precision)} | ${f(me.recall)} | ${f(me.f1)} | ${f(mo.precision)} | ${f(mo.recall)} | ${f(mo.f1)} |`);
}

console.log(`## pii-mask on the labelled corpus (${files} files, ${cellsScanned} free-text cells, header: ${args.header}${args.headers === 'as-is' ? '' : `, headers: ${args.headers}`})`);

const pct = (x) => (x === null ? '–' : `${(100 * x).toFixed(2)}%`);
const L = report.leak;
const U = report.non_personal_cells_unchanged;
const C = report.column_flagged;
console.log('\n### Summary: `mask --auto`\n');
console.log('| measure | value |');
console.log('|---|---:|');
console.log(`| distinct personal values (4+ chars) leaked | ${L.leaked}/${L.distinct_values} (${pct(L.share)}) |`);
console.log(`| non-personal cells unchanged | ${U.same}/${U.cells} (${pct(U.share)}) |`);
console.log(`| columns flagged (op not keep): precision / recall / F1 | ${f(C.precision)} / ${f(C.recall)} / ${f(C.f1)} (TP ${C.tp}, FP ${C.fp}, FN ${C.fn}) |`);
console.log(`| distractor columns flagged | ${C.distractors_flagged}/${C.distractors} (${pct(C.distractor_share_flagged)}) |`);
console.log(`| span overlap F1 (micro) | ${f(report.span_level_overlap.micro.f1)} |`);
if (maskFailures.length) console.log(`\nmask failed on: ${maskFailures.map((m) => `${m.file} (${m.error})`).join('; ')}`);

console.log('\n### Leak count by entity (value found verbatim in the masked file)\n');
console.log('| entity | leaked | distinct values | share | examples |');
console.log('|---|---:|---:|---:|---|');
for (const r of L.by_entity) {
  const ex = (L.examples[r.entity] ?? []).map((e) => clip(e.value, 30)).join(' · ');
  console.log(`| ${r.entity} | ${r.leaked} | ${r.distinct_values} | ${pct(r.share)} | ${cell(ex || '–')} |`);
}
console.log(`| **all** | ${L.leaked} | ${L.distinct_values} | ${pct(L.share)} | |`);
if (L.only_in_non_personal_columns.count) {
  const o = L.only_in_non_personal_columns;
  console.log(`\nOf these, ${o.count} were found only in cells of non-personal columns (e.g. ${o.examples.map((e) => `${e.file}: ${JSON.stringify(e.value)}`).join(', ')}).`);
}
console.log(`\nBy file: ${L.by_file.map((b) => `${b.file} ${b.leaked}/${b.total}${b.header_used === undefined || b.header_used === b.header_labelled ? '' : b.header_used ? ' (first row taken as a header: wrong)' : ' (header taken as data: wrong)'}`).join(', ')}.`);
if (C.missed.length) console.log(`\nPersonal columns --auto keeps: ${C.missed.map((m) => `${m.file}:${m.column} (${m.entity})`).join(', ')}.`);
if (C.false_alarms.length) console.log(`\nNon-personal columns --auto changes: ${C.false_alarms.map((m) => `${m.file}:${m.column} (${m.kind}${m.distractor ? ', distractor' : ''}: ${m.op})`).join(', ')}.`);
if (C.not_identifying_flagged.length) console.log(`\nNot-identifying columns (times, states, countries) protected anyway, not scored: ${C.not_identifying_flagged.map((m) => `${m.file}:${m.column} (${m.op})`).join(', ')}.`);
table('Column level (scan): predicted `columns[i].entity` against the label', report.column_level);
console.log(`\nBlind-header PII columns found: ${blind.found}/${blind.total}.`);
spanTable(report.span_level_exact, report.span_level_overlap);

console.log(`\n### Distractor and non-PII columns flagged (should be none): ${flaggedDistractors.length}\n`);
if (flaggedDistractors.length) {
  console.log('| file | column | kind | flagged as | examples |');
  console.log('|---|---|---|---|---|');
  for (const d of flaggedDistractors) console.log(`| ${d.file} | ${cell(d.column)} | ${d.kind}${d.distractor ? ' (distractor)' : ''} | ${d.predicted} | ${cell(d.examples.map((e) => clip(e)).join(' · '))} |`);
}
if (flaggedFreeText.length) {
  console.log(`\nFree-text columns given a column entity: ${flaggedFreeText.map((c) => `${c.file}:${c.column}=${c.predicted}`).join(', ')}`);
}

console.log(`\n### PII columns missed or misclassified: ${wrongColumns.length}\n`);
if (wrongColumns.length) {
  console.log('| file | column | truth | predicted | top shares | examples |');
  console.log('|---|---|---|---|---|---|');
  for (const w of wrongColumns) {
    const shares = w.shares.slice(0, 2).map((s) => `${s.type} ${s.share.toFixed(2)}`).join(', ') || '–';
    console.log(`| ${w.file} | ${cell(w.column)} | ${w.truth} | ${w.predicted ?? '–'} | ${shares} | ${cell(w.examples.map((e) => clip(e)).join(' · '))} |`);
  }
}

console.log('\n### Span examples: missed (overlap) and false positives\n');
console.log('| entity | missed examples (found instead) | false-positive examples |');
console.log('|---|---|---|');
for (const e of [...new Set([...spanMisses.keys(), ...spanFalse.keys()])].sort()) {
  const miss = (spanMisses.get(e) ?? []).map((m) => `${clip(m.text, 30)} (${clip(m.found_instead, 30)})`).join(' · ');
  const fp = (spanFalse.get(e) ?? []).map((m) => `${clip(m.text, 30)}`).join(' · ');
  console.log(`| ${e} | ${cell(miss || '–')} | ${cell(fp || '–')} |`);
}

if (report.person_dictionary) {
  const { in_dictionary: i, not_in_dictionary: o } = report.person_dictionary;
  console.log('\n### PERSON span recall (overlap) by dictionary membership\n');
  console.log('| names | spans | found | recall |');
  console.log('|---|---:|---:|---:|');
  console.log(`| every token in the dictionary | ${i.n} | ${i.tp} | ${f(i.recall)} |`);
  console.log(`| some token not in it | ${o.n} | ${o.tp} | ${f(o.recall)} |`);
}
process.exit(0);
