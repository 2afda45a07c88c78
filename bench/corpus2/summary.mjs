#!/usr/bin/env node
// Puts the `score.mjs --json` reports of several runs (both corpora, before and
// after) side by side as markdown tables: the measures issue 9's "Done when"
// names, the leak count by entity and span overlap F1 by entity.
//
//   node bench/corpus2/summary.mjs "corpus 1=c1.json" "corpus 2=c2.json" ...

import { readFileSync } from 'node:fs';

const runs = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  return { name: arg.slice(0, at), r: JSON.parse(readFileSync(arg.slice(at + 1), 'utf8')) };
});
if (runs.length === 0) {
  console.error('usage: summary.mjs NAME=report.json ...');
  process.exit(0);
}

const f3 = (x) => (x === null || x === undefined ? '–' : x.toFixed(3));
const pct = (x) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(2)}%`);
const row = (label, cells) => console.log(`| ${label} | ${cells.join(' | ')} |`);
const head = (first) => {
  row(first, runs.map((x) => x.name));
  console.log(`|---|${runs.map(() => '---:').join('|')}|`);
};

function worstBut(r, except) {
  const rows = r.span_level_overlap.entities.filter((e) => e.entity !== except && e.tp + e.fn > 0);
  if (rows.length === 0) return '–';
  const w = rows.reduce((a, b) => ((b.f1 ?? 0) < (a.f1 ?? 0) ? b : a));
  return `${f3(w.f1)} (${w.entity})`;
}

head('measure (target)');
row('personal values leaked (≤ 1%)', runs.map(({ r }) => `${pct(r.leak.share)} (${r.leak.leaked}/${r.leak.distinct_values})`));
row('non-personal cells unchanged (≥ 97%)', runs.map(({ r }) => pct(r.non_personal_cells_unchanged.share)));
row('columns flagged: F1 (≥ 0.97)', runs.map(({ r }) => `${f3(r.column_flagged.f1)} (P ${f3(r.column_flagged.precision)}, R ${f3(r.column_flagged.recall)})`));
row('distractor columns flagged (≤ 2%)', runs.map(({ r }) => `${pct(r.column_flagged.distractor_share_flagged)} (${r.column_flagged.distractors_flagged}/${r.column_flagged.distractors})`));
row('span overlap F1, micro (≥ 0.93)', runs.map(({ r }) => f3(r.span_level_overlap.micro.f1)));
row('span overlap F1, PERSON (≥ 0.9)', runs.map(({ r }) => f3(r.span_level_overlap.entities.find((e) => e.entity === 'PERSON')?.f1)));
row('span overlap F1, worst other entity (≥ 0.93)', runs.map(({ r }) => worstBut(r, 'PERSON')));
row('column entity F1 (scan), micro', runs.map(({ r }) => f3(r.column_level.micro.f1)));
row('blind-header PII columns found', runs.map(({ r }) => `${r.blind_header_columns.found}/${r.blind_header_columns.total}`));

const entities = (pick) => [...new Set(runs.flatMap(({ r }) => pick(r).map((e) => e.entity)))].sort();

console.log('\nLeak count by entity: distinct values of 4+ characters found in the `--auto` output.\n');
head('entity');
for (const e of entities((r) => r.leak.by_entity)) {
  row(e, runs.map(({ r }) => {
    const x = r.leak.by_entity.find((b) => b.entity === e);
    return x ? `${x.leaked}/${x.distinct_values}` : '';
  }));
}

console.log('\nSpan overlap F1 by entity (gold spans in parentheses).\n');
head('entity');
for (const e of entities((r) => r.span_level_overlap.entities)) {
  row(e, runs.map(({ r }) => {
    const x = r.span_level_overlap.entities.find((b) => b.entity === e);
    return x ? `${f3(x.f1)} (${x.tp + x.fn})` : '';
  }));
}
