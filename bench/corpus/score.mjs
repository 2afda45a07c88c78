#!/usr/bin/env node
// Scores the built package (pkg/) against the labelled corpus that
// generate.mjs wrote: column-level (scan) and span-level (find) precision,
// recall and F1 per entity, plus the distractor columns it flagged and the
// columns it missed. A benchmark, not a test: it always exits 0.
//
//   node bench/corpus/score.mjs [--dir DIR] [--json] [--dictionary NAMES.txt]
//                               [--examples N]

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { init, scan, find } from '../../pkg/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: join(HERE, 'out') },
    json: { type: 'boolean', default: false },
    dictionary: { type: 'string' },
    examples: { type: 'string', default: '3' },
  },
});

// Names pii-mask might use for an entity the corpus labels differently. A
// prediction is renamed before it is compared; nothing else is forgiven.
const ALIASES = {
  SG_NRIC: 'SG_NRIC_FIN', SG_FIN: 'SG_NRIC_FIN', US_ABA_ROUTING: 'ABA_ROUTING_NUMBER',
  ABA_ROUTING: 'ABA_ROUTING_NUMBER', POSTAL_CODE: 'LOCATION', ZIP_CODE: 'LOCATION', US_ZIP: 'LOCATION',
  IN_AADHAR: 'IN_AADHAAR', UK_NI: 'UK_NINO', DE_STEUER_ID: 'DE_TAX_ID', IT_CF: 'IT_FISCAL_CODE',
  IBAN: 'IBAN_CODE', EMAIL: 'EMAIL_ADDRESS', PHONE: 'PHONE_NUMBER', CRYPTO_WALLET: 'CRYPTO',
};
const norm = (e) => (e == null ? null : ALIASES[e] ?? e);

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

const exact = (g, p) => g.entity === p.type && g.start === p.start && g.end === p.end;
const overlap = (g, p) => g.entity === p.type && p.start < g.end && g.start < p.end;

// ------------------------------------------------------------------------ run

await init(readFileSync(join(HERE, '../../pkg/pii_mask_bg.wasm')));
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
const personDict = { in: { tp: 0, n: 0 }, out: { tp: 0, n: 0 } };
let files = 0;
let cellsScanned = 0;

const labelFiles = readdirSync(args.dir).filter((f) => f.endsWith('.labels.json')).sort();
if (labelFiles.length === 0) {
  console.error(`no *.labels.json in ${args.dir}: run node bench/corpus/generate.mjs first`);
  process.exit(0);
}

const pushExample = (map, key, value) => {
  if (!map.has(key)) map.set(key, []);
  const list = map.get(key);
  if (list.length < examplesN) list.push(value);
};

for (const lf of labelFiles) {
  const labels = JSON.parse(readFileSync(join(args.dir, lf), 'utf8'));
  const bytes = readFileSync(join(args.dir, labels.file));
  const records = parseCsv(bytes.toString('utf8'), labels.delimiter);
  const data = records.slice(1);
  files++;

  // Column level: the scanner's column entity against the label.
  let result;
  try {
    result = scan(new Uint8Array(bytes));
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
      if (pred === truth) blind.found++;
    }
    if (col.free_text) {
      if (pred !== null) {
        columnTally.add(pred, 'fp');
        flaggedFreeText.push({ file: labels.file, column: col.name, predicted: pred });
      }
      continue;
    }
    if (truth !== null && pred === truth) columnTally.add(truth, 'tp');
    else {
      if (pred !== null) columnTally.add(pred, 'fp');
      if (truth !== null) columnTally.add(truth, 'fn');
      const entry = { file: labels.file, column: col.name, kind: col.kind, truth, predicted: pred, shares: got?.entities ?? [], examples: sample() };
      if (col.distractor || truth === null) {
        if (pred !== null) flaggedDistractors.push({ ...entry, distractor: !!col.distractor });
      } else wrongColumns.push(entry);
    }
  }

  // Span level: find() on every cell of every free-text column.
  const goldByCell = new Map();
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

// ---------------------------------------------------------------------- report

const report = {
  files,
  free_text_cells: cellsScanned,
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

console.log(`## pii-mask on the labelled corpus (${files} files, ${cellsScanned} free-text cells)`);
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
