// The pii-mask page: load a CSV, show what personal data its columns hold,
// let the user pick an operator per column, preview, then mask the whole file
// in a Web Worker and hand back the result. Everything happens in this tab.
//
// How a file is read: the scan reads the file as a stream until it has
// SAMPLE_ROWS data rows (or the end), however long their fields, so it
// classifies the columns from the same rows as the CLI does; a 10 GB file is
// understood as fast as a 1 MB one. The preview keeps whole records from the
// start (at least PREVIEW_ROWS of them, up to PREFIX bytes). The masking run
// streams the whole file (File.stream()) through the worker. An error past
// the sample therefore shows up during the run, with its line number, like
// one in the sample does at load time.
//
// Cell text is only ever put into the page with textContent.
import { init, scan, preview, Scanner } from './pkg/index.js';
import { RecordEnds, toCsv, formatBytes } from './csv.js';
import { maskFile } from './mask-job.js';
import { downloadBlob, saveJson } from './save.js';
import { choiceOf, columnRows, el, previewTable, reportTable } from './tables.js';

const SAMPLE_ROWS = 1000; // data rows the scan classifies: the core's default, as the CLI samples
const PREFIX = 1 << 20; // smaller files are read whole; bytes kept for the preview
const MAX_KEPT = 64 << 20; // the preview's rows stop here, however long they are
const PREVIEW_ROWS = 20;

const $ = (id) => document.getElementById(id);

const state = {
  file: null, // File or Blob with a name
  prefix: null, // Uint8Array: the first whole records, for the preview
  complete: false, // prefix is the whole file
  result: null, // ScanResult of the sample
  ops: [], // per column: an operator object
  key: '',
  job: null, // AbortController of a running job
  output: null, // {blob, report, name} after a run
  entities: {}, // the user's own entities, by name, as the policy declares them
  editing: null, // the name of the entity in the form, when editing one
  timing: {},
};
// For tests and benchmarks: timings of the last load and run.
window.__piiMask = state.timing;

// ---------------------------------------------------------------- helpers

