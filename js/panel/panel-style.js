// The styles of <pii-mask-panel>, adopted by its shadow root as a constructed
// stylesheet (allowed by a CSP whose style-src has no 'unsafe-inline').
export const PANEL_CSS = `
/* <pii-mask-panel>: the flow's styles, in its shadow root. A host themes it
   with --pii-mask-* custom properties (each falls back to the default below)
   and ::part(section | load | columns | preview | run | error | step | drop | button | primary). */
:host {
  display: block;
  --bg: var(--pii-mask-bg, #f6f7f6);
  --panel: var(--pii-mask-panel, #ffffff);
  --ink: var(--pii-mask-ink, #1c2423);
  --muted: var(--pii-mask-muted, #5a6664);
  --line: var(--pii-mask-line, #d8dedc);
  --accent: var(--pii-mask-accent, #1f5f5b);
  --accent-ink: var(--pii-mask-accent-ink, #ffffff);
  --accent-soft: var(--pii-mask-accent-soft, #e3f0ee);
  --changed: var(--pii-mask-changed, #fff3c4);
  --changed-line: var(--pii-mask-changed-line, #d9b93a);
  --dropped: var(--pii-mask-dropped, #eceeee);
  --danger: var(--pii-mask-danger, #a3222b);
  --danger-soft: var(--pii-mask-danger-soft, #fdecec);
  --focus: var(--pii-mask-focus, #1a66d2);
  --head: var(--pii-mask-head, #eef2f1);
  --head-line: var(--pii-mask-head-line, #c7d0ce);
  --soft: var(--pii-mask-soft, #fbfcfc);
  --field-line: var(--pii-mask-field-line, #aab4b2);
  --cell-line: var(--pii-mask-cell-line, #edf0ef);
  --dot-high: var(--pii-mask-dot-high, #1f7a4d);
  --dot-medium: var(--pii-mask-dot-medium, #c48a06);
  --dot-low: var(--pii-mask-dot-low, #9aa5a3);
  --own-line: var(--pii-mask-own-line, #b9d6d2);
  --primary-hover: var(--pii-mask-primary-hover, #174a47);
  --radius: var(--pii-mask-radius, 8px);
  --mono: var(--pii-mask-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace);
  color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :host {
    --bg: var(--pii-mask-bg, #121716);
    --panel: var(--pii-mask-panel, #1a2120);
    --ink: var(--pii-mask-ink, #e3e9e7);
    --muted: var(--pii-mask-muted, #a3b0ad);
    --line: var(--pii-mask-line, #33403e);
    --accent: var(--pii-mask-accent, #7cc4bc);
    --accent-ink: var(--pii-mask-accent-ink, #0f1a19);
    --accent-soft: var(--pii-mask-accent-soft, #1f3533);
    --changed: var(--pii-mask-changed, #3b3316);
    --changed-line: var(--pii-mask-changed-line, #b8962a);
    --dropped: var(--pii-mask-dropped, #262d2c);
    --danger: var(--pii-mask-danger, #f08b92);
    --danger-soft: var(--pii-mask-danger-soft, #3a1c1f);
    --focus: var(--pii-mask-focus, #7aaaf5);
    --head: var(--pii-mask-head, #222b2a);
    --head-line: var(--pii-mask-head-line, #3d4b49);
    --soft: var(--pii-mask-soft, #161c1b);
    --field-line: var(--pii-mask-field-line, #5a6866);
    --cell-line: var(--pii-mask-cell-line, #283130);
    --dot-high: var(--pii-mask-dot-high, #4cc08a);
    --dot-medium: var(--pii-mask-dot-medium, #e0ac2e);
    --dot-low: var(--pii-mask-dot-low, #7c8a87);
    --own-line: var(--pii-mask-own-line, #3f6a65);
    --primary-hover: var(--pii-mask-primary-hover, #9ad3cc);
  }
}
:host([hidden]) { display: none; }

* { box-sizing: border-box; }

h2, h3 { line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 0 0 0.75rem; display: flex; align-items: center; gap: 0.6rem; }
h3 { font-size: 1rem; margin: 0 0 0.4rem; }

a { color: var(--accent); }
code { font-family: var(--mono); font-size: 0.9em; }

:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%);
  white-space: nowrap; border: 0;
}

/* ---------------------------------------------------------------- sections */
section, .error {
  background: var(--panel);
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 1.1rem 1.25rem 1.25rem;
  margin-bottom: 1.25rem;
}
[hidden] { display: none !important; }

.step {
  display: inline-grid; place-items: center;
  width: 1.6rem; height: 1.6rem; border-radius: 50%;
  background: var(--accent); color: var(--accent-ink);
  font-size: 0.9rem; flex: none;
}

.hint, .note { color: var(--muted); font-size: 0.92rem; }
.hint { margin: 0 0 0.75rem; }
.note { margin: 0.4rem 0 0; min-height: 1.2em; }
.muted { color: var(--muted); }

/* ---------------------------------------------------------------- buttons */
button, .button {
  font: inherit; font-size: 0.95rem;
  border-radius: 6px; padding: 0.45rem 0.9rem;
  border: 1px solid var(--accent); cursor: pointer;
  display: inline-block; line-height: 1.3;
}
.primary { background: var(--accent); color: var(--accent-ink); font-weight: 600; }
.primary:hover { background: var(--primary-hover); }
.secondary { background: var(--panel); color: var(--accent); }
.secondary:hover { background: var(--accent-soft); }
button:disabled { opacity: 0.55; cursor: not-allowed; }
input:focus-visible + .button, input:focus-visible + label.button { outline: 3px solid var(--focus); outline-offset: 2px; }

select, input[type="number"], input[type="password"], input[type="text"] {
  font: inherit; font-size: 0.95rem;
  border: 1px solid var(--field-line); border-radius: 6px; padding: 0.35rem 0.5rem;
  background: var(--panel); color: var(--ink);
}

/* ---------------------------------------------------------------- load */
.drop {
  border: 2px dashed var(--field-line); border-radius: var(--radius);
  padding: 1.25rem; text-align: center; background: var(--soft);
  transition: background 0.15s, border-color 0.15s;
}
.drop.over { background: var(--accent-soft); border-color: var(--accent); }
.drop-label { display: block; cursor: pointer; padding: 0.5rem; }
.drop-title { display: block; font-size: 1.1rem; font-weight: 600; }
.drop-hint { display: block; color: var(--muted); font-size: 0.9rem; margin-top: 0.2rem; }
.link { color: var(--accent); text-decoration: underline; }
.or { margin: 0.6rem 0 0; color: var(--muted); }
.or .hint { margin: 0; }
#file:focus-visible + .drop-label { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 6px; }

.csv-options { margin-top: 0.8rem; font-size: 0.92rem; }
.csv-options summary { cursor: pointer; color: var(--muted); }
.opts { display: flex; flex-wrap: wrap; gap: 0.6rem 1.5rem; align-items: center; padding-top: 0.6rem; }
.opts select { margin-left: 0.4rem; }
.check { display: inline-flex; gap: 0.4rem; align-items: center; }

.file-info { margin: 0.8rem 0 0; font-weight: 600; overflow-wrap: anywhere; }
.encoding-note[hidden] { display: none; }
.encoding-note { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; margin: 0.6rem 0 0; padding: 0.5rem 0.8rem; border-left: 3px solid var(--changed-line); background: var(--changed); border-radius: 4px; font-size: 0.92rem; }

/* ---------------------------------------------------------------- error */
.error { border-color: var(--danger); background: var(--danger-soft); }
.error-title { color: var(--danger); margin: 0 0 0.3rem; font-size: 1.1rem; }
.error-message { font-family: var(--mono); font-size: 0.95rem; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
.error-hint { margin: 0; color: var(--muted); font-size: 0.92rem; }

/* ---------------------------------------------------------------- tables */
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); font-weight: 600; border-bottom: 1px solid var(--head-line); }

.columns-table { width: 100%; }
.columns-table tbody th { font-weight: 600; white-space: nowrap; }
.col-name { font-family: var(--mono); font-size: 0.95em; }
.col-index { color: var(--muted); font-weight: 400; font-size: 0.8em; margin-left: 0.4rem; }
.columns-table td { vertical-align: middle; }
.entity {
  display: inline-block; margin: 0.1rem 0.3rem 0.1rem 0; padding: 0.05rem 0.45rem;
  border-radius: 999px; background: var(--head); font-size: 0.82rem; white-space: nowrap;
}
.entity-item { display: inline-flex; flex-direction: column; align-items: flex-start; margin: 0.1rem 0.5rem 0.1rem 0; vertical-align: top; }
.entity-item .entity { margin: 0; }
.entity-count { color: var(--muted); font-size: 0.75rem; padding-left: 0.45rem; white-space: nowrap; }
.entity-type { font-family: var(--mono); }
.entity-share { color: var(--muted); }
.conf { display: inline-block; font-size: 0.82rem; padding: 0.05rem 0.5rem; border-radius: 999px; white-space: nowrap; }
.conf::before { content: ""; display: inline-block; width: 0.55rem; height: 0.55rem; border-radius: 50%; margin-right: 0.35rem; vertical-align: 0.05rem; }
.conf-high::before { background: var(--dot-high); }
.conf-medium::before { background: var(--dot-medium); }
.conf-low::before { border: 1px solid var(--dot-low); }
.conf-none { color: var(--muted); }
.conf-none::before { display: none; }
.conf-why { display: block; color: var(--muted); font-size: 0.78rem; margin-top: 0.1rem; }
.op-select { min-width: 9rem; }
.op-select[data-op="keep"] { color: var(--muted); }
.suggested { display: none; }

.ops-help { display: flex; flex-wrap: wrap; gap: 0.3rem 1.4rem; margin: 0.9rem 0 0; font-size: 0.85rem; color: var(--muted); }
.ops-help div { display: flex; gap: 0.35rem; }
.ops-help dt { font-weight: 600; color: var(--ink); }
.ops-help dd { margin: 0; }

.key { margin-top: 1rem; padding: 0.9rem 1rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--soft); }
.key .hint { margin-bottom: 0.5rem; }
.key .note:empty { min-height: 0; margin: 0; }
.key-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.key-label { font-weight: 600; }
#key { font-family: var(--mono); flex: 1 1 20rem; min-width: 0; }

.policy-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 1rem; }
.policy-row .note { margin: 0; }

/* ---------------------------------------------------------------- preview */
.legend { font-size: 0.85rem; color: var(--muted); margin: -0.4rem 0 0.6rem; display: flex; align-items: center; gap: 0.4rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 3px; border: 1px solid var(--line); }
.changed-swatch { background: var(--changed); border-color: var(--changed-line); }
.dropped-swatch { background: var(--dropped); }
.swatch + .swatch, .legend .swatch:nth-of-type(2) { margin-left: 0.8rem; }

.preview-scroll { border: 1px solid var(--line); border-radius: 6px; max-height: 32rem; overflow: auto; }
.preview-table { font-size: 0.85rem; }
.preview-table th, .preview-table td { white-space: nowrap; border-right: 1px solid var(--cell-line); }
.preview-table thead { position: sticky; top: 0; z-index: 1; }
.preview-table .pair-head { text-align: center; border-left: 2px solid var(--head-line); }
.preview-table .sub { font-weight: 500; font-size: 0.78rem; color: var(--muted); }
.preview-table .sub:first-child, .preview-table td.orig { border-left: 2px solid var(--head-line); }
.ph-name { font-family: var(--mono); }
.ph-op { display: block; font-weight: 400; font-size: 0.75rem; color: var(--muted); }
.pair-head .ph-op { display: inline; margin-left: 0.4rem; }
.cell { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; }
td.orig { color: var(--muted); }
td.changed { background: var(--changed); box-shadow: inset 0 -2px 0 var(--changed-line); }
td.dropped { background: repeating-linear-gradient(135deg, var(--dropped) 0 6px, var(--panel) 6px 12px); min-width: 3rem; }
td.missing { color: var(--muted); text-align: center; font-style: italic; }
.missing-swatch { border-style: dashed; font-size: 0.7rem; line-height: 0.8rem; text-align: center; color: var(--muted); width: 1.2rem; }
.legend { flex-wrap: wrap; }
.legend-tip { margin-left: 0.8rem; }
/* Cut text opens in place: clicked cell, or a whole row from its number. */
.cell.open, tr.open .cell { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 32rem; min-width: 12rem; }
.cell { cursor: pointer; }
/* Row numbers stay in view when the table scrolls sideways. */
.preview-table .rownum { position: sticky; left: 0; z-index: 1; background: var(--panel); color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; box-shadow: inset -1px 0 0 var(--head-line); }
.preview-table thead .rownum { background: var(--head); z-index: 2; }
.rownum-btn { font: inherit; border: 0; background: none; color: var(--accent); padding: 0 0.2rem; text-decoration: underline dotted; font-variant-numeric: tabular-nums; }
.preview-tools { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; margin: 0 0 0.6rem; font-size: 0.92rem; }
.preview-tools input[type="search"] { font: inherit; font-size: 0.92rem; border: 1px solid var(--field-line); border-radius: 6px; padding: 0.3rem 0.5rem; background: var(--panel); color: var(--ink); min-width: 12rem; }
.pager { display: flex; flex-wrap: wrap; gap: 0.4rem 0.6rem; align-items: center; margin: 0 0 0.6rem; font-size: 0.92rem; }
.ops-tools { margin-top: 0.8rem; font-size: 0.92rem; }
.ops-tools .note { margin: 0; }
.ops-apply { display: inline-flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.ops-apply select { font-size: 0.9rem; }

.copy-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.9rem; font-size: 0.95rem; }
#copy-n { width: 5rem; }
.copy-row .note { margin: 0; }

/* ---------------------------------------------------------------- run */
.check-line { margin: 0 0 0.75rem; }
/* A long label with code in it flows as text, not as flex items. */
.check-line .check { display: block; }
.out-format select { max-width: 100%; margin-left: 0.3rem; }
.out-format .hint { display: block; margin-top: 0.3rem; }
.done-entities { margin: 0.3rem 0 0.6rem; }
.run-row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; }
.progress-box { margin-top: 1rem; }
progress { width: 100%; height: 0.9rem; accent-color: var(--accent); }
.progress-text { margin: 0.3rem 0 0; font-variant-numeric: tabular-nums; color: var(--muted); }
.done { margin-top: 1rem; }
.done-text { margin: 0 0 0.7rem; font-weight: 600; }
.report-details { margin-top: 0.9rem; }
.report-details summary { cursor: pointer; color: var(--muted); }
.report-table { margin-top: 0.5rem; }
.report-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.report-table tfoot td { color: var(--muted); border-bottom: 0; }


/* ---------------------------------------------------------------- your own entities */
.risk { margin-top: 1rem; font-size: 0.92rem; }
.risk summary { cursor: pointer; color: var(--muted); }
.risk[open] summary { margin-bottom: 0.5rem; }
.risk .hint { max-width: 48rem; }
.risk-quasi { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.6rem; padding: 0.4rem 0.7rem; }
.risk-quasi div { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.risk-options { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.risk-options input[type=number] { width: 4.5rem; }
.risk-verdict { margin: 0.75rem 0 0.4rem; }
.risk-table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.risk-table th, .risk-table td { text-align: left; padding: 0.25rem 0.9rem 0.25rem 0; border-bottom: 1px solid var(--line); vertical-align: middle; }
.risk-table th[scope=row] { font-weight: normal; color: var(--muted); }
.risk-table meter { width: 7rem; margin-right: 0.4rem; vertical-align: middle; }
.own { margin-top: 1rem; font-size: 0.92rem; }
.own summary { cursor: pointer; color: var(--muted); }
.own[open] summary { margin-bottom: 0.5rem; }
.own .hint { max-width: 48rem; }
.own-count { font-variant-numeric: tabular-nums; }
.own-list { list-style: none; margin: 0 0 0.75rem; padding: 0; }
.own-list:empty { display: none; }
.own-list li { display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; align-items: center; padding: 0.35rem 0; border-bottom: 1px solid var(--line); }
.own-name { font-weight: 600; }
.own-how { color: var(--muted); flex: 1 1 12rem; overflow-wrap: anywhere; }
.own-actions { display: flex; gap: 0.4rem; margin-left: auto; }
.own-form fieldset { border: 1px solid var(--line); border-radius: var(--radius); background: var(--soft); padding: 0.7rem 1rem 0.9rem; margin: 0; min-width: 0; }
.own-form legend { font-weight: 600; padding: 0 0.3rem; }
.own-grid { display: grid; grid-template-columns: max-content minmax(0, 34rem); gap: 0.55rem 1rem; align-items: start; }
.own-grid > label, #own-kind-label { font-weight: 600; padding-top: 0.35rem; }
.own-grid input[type="text"], .own-grid textarea { width: 100%; }
.own-grid textarea { font: inherit; font-family: var(--mono); font-size: 0.9rem; border: 1px solid var(--field-line); border-radius: 6px; padding: 0.35rem 0.5rem; resize: vertical; }
#own-pattern, #own-name { font-family: var(--mono); }
.own-kind { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; padding-top: 0.35rem; }
.own-hint { display: block; color: var(--muted); font-size: 0.85rem; margin-top: 0.15rem; }
.own-terms .button { margin-top: 0.35rem; }
.own-error { color: var(--danger); font-family: var(--mono); font-size: 0.9rem; margin: 0.6rem 0 0; overflow-wrap: anywhere; }
.own-error:empty { display: none; }
.own-form .run-row { margin-top: 0.7rem; }
.own-form .note { margin: 0; }
button.small, .button.small { font-size: 0.85rem; padding: 0.2rem 0.6rem; }
.entity.own-entity { background: var(--accent-soft); box-shadow: inset 0 0 0 1px var(--own-line); }

/* ---------------------------------------------------------------- narrow */
@media (max-width: 640px) {
  section, .error { padding: 0.9rem; }
  .columns-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .columns-table, .columns-table tbody, .columns-table tr, .columns-table th, .columns-table td { display: block; width: 100%; }
  .columns-table tr { border-bottom: 1px solid var(--line); padding: 0.5rem 0; }
  .columns-table tbody th, .columns-table td { border: 0; padding: 0.15rem 0; }
  .columns-table tr td:nth-child(3) { display: inline-block; width: auto; min-width: 8.5rem; margin-right: 0.4rem; }
  .columns-table tr td:nth-child(4) { display: inline-block; width: auto; }
  .op-select { min-width: 11rem; }
  #key { flex-basis: 100%; }
  .own-grid { grid-template-columns: minmax(0, 1fr); gap: 0.2rem; }
  .own-grid > label, #own-kind-label, .own-kind { padding-top: 0; }
  .own-grid > div { margin-bottom: 0.45rem; }
  .own-form fieldset { padding: 0.6rem 0.7rem 0.8rem; }
}

/* ---------------------------------------------------------------- checks */
.kept-note { display: block; color: var(--muted); font-size: 0.82rem; margin-top: 0.2rem; max-width: 16rem; }
.kept-note:empty { display: none; }
.checks { margin: 0 0 0.9rem; padding: 0.5rem 0.8rem; border-left: 3px solid var(--changed-line); background: var(--changed); border-radius: 4px; font-size: 0.92rem; }
.checks p { margin: 0; }
.checks ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
.checks ul:empty { display: none; }
.roundtrip { margin: 0 0 0.9rem; padding: 0.7rem 1rem; border: 1px solid var(--own-line); background: var(--accent-soft); border-radius: var(--radius); }
.roundtrip p { margin: 0 0 0.5rem; }
.vault-form { display: grid; gap: 0.4rem; max-width: 32rem; margin-top: 0.6rem; }
.vault-form label, .restore-open label { display: grid; gap: 0.15rem; }
.vault-form input, .restore-open input[type="password"] { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--field-line); border-radius: 6px; }
.strength { display: flex; align-items: center; gap: 0.5rem; margin: 0; }
.strength meter { width: 8rem; }
.vault-match { color: var(--danger); margin: 0; min-height: 0; }
.vault-match:empty { display: none; }
.restore-source { font-weight: 600; }
.restore-open { margin: 0.5rem 0 0.8rem; }
.restore-label { display: block; margin: 0.4rem 0 0.2rem; font-weight: 600; }
#restore-in { width: 100%; box-sizing: border-box; font: inherit; font-family: var(--mono); font-size: 0.9rem; border: 1px solid var(--field-line); border-radius: 6px; padding: 0.45rem 0.6rem; resize: vertical; }
.restore-out { white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--mono); font-size: 0.9rem; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.75rem; margin: 0.4rem 0 0.6rem; max-height: 28rem; overflow: auto; }
.restore-out mark { background: var(--changed); border-bottom: 2px solid var(--changed-line); color: inherit; padding: 0 1px; }
.residual { margin: 0 0 0.9rem; padding: 0.7rem 1rem; border: 1px solid var(--danger); background: var(--danger-soft); border-radius: var(--radius); }
.residual h3 { color: var(--danger); }
.residual p { margin: 0 0 0.3rem; }
.residual ul { margin: 0 0 0.6rem; padding-left: 1.2rem; }
.validation { margin: 0 0 0.9rem; }
.validation ul { margin: 0 0 0.6rem; padding-left: 1.2rem; max-height: 12rem; overflow: auto; }
tr.invalid th.rownum { box-shadow: inset 3px 0 0 var(--danger); }
#encoding-reset:empty { display: none; }
`;
