// Builds the page's tables from plain data. Every value from the file goes
// in through textContent (via el()), never as HTML.
import { describeColumn } from './model.js';

/**
 * What an operator select offers, from the core's catalogue: one choice per
 * operator, or one per value of a parameter it cannot do without (generalize
 * `to`: year, prefix). Each is {value, text, title, op}. An operator that
 * needs a value the select cannot give (noise: epsilon, sensitivity) is
 * written in a policy file instead.
 */
export function operatorChoices(catalogue) {
  const fillable = (o) => o.params.filter((p) => p.required && p.type !== 'enum').length === 0;
  return catalogue.operators.filter(fillable).flatMap((o) => {
    const split = o.params.find((p) => p.required && p.type === 'enum');
    if (split) return (split.standalone ?? split.values).map((v) => ({ value: `${o.name}:${v}`, text: `${o.name} to ${v}`, title: o.description, op: { op: o.name, [split.name]: v } }));
    // An optional setting the catalogue offers on its own: `tokenize (surrogate)`.
    const offered = o.params.filter((p) => !p.required && p.type === 'enum' && p.standalone);
    return [
      { value: o.name, text: o.name, title: o.description, op: { op: o.name } },
      ...offered.flatMap((p) => p.standalone.map((v) => ({ value: `${o.name}:${p.name}=${v}`, text: `${o.name} (${v})`, title: p.description, op: { op: o.name, [p.name]: v } }))),
    ];
  });
}

/**
 * The choice an operator object is: the one with exactly its fields, or
 * `CUSTOM` when none is (parameters the select cannot set, from a policy
 * file or the risk suggestion).
 */
export function choiceOf(op, choices) {
  // `entity` only says what the column holds; any other field the choice
  // lacks is a setting the select would lose.
  const extra = (c) => Object.keys(op).some((k) => k !== 'entity' && !(k in c.op));
  const hit = choices.find((c) => !extra(c) && Object.entries(c.op).every(([k, v]) => op[k] === v));
  return hit?.value ?? CUSTOM;
}

/** The select's value for an operator no choice is. */
export const CUSTOM = 'custom';

/**
 * Shows `op` in an operator select; an operator no choice is gets an option
 * of its own, described, which stays until another such operator is shown.
 */
export function showOp(select, op, choices) {
  const value = choiceOf(op, choices);
  if (value === CUSTOM) {
    select.querySelector(`option[value="${CUSTOM}"]`)?.remove();
    select.append(el('option', { value: CUSTOM }, describeOp(op)));
    select.customOp = op;
  }
  select.value = value;
  select.dataset.op = op.op;
}

/** An operator in a few words: `generalize to band (width 10, max 90)`. */
export function describeOp(op) {
  const rest = Object.entries(op).filter(([k]) => k !== 'op' && k !== 'to');
  const params = rest.length ? ` (${rest.map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(' ') : v}`).join(', ')})` : '';
  return `${op.op}${op.to ? ` to ${op.to}` : ''}${params}`;
}

/** The operator object for a choice. */
export const opOf = (value, choices) => ({ ...choices.find((c) => c.value === value).op });

/** An element with attributes (`class`, `data` = dataset) and text. */
export function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'data') Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The rows of the columns table for columns `range.start` to `range.end`:
 * name, entities with shares, how sure the scan is, and an operator select
 * offering `choices` (operatorChoices()).
 * `onChange(i, op)` is called with the chosen operator object when a select
 * changes. Entities named in `own` (the user's) are marked as such.
 */
export function columnRows(result, ops, choices, onChange, own = new Set(), range = { start: 0, end: result.columns.length }) {
  return result.columns.slice(range.start, range.end).map((col) => {
    const i = col.index;
    const { chips, sure } = describeColumn(col, result.sampled);
    const tr = el('tr', { data: { column: String(i) } });
    const th = el('th', { scope: 'row' });
    th.append(el('span', { class: 'col-name' }, col.name || `column ${i + 1}`));
    if (result.header) th.append(el('span', { class: 'col-index' }, `#${i}`));
    tr.append(th);

    const ents = el('td', { class: 'entities' });
    if (chips.length === 0) ents.append(el('span', { class: 'muted' }, '—'));
    for (const c of chips) {
      const item = el('span', { class: 'entity-item' });
      const chip = el('span', own.has(c.type) ? { class: 'entity own-entity', title: 'one of your own entities' } : { class: 'entity' });
      chip.append(el('span', { class: 'entity-type' }, c.type), el('span', { class: 'entity-share' }, ` ${c.text}`));
      // The count is text on the page, not a tooltip: touch screens show it too.
      item.append(chip, el('span', { class: 'entity-count' }, c.detail));
      ents.append(item);
    }
    tr.append(ents);

    const ct = el('td');
    const conf = el('span', { class: `conf conf-${sure.level}`, title: `confidence ${Math.round(sure.value * 100)}%` }, sure.text);
    ct.append(conf);
    if (sure.why) ct.append(el('span', { class: 'conf-why' }, sure.why));
    tr.append(ct);

    const opCell = el('td');
    const id = `op-${i}`;
    const label = el('label', { for: id, class: 'visually-hidden' }, `Operator for column ${col.name || i + 1}`);
    const select = el('select', { id, class: 'op-select', data: { column: col.name, index: String(i) } });
    for (const c of choices) select.append(el('option', { value: c.value, title: c.title }, c.text));
    showOp(select, ops[i], choices);
    select.addEventListener('change', () => {
      const op = select.value === CUSTOM ? select.customOp : opOf(select.value, choices);
      select.dataset.op = op.op;
      onChange(i, op);
    });
    // Filled from the preview's report: a kept column that mentions people.
    opCell.append(label, select, el('span', { class: 'kept-note' }));
    tr.append(opCell);
    return tr;
  });
}