/** "1 row", "2,000 rows". */
function count(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function csvOptions() {
  const d = $('opt-delimiter').value;
  return {
    delimiter: d === 'tab' ? '\t' : d || undefined,
    header: { auto: 'auto', yes: true, no: false }[$('opt-header').value],
    allowRagged: $('opt-ragged').checked,
    encoding: $('opt-encoding').value,
  };
}

/**
 * Options for preview and masking: the delimiter and header the scan used
 * (so the column names agree with its result), the key.
 */
function maskOptions() {
  const o = csvOptions();
  const opts = { header: state.result?.header ?? o.header, allowRagged: o.allowRagged, encoding: o.encoding, delimiter: state.result?.delimiter ?? o.delimiter };
  if (opts.delimiter === undefined) delete opts.delimiter;
  if (needsKey()) opts.key = state.key;
  opts.escapeFormulas = $('escape-formulas').checked;
  return opts;
}

function needsKey() {
  return state.ops.some((op) => op.op === 'hash');
}

function keyProblem() {
  const n = new TextEncoder().encode(state.key).length;
  return n < 16 ? `The key must be at least 16 bytes; this one has ${n}.` : '';
}

/** A name the core reads as a column index (`#3`, `#+3`, `#03`): never a header's. */
const looksLikeIndex = (name) => /^#\+?[0-9]+$/.test(name);

/** The policy's name for column i: its header when unique, else #i. */
function columnRef(i) {
  const cols = state.result.columns;
  const name = cols[i].name;
  if (!state.result.header || !name || looksLikeIndex(name)) return `#${i}`;
  return cols.filter((c) => c.name === name).length === 1 ? name : `#${i}`;
}

/**
 * The policy for the chosen operators. Its columns object has no prototype,
 * so a column named `__proto__` is a column like any other. Into the core it
 * goes as JSON text (policyJson), read by serde, not through JS objects.
 */
function currentPolicy() {
  const columns = Object.create(null);
  state.ops.forEach((op, i) => {
    columns[columnRef(i)] = op;
  });
  const policy = { version: 1, default: { op: 'keep' }, columns };
  if (hasEntities()) policy.entities = state.entities;
  return policy;
}

const hasEntities = () => Object.keys(state.entities).length > 0;

const policyJson = () => JSON.stringify(currentPolicy());

function baseName() {
  const name = state.file?.name ?? 'data.csv';
  return name.replace(/\.(csv|tsv|txt)$/i, '') || 'data';
}

function show(id, on = true) {
  $(id).hidden = !on;
}

// ---------------------------------------------------------------- errors

function showError(message, title = 'This file could not be read') {
  document.querySelector('#error .error-title').textContent = title;
  $('error-message').textContent = message;
  show('error');
}

function clearError() {
  show('error', false);
  $('error-message').textContent = '';
}

// ---------------------------------------------------------------- loading

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// The delimiter the core sniffs from the file's first lines (it looks at far
// less than PREFIX bytes), needed to find record ends before the scan says it.
async function sniffDelimiter(file, encoding) {
  const head = new Uint8Array(await file.slice(0, PREFIX).arrayBuffer());
  return preview(head, { version: 1 }, { header: false, allowRagged: true, encoding }, 0, false).report.delimiter;
}

/**
 * Scans the start of `file`, read as a stream until the scanner has its
 * sample (SAMPLE_ROWS data rows) or the file ends. Returns the ScanResult,
 * `rows` (its count, or an estimate of the file's), `read` (bytes scanned),
 * `complete` (the whole file was), and `prefix`: the first whole records for
 * the preview (PREFIX bytes' worth, or more to hold PREVIEW_ROWS rows, up to
 * MAX_KEPT), `prefixComplete` when that is the whole file.
 */
async function readSample(file, scanOpts, { onProgress, stale }) {
  if (file.size <= PREFIX) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = scan(bytes, scanOpts);
    return { result, rows: result.rows, read: bytes.length, complete: true, prefix: bytes, prefixComplete: true };
  }
  const delimiter = scanOpts.delimiter ?? (await sniffDelimiter(file, scanOpts.encoding));
  const records = new RecordEnds(delimiter.charCodeAt(0));
  const wanted = SAMPLE_ROWS + 1; // with a header
  const scanner = new Scanner({ ...scanOpts, delimiter, sampleRows: SAMPLE_ROWS });
  const reader = file.stream().getReader();
  const kept = [];
  let keptLen = 0;
  let keeping = true;
  let complete = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      const start = records.offset;
      const n = records.push(value);
      const piece = n >= wanted ? value.subarray(0, records.ends[wanted - 1] - start) : value;
      scanner.push(piece);
      if (keeping) {
        kept.push(piece);
        keptLen += piece.length;
        keeping = keptLen < MAX_KEPT && (keptLen < PREFIX || records.ends.filter((e) => e <= keptLen).length <= PREVIEW_ROWS);
      }
      if (n >= wanted) break;
      if (stale()) throw new Error('another file was chosen');
      onProgress(records.offset);
    }
    const result = scanner.finish();
    const read = Math.min(records.offset, records.ends[wanted - 1] ?? Infinity);
    // The rest of the file at the rate of the sample's second half: a long
    // first row says nothing about the rows after it.
    const half = Math.floor(wanted / 2);
    const rows = complete ? result.rows : result.rows + Math.round(((file.size - read) * (wanted - half)) / (read - records.ends[half - 1]));
    const prefixComplete = complete && keptLen === read;
    const cut = prefixComplete ? keptLen : records.ends.findLast((e) => e <= keptLen) ?? 0;
    return { result, rows, read, complete, prefix: concat(kept).subarray(0, cut), prefixComplete };
  } finally {
    scanner.free();
    reader.cancel().catch(() => {});
  }
}

/**
 * Reads and scans `file`, then shows its columns and preview. With `rescan`
 * (the user's own entities changed) the same file is scanned again while the
 * page stays as it is, and the operators the user chose are kept.
 */
