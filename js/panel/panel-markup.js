// The markup of <pii-mask-panel>'s shadow tree: the four steps and the error
// box. Parsed once into a <template> (no script, no inline style: it works
// under a CSP without 'unsafe-inline'). Step sections are separate so a host
// can show only some (the element's `steps`), and later steps can be added.
export const PANEL_HTML = `
<section id="load" part="section load" aria-labelledby="load-h">
  <h2 id="load-h"><span class="step" part="step">1</span> Load a CSV</h2>
  <div class="drop" id="drop" part="drop">
    <input type="file" id="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" class="visually-hidden">
    <label for="file" class="drop-label">
      <span class="drop-title">Drop a CSV file here, or <span class="link">choose a file</span></span>
      <span class="drop-hint">Large files are fine: they are read as a stream, never whole into memory.</span>
    </label>
    <p class="or" id="load-extra" hidden><slot name="load-extra"></slot></p>
  </div>
  <details class="csv-options" id="csv-options">
    <summary>CSV options</summary>
    <div class="opts">
      <label>Delimiter
        <select id="opt-delimiter">
          <option value="">detect</option>
        </select>
      </label>
      <label>Text encoding
        <select id="opt-encoding"></select>
      </label>
      <label>First row
        <select id="opt-header">
          <option value="auto">detect whether it names the columns</option>
          <option value="yes">names the columns (header)</option>
          <option value="no">is data (no header)</option>
        </select>
      </label>
      <label class="check"><input type="checkbox" id="opt-ragged"> Accept rows with a different number of fields</label>
    </div>
  </details>
  <p id="file-info" class="file-info" hidden></p>
  <p id="encoding-reset" class="note" role="status"></p>
  <p id="encoding-note" class="encoding-note" role="status" hidden><span id="encoding-text"></span> <button type="button" class="secondary" id="encoding-switch">Read it in another encoding</button></p>
</section>

<div id="error" class="error" part="error" role="alert" hidden>
  <h2 class="error-title">This file could not be read</h2>
  <p id="error-message" class="error-message"></p>
  <p class="error-hint">Fix the file and load it again, or load another file. Nothing was written.</p>
</div>

<section id="columns" part="section columns" aria-labelledby="columns-h" hidden>
  <h2 id="columns-h"><span class="step" part="step">2</span> Choose what happens to each column</h2>
  <p class="hint" id="scan-summary"></p>
  <p id="header-note" class="encoding-note" role="status" hidden><span id="header-text"></span> <button type="button" class="secondary" id="header-switch">Read it as a header</button></p>
  <div class="pager" id="column-pager" hidden>
    <span id="pager-text"></span>
    <button type="button" id="pager-prev" class="secondary small">Previous columns</button>
    <button type="button" id="pager-next" class="secondary small">Next columns</button>
    <button type="button" id="pager-personal" class="secondary small">Next with personal data</button>
  </div>
  <div class="scroll">
    <table id="column-table" class="columns-table">
      <caption class="visually-hidden">Columns, the personal data found in them, and the operator for each</caption>
      <thead>
        <tr><th scope="col">Column</th><th scope="col">Personal data found (share of sampled cells)</th><th scope="col">How sure the scan is</th><th scope="col">Operator</th></tr>
      </thead>
      <tbody></tbody>
    </table>
  </div>
  <div class="ops-tools run-row">
    <button type="button" id="ops-undo" class="secondary small" disabled>Undo</button>
    <button type="button" id="ops-reset" class="secondary small">Reset to suggestions</button>
    <span class="ops-apply"><label for="ops-apply-op">Set every column with personal data to</label>
      <select id="ops-apply-op"></select>
      <button type="button" id="ops-apply" class="secondary small">Apply</button></span>
    <span class="ops-apply"><label for="preset">Start from</label>
      <select id="preset"></select>
      <button type="button" id="preset-apply" class="secondary small">Apply preset</button></span>
    <span class="note" id="ops-note" aria-live="polite"></span>
  </div>
  <div class="preset-note hint" id="preset-note" hidden>
    <p id="preset-text"></p>
    <p>What the preset cannot see for you:</p>
    <ul id="preset-gaps"></ul>
  </div>
  <dl class="ops-help" id="ops-help"></dl>

  <details class="own" id="own">
    <summary>Your own entities <span class="own-count" id="own-count"></span></summary>
    <p class="hint">Employee numbers, customer ids, project code names: what no built-in detector knows. Declare them here and they are
      found in columns and in text like the others, shown as <code>[NAME]</code> when scrubbed, and saved in the policy.</p>
    <ul class="own-list" id="own-list"></ul>
    <form class="own-form" id="own-form" novalidate>
      <fieldset id="own-fields">
        <legend id="own-legend">Add an entity</legend>
        <div class="own-grid">
          <label for="own-name">Name</label>
          <div><input type="text" id="own-name" placeholder="EMPLOYEE_ID" spellcheck="false" autocomplete="off" autocapitalize="characters" aria-describedby="own-name-hint">
            <span class="own-hint" id="own-name-hint">capital letters, digits and _</span></div>

          <span id="own-kind-label">Found by</span>
          <div class="own-kind" role="radiogroup" aria-labelledby="own-kind-label">
            <label class="check"><input type="radio" name="own-kind" id="own-kind-pattern" value="pattern" checked> a pattern</label>
            <label class="check"><input type="radio" name="own-kind" id="own-kind-terms" value="terms"> a list of terms</label>
          </div>

          <label for="own-pattern" class="own-pattern">Pattern</label>
          <div class="own-pattern"><input type="text" id="own-pattern" placeholder="EMP-[0-9]{6}" spellcheck="false" autocomplete="off" aria-describedby="own-pattern-hint">
            <span class="own-hint" id="own-pattern-hint">a regular expression, matched as whole words</span></div>

          <label for="own-check" class="own-pattern">Check digit</label>
          <div class="own-pattern"><select id="own-check">
              <option value="">none</option>
              <option value="luhn">Luhn (cards, many ids)</option>
              <option value="mod97">mod 97 (IBAN style)</option>
            </select></div>

          <label for="own-terms" class="own-terms" hidden>Terms</label>
          <div class="own-terms" hidden><textarea id="own-terms" rows="4" spellcheck="false" placeholder="Bluebird&#10;Night Owl" aria-describedby="own-terms-hint"></textarea>
            <span class="own-hint" id="own-terms-hint">one per line, or paste a list; whole words, any case</span>
            <input type="file" id="own-terms-file" accept=".txt,.csv,text/plain" class="visually-hidden">
            <label for="own-terms-file" class="button secondary small">Add terms from a file…</label></div>

          <label for="own-context">Context words</label>
          <div><input type="text" id="own-context" placeholder="employee, staff" spellcheck="false" autocomplete="off" aria-describedby="own-context-hint">
            <span class="own-hint" id="own-context-hint">optional, separated by commas: in text a match needs one among the five words before it; a column whose header holds one is taken to hold the entity</span></div>

          <label for="own-deny">Never flag</label>
          <div><textarea id="own-deny" rows="2" spellcheck="false" placeholder="EMP-000000" aria-describedby="own-deny-hint"></textarea>
            <span class="own-hint" id="own-deny-hint">optional, one value per line</span></div>
        </div>
        <p class="own-error" id="own-error" role="alert"></p>
        <div class="run-row">
          <button type="submit" id="own-submit" class="secondary">Add entity</button>
          <button type="button" id="own-cancel" class="secondary" hidden>Cancel</button>
          <span class="note" id="own-note" aria-live="polite"></span>
        </div>
      </fieldset>
    </form>
  </details>

  <details class="risk" id="risk">
    <summary>Re-identification risk</summary>
    <p class="hint">Columns that say little alone (age, birth date, postcode, gender, job) can single people out together. Tick the ones someone could know about the people in this file: the whole file is grouped by them, before and after your choices above. A group of one is a person anyone who knows those facts can find.</p>
    <fieldset class="risk-quasi" id="risk-quasi-set">
      <legend>Quasi-identifiers</legend>
      <div id="risk-quasi"></div>
    </fieldset>
    <div class="risk-options">
      <label>Sensitive column <select id="risk-sensitive"><option value="">none</option></select></label>
      <label>Target k <input type="number" id="risk-k" min="2" max="1000" value="5" inputmode="numeric"></label>
      <button type="button" id="risk-run" class="secondary">Measure risk</button>
      <span class="note" id="risk-note" aria-live="polite"></span>
    </div>
    <div id="risk-result" class="risk-result" hidden>
      <p id="risk-verdict" class="risk-verdict"></p>
      <table class="risk-table" id="risk-table">
        <thead><tr><th scope="col"></th><th scope="col">before</th><th scope="col">after your choices</th></tr></thead>
        <tbody></tbody>
      </table>
      <div id="risk-suggestion" class="risk-suggestion" hidden>
        <p id="risk-suggestion-text"></p>
        <ul id="risk-suggestion-list"></ul>
        <button type="button" id="risk-apply" class="secondary">Use these operators</button>
      </div>
    </div>
  </details>

  <div class="key" id="key-panel" hidden>
    <h3>Hash key</h3>
    <p class="hint">Hashed columns use a secret key made in this tab. Without the key, nobody can reverse the codes by guessing.
      Use the same key for two files if their codes must match. The key is never saved in the policy.</p>
    <div class="key-row">
      <label for="key" class="key-label">Key</label>
      <input type="password" id="key" autocomplete="off" spellcheck="false" aria-describedby="key-note">
      <button type="button" id="key-reveal" class="secondary" aria-pressed="false">Reveal</button>
      <button type="button" id="key-copy" class="secondary">Copy</button>
      <button type="button" id="key-new" class="secondary">New key</button>
    </div>
    <p class="note" id="key-note" aria-live="polite"></p>
  </div>

  <div class="policy-row">
    <button type="button" id="policy-save" class="secondary">Save policy (JSON)</button>
    <input type="file" id="policy-file" accept=".json,application/json" class="visually-hidden">
    <label for="policy-file" class="button secondary">Load policy…</label>
    <span class="note" id="policy-note" aria-live="polite"></span>
  </div>
</section>

<section id="preview" part="section preview" aria-labelledby="preview-h" hidden>
  <h2 id="preview-h"><span class="step" part="step">3</span> Preview</h2>
  <p class="hint" id="preview-summary"></p>
  <p class="legend"><span class="swatch changed-swatch"></span> changed <span class="swatch dropped-swatch"></span> dropped <span class="swatch missing-swatch">—</span> no cell (a short row)
    <span class="legend-tip">Click a cell, or a row's number, to see cut text in full.</span></p>
  <div class="preview-tools" id="preview-tools">
    <label for="preview-search">Search the rows</label>
    <input type="search" id="preview-search" spellcheck="false" autocomplete="off">
    <label for="preview-only">Show</label>
    <select id="preview-only">
      <option value="all">all rows</option>
      <option value="changed">only rows with a changed cell</option>
      <option value="findings">only rows with personal data found</option>
      <option value="invalid" id="preview-only-invalid" hidden>only rows that break the validation rules</option>
    </select>
  </div>
  <div class="scroll preview-scroll" tabindex="0" role="region" aria-label="Preview table, original beside masked">
    <table id="preview-table" class="preview-table"></table>
  </div>
  <div class="copy-row">
    <label for="copy-n">Copy the first</label>
    <input type="number" id="copy-n" min="1" max="1000" value="20" inputmode="numeric">
    <span>masked rows</span>
    <button type="button" id="copy-rows" class="secondary">Copy to clipboard</button>
    <button type="button" id="copy-prompt" class="secondary" title="The same rows after a short instruction asking the AI to keep the tokens exactly as written">Copy for an AI prompt</button>
    <span class="note" id="copy-note" aria-live="polite"></span>
  </div>
</section>

<section id="run" part="section run" aria-labelledby="run-h" hidden>
  <h2 id="run-h"><span class="step" part="step">4</span> Mask the whole file</h2>
  <p class="check-line">
    <label class="check"><input type="checkbox" id="escape-formulas" checked> Make it safe to open in a spreadsheet: cells a spreadsheet could run as formulas (starting with <code>=</code> or <code>@</code>, or <code>+</code>/<code>-</code> followed by more than a number) get a leading <code>'</code>; numbers and phone numbers stay as they are</label>
  </p>
  <p class="check-line out-format">
    <label for="out-format">Write it for</label>
    <select id="out-format"></select>
    <span class="hint" id="out-format-hint">For Excel the file starts with a UTF-8 byte-order mark: without it, Excel shows accented letters garbled. Choose semicolons if your Excel is set to a language that writes one and a half as 1,5 (most of Europe and South America): Excel splits fields at semicolons there. The preview and copied rows use the same delimiter; a saved policy does not keep this choice.</span>
  </p>
  <p class="check-line" id="fsa-line" hidden>
    <label class="check"><input type="checkbox" id="fsa"> Write straight to a file on disk (best for big files)</label>
  </p>
  <div id="checks" class="checks" role="status" hidden>
    <p id="kept-summary"></p>
    <ul id="warnings"></ul>
  </div>
  <div class="run-row">
    <button type="button" id="run-btn" class="primary" part="button primary">Mask the file</button>
    <button type="button" id="cancel-btn" class="secondary" hidden>Cancel</button>
  </div>
  <div id="progress-box" class="progress-box" hidden>
    <progress id="progress" max="1" value="0" aria-label="Masking progress"></progress>
    <p id="progress-text" class="progress-text" aria-live="polite"></p>
  </div>
  <div id="done" class="done" hidden>
    <p id="done-text" class="done-text" role="status"></p>
    <p id="done-entities" class="done-entities"></p>
    <div id="validation" class="validation" hidden>
      <p id="validation-text"></p>
      <ul id="validation-list"></ul>
    </div>
    <div id="residual" class="residual" role="alert" hidden>
      <h3>Personal data is still in the masked file</h3>
      <p id="residual-text"></p>
      <ul id="residual-list"></ul>
      <div class="run-row">
        <button type="button" id="download-anyway" class="secondary">Download it anyway</button>
        <button type="button" id="residual-back" class="secondary">Change the operators</button>
      </div>
    </div>
    <div class="run-row" id="done-actions">
      <button type="button" id="download" class="primary" part="button primary">Download masked CSV</button>
      <button type="button" id="report-btn" class="secondary">Download report (JSON)</button>
      <button type="button" id="audit-btn" class="secondary" title="The report with the SHA-256 of the policy, the input and the output, and the time: what an auditor needs, no values">Download audit record</button>
    </div>
    <div id="roundtrip" class="roundtrip" hidden>
      <h3>The vault, for the AI's answer</h3>
      <p id="roundtrip-text"></p>
      <div class="run-row">
        <button type="button" id="vault-btn" class="secondary">Download the vault…</button>
      </div>
      <form id="vault-form" class="vault-form" hidden>
        <label>Passphrase <input type="password" id="vault-pass" autocomplete="new-password" spellcheck="false"></label>
        <label>The same again <input type="password" id="vault-pass2" autocomplete="new-password" spellcheck="false"></label>
        <p class="strength"><meter id="vault-strength" min="0" max="4" low="2" high="3" optimum="4" value="0"></meter> <span id="vault-strength-text" aria-live="polite"></span></p>
        <p id="vault-match" class="vault-match" role="alert"></p>
        <p class="hint">The file is encrypted (AES-256-GCM, key from the passphrase by Argon2id). The passphrase is not stored anywhere: without it nobody, you included, can open the vault.</p>
        <div class="run-row">
          <button type="submit" id="vault-save" class="primary" disabled>Download the encrypted vault</button>
          <button type="button" id="vault-cancel" class="secondary">Cancel</button>
        </div>
      </form>
      <p id="vault-note" class="note" role="status"></p>
    </div>
    <details class="report-details">
      <summary>What was changed</summary>
      <div class="scroll"><table id="report-table" class="report-table"></table></div>
    </details>
  </div>
</section>

<section id="restore" part="section restore" aria-labelledby="restore-h" hidden>
  <h2 id="restore-h"><span class="step" part="step">5</span> Restore the AI's answer</h2>
  <p class="hint">Tokens like PERSON_048213 in an AI's answer are put back to the values they stand for, here in this tab. Text that only looks like a token is left as written.</p>
  <p id="restore-source" class="restore-source"></p>
  <button type="button" id="restore-use-run" class="secondary small" hidden>Use this tab's vault instead</button>
  <details class="restore-open">
    <summary>Open a vault file</summary>
    <div class="opts">
      <label>Vault file <input type="file" id="restore-file" accept=".vault,application/octet-stream"></label>
      <label>Passphrase <input type="password" id="restore-pass" autocomplete="current-password" spellcheck="false"></label>
      <button type="button" id="restore-open" class="secondary">Open</button>
    </div>
    <p id="restore-error" class="vault-match" role="alert"></p>
  </details>
  <label class="restore-label" for="restore-in">The AI's answer</label>
  <textarea id="restore-in" rows="6" spellcheck="false" placeholder="Paste the answer here"></textarea>
  <div class="run-row">
    <button type="button" id="restore-btn" class="primary" part="button primary" disabled>Restore</button>
  </div>
  <div id="restore-result" hidden>
    <p id="restore-summary" role="status"></p>
    <div id="restore-out" class="restore-out" tabindex="0" aria-label="The restored answer, restored values marked"></div>
    <div class="run-row">
      <button type="button" id="restore-copy" class="secondary">Copy the restored text</button>
      <span class="note" id="restore-copy-note" aria-live="polite"></span>
    </div>
  </div>
</section>
`;
