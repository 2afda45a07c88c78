// <pii-mask-panel>: the pii-mask flow as a custom element (no framework).
// Load a CSV (chosen, dropped, or handed over as `panel.file`), show what
// personal data its columns hold, let the user pick an operator per column,
// preview, then mask the whole file in a Web Worker and hand back the result
// as a Blob (event `pii-mask-done`). Everything happens in this tab. The
// state and its transitions are model.js's; this renders them into an open
// shadow root (markup: panel-markup.js, styles: panel-style.js, adopted as a
// constructed stylesheet, so no inline style or script is needed under a CSP).
// Cell text is only ever put into the tree with textContent.
//
// API (see README, "Embedding the flow"; types in panel.d.ts):
//   properties: file (a Blob/File: loads it), policy (an object or JSON
//     text, applied to each file), key (the hash key), steps, state (read
//     only), ready (a promise: the wasm has started)
//   attributes: steps="load columns preview run restore" (the steps shown; default
//     all), policy (JSON text); reflected: state, ready
//   events (bubbling, composed): pii-mask-scan {file, result},
//     pii-mask-change {policy}, pii-mask-done {blob, report, name},
//     pii-mask-restore {report},
//     pii-mask-error {message, title, kind, hint, code?, line?, column?, field?}
//
// Timings for bench/browser.mjs are standard User Timing entries:
// measures `pii-mask:preview` (file chosen -> preview rendered, also when the
// preview of a very wide file comes after its columns),
// `pii-mask:preview-painted` (-> the next frame painted) and `pii-mask:run`
// (the masking run, its detail the bytes masked).
import { init, scan, preview, find, Scanner, RiskAnalyzer, catalogue, resolvePolicy, validatePolicy, Vault, restore } from '../index.js';
import { createCoreRemote } from './core-client.js';
import { blobGatherer, maskFile } from '../worker-client.js';
import { OUTPUT_FORMATS, PageModel, PAGE_COLUMNS, count, entityCounts, errorAdvice, errorPlace, formatBytes } from './model.js';
import { PANEL_HTML } from './panel-markup.js';
import { PANEL_CSS } from './panel-style.js';
import { mountRoundTrip, promptText } from './roundtrip.js';
import { downloadBlob, saveJson } from './save.js';
import { columnRows, describeOp, el, operatorChoices, opOf, previewTable, reportTable, showOp } from './tables.js';

const CORE = { scan, preview, find, Scanner, RiskAnalyzer, catalogue, resolvePolicy, validatePolicy };

/** The steps, in order: each a <section> of the shadow tree with this id. */
export const STEPS = ['load', 'columns', 'preview', 'run', 'restore'];

function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// One stylesheet and one parsed template, shared by every panel on the page.
let sheet = null;
let template = null;
let panels = 0; // panels started, for their performance marks' names

/** The steps an attribute value names (unknown words ignored); all when it names none. */
function parseSteps(value) {
  const named = new Set(String(value ?? '').split(/[\s,]+/).filter((s) => STEPS.includes(s)));
  return named.size ? named : new Set(STEPS);
}

/**
 * Runs the flow in `root` (the panel's shadow root) for `host` (the panel).
 * Returns what the element's properties call: {load(blob), setPolicy(text,
 * name), setKey(key), setSteps(set), ready}. Each panel has its own model,
 * worker and state: two on one page do not share anything but the wasm.
 */