async function loadFile(file, t0 = performance.now(), { rescan = false } = {}) {
  for (const k of Object.keys(state.timing)) delete state.timing[k];
  cancelJob();
  clearError();
  const before = rescan ? { result: state.result, ops: state.ops } : null;
  for (const id of rescan ? ['done', 'progress-box'] : ['columns', 'preview', 'run', 'done', 'progress-box']) show(id, false);
  state.file = file;
  state.result = null;
  state.output = null;
  state.ops = [];
  for (const id of ['policy-note', 'copy-note', 'key-note']) $(id).textContent = '';
  show('encoding-note', false);
  $('file-info').textContent = `${file.name} · ${formatBytes(file.size)} · reading…`;
  show('file-info');
  document.body.dataset.state = 'loading';
  const seq = (state.loadSeq = (state.loadSeq ?? 0) + 1);
  try {
    if (file.size === 0) throw new Error('the file is empty');
    const opts = csvOptions();
    const scanOpts = { header: opts.header, allowRagged: opts.allowRagged, encoding: opts.encoding };
    if (opts.delimiter) scanOpts.delimiter = opts.delimiter;
    if (hasEntities()) scanOpts.entities = state.entities;
    // Long rows take a while to read: say how far it got.
    let shown = 0;
    const stale = () => seq !== state.loadSeq;
    const onProgress = (at) => {
      if (at - shown < 32e6) return;
      shown = at;
      $('file-info').textContent = `${file.name} · ${formatBytes(file.size)} · reading… ${formatBytes(at)}`;
    };
    const { result, rows: total, read, complete, prefix, prefixComplete } = await readSample(file, scanOpts, { onProgress, stale });
    if (seq !== state.loadSeq) return; // another file was chosen meanwhile
    if (result.columns.length === 0) throw new Error('no columns found: is this a CSV file?');
    if (result.invalidUtf8Line !== null) {
      $('encoding-text').textContent =
        `Line ${result.invalidUtf8Line} has bytes that are not UTF-8, so accented letters show as \uFFFD: the file was probably saved as Windows-1252 ("ANSI").`;
      show('encoding-note');
    }
    state.prefix = prefix;
    state.complete = prefixComplete;
    state.result = result;
    state.ops = result.columns.map((c, i) => keptChoice(before, result, i) ?? { ...c.suggested });
    if (!state.key) state.key = randomKey();
    $('key').value = state.key;
    const rows = complete
      ? count(result.rows, 'row')
      : `about ${count(total, 'row')} (estimated from the first ${formatBytes(read)})`;
    const decoded = opts.encoding === 'utf-8' ? '' : ` · read as ${$('opt-encoding').selectedOptions[0].textContent}`;
    $('file-info').textContent = `${file.name} · ${formatBytes(file.size)} · ${rows}${decoded}`;
    state.timing.scanMs = performance.now() - t0;
    renderColumns();
    show('columns');
    renderPreview();
    show('preview');
    setupRun();
    show('run');
    state.timing.previewMs = performance.now() - t0;
    document.body.dataset.state = 'scanned';
    // When the preview is on screen: after the next frame is painted.
    requestAnimationFrame(() => setTimeout(() => (state.timing.previewPaintedMs = performance.now() - t0)));
  } catch (e) {
    if (seq !== state.loadSeq) return;
    // A rescan's columns table no longer has a result behind it.
    for (const id of ['columns', 'preview', 'run']) show(id, false);
    // state.file stays: changing a CSV option reads the same file again.
    $('file-info').textContent = `${file.name} · ${formatBytes(file.size)}`;
    showError(`${file.name}: ${e.message}`);
    document.body.dataset.state = 'error';
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
  return JSON.stringify(op) === JSON.stringify(old[i].suggested) ? undefined : op;
}

// ---------------------------------------------------------------- columns

function renderColumns() {
  const { result } = state;
  const own = new Set(Object.keys(state.entities));
  const rows = columnRows(result, state.ops, (i, op) => {
    state.ops[i] = op;
    onPolicyChanged();
  }, own);
  $('column-table').tBodies[0].replaceChildren(...rows);
  $('scan-summary').textContent =
    `${count(result.columns.length, 'column')}, ${count(result.sampled, 'row')} sampled, delimiter ${result.delimiter === '\t' ? 'tab' : `"${result.delimiter}"`}` +
    `${headerText(result)}. Operators are preset from what was found; change any of them.`;
  $('header-text').textContent = result.headerGuessed && !result.header ? 'The first row was read as data, not as column names: it looks like personal data or like the values below it.' : '';
  show('header-note', result.headerGuessed && !result.header);
  updateKeyPanel();
}

function headerText(result) {
  if (!result.headerGuessed) return result.header ? ', first row is the header' : ', no header row';
  return result.header ? ', first row read as the header (detected)' : ', first row read as data (detected)';
}

function syncSelects() {
  document.querySelectorAll('select.op-select').forEach((s) => {
    const op = state.ops[Number(s.dataset.index)];
    s.value = choiceOf(op);
    s.dataset.op = op.op;
  });
}

function updateKeyPanel() {
  show('key-panel', needsKey());
  $('key-note').textContent = keyProblem();
}

function onPolicyChanged() {
  updateKeyPanel();
  renderPreview();
  // A finished run no longer matches the choices.
  if (state.output) {
    state.output = null;
    show('done', false);
  }
}

// ---------------------------------------------------------------- preview

function renderPreview() {
  const table = $('preview-table');
  const problem = needsKey() ? keyProblem() : '';
  if (problem) {
    $('preview-summary').textContent = `Preview paused: ${problem}`;
    return;
  }
  let p;
  try {
    p = preview(state.prefix, policyJson(), maskOptions(), PREVIEW_ROWS, state.complete);
  } catch (e) {
    showError(`${state.file.name}: ${e.message}`, 'The preview failed');
    return;
  }
  renderChecks(p.report);
  state.timing.previewRows = p.original.length;
  const ops = state.ops.map((o) => o.op);
  const { thead, tbody, changed } = previewTable(p, state.result.columns, ops);
  table.replaceChildren(thead, tbody);
  const dropped = ops.filter((o) => o === 'drop').length;
  $('preview-summary').textContent =
    `The first ${count(p.original.length, 'row')}, original beside masked: ${count(changed, 'cell')} changed` +
    `${dropped ? `, ${dropped} column${dropped > 1 ? 's' : ''} dropped` : ''}. It updates as you change the operators.`;
}

/**
 * What the core says about the choices, before the run: kept columns that
 * mention people (next to each and in a summary) and the policy's warnings.
 */
function renderChecks(report) {
  const kept = new Map(report.kept.map((k) => [k.index, k]));
  document.querySelectorAll('#column-table tbody tr').forEach((tr) => {
    const k = kept.get(Number(tr.dataset.column));
    tr.querySelector('.kept-note').textContent = k ? `leaves unchanged, mentions people: ${k.entities.join(', ')}` : '';
  });
  const n = report.kept.length;
  $('kept-summary').textContent = n
    ? `${count(n, 'column')} that mention${n === 1 ? 's' : ''} people will leave unchanged: ${report.kept.map((k) => k.name).join(', ')}.`
    : '';
  const seen = new Set();
  const warnings = [...(state.result.warnings ?? []), ...report.warnings].filter((w) => !seen.has(w.message) && seen.add(w.message));
  $('warnings').replaceChildren(...warnings.map((w) => el('li', { data: { code: w.code } }, w.message)));
  show('kept-summary', n > 0);
  show('checks', n > 0 || warnings.length > 0);
}

async function copyRows() {
  const n = Math.max(1, Math.min(1000, Number($('copy-n').value) || 20));
  const note = $('copy-note');
  try {
    const p = preview(state.prefix, policyJson(), maskOptions(), n, state.complete);
    const keep = state.ops.map((o) => o.op !== 'drop');
    const rows = p.masked.map((r) => r.filter((_, i) => keep[i]).map((v) => v ?? ''));
    if (p.header) rows.unshift(p.header.filter((_, i) => keep[i]));
    const text = toCsv(rows, state.result.delimiter);
    await copyText(text);
    note.textContent = `Copied ${p.masked.length} masked rows${p.header ? ' and the header' : ''}.`;
  } catch (e) {
    note.textContent = `Could not copy: ${e.message}`;
  }
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Older browsers or a denied permission: the selection way.
    const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('the browser refused the clipboard');
  }
}