// Longer cells are cut for display: laying out megabytes of text in a
// table cell would stall the tab, and the preview is for a glance.
const SHOWN_CHARS = 2000;

/** `text` as the preview shows it: at most SHOWN_CHARS characters. */
function shown(text) {
  if (text.length <= SHOWN_CHARS) return text;
  let cut = SHOWN_CHARS;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1])) cut--; // not half a surrogate pair
  return `${text.slice(0, cut)}… (${text.length.toLocaleString('en')} characters)`;
}

/**
 * The preview table for columns `view.start` to `view.end` and the rows
 * `view.rows` (indices): kept columns once, the others as an original |
 * masked pair; changed cells marked. A row's number is a button that opens
 * its cut cells; a click on a cell opens that one.
 */
export function previewTable(p, columns, ops, view = {}) {
  const { start = 0, end = columns.length, rows = p.original.map((_, r) => r) } = view;
  const shownCols = columns.slice(start, end);
  const thead = el('thead');
  const h1 = el('tr');
  const h2 = el('tr');
  h1.append(el('th', { rowspan: '2', scope: 'col', class: 'rownum' }, 'row'));
  for (const c of shownCols) {
    const i = c.index;
    const name = c.name || `column ${i + 1}`;
    if (ops[i] === 'keep') {
      const th = el('th', { rowspan: '2', scope: 'col' });
      th.append(el('span', { class: 'ph-name' }, name), el('span', { class: 'ph-op' }, 'keep'));
      h1.append(th);
    } else {
      const th = el('th', { colspan: '2', scope: 'colgroup', class: 'pair-head' });
      th.append(el('span', { class: 'ph-name' }, name), el('span', { class: `ph-op op-${ops[i]}` }, ops[i]));
      h1.append(th);
      h2.append(el('th', { scope: 'col', class: 'sub' }, 'original'), el('th', { scope: 'col', class: 'sub masked-sub' }, 'masked'));
    }
  }
  thead.append(h1, h2);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = p.original[r];
    const broken = p.invalid?.[r];
    const tr = el('tr', broken ? { data: { row: String(r), invalid: broken }, class: 'invalid', title: `Breaks ${broken.replaceAll(';', ', ')}` } : { data: { row: String(r) } });
    const num = el('th', { scope: 'row', class: 'rownum' });
    num.append(el('button', { type: 'button', class: 'rownum-btn', 'aria-expanded': 'false', 'aria-label': `Row ${r + 1}: show its cells in full` }, String(r + 1)));
    tr.append(num);
    for (const c of shownCols) {
      const i = c.index;
      const masked = p.masked[r]?.[i];
      // A short row (ragged input) has no cell here: nothing to show or mask.
      const absent = i >= row.length;
      const cell = (kind, text, cls = '') => {
        if (absent) {
          const td = el('td', { class: `cell missing ${cls}`, data: { col: String(i), kind } }, '—');
          td.append(el('span', { class: 'visually-hidden' }, ' no cell in this row'));
          return td;
        }
        return el('td', { class: `cell ${cls}`, data: { col: String(i), kind } }, shown(text));
      };
      if (ops[i] === 'keep') {
        tr.append(cell('kept', row[i]));
        continue;
      }
      tr.append(cell('original', row[i], 'orig'));
      if (absent) {
        tr.append(cell('masked', ''));
      } else if (masked === null || masked === undefined) {
        const td = el('td', { class: 'cell dropped', data: { col: String(i), kind: 'masked' } });
        td.append(el('span', { class: 'visually-hidden' }, 'dropped'));
        tr.append(td);
      } else {
        tr.append(cell('masked', masked, `masked${masked !== row[i] ? ' changed' : ''}`));
      }
    }
    tbody.append(tr);
  }
  return { thead, tbody };
}

/** The report as table parts: per column the operator and changed cells (the counts per entity are in the done summary). */
export function reportTable(report) {
  const thead = el('thead');
  const head = el('tr');
  for (const h of ['column', 'operator', 'cells changed']) head.append(el('th', { scope: 'col' }, h));
  thead.append(head);
  const tbody = el('tbody');
  for (const c of report.columns) {
    const tr = el('tr');
    tr.append(el('td', {}, c.name), el('td', {}, c.op), el('td', { class: 'num' }, c.changed.toLocaleString('en')));
    tbody.append(tr);
  }
  return [thead, tbody];
}
