// Builds the page's tables from plain data. Every value from the file goes
// in through textContent (via el()), never as HTML.

// What the operator select offers. An option's value is the operator's name,
// and for generalize also what it keeps (generalize:year).
const CHOICES = [
  ['keep', 'keep'],
  ['drop', 'drop column'],
  ['redact', 'redact'],
  ['mask', 'mask'],
  ['hash', 'hash (keyed)'],
  ['generalize:year', 'generalize: date to year'],
  ['generalize:prefix', 'generalize: postcode start'],
  ['scrub', 'scrub text'],
];

/** The select's value for an operator object. */
export const choiceOf = (op) => (op.op === 'generalize' ? `generalize:${op.to}` : op.op);

/** The operator object for a select value. */
export function opOf(choice) {
  const [op, to] = choice.split(':');
  return to ? { op, to } : { op };
}

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

/** A cue from the scanner's confidence in the column's classification. */
export function confidence(col) {
  const c = col.confidence ?? 0;
  if (c === 0) return { level: 'none', text: 'nothing found' };
  if (c >= 0.8) return { level: 'high', text: 'high' };
  if (c >= 0.5) return { level: 'medium', text: 'medium' };
  return { level: 'low', text: 'low' };
}

/**
 * The rows of the columns table: name, entities with shares, confidence and
 * an operator select. `onChange(i, op)` is called with the chosen operator
 * object when a select changes. Entities named in `own` (the user's) are
 * marked as such.
 */
export function columnRows(result, ops, onChange, own = new Set()) {
  return result.columns.map((col, i) => {
    const tr = el('tr', { data: { column: String(i) } });
    const th = el('th', { scope: 'row' });
    th.append(el('span', { class: 'col-name' }, col.name || `column ${i + 1}`));
    if (result.header) th.append(el('span', { class: 'col-index' }, `#${i}`));
    tr.append(th);

    const ents = el('td', { class: 'entities' });
    if (col.entities.length === 0) ents.append(el('span', { class: 'muted' }, '—'));
    for (const e of col.entities) {
      const chip = el('span', own.has(e.type) ? { class: 'entity own-entity', title: 'one of your own entities' } : { class: 'entity' });
      chip.append(el('span', { class: 'entity-type' }, e.type), el('span', { class: 'entity-share' }, ` ${Math.round(e.share * 100)}%`));
      ents.append(chip);
    }
    tr.append(ents);

    const conf = confidence(col);
    const ct = el('td');
    ct.append(el('span', { class: `conf conf-${conf.level}` }, conf.text));
    tr.append(ct);

    const opCell = el('td');
    const id = `op-${i}`;
    const label = el('label', { for: id, class: 'visually-hidden' }, `Operator for column ${col.name || i + 1}`);
    const select = el('select', { id, class: 'op-select', data: { column: col.name, index: String(i) } });
    for (const [value, text] of CHOICES) select.append(el('option', { value }, text));
    select.value = choiceOf(ops[i]);
    select.dataset.op = ops[i].op;
    select.addEventListener('change', () => {
      const op = opOf(select.value);
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
 * The preview table: kept columns once, the others as an original | masked
 * pair; changed cells marked. Returns {thead, tbody, changed}.
 */
export function previewTable(p, columns, ops) {
  const thead = el('thead');
  const h1 = el('tr');
  const h2 = el('tr');
  h1.append(el('th', { rowspan: '2', scope: 'col', class: 'rownum' }, 'row'));
  columns.forEach((c, i) => {
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
  });
  thead.append(h1, h2);
  const tbody = el('tbody');
  let changed = 0;
  p.original.forEach((row, r) => {
    const tr = el('tr');
    tr.append(el('td', { class: 'rownum' }, String(r + 1)));
    columns.forEach((_, i) => {
      const orig = row[i] ?? '';
      const masked = p.masked[r]?.[i];
      if (ops[i] === 'keep') {
        tr.append(el('td', { class: 'cell', data: { col: String(i), kind: 'kept' }, title: shown(orig) }, shown(orig)));
        return;
      }
      tr.append(el('td', { class: 'cell orig', data: { col: String(i), kind: 'original' }, title: shown(orig) }, shown(orig)));
      if (i >= row.length) {
        // A short row (ragged input) has no cell here: nothing to mask.
        const td = el('td', { class: 'cell missing', data: { col: String(i), kind: 'masked' } });
        td.append(el('span', { class: 'visually-hidden' }, 'no cell in this row'));
        tr.append(td);
      } else if (masked === null || masked === undefined) {
        const td = el('td', { class: 'cell dropped', data: { col: String(i), kind: 'masked' } });
        td.append(el('span', { class: 'visually-hidden' }, 'dropped'));
        tr.append(td);
      } else {
        const isChanged = masked !== orig;
        if (isChanged) changed++;
        tr.append(el('td', { class: `cell masked${isChanged ? ' changed' : ''}`, data: { col: String(i), kind: 'masked' }, title: shown(masked) }, shown(masked)));
      }
    });
    tbody.append(tr);
  });
  return { thead, tbody, changed };
}

/** The report as table parts: per column the operator and changed cells. */
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
  const tfoot = el('tfoot');
  const ents = Object.entries(report.entities ?? {});
  if (ents.length) {
    const tr = el('tr');
    tr.append(el('td', { colspan: '3' }, `Found: ${ents.map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`));
    tfoot.append(tr);
  }
  return [thead, tbody, tfoot];
}