// ---------------------------------------------------------------- policy

function savePolicy() {
  saveJson(currentPolicy(), `${baseName()}.policy.json`);
  $('policy-note').textContent = `Policy saved. It holds the operators${hasEntities() ? ' and your own entities' : ''}, never the key.`;
}

async function loadPolicy(file) {
  const note = $('policy-note');
  try {
    const policy = JSON.parse(await file.text());
    if (typeof policy !== 'object' || policy === null || policy.version !== 1) throw new Error('not a pii-mask policy (version 1)');
    const columns = policy.columns ?? {};
    const def = policy.default ?? { op: 'keep' };
    const entities = policy.entities ?? {};
    const keys = Object.keys(columns);
    const refOf = (col, i) => {
      // `#N` always means column N; a header spelled so is no name.
      const byName = state.result.header && !looksLikeIndex(col.name);
      return keys.find((k) => looksLikeIndex(k) && Number(k.slice(1)) === i) ?? (byName ? keys.find((k) => k === col.name) : undefined);
    };
    const opsFor = (result) =>
      result.columns.map((col, i) => {
        const ref = refOf(col, i);
        if (ref !== undefined) return { ...columns[ref] };
        return policy.auto ? { ...col.suggested } : { ...def };
      });
    const used = new Set(state.result.columns.map(refOf));
    const missing = keys.filter((k) => !used.has(k));
    // Let the core judge the entities and the operators' parameters before taking them.
    checkEntities(entities);
    const before = { ops: state.ops, entities: state.entities };
    state.ops = opsFor(state.result);
    state.entities = entities;
    try {
      preview(state.prefix, policyJson(), { ...maskOptions(), key: 'a key only to check the policy' }, 1, state.complete);
    } catch (e) {
      Object.assign(state, before);
      throw e;
    }
    state.ops = before.ops;
    if (JSON.stringify(entities) !== JSON.stringify(before.entities)) {
      resetForm();
      await setEntities(entities);
    }
    state.ops = opsFor(state.result); // a rescan may suggest otherwise under "auto"
    syncSelects();
    onPolicyChanged();
    note.textContent =
      `Loaded ${file.name}.` + (missing.length ? ` Not in this file, ignored: ${missing.join(', ')}.` : '');
  } catch (e) {
    note.textContent = `Could not load ${file.name}: ${e.message}`;
  }
}