function mountFlow(host, root, { setState, emit }) {
  const $ = (id) => root.getElementById(id);
  let steps = parseSteps(host.getAttribute('steps'));
  let hostPolicy = null; // {text, name}: the host's policy, applied to each file
  let ready = false;
  // This panel's own marks: another panel's choices must not move or clear them.
  panels += 1;
  const MARK = { chosen: `pii-mask:chosen:${panels}`, run: `pii-mask:run-start:${panels}` };

  // Made once the wasm is ready (start()).
  let model = null;
  let trip = null; // the round trip: the run's vault, step 5
  let choices = []; // the operator select's choices, from the core's catalogue
  const view = {
    job: null, // AbortController of a running job
    editing: null, // the name of the entity in the form, when editing one
    rescanning: false,
    previewError: null, // the preview's error last announced
    filter: { text: '', only: 'all' }, // the preview's rows shown
  };

  // What each node should be shown as; a step the host left out of `steps` stays hidden.
  const wanted = new Map();
  function show(id, on = true) {
    wanted.set(id, on);
    $(id).hidden = !on || (STEPS.includes(id) && !steps.has(id));
  }

  // ---------------------------------------------------------------- timing

  function chosen() {
    performance.clearMarks(MARK.chosen);
    performance.mark(MARK.chosen);
  }

  function measureShown() {
    if (!performance.getEntriesByName(MARK.chosen, 'mark').length) return;
    performance.measure('pii-mask:preview', MARK.chosen);
    // When the preview is on screen: after the next frame is painted.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (!performance.getEntriesByName(MARK.chosen, 'mark').length) return; // measured already
        performance.measure('pii-mask:preview-painted', MARK.chosen);
        performance.clearMarks(MARK.chosen);
      }),
    );
  }

  // ---------------------------------------------------------------- errors

  function renderError() {
    const err = model.error ?? model.preview?.error;
    show('error', Boolean(err));
    if (!err) {
      $('error-message').textContent = '';
      return;
    }
    $('error').querySelector('.error-title').textContent = err.title;
    $('error-message').textContent = err.message;
    $('error').querySelector('.error-hint').textContent = err.hint;
    $('error').dataset.kind = err.kind;
  }

  /** An error outside the model's transitions (the wasm's start, a run that could not start). */
  function showError(message, title, hint = 'Reload the page and try again. Nothing was written.') {
    $('error').querySelector('.error-title').textContent = title;
    $('error-message').textContent = message;
    $('error').querySelector('.error-hint').textContent = hint;
    show('error');
    emit('pii-mask-error', { message, title, kind: 'other', hint });
  }

  // ---------------------------------------------------------------- loading

  async function loadFile(file, { rescan = false } = {}) {
    view.rescanning = rescan;
    cancelJob();
    let shown = 0;
    // Long rows take a while to read: say how far it got.
    const onProgress = (at) => {
      if (at - shown < 32e6) return;
      shown = at;
      $('file-info').textContent = `${file.name} · ${formatBytes(file.size)} · reading… ${formatBytes(at)}`;
    };
    try {
      return await model.load(file, { rescan, onProgress });
    } finally {
      view.rescanning = false;
    }
  }

  function onLoadStarted() {
    const ids = view.rescanning ? ['done', 'progress-box'] : ['columns', 'preview', 'run', 'done', 'progress-box'];
    for (const id of ids) show(id, false);
    if (!view.rescanning) {
      view.filter = { text: '', only: 'all' };
      $('preview-search').value = '';
      $('preview-only').value = 'all';
    }
    renderError();
    for (const id of ['policy-note', 'copy-note', 'key-note', 'ops-note']) $(id).textContent = '';
    show('encoding-note', false);
    syncCsvOptions();
    const f = model.file;
    $('file-info').textContent = `${f.name} · ${formatBytes(f.size)} · reading…`;
    show('file-info');
    setState('loading');
  }

  /** The CSV option controls as the model has them (the encoding resets per file). */
  function syncCsvOptions() {
    const o = model.csv;
    $('opt-delimiter').value = o.delimiter;
    $('opt-encoding').value = o.encoding;
    $('opt-header').value = o.header;
    $('opt-ragged').checked = o.allowRagged;
    $('escape-formulas').checked = model.escapeFormulas;
    $('out-format').value = model.outputFormat;
  }

  function renderFileInfo() {
    const f = model.file;
    const base = `${f.name} · ${formatBytes(f.size)}`;
    if (!model.result) {
      $('file-info').textContent = base;
      return;
    }
    const { rows, read, complete } = model.loaded;
    const n = complete ? count(model.result.rows, 'row') : `about ${count(rows, 'row')} (estimated from the first ${formatBytes(read)})`;
    const decoded = model.csv.encoding === model.csvDefaults.encoding ? '' : ` · read as ${$('opt-encoding').selectedOptions[0].textContent}`;
    $('file-info').textContent = `${base} · ${n}${decoded}`;
  }

  function onScanned() {
    const { result } = model;
    syncCsvOptions();
    renderFileInfo();
    if (result.invalidUtf8Line !== null) {
      $('encoding-text').textContent =
        `Line ${result.invalidUtf8Line} has bytes that are not UTF-8, so accented letters show as \uFFFD: the file was probably saved as Windows-1252 ("ANSI").`;
    }
    show('encoding-note', result.invalidUtf8Line !== null);
    // A choice made for the last file was undone for this one: say so.
    $('encoding-reset').textContent =
      model.notice === 'encoding' && result.invalidUtf8Line === null ? 'Read as UTF-8: the encoding chosen for the previous file does not carry over.' : '';
    model.notice = '';
    $('key').value = model.key;
    renderColumns();
    show('columns');
    renderPreview();
    show('preview');
    setupRun();
    show('run');
    renderError();
    setState('scanned');
    if (!model.isPending) measureShown();
    if (!view.rescanning) {
      emit('pii-mask-scan', { file: model.file, result: model.result });
      if (hostPolicy !== null) applyPolicy(hostPolicy.text, hostPolicy.name);
    }
  }

  function onLoadFailed() {
    for (const id of ['columns', 'preview', 'run']) show(id, false);
    $('preview-table').replaceChildren();
    syncCsvOptions();
    renderFileInfo();
    renderError();
    setState('error');
    emit('pii-mask-error', model.error);
  }

  // ---------------------------------------------------------------- columns

  /** The columns shown: all of them, or a page of PAGE_COLUMNS for a wide file. */
  function columnRange() {
    const n = model.result.columns.length;
    const start = Math.min(model.columnStart, Math.max(0, n - 1));
    return { start, end: Math.min(n, start + PAGE_COLUMNS), n };
  }

  function renderColumns() {
    const { result } = model;
    const own = new Set(Object.keys(model.entities));
    const range = columnRange();
    const rows = columnRows(result, model.ops, choices, (i, op) => model.setOp(i, op), own, range);
    $('column-table').tBodies[0].replaceChildren(...rows);
    $('scan-summary').textContent =
      `${count(result.columns.length, 'column')}, ${count(result.sampled, 'row')} sampled, delimiter ${result.delimiter === '\t' ? 'tab' : `"${result.delimiter}"`}` +
      `${headerText(result)}. Operators are preset from what was found; change any of them.`;
    $('header-text').textContent = result.headerGuessed && !result.header ? 'The first row was read as data, not as column names: it looks like personal data or like the values below it.' : '';
    show('header-note', result.headerGuessed && !result.header);
    renderPager(range);
    renderOpsTools();
    renderKeyPanel();
    renderRiskChoices();
  }

  // ---------------------------------------------------------------- risk

  /** The quasi-identifier boxes (ticked where the scan suggests) and the sensitive select. */
  function renderRiskChoices() {
    const { columns } = model.result;
    if ($('risk-quasi').dataset.for === String(model.loadSeq)) return;
    $('risk-quasi').dataset.for = String(model.loadSeq);
    // A very wide file lists its first columns; the CLI takes any.
    const shown = columns.slice(0, 200);
    $('risk-quasi').replaceChildren(
      ...shown.map((c, i) => {
        const box = el('input', { type: 'checkbox', value: String(i) });
        box.checked = c.quasi;
        const label = el('label', { class: 'check' });
        label.append(box, ` ${c.name}`);
        return label;
      }),
    );
    $('risk-sensitive').replaceChildren(el('option', { value: '' }, 'none'), ...shown.map((c, i) => el('option', { value: String(i) }, c.name)));
    show('risk-result', false);
    $('risk-note').textContent = '';
  }

  async function runRisk() {
    const quasi = [...$('risk-quasi').querySelectorAll('input:checked')].map((b) => Number(b.value));
    if (quasi.length === 0) {
      $('risk-note').textContent = 'Tick at least one column.';
      return;
    }
    const sensitive = $('risk-sensitive').value === '' ? null : Number($('risk-sensitive').value);
    const k = Math.max(2, Math.round(Number($('risk-k').value) || 5));
    $('risk-run').disabled = true;
    $('risk-note').textContent = 'Reading the whole file…';
    try {
      const r = await model.measureRisk(quasi, sensitive, {
        target: k,
        onProgress: (bytes) => ($('risk-note').textContent = `Reading the whole file… ${formatBytes(bytes)} of ${formatBytes(model.file.size)}`),
      });
      renderRisk(r, k);
      $('risk-note').textContent = '';
    } catch (e) {
      $('risk-note').textContent = `Could not measure: ${e.message}`;
    } finally {
      $('risk-run').disabled = false;
    }
  }

  function renderRisk(r, k) {
    const pct = (x) => `${(100 * x).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
    const below = (risk) => risk.records_below[k <= 2 ? '2' : k <= 5 ? '5' : '10'];
    const bucket = k <= 2 ? 2 : k <= 5 ? 5 : 10;
    const share = (risk) => (risk.records ? below(risk) / risk.records : 0);
    const cell = (value, text) => {
      const td = el('td');
      if (value !== null) {
        const m = el('meter', { min: '0', max: '1', low: '0.05', high: '0.2', optimum: '0', value: String(value) });
        td.append(m);
      }
      td.append(text);
      return td;
    };
    const rows = [
      ['smallest group (k)', (x) => [null, String(x.k)]],
      [`records in groups smaller than ${bucket}`, (x) => [share(x), `${below(x).toLocaleString('en')} (${pct(share(x))})`]],
      ['highest risk of a record', (x) => [x.risk.prosecutor.highest, pct(x.risk.prosecutor.highest)]],
      ['average risk', (x) => [x.risk.prosecutor.average, pct(x.risk.prosecutor.average)]],
      ['groups', (x) => [null, x.classes.toLocaleString('en')]],
    ];
    if (r.l !== null) rows.push(['fewest distinct sensitive values in a group (l)', (x) => [null, String(x.l)]]);
    $('risk-table').tBodies[0].replaceChildren(
      ...rows.map(([label, f]) => {
        const tr = el('tr');
        tr.append(el('th', { scope: 'row' }, label), cell(...f(r.before)), cell(...f(r)));
        return tr;
      }),
    );
    const estimated = r.exact ? '' : ' (estimated: the file has more distinct combinations than are counted exactly)';
    $('risk-verdict').textContent =
      r.k >= k
        ? `After your choices every group has at least ${k} records (k = ${r.k})${estimated}.`
        : `After your choices ${count(below(r), 'record')} ${below(r) === 1 ? 'is' : 'are'} in groups smaller than ${bucket} (k = ${r.k}): generalise or drop some of the ticked columns${estimated}.`;
    renderSuggestion(r.k < k ? r.suggestion : null);
    show('risk-result');
  }

  /** The least lossy operators that reach the target k, with a button to use them. */
  function renderSuggestion(s) {
    show('risk-suggestion', s != null);
    if (s == null) return;
    const names = model.result.columns.map((c) => c.name);
    const refs = model.columnRefs();
    const lost = `${Math.round(100 * s.loss)}% of the detail of these columns`;
    $('risk-suggestion-text').textContent = s.reached
      ? `These operators reach k = ${s.k} (target ${s.target}) losing the least: ${lost} (Sweeney's precision loss)${s.complete ? '' : '; the search stopped at its bound, so a gentler choice may exist'}.`
      : s.complete
        ? `No generalisation of the ticked columns reaches k = ${s.target}: even with all of them dropped the file has only ${count(s.k, 'record')}.`
        : `The search for operators that reach k = ${s.target} stopped at its bound (best found: k = ${s.k}); generalise or drop some of the ticked columns by hand.`;
    $('risk-suggestion-list').replaceChildren(
      ...(s.reached ? s.columns : []).map((c) => {
        const i = refs.indexOf(c.column);
        return el('li', {}, `${names[i] ?? c.column}: ${describeOp(c.op)}`);
      }),
    );
    show('risk-apply', s.reached);
  }

  function renderPager({ start, end, n }) {
    show('column-pager', n > PAGE_COLUMNS);
    if (n <= PAGE_COLUMNS) return;
    const personal = model.personalColumns().length;
    $('pager-text').textContent =
      `Columns ${(start + 1).toLocaleString('en')}–${end.toLocaleString('en')} of ${n.toLocaleString('en')} (the preview shows the same ones). ` +
      `Personal data found in ${count(personal, 'column')}.`;
    $('pager-prev').disabled = start === 0;
    $('pager-next').disabled = end >= n;
    $('pager-personal').disabled = personal === 0;
  }

  function showColumnsFrom(start) {
    model.columnStart = Math.max(0, start);
    renderColumns();
    renderPreview();
  }

  /** The next page holding a column with personal data, from the page after this one (wrapping). */
  function nextPersonalPage() {
    const cols = model.personalColumns();
    const { end } = columnRange();
    const next = cols.find((i) => i >= end) ?? cols[0];
    if (next !== undefined) showColumnsFrom(Math.floor(next / PAGE_COLUMNS) * PAGE_COLUMNS);
  }

  function headerText(result) {
    if (!result.headerGuessed) return result.header ? ', first row is the header' : ', no header row';
    return result.header ? ', first row read as the header (detected)' : ', first row read as data (detected)';
  }

  function syncSelects() {
    root.querySelectorAll('select.op-select').forEach((s) => {
      showOp(s, model.ops[Number(s.dataset.index)], choices);
    });
  }

  /**
   * A preset's operators for every column; what it cannot see is listed. The
   * analytics preset then generalises the quasi-identifiers the scan found
   * until k = 5, with the risk suggestion.
   */
  async function applyPreset() {
    $('preset-apply').disabled = true;
    try {
      const preset = await model.applyPreset($('preset').value);
      $('preset-text').textContent = `${preset.title}: ${preset.description}`;
      $('preset-gaps').replaceChildren(
        ...preset.coverage.filter((c) => c.entities.length === 0 || /declare|add a rule|check/.test(c.note)).map((c) => el('li', {}, `${c.item}: ${c.note}`)),
      );
      show('preset-note');
      $('ops-note').textContent = `Operators set from the preset ${preset.title}.`;
      const quasi = model.result.columns.filter((c) => c.quasi && model.ops[c.index].op !== 'drop').map((c) => c.index);
      if (preset.name === 'analytics' && quasi.length > 0) {
        $('ops-note').textContent = 'Generalising the quasi-identifiers until every group has at least 5 records…';
        const r = await model.measureRisk(quasi, null, { target: 5 });
        if (r.k < 5 && model.applyRiskSuggestion()) $('ops-note').textContent = `Operators set from the preset ${preset.title}; the quasi-identifiers generalised to k = ${r.suggestion.k}.`;
        else $('ops-note').textContent = r.k >= 5 ? `Operators set from the preset ${preset.title}: k = ${r.k} already.` : `Operators set from the preset ${preset.title}; k = 5 could not be reached by generalising (see Re-identification risk).`;
      }
    } catch (e) {
      $('ops-note').textContent = `Could not apply the preset: ${e.message}`;
    } finally {
      $('preset-apply').disabled = false;
    }
  }

  function renderOpsTools() {
    $('ops-undo').disabled = !model.canUndo;
    const personal = model.personalColumns().length;
    $('ops-apply').disabled = personal === 0;
  }

  function renderKeyPanel() {
    show('key-panel', model.needsKey);
    if (model.keyProblem) $('key-note').textContent = model.keyProblem;
  }

  // A very wide file's preview waits until the page has painted the change
  // and the user has paused, so a run of quick changes costs the core one call.
  let settleTimer = 0;
  function settleSoon() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => requestAnimationFrame(() => setTimeout(() => model.settleAsync())), 250);
  }

  function onChanged() {
    emit('pii-mask-change', { policy: model.policy() });
    if (model.isPending) settleSoon();
    else measureShown(); // a very wide file's first preview
    syncSelects();
    renderOpsTools();
    renderKeyPanel();
    renderPreview();
    renderError();
    const previewError = model.preview?.error ?? null;
    if (previewError && previewError !== view.previewError) emit('pii-mask-error', previewError);
    view.previewError = previewError;
    // A finished run no longer matches the choices.
    if (!model.output) show('done', false);
    if (model.risk && !$('risk-result').hidden && !model.riskCurrent) $('risk-note').textContent = 'Your choices changed since: measure again to see their effect.';
    if (model.notice === 'stale-run') {
      model.notice = '';
      show('progress-box');
      $('progress-text').textContent = 'The choices changed while the file was masked, so that result was thrown away. Mask the file again.';
    }
    if (!model.run && ['done', 'running'].includes(host.state)) setState(model.status);
  }

  // ---------------------------------------------------------------- preview

  function renderPreview() {
    const table = $('preview-table');
    const pv = model.preview;
    show('preview-tools', Boolean(pv?.p));
    if (!pv?.p) {
      // Nothing from another file, key or choice stays on show.
      table.replaceChildren();
      renderChecks(null);
      $('preview-summary').textContent = pv?.pending
        ? 'Updating the preview…'
        : pv?.paused
        ? `Preview paused: ${pv.paused} The masked values are hidden until the key is long enough.`
        : pv?.error
          ? 'No preview: see the message above.'
          : '';
      return;
    }
    const { p } = pv;
    renderChecks(p.report);
    const ops = model.ops.map((o) => o.op);
    const range = columnRange();
    const shownRows = filteredRows();
    const { thead, tbody } = previewTable(p, model.result.columns, ops, { ...range, rows: shownRows });
    table.replaceChildren(thead, tbody);
    const dropped = ops.filter((o) => o === 'drop').length;
    const filtered = shownRows.length !== p.original.length ? ` Showing ${shownRows.length} of them.` : '';
    // The validation rules' verdict on these rows (where and which rule; the cells are on show anyway).
    $('preview-only-invalid').hidden = !model.validate;
    const bad = (p.invalid ?? []).filter(Boolean).length;
    const invalid = model.validate ? ` ${bad === 0 ? 'All of them keep' : `${count(bad, 'row')} of them break${bad === 1 ? 's' : ''}`} the policy's validation rules.` : '';
    $('preview-summary').textContent =
      `The first ${count(p.original.length, 'row')}, original beside masked: ${count(pv.changed, 'cell')} changed` +
      `${dropped ? `, ${dropped} column${dropped > 1 ? 's' : ''} dropped` : ''}. It updates as you change the operators.` +
      invalid +
      filtered;
  }

  /** Indices of the preview rows the search and filter let through. */
  function filteredRows() {
    const { p } = model.preview;
    const { text, only } = view.filter;
    const needle = text.trim().toLowerCase();
    const findings = only === 'findings' ? model.rowFindings() : null;
    const out = [];
    p.original.forEach((row, r) => {
      const masked = p.masked[r] ?? [];
      if (only === 'changed' && !row.some((v, i) => masked[i] != null && masked[i] !== v)) return;
      if (findings && !findings[r]) return;
      if (only === 'invalid' && !p.invalid?.[r]) return;
      if (needle && ![...row, ...masked].some((v) => v != null && v.toLowerCase().includes(needle))) return;
      out.push(r);
    });
    return out;
  }

  /**
   * What the core says about the choices, before the run: kept columns that
   * mention people (next to each and in a summary) and the policy's warnings.
   */
  function renderChecks(report) {
    const kept = new Map((report?.kept ?? []).map((k) => [k.index, k]));
    root.querySelectorAll('#column-table tbody tr').forEach((tr) => {
      const k = kept.get(Number(tr.dataset.column));
      tr.querySelector('.kept-note').textContent = k ? `leaves unchanged, mentions people: ${k.entities.join(', ')}` : '';
    });
    const n = kept.size;
    $('kept-summary').textContent = n
      ? `${count(n, 'column')} that mention${n === 1 ? 's' : ''} people will leave unchanged: ${report.kept.map((k) => k.name).join(', ')}.`
      : '';
    const seen = new Set();
    const warnings = [...(model.result?.warnings ?? []), ...(report?.warnings ?? [])].filter((w) => !seen.has(w.message) && seen.add(w.message));
    $('warnings').replaceChildren(...warnings.map((w) => el('li', { data: { code: w.code } }, w.message)));
    show('kept-summary', n > 0);
    show('checks', n > 0 || warnings.length > 0);
  }

  async function copyRows({ forPrompt = false } = {}) {
    const n = Math.max(1, Math.min(1000, Number($('copy-n').value) || 20));
    const note = $('copy-note');
    try {
      if (model.keyProblem) throw new Error(model.keyProblem);
      // The rows as the masked file holds them, written by the core.
      const p = await model.corePreviewAsync(n);
      // Pasted text is not a file: a byte-order mark would land in the first cell.
      const rows = p.output.replace(/^\uFEFF/, '');
      await copyText(forPrompt ? promptText(rows) : rows);
      const sep = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' }[model.outputDelimiter] ?? `"${model.outputDelimiter}"`;
      note.textContent = `Copied ${p.masked.length} masked rows${p.header ? ' and the header' : ''}, fields separated by ${sep} as in the masked file` +
        (forPrompt ? ', after an instruction asking the AI to keep the tokens exactly as written.' : '.');
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
      root.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      if (!ok) throw new Error('the browser refused the clipboard');
    }
  }

  // ---------------------------------------------------------------- policy

  function savePolicy() {
    saveJson(model.policy(), `${model.baseName()}.policy.json`);
    $('policy-note').textContent = `Policy saved. It holds the operators${Object.keys(model.entities).length ? ' and your own entities' : ''}, never the key.`;
  }

  async function loadPolicy(file) {
    await applyPolicy(await file.text(), file.name);
  }

  /** Takes a policy (JSON text) for the file shown; `name` says where it came from. */
  async function applyPolicy(text, name) {
    const note = $('policy-note');
    try {
      const { entities, validate, opsFor, entitiesChanged } = await model.readPolicyAsync(text);
      model.validate = validate;
      if (entitiesChanged) {
        resetForm();
        await setEntities(entities);
      }
      model.setOps(await opsFor(model.result)); // a rescan may suggest otherwise under "auto"
      note.textContent = `Loaded ${name}.`;
    } catch (e) {
      note.textContent = `Could not load ${name}: ${e.message}${e.hint ? `. ${e.hint}` : ''}`;
      emit('pii-mask-error', { message: e.message, title: `The policy (${name}) could not be used`, ...errorAdvice(e, 'preview'), ...errorPlace(e) });
    }
  }

  // ---------------------------------------------------------------- your own entities
  // The form only gathers what the user typed. Whether a name, a pattern or a
  // check is acceptable is the core's to say: scan() refuses a malformed
  // declaration with a message naming the entity, shown next to the form.

  /** A textarea's lines, trimmed, without empty ones. */
  const lines = (text) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

  const entityKind = () => root.querySelector('input[name="own-kind"]:checked').value;

  function showKind() {
    const terms = entityKind() === 'terms';
    root.querySelectorAll('#own-form .own-pattern').forEach((n) => (n.hidden = terms));
    root.querySelectorAll('#own-form .own-terms').forEach((n) => (n.hidden = !terms));
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
    view.editing = name;
    fillForm(name, model.entities[name]);
    $('own-legend').textContent = `Edit ${name}`;
    $('own-submit').textContent = 'Save changes';
    show('own-cancel');
    $('own-error').textContent = '';
    $('own-name').focus();
  }

  function resetForm() {
    view.editing = null;
    $('own-form').reset();
    showKind();
    $('own-legend').textContent = 'Add an entity';
    $('own-submit').textContent = 'Add entity';
    show('own-cancel', false);
  }

  /** One line per declared entity: how it is found, with Edit and Remove. */
  function renderEntities() {
    const names = Object.keys(model.entities);
    $('own-count').textContent = names.length ? `(${names.length})` : '';
    $('own-list').replaceChildren(
      ...names.map((name) => {
        const d = model.entities[name];
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
    const cols = (model.result?.columns ?? []).flatMap((c, i) => (c.entities.some((e) => e.type === name) ? [c.name || `column ${i + 1}`] : []));
    return cols.length ? `${name}: found in ${cols.join(', ')}.` : `${name}: not found in the sampled rows.`;
  }

  /** Takes a new set of entities: scans the sample again with them. */
  async function setEntities(entities) {
    model.entities = entities;
    renderEntities();
    // While the sample is read again there is no result behind the operators,
    // the preview or the run: nothing there may be used.
    const busy = ['columns', 'preview', 'run'];
    for (const id of busy) $(id).inert = true;
    $('own-fields').disabled = true;
    try {
      await loadFile(model.file, { rescan: true });
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
    if (name !== view.editing && Object.hasOwn(model.entities, name)) {
      error.textContent = `${name} is already in your list: edit it there.`;
      return;
    }
    // The same order, the edited one in its place.
    const next = {};
    for (const [n, d] of Object.entries(model.entities)) {
      if (n === view.editing) next[name] = decl;
      else next[n] = d;
    }
    if (view.editing === null) next[name] = decl;
    try {
      model.checkEntities(next);
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
    const next = { ...model.entities };
    delete next[name];
    if (view.editing === name) resetForm();
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
    $('fsa').checked = fsa && model.file.size > 256e6;
    show('done', false);
    show('progress-box', false);
    $('run-btn').disabled = false;
  }

  function cancelJob() {
    if (view.job) view.job.abort();
    view.job = null;
  }

  // What may not change while a run reads the page's choices: they are fixed
  // for the run (the model's snapshot), and the controls say so.
  const FIXED_WHILE_RUNNING =
    'select.op-select, #own-fields, #own-list button, #key, #key-new, #policy-file, #opt-delimiter, #opt-encoding, #opt-header, #opt-ragged, #encoding-switch, #header-switch, #escape-formulas, #out-format, #ops-undo, #ops-reset, #ops-apply, #preset, #preset-apply';

  function setRunning(on) {
    $('run-btn').disabled = on;
    show('cancel-btn', on);
    root.querySelectorAll(FIXED_WHILE_RUNNING).forEach((n) => {
      n.disabled = on;
    });
    if (!on) renderOpsTools();
  }

  async function run() {
    // Only a very wide file's pending preview is awaited: otherwise the run
    // starts, and fixes its choices, before anything else on the page can happen.
    if (model.isPending) await model.settled();
    if (model.keyProblem) {
      $('key-note').textContent = model.keyProblem;
      $('key').focus();
      return;
    }
    let writable = null;
    if ($('fsa').checked && typeof window.showSaveFilePicker === 'function') {
      try {
        const handle = await window.showSaveFilePicker({
          suggestedName: `${model.baseName()}-masked.csv`,
          types: [{ description: 'CSV file', accept: { 'text/csv': ['.csv'] } }],
        });
        writable = await handle.createWritable();
      } catch (e) {
        if (e.name === 'AbortError') return; // the user closed the picker
        throw e;
      }
    }
    const snapshot = model.startRun();
    const { file } = snapshot;
    // Collects the tokens of `tokenize`, for the round trip (step 5).
    const vault = new Vault();
    // Without a file on disk the output gathers in a Blob, which the
    // browser keeps out of this page's memory (and on disk).
    const gathered = writable ? null : blobGatherer();
    const write = writable ? (b) => writable.write(b) : (b) => gathered.write(b);
    const controller = new AbortController();
    view.job = controller;
    renderError();
    show('done', false);
    show('progress-box');
    setRunning(true);
    setState('running');
    const bar = $('progress');
    const text = $('progress-text');
    bar.value = 0;
    text.textContent = 'Starting…';
    const t0 = performance.now();
    performance.mark(MARK.run);
    let last = null;
    let frame = 0;
    const paint = () => {
      frame = 0;
      if (!last || view.job !== controller) return;
      const secs = (performance.now() - t0) / 1000;
      const frac = file.size ? last.bytesIn / file.size : 1;
      bar.value = frac;
      const rate = secs > 0 ? last.rows / secs : 0;
      const left = frac > 0 ? (secs / frac) * (1 - frac) : NaN;
      text.textContent = `${formatBytes(last.bytesIn)} of ${formatBytes(file.size)} · ${Math.round(rate).toLocaleString('en')} rows/s · ${formatDuration(left)} left`;
    };
    // The core's worker is idle while the file is masked: ended meanwhile,
    // its memory (a wasm instance, a heap) is not added to the run's peak.
    const { remote } = model.core;
    remote.rest();
    try {
      // Streaming: each masked chunk to `write` (a file on disk, or parts of
      // a Blob), no more input sent until it has kept up.
      const { report } = await maskFile(file, snapshot.policy, { ...snapshot.options, vault }, {
        onOutput: write,
        // Both copy or write each chunk before they return: its buffer can
        // take the next output.
        reuseOutput: true,
        signal: controller.signal,
        onProgress: (p) => {
          last = p;
          if (!frame) frame = requestAnimationFrame(paint);
        },
      });
      if (writable) await writable.close();
      performance.measure('pii-mask:run', { start: MARK.run, detail: { bytes: file.size } });
      const secs = (performance.now() - t0) / 1000;
      show('progress-box', false);
      trip.ranWith(vault);
      model.finishRun(snapshot, { blob: writable ? null : gathered.blob(), report, onDisk: Boolean(writable), secs });
    } catch (e) {
      vault.free();
      if (writable) await writable.abort().catch(() => {});
      model.failRun(snapshot, e);
    } finally {
      remote.wake();
      if (view.job === controller) view.job = null;
      setRunning(false);
    }
  }

  function onRunEnded() {
    if (model.status === 'cancelled') {
      $('progress-text').textContent = 'Cancelled. Nothing was saved.';
      setState('cancelled');
    } else {
      show('progress-box', false);
      renderError();
      setState('error');
      emit('pii-mask-error', model.error);
    }
  }

  function formatDuration(s) {
    if (!Number.isFinite(s)) return '—';
    if (s < 1) return 'under a second';
    if (s < 90) return `${Math.round(s)} s`;
    return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  }

  /** What the policy's validation rules found: counts, then where (line, column, rule), never a value. */
  function renderValidation(v) {
    show('validation', Boolean(v));
    if (!v) return;
    const what = v.mode === 'drop' ? `left out of the file` : v.mode === 'flag' ? `flagged in the column ${v.flagColumn}` : '';
    const more = v.problemsNotListed > 0 ? ` The first ${count(v.problems.length, 'problem')} are listed; ${v.problemsNotListed.toLocaleString('en')} more are in the report.` : '';
    $('validation-text').textContent = v.rowsFailed === 0
      ? `Validation: all ${count(v.rowsChecked, 'row')} keep the policy's rules.`
      : `Validation: ${v.rowsFailed.toLocaleString('en')} of ${count(v.rowsChecked, 'row')} break the policy's rules, ${what}.${more}`;
    $('validation-list').replaceChildren(...v.problems.map((p) => el('li', {}, `line ${p.line}, ${p.column}: ${p.rule}`)));
  }

  function showDone() {
    const { report, secs, onDisk } = model.output;
    const size = model.file.size;
    const changed = report.columns.reduce((n, c) => n + c.changed, 0);
    const took = secs < 1 ? `${Math.round(secs * 1000)} ms` : `${secs.toFixed(1)} s`;
    const speed = secs >= 0.5 && size >= 1e6 ? ` (${(size / 1e6 / secs).toFixed(1)} MB/s)` : '';
    $('done-text').textContent =
      `Done: ${formatBytes(size)}, ${report.rows.toLocaleString('en')} rows, ${changed.toLocaleString('en')} cells changed, in ${took}${speed}.` +
      (onDisk ? ' The masked file is saved.' : '') +
      (model.outputFormat === 'plain' ? '' : ` Written for ${OUTPUT_FORMATS[model.outputFormat].text}, with a UTF-8 byte-order mark.`);
    const handled = entityCounts(report);
    $('done-entities').textContent = handled.length
      ? `Personal data masked, by kind: ${handled.map(({ type, n }) => `${type} ${n.toLocaleString('en')}`).join(' · ')}.`
      : '';
    show('done-entities', handled.length > 0);
    const residual = report.residual ?? [];
    // Something the policy let through: ask before handing the file over.
    show('residual', residual.length > 0);
    if (residual.length) {
      $('residual-text').textContent =
        `Checking ${count(report.residualSampled, 'row')} sampled across the file, the masked output still holds personal data ` +
        `in columns left unchanged or in text left after scrubbing${onDisk ? ' (the file is already saved)' : ''}:`;
      $('residual-list').replaceChildren(...residual.map((r) => el('li', {}, `${r.name}: ${r.entity}, ${count(r.count, 'time')}`)));
    }
    renderValidation(report.validation);
    show('download', !onDisk && residual.length === 0);
    show('download-anyway', !onDisk);
    $('report-table').replaceChildren(...reportTable(report));
    show('done');
    setState('done');
    emit('pii-mask-done', { blob: model.output.blob, report, name: model.output.name });
    (residual.length ? $('residual-back') : onDisk ? $('report-btn') : $('download')).focus();
  }

  // ---------------------------------------------------------------- wiring

  /**
   * The model, and what the core's catalogue fills in: the operators (with
   * what each does), the delimiters and the encodings.
   */
  function startModel() {
    // Saved policies name the schema served with the package, where that address lasts (a site, not a local server).
    const schema = new URL('../policy.schema.json', import.meta.url);
    const schemaUrl = schema.protocol === 'https:' ? schema.href : null;
    // Files are read and very wide ones previewed in a worker: seconds of the core's work off this thread.
    model = new PageModel({ ...CORE, remote: createCoreRemote(CORE) }, { randomKey, schemaUrl });
    model.subscribe((what) => {
      if (what === 'load') onLoadStarted();
      else if (what === 'scanned') onScanned();
      else if (what === 'error') onLoadFailed();
      else if (what === 'changed') onChanged();
      else if (what === 'done') showDone();
      else if (what === 'run-ended') onRunEnded();
    });
    const cat = model.catalogue;
    choices = operatorChoices(cat);
    $('ops-help').replaceChildren(
      ...cat.operators.map((o) => {
        const div = el('div');
        div.append(el('dt', {}, o.name), el('dd', {}, o.description));
        return div;
      }),
    );
    // Setting every column with personal data: an operator that needs nothing more.
    const plain = choices.filter((c) => c.value !== 'keep' && !c.value.includes(':'));
    $('ops-apply-op').replaceChildren(...plain.map((c) => el('option', { value: c.value, title: c.title }, c.text)));
    $('preset').replaceChildren(...cat.presets.map((p) => el('option', { value: p.name, title: p.description }, p.title)));
    // Preset to one that keeps the column and its meaning, not to dropping it.
    if (plain.some((c) => c.value === 'redact')) $('ops-apply-op').value = 'redact';
    $('opt-delimiter').append(...cat.delimiters.map((d) => el('option', { value: d.value }, `${d.name} ${d.value === '\t' ? '' : d.value}`.trim())));
    $('out-format').replaceChildren(...Object.entries(OUTPUT_FORMATS).map(([value, f]) => el('option', { value }, f.text)));
    $('opt-encoding').replaceChildren(...cat.encodings.map((e) => el('option', { value: e.label }, e.name)));
    // The note offers the first encoding other than the default.
    const other = cat.encodings.find((e) => e.label !== model.csvDefaults.encoding);
    $('encoding-switch').value = other.label;
    $('encoding-switch').textContent = `Read it as ${other.name.replace(/ \(.*/, '')}`;
    syncCsvOptions();
  }

  function wire() {
    trip = mountRoundTrip({ $, show, el, copyText, emit, core: { Vault, restore } });
    $('file').addEventListener('change', () => {
      const f = $('file').files[0];
      chosen();
      if (f) loadFile(f);
      $('file').value = ''; // choosing the same file again reloads it
    });
    const drop = $('drop');
    const stop = (e) => {
      e.preventDefault();
      e.stopPropagation();
    };
    // Dropping anywhere on the panel loads the file (and never navigates away);
    // the host page decides about drops elsewhere.
    root.addEventListener('dragover', (e) => {
      stop(e);
      drop.classList.add('over');
    });
    root.addEventListener('dragleave', (e) => {
      if (e.relatedTarget === null || !host.contains(e.relatedTarget)) drop.classList.remove('over');
    });
    root.addEventListener('drop', (e) => {
      stop(e);
      drop.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (!f || !ready) return;
      chosen();
      loadFile(f);
    });
    // The host's own controls in the load step (a sample's button) show only when it gives some.
    const extra = root.querySelector('slot[name="load-extra"]');
    extra.addEventListener('slotchange', () => show('load-extra', extra.assignedNodes().length > 0));
    const options = { 'opt-delimiter': 'delimiter', 'opt-encoding': 'encoding', 'opt-header': 'header' };
    for (const [id, name] of Object.entries(options)) {
      $(id).addEventListener('change', () => {
        if (model.setCsvOption(name, $(id).value)) loadFile(model.file);
      });
    }
    $('opt-ragged').addEventListener('change', () => {
      if (model.setCsvOption('allowRagged', $('opt-ragged').checked)) loadFile(model.file);
    });
    $('header-switch').addEventListener('click', () => {
      if (model.setCsvOption('header', 'yes')) loadFile(model.file);
    });
    $('risk-run').addEventListener('click', runRisk);
    $('risk-apply').addEventListener('click', () => {
      if (model.applyRiskSuggestion()) $('risk-note').textContent = 'Operators set from the suggestion: measure again to confirm.';
    });
    $('encoding-switch').addEventListener('click', () => {
      $('csv-options').open = true;
      if (model.setCsvOption('encoding', $('encoding-switch').value)) loadFile(model.file);
    });
    $('key').addEventListener('input', () => {
      $('key-note').textContent = '';
      model.setKey($('key').value);
    });
    $('key-reveal').addEventListener('click', () => {
      const shown = $('key').type === 'text';
      $('key').type = shown ? 'password' : 'text';
      $('key-reveal').textContent = shown ? 'Reveal' : 'Hide';
      $('key-reveal').setAttribute('aria-pressed', String(!shown));
    });
    $('key-copy').addEventListener('click', async () => {
      try {
        await copyText(model.key);
        $('key-note').textContent = 'Key copied. Keep it somewhere safe to hash other files alike.';
      } catch (e) {
        $('key-note').textContent = `Could not copy: ${e.message}`;
      }
    });
    $('key-new').addEventListener('click', () => {
      model.setKey(randomKey());
      $('key').value = model.key;
      $('key-note').textContent = 'A new random key was made.';
    });
    $('ops-undo').addEventListener('click', () => {
      model.undo();
      $('ops-note').textContent = 'The last change was undone.';
    });
    $('ops-reset').addEventListener('click', () => {
      model.resetToSuggestions();
      $('ops-note').textContent = 'Every column is back to what the scan suggested.';
    });
    $('ops-apply').addEventListener('click', () => {
      const op = opOf($('ops-apply-op').value, choices);
      model.applyToPersonal(op);
      $('ops-note').textContent = `${$('ops-apply-op').selectedOptions[0].textContent} for the ${count(model.personalColumns().length, 'column')} with personal data.`;
    });
    $('preset-apply').addEventListener('click', applyPreset);
    $('pager-prev').addEventListener('click', () => showColumnsFrom(columnRange().start - PAGE_COLUMNS));
    $('pager-next').addEventListener('click', () => showColumnsFrom(columnRange().end));
    $('pager-personal').addEventListener('click', nextPersonalPage);
    $('preview-search').addEventListener('input', () => {
      view.filter.text = $('preview-search').value;
      renderPreview();
    });
    $('preview-only').addEventListener('change', () => {
      view.filter.only = $('preview-only').value;
      renderPreview();
    });
    // A cut cell opens in place: a click or tap on it, or its row's number.
    $('preview-table').addEventListener('click', (e) => {
      const rowButton = e.target.closest('button.rownum-btn');
      if (rowButton) {
        const tr = rowButton.closest('tr');
        const open = !tr.classList.contains('open');
        tr.classList.toggle('open', open);
        rowButton.setAttribute('aria-expanded', String(open));
        return;
      }
      e.target.closest('td.cell')?.classList.toggle('open');
    });
    $('policy-save').addEventListener('click', savePolicy);
    $('escape-formulas').addEventListener('change', () => model.setEscapeFormulas($('escape-formulas').checked));
    $('out-format').addEventListener('change', () => model.setOutputFormat($('out-format').value));
    $('policy-file').addEventListener('change', () => {
      const f = $('policy-file').files[0];
      if (f) loadPolicy(f);
      $('policy-file').value = '';
    });
    $('own-form').addEventListener('submit', (e) => submitEntity(e).catch((err) => ($('own-error').textContent = err.message)));
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
    $('copy-rows').addEventListener('click', () => copyRows());
    $('copy-prompt').addEventListener('click', () => copyRows({ forPrompt: true }));
    trip.wire({ baseName: () => model.baseName() });
    $('run-btn').addEventListener('click', () => run().catch((e) => showError(e.message, 'Masking stopped', 'Try again. Nothing was written.')));
    $('cancel-btn').addEventListener('click', cancelJob);
    $('download').addEventListener('click', () => {
      if (model.output?.blob) downloadBlob(model.output.blob, model.output.name);
    });
    $('download-anyway').addEventListener('click', () => {
      if (!model.output?.blob) return;
      show('residual', false);
      show('download');
      downloadBlob(model.output.blob, model.output.name);
    });
    $('residual-back').addEventListener('click', () => {
      $('columns').scrollIntoView();
      root.querySelector('select.op-select')?.focus();
    });
    $('report-btn').addEventListener('click', () => {
      if (model.output) saveJson(model.output.report, `${model.baseName()}-report.json`);
    });
    $('audit-btn').addEventListener('click', () => {
      const record = model.auditRecord();
      if (record) saveJson(record, `${model.baseName()}-audit.json`);
    });
  }

  function setSteps(next) {
    steps = next;
    for (const id of STEPS) show(id, wanted.get(id) ?? (id === 'load' || id === 'restore'));
  }

  async function start() {
    wire();
    $('file').disabled = true;
    try {
      await init();
    } catch (e) {
      showError(`The WebAssembly module could not be loaded: ${e.message}`, 'pii-mask could not start');
      throw e;
    }
    startModel();
    if (host.key) setKey(host.key);
    $('file').disabled = false;
    show('restore'); // needs the wasm, not a file: a vault and an answer are enough
    ready = true;
    setState('empty');
    setTimeout(warmUp, 0);
  }

  // The core builds its detectors on first use (~30-150 ms); do that now, on a
  // made-up line, so the user's first file previews at once.
  function warmUp() {
    try {
      const csv = 'name,email,phone,card,ssn,ip,notes\nAda Example,ada@example.com,+1 415 555 0100,4111 1111 1111 1111,123-45-6789,192.0.2.1,"mail ada@example.com, call +44 20 7946 0000"\n';
      scan(csv);
      preview(csv, { version: 1, auto: true }, { key: 'warm-up key, not used for data' }, 1, true);
    } catch {
      // Only a head start; a real file reports its own errors.
    }
  }

  function setKey(key) {
    model.setKey(key);
    $('key').value = model.key;
  }

  show('load');
  const started = start();
  let suspended = false;
  return {
    ready: started,
    setSteps,
    file: () => model?.file ?? null,
    key: () => model?.key ?? null,
    /** Out of the page: the run stops and the core's worker ends. */
    suspend() {
      if (!model || suspended) return;
      cancelJob();
      model.core.remote.close();
      suspended = true;
    },
    /** Back in a page: a new worker for the core. */
    resume() {
      if (!suspended) return;
      model.core.remote = createCoreRemote(CORE);
      suspended = false;
    },
    async load(blob) {
      await started;
      chosen();
      // A Blob without a name (a fetch's, a generated one) is named for the notes and the output.
      const file = blob instanceof File ? blob : new File([blob], 'data.csv', { type: blob.type || 'text/csv' });
      return loadFile(file);
    },
    async setPolicy(text, name) {
      hostPolicy = text === null ? null : { text, name };
      await started;
      if (hostPolicy && model.result) await applyPolicy(hostPolicy.text, hostPolicy.name);
    },
    async setKey(key) {
      await started;
      setKey(key);
    },
  };
}

/** A policy given as an object or as JSON text, as text (the core reads and judges it). */
const policyText = (value) => (value === null || typeof value === 'string' ? value : JSON.stringify(value));

/** The element. Its flow starts when it is first connected. */
export class PiiMaskPanel extends HTMLElement {
  static observedAttributes = ['steps', 'policy'];
  #flow = null;
  #file = null;
  #policy = null;
  #key = '';

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(PANEL_CSS);
    }
    root.adoptedStyleSheets = [sheet];
    if (!template) {
      template = document.createElement('template');
      template.innerHTML = PANEL_HTML;
    }
    root.append(template.content.cloneNode(true));
  }

  connectedCallback() {
    if (this.#flow) {
      this.#flow.resume();
      return;
    }
    this.#flow = mountFlow(this, this.shadowRoot, {
      setState: (s) => this.setAttribute('state', s),
      emit: (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
    });
    this.#flow.ready.then(
      () => this.setAttribute('ready', ''),
      () => {}, // reported as pii-mask-error and in the panel
    );
    if (this.#policy !== null) this.#flow.setPolicy(policyText(this.#policy), 'the policy given');
    if (this.#file) this.#flow.load(this.#file);
  }

  disconnectedCallback() {
    // A panel moved elsewhere is connected again before this runs; one removed lets its workers go.
    queueMicrotask(() => {
      if (!this.isConnected) this.#flow?.suspend();
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'steps') this.#flow?.setSteps(parseSteps(value));
    else if (name === 'policy') this.policy = value;
  }

  /** Resolves once the wasm has started (rejects when it cannot). */
  get ready() {
    return this.#flow?.ready ?? Promise.reject(new Error('the panel is not in a document'));
  }

  /** The flow's state: empty, loading, scanned, running, done, cancelled or error. */
  get state() {
    return this.getAttribute('state');
  }

  /** The file shown: the one given, or the one the user chose or dropped since. */
  get file() {
    return this.#flow?.file() ?? this.#file;
  }

  /** Loads a Blob (or File) as if the user had chosen it. */
  set file(blob) {
    if (!(blob instanceof Blob)) throw new TypeError('pii-mask-panel: file must be a Blob or a File');
    this.#file = blob;
    this.#flow?.load(blob);
  }

  /** The policy as the host gave it (object or text), or null. */
  get policy() {
    return this.#policy;
  }

  /** A policy (object or JSON text; null for none), applied to the file shown and each one loaded after. */
  set policy(value) {
    this.#policy = value ?? null;
    this.#flow?.setPolicy(policyText(this.#policy), 'the policy given');
  }

  /** The hash key in use: the one given, the user's, or the random one the panel made. */
  get key() {
    return this.#flow?.key() ?? this.#key;
  }

  /** The hash key (never an attribute: it would show in the DOM). */
  set key(value) {
    this.#key = String(value);
    this.#flow?.setKey(this.#key);
  }

  get steps() {
    return [...parseSteps(this.getAttribute('steps'))];
  }

  set steps(list) {
    this.setAttribute('steps', [].concat(list).join(' '));
  }
}

/** Defines the element under another `name` too (a host whose own element has the name). */
export function definePanel(name = 'pii-mask-panel') {
  if (!customElements.get(name)) customElements.define(name, name === 'pii-mask-panel' ? PiiMaskPanel : class extends PiiMaskPanel {});
  return customElements.get(name);
}

// Importing the module defines <pii-mask-panel>, as a drop-in element's module does.
definePanel();