// ---------------------------------------------------------------- your own entities
// The form only gathers what the user typed. Whether a name, a pattern or a
// check is acceptable is the core's to say: scan() refuses a malformed
// declaration with a message naming the entity, shown next to the form.

/** A textarea's lines, trimmed, without empty ones. */
const lines = (text) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

const entityKind = () => document.querySelector('input[name="own-kind"]:checked').value;

function showKind() {
  const terms = entityKind() === 'terms';
  document.querySelectorAll('#own-form .own-pattern').forEach((n) => (n.hidden = terms));
  document.querySelectorAll('#own-form .own-terms').forEach((n) => (n.hidden = !terms));
}

/** What the form declares: {name, decl}, decl as a policy's `entities` holds it. */
function formEntity() {
  const decl = {};
  if (entityKind() === 'pattern') {
    decl.pattern = $('own-pattern').value.trim();
    if ($('own-check').value) decl.check = $('own-check').value;
  } else {
    decl.terms = lines($('own-terms').value);
  }
  const context = $('own-context').value.split(',').map((w) => w.trim()).filter(Boolean);
  if (context.length) decl.context = context;
  const deny = lines($('own-deny').value);
  if (deny.length) decl.deny = deny;
  return { name: $('own-name').value.trim(), decl };
}

function fillForm(name, decl) {
  $('own-name').value = name;
  $(decl.terms ? 'own-kind-terms' : 'own-kind-pattern').checked = true;
  $('own-pattern').value = decl.pattern ?? '';
  $('own-check').value = decl.check ?? '';
  $('own-terms').value = (decl.terms ?? []).join('\n');
  $('own-context').value = (decl.context ?? []).join(', ');
  $('own-deny').value = (decl.deny ?? []).join('\n');
  showKind();
}

function editEntity(name) {
  state.editing = name;
  fillForm(name, state.entities[name]);
  $('own-legend').textContent = `Edit ${name}`;
  $('own-submit').textContent = 'Save changes';
  show('own-cancel');
  $('own-error').textContent = '';
  $('own-name').focus();
}

function resetForm() {
  state.editing = null;
  $('own-form').reset();
  showKind();
  $('own-legend').textContent = 'Add an entity';
  $('own-submit').textContent = 'Add entity';
  show('own-cancel', false);
}

/** The core's word on a set of declarations: throws its message, or returns. */
function checkEntities(entities) {
  try {
    scan('x\n1\n', { entities });
  } catch (e) {
    throw new Error(e.message.replace(/^options: /, ''));
  }
}

/** One line per declared entity: how it is found, with Edit and Remove. */
function renderEntities() {
  const names = Object.keys(state.entities);
  $('own-count').textContent = names.length ? `(${names.length})` : '';
  $('own-list').replaceChildren(
    ...names.map((name) => {
      const d = state.entities[name];
      const how = d.terms ? count(d.terms.length, 'term') : `pattern ${d.pattern}${d.check ? `, ${d.check === 'luhn' ? 'Luhn' : 'mod 97'} check` : ''}`;
      const extra = [d.context?.length ? `context: ${d.context.join(', ')}` : '', d.deny?.length ? `never: ${count(d.deny.length, 'value')}` : ''].filter(Boolean);
      const li = el('li', { data: { entity: name } });
      const edit = el('button', { type: 'button', class: 'secondary small', 'aria-label': `Edit ${name}` }, 'Edit');
      const remove = el('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${name}` }, 'Remove');
      edit.addEventListener('click', () => editEntity(name));
      remove.addEventListener('click', () => removeEntity(name));
      const actions = el('span', { class: 'own-actions' });
      actions.append(edit, remove);
      li.append(el('code', { class: 'own-name' }, name), el('span', { class: 'own-how' }, [how, ...extra].join(' · ')), actions);
      return li;
    }),
  );
}

/** Where the sample's scan found `name`: "found in id, notes" or that it was not. */
function foundText(name) {
  const cols = (state.result?.columns ?? []).flatMap((c, i) => (c.entities.some((e) => e.type === name) ? [c.name || `column ${i + 1}`] : []));
  return cols.length ? `${name}: found in ${cols.join(', ')}.` : `${name}: not found in the sampled rows.`;
}

/** Takes a new set of entities: scans the sample again with them. */
async function setEntities(entities) {
  state.entities = entities;
  renderEntities();
  // While the sample is read again there is no result behind the operators,
  // the preview or the run: nothing there may be used.
  const busy = ['columns', 'preview', 'run'];
  for (const id of busy) $(id).inert = true;
  $('own-fields').disabled = true;
  try {
    await loadFile(state.file, performance.now(), { rescan: true });
  } finally {
    for (const id of busy) $(id).inert = false;
    $('own-fields').disabled = false;
    if (document.activeElement === document.body && !$('columns').hidden) $('own-name').focus();
  }
}

async function submitEntity(ev) {
  ev.preventDefault();
  const { name, decl } = formEntity();
  const error = $('own-error');
  $('own-note').textContent = '';
  if (name !== state.editing && Object.hasOwn(state.entities, name)) {
    error.textContent = `${name} is already in your list: edit it there.`;
    return;
  }
  // The same order, the edited one in its place.
  const next = {};
  for (const [n, d] of Object.entries(state.entities)) {
    if (n === state.editing) next[name] = decl;
    else next[n] = d;
  }
  if (state.editing === null) next[name] = decl;
  try {
    checkEntities(next);
  } catch (e) {
    error.textContent = e.message;
    return;
  }
  error.textContent = '';
  resetForm();
  await setEntities(next);
  $('own-note').textContent = foundText(name);
}

async function removeEntity(name) {
  const next = { ...state.entities };
  delete next[name];
  if (state.editing === name) resetForm();
  await setEntities(next);
  $('own-note').textContent = `${name} removed.`;
}

async function addTermsFromFile(file) {
  const text = await file.text();
  const area = $('own-terms');
  area.value = [...lines(area.value), ...lines(text)].join('\n');
  $('own-note').textContent = `Read ${count(lines(text).length, 'line')} from ${file.name}.`;
}

// ---------------------------------------------------------------- run

function setupRun() {
  const fsa = typeof window.showSaveFilePicker === 'function';
  show('fsa-line', fsa);
  $('fsa').checked = fsa && state.file.size > 256e6;
  show('done', false);
  show('progress-box', false);
  $('run-btn').disabled = false;
}

function cancelJob() {
  if (state.job) state.job.abort();
  state.job = null;
}

function setRunning(on) {
  $('run-btn').disabled = on;
  show('cancel-btn', on);
  document.querySelectorAll('select.op-select, #own-fields, #own-list button, #key, #key-new, #policy-file, #opt-delimiter, #opt-encoding, #opt-header, #opt-ragged, #encoding-switch, #header-switch').forEach((n) => {
    n.disabled = on;
  });
}

async function run() {
  const problem = needsKey() ? keyProblem() : '';
  if (problem) {
    $('key-note').textContent = problem;
    $('key').focus();
    return;
  }
  clearError();
  const file = state.file;
  const policy = policyJson();
  const options = maskOptions();
  let writable = null;
  const parts = [];
  if ($('fsa').checked && typeof window.showSaveFilePicker === 'function') {
    try {
      const handle = await window.showSaveFilePicker({
        suggestedName: `${baseName()}-masked.csv`,
        types: [{ description: 'CSV file', accept: { 'text/csv': ['.csv'] } }],
      });
      writable = await handle.createWritable();
    } catch (e) {
      if (e.name === 'AbortError') return; // the user closed the picker
      throw e;
    }
  }
  // Without a file on disk the output gathers in a Blob, folded in every
  // 64 MB so the browser may keep it out of the JS heap (and on disk).
  let blob = new Blob([], { type: 'text/csv' });
  let pending = 0;
  const fold = () => {
    blob = new Blob([blob, ...parts], { type: 'text/csv' });
    parts.length = 0;
    pending = 0;
  };
  const write = writable
    ? (b) => writable.write(b)
    : (b) => {
        parts.push(b);
        pending += b.length;
        if (pending >= 64e6) fold();
      };
  const controller = new AbortController();
  state.job = controller;
  state.output = null;
  show('done', false);
  show('progress-box');
  setRunning(true);
  document.body.dataset.state = 'running';
  const bar = $('progress');
  const text = $('progress-text');
  bar.value = 0;
  text.textContent = 'Starting…';
  const t0 = performance.now();
  let last = null;
  let frame = 0;
  const paint = () => {
    frame = 0;
    if (!last || state.job !== controller) return;
    const secs = (performance.now() - t0) / 1000;
    const frac = file.size ? last.bytesIn / file.size : 1;
    bar.value = frac;
    const rate = secs > 0 ? last.rows / secs : 0;
    const left = frac > 0 ? (secs / frac) * (1 - frac) : NaN;
    text.textContent = `${formatBytes(last.bytesIn)} of ${formatBytes(file.size)} · ${Math.round(rate).toLocaleString('en')} rows/s · ${formatDuration(left)} left`;
  };
  try {
    const report = await maskFile(file, policy, options, {
      write,
      signal: controller.signal,
      onProgress: (p) => {
        last = p;
        if (!frame) frame = requestAnimationFrame(paint);
      },
    });
    if (writable) await writable.close();
    const secs = (performance.now() - t0) / 1000;
    state.timing.runMs = secs * 1000;
    state.timing.mbPerSec = file.size / 1e6 / secs;
    show('progress-box', false);
    if (!writable) fold();
    state.output = { blob: writable ? null : blob, report, name: `${baseName()}-masked.csv`, onDisk: Boolean(writable) };
    showDone(report, secs);
    document.body.dataset.state = 'done';
  } catch (e) {
    if (writable) await writable.abort().catch(() => {});
    if (e.name === 'AbortError') {
      text.textContent = 'Cancelled. Nothing was saved.';
      document.body.dataset.state = 'cancelled';
    } else {
      show('progress-box', false);
      showError(`${file.name}: ${e.message}`, 'Masking stopped');
      document.body.dataset.state = 'error';
    }
  } finally {
    if (state.job === controller) state.job = null;
    setRunning(false);
  }
}

function formatDuration(s) {
  if (!Number.isFinite(s)) return '—';
  if (s < 1) return 'under a second';
  if (s < 90) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function showDone(report, secs) {
  const size = state.file.size;
  const changed = report.columns.reduce((n, c) => n + c.changed, 0);
  const took = secs < 1 ? `${Math.round(secs * 1000)} ms` : `${secs.toFixed(1)} s`;
  const speed = secs >= 0.5 ? ` (${(size / 1e6 / secs).toFixed(1)} MB/s)` : '';
  $('done-text').textContent =
    `Done: ${formatBytes(size)}, ${report.rows.toLocaleString('en')} rows, ${changed.toLocaleString('en')} cells changed, in ${took}${speed}.` +
    (state.output.onDisk ? ' The masked file is saved.' : '');
  const residual = report.residual ?? [];
  // Something the policy let through: ask before handing the file over.
  show('residual', residual.length > 0);
  if (residual.length) {
    $('residual-text').textContent =
      `Checking ${count(report.residualSampled, 'row')} sampled across the file, the masked output still holds personal data ` +
      `in columns left unchanged or in text left after scrubbing${state.output.onDisk ? ' (the file is already saved)' : ''}:`;
    $('residual-list').replaceChildren(...residual.map((r) => el('li', {}, `${r.name}: ${r.entity}, ${count(r.count, 'time')}`)));
  }
  show('download', !state.output.onDisk && residual.length === 0);
  show('download-anyway', !state.output.onDisk);
  $('report-table').replaceChildren(...reportTable(report));
  show('done');
  (residual.length ? $('residual-back') : state.output.onDisk ? $('report-btn') : $('download')).focus();
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('file').addEventListener('change', () => {
    const f = $('file').files[0];
    if (f) loadFile(f);
    $('file').value = ''; // choosing the same file again reloads it
  });
  $('sample').addEventListener('click', async () => {
    const t0 = performance.now();
    try {
      const res = await fetch('sample.csv');
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blob = await res.blob();
      await loadFile(new File([blob], 'sample.csv', { type: 'text/csv' }), t0);
    } catch (e) {
      showError(`The sample could not be loaded: ${e.message}`);
    }
  });
  const drop = $('drop');
  const stop = (e) => {
    e.preventDefault();
    e.stopPropagation();
  };
  // Dropping anywhere on the page loads the file (and never navigates away).
  window.addEventListener('dragover', (e) => {
    stop(e);
    drop.classList.add('over');
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) drop.classList.remove('over');
  });
  window.addEventListener('drop', (e) => {
    stop(e);
    drop.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) loadFile(f);
  });
  for (const id of ['opt-delimiter', 'opt-encoding', 'opt-header', 'opt-ragged']) {
    $(id).addEventListener('change', () => {
      if (state.file) loadFile(state.file);
    });
  }
  $('header-switch').addEventListener('click', () => {
    $('opt-header').value = 'yes';
    if (state.file) loadFile(state.file);
  });
  $('encoding-switch').addEventListener('click', () => {
    $('opt-encoding').value = 'windows-1252';
    $('csv-options').open = true;
    if (state.file) loadFile(state.file);
  });
  $('key').addEventListener('input', () => {
    state.key = $('key').value;
    $('key-note').textContent = keyProblem();
    if (!keyProblem()) onPolicyChanged();
  });
  $('key-reveal').addEventListener('click', () => {
    const shown = $('key').type === 'text';
    $('key').type = shown ? 'password' : 'text';
    $('key-reveal').textContent = shown ? 'Reveal' : 'Hide';
    $('key-reveal').setAttribute('aria-pressed', String(!shown));
  });
  $('key-copy').addEventListener('click', async () => {
    try {
      await copyText(state.key);
      $('key-note').textContent = 'Key copied. Keep it somewhere safe to hash other files alike.';
    } catch (e) {
      $('key-note').textContent = `Could not copy: ${e.message}`;
    }
  });
  $('key-new').addEventListener('click', () => {
    state.key = randomKey();
    $('key').value = state.key;
    $('key-note').textContent = 'A new random key was made.';
    onPolicyChanged();
  });
  $('policy-save').addEventListener('click', savePolicy);
  // The option changes the output: a finished run no longer matches it.
  $('escape-formulas').addEventListener('change', () => {
    if (state.result) onPolicyChanged();
  });
  $('policy-file').addEventListener('change', () => {
    const f = $('policy-file').files[0];
    if (f) loadPolicy(f);
    $('policy-file').value = '';
  });
  $('own-form').addEventListener('submit', (e) => submitEntity(e).catch((err) => showError(err.message)));
  $('own-cancel').addEventListener('click', () => {
    resetForm();
    $('own-error').textContent = '';
  });
  for (const id of ['own-kind-pattern', 'own-kind-terms']) $(id).addEventListener('change', showKind);
  $('own-terms-file').addEventListener('change', () => {
    const f = $('own-terms-file').files[0];
    if (f) addTermsFromFile(f).catch((e) => ($('own-error').textContent = `Could not read ${f.name}: ${e.message}`));
    $('own-terms-file').value = '';
  });
  $('copy-rows').addEventListener('click', copyRows);
  $('run-btn').addEventListener('click', () => run().catch((e) => showError(e.message, 'Masking stopped')));
  $('cancel-btn').addEventListener('click', cancelJob);
  $('download').addEventListener('click', () => {
    if (state.output?.blob) downloadBlob(state.output.blob, state.output.name);
  });
  $('download-anyway').addEventListener('click', () => {
    if (!state.output?.blob) return;
    show('residual', false);
    show('download');
    downloadBlob(state.output.blob, state.output.name);
  });
  $('residual-back').addEventListener('click', () => {
    $('columns').scrollIntoView();
    document.querySelector('select.op-select')?.focus();
  });
  $('report-btn').addEventListener('click', () => {
    if (state.output) saveJson(state.output.report, `${baseName()}-report.json`);
  });
}

/**
 * The origin of a page that frames this one, when it is not this page's own:
 * it could lay its content over the controls and steer the user's clicks
 * (clickjacking). `frame-ancestors` in a served CSP header stops that where
 * the host sends one; a <meta> CSP cannot carry it, so the page checks too.
 */
function foreignFramer() {
  if (window.top === window.self) return null;
  // Chromium and Safari list every ancestor; elsewhere only the top is known.
  const ancestors = location.ancestorOrigins;
  if (ancestors) return Array.from(ancestors).find((o) => o !== location.origin) ?? null;
  try {
    return window.top.location.origin === location.origin ? null : 'another site';
  } catch {
    return 'another site';
  }
}

function refuseFramed(framer) {
  for (const n of document.querySelectorAll('input, select, button, textarea')) n.disabled = true;
  show('main', false);
  $('framed-message').textContent =
    `This page is shown inside a page of ${framer}, which could cover it with its own content and trick you into clicking its buttons. ` +
    'It works only when it is the page in the tab, so nothing here was started.';
  $('framed-open').href = location.href;
  show('framed');
  document.body.dataset.state = 'framed';
}

async function main() {
  const framer = foreignFramer();
  if (framer !== null) {
    refuseFramed(framer);
    return;
  }
  wire();
  for (const id of ['file', 'sample']) $(id).disabled = true;
  try {
    await init();
  } catch (e) {
    showError(`The WebAssembly module could not be loaded: ${e.message}`, 'The page could not start');
    return;
  }
  for (const id of ['file', 'sample']) $(id).disabled = false;
  document.body.dataset.ready = 'true';
  document.body.dataset.state = 'empty';
  setTimeout(warmUp, 0);
}

// The core builds its detectors on first use (~30-150 ms); do that now, on a
// made-up line, so the user's first file previews at once.
function warmUp() {
  try {
    const csv = 'name,email,phone,card,ssn,ip,notes\nAda Example,ada@example.com,+1 415 555 0100,4111 1111 1111 1111,123-45-6789,192.0.2.1,"mail ada@example.com, call +44 20 7946 0000"\n';
    const ops = ['hash', 'mask', 'redact', 'drop', 'keep', 'mask', 'scrub'];
    const names = csv.slice(0, csv.indexOf('\n')).split(',');
    const columns = Object.fromEntries(names.map((n, i) => [n, { op: ops[i] }]));
    scan(csv);
    preview(csv, { version: 1, columns }, { key: 'warm-up key, not used for data' }, 1, true);
  } catch {
    // Only a head start; a real file reports its own errors.
  }
}

main();
