// www/model.js, the page's state and transitions, without a browser: the
// built package (pkg/) is the core it is given, files are node's File.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, KEY, loadPkg, peopleCsv } from './helpers.mjs';
import { DEFER_COLUMNS, PageModel, describeColumn, entityCounts, errorAdvice, readSample } from '../../js/panel/model.js';

const core = await loadPkg();
const SAMPLE = readFileSync(join(ROOT, 'www/sample.csv'));

let keys = 0;
function newModel() {
  const m = new PageModel(core, { randomKey: () => `random key number ${++keys} for tests` });
  const events = [];
  m.subscribe((what) => events.push(what));
  return { m, events };
}

const file = (name, bytes) => new File([bytes], name, { type: 'text/csv' });

test('load: a file is scanned, its operators preset from the suggestions, previewed', async () => {
  const { m, events } = newModel();
  const { text, header } = peopleCsv(40, { seed: 5 });
  assert.equal(await m.load(file('people.csv', text)), true);
  assert.deepEqual(events, ['load', 'scanned']);
  assert.equal(m.status, 'scanned');
  assert.deepEqual(m.result.columns.map((c) => c.name), header);
  assert.deepEqual(m.ops, m.result.columns.map((c) => c.suggested));
  assert.equal(m.preview.p.original.length, 20);
  assert.ok(m.preview.changed > 0);
  assert.ok(m.key.length >= 16, 'a key was made');
});

test('load: a file the core refuses leaves nothing of the one before', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  assert.equal(await m.load(file('broken.csv', 'a,b\n1,2\n3,"never closed\n')), false);
  assert.equal(m.status, 'error');
  assert.equal(m.result, null);
  assert.equal(m.preview, null);
  assert.deepEqual(m.ops, []);
  assert.match(m.error.message, /^broken\.csv: line 3: unclosed quote/);
  assert.equal(m.error.kind, 'file');
});

test('operators: change, undo, reset to suggestions, apply to every column with personal data', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const suggested = m.suggestions();
  const email = m.result.columns.findIndex((c) => c.name === 'email');
  m.setOp(email, { op: 'redact' });
  assert.deepEqual(m.ops[email], { op: 'redact' });
  assert.equal(m.preview.p.masked[0][email], '[EMAIL_ADDRESS]');
  m.setOp(email, { op: 'drop' });
  m.undo();
  assert.deepEqual(m.ops[email], { op: 'redact' });
  m.undo();
  assert.deepEqual(m.ops, suggested);
  assert.equal(m.canUndo, false);
  m.setOp(0, { op: 'drop' });
  m.resetToSuggestions();
  assert.deepEqual(m.ops, suggested);
  m.undo();
  assert.deepEqual(m.ops[0], { op: 'drop' }, 'a reset is undone like any change');
  m.resetToSuggestions();
  m.applyToPersonal({ op: 'redact' });
  const personal = new Set(m.personalColumns());
  assert.ok(personal.has(email) && !personal.has(m.result.columns.findIndex((c) => c.name === 'plan')));
  m.ops.forEach((op, i) => assert.deepEqual(op, personal.has(i) ? { op: 'redact' } : suggested[i], m.result.columns[i].name));
});

test('policy: every column named in the saved one; the core gets only the masked ones', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const saved = m.policy();
  assert.deepEqual(Object.keys(saved.columns), m.result.columns.map((c) => c.name));
  const sparse = JSON.parse(m.policyJson());
  assert.deepEqual(Object.keys(sparse.columns), m.result.columns.filter((_, i) => m.ops[i].op !== 'keep').map((c) => c.name));
  // The same output either way.
  const opts = { ...m.maskOptions(), key: KEY };
  const full = core.preview(SAMPLE, JSON.stringify(saved), opts, 30, true);
  assert.deepEqual(core.preview(SAMPLE, m.policyJson(), opts, 30, true).masked, full.masked);
  // Loading a saved policy gives back its operators, as the core resolves them.
  m.setOps(m.ops.map(() => ({ op: 'keep' })));
  const { opsFor } = m.readPolicy(JSON.stringify(saved));
  m.setOps(opsFor(m.result));
  assert.deepEqual(m.policy(), saved);
  // The core's rules, not the page's: a column the file lacks, a bad parameter, a newer version.
  const refused = (policy, code) => assert.throws(() => m.readPolicy(JSON.stringify(policy)), { code });
  refused({ ...saved, columns: { ...saved.columns, nosuch: { op: 'drop' } } }, 'policy_unknown_column');
  refused({ version: 1, columns: { email: { op: 'hash', length: 99 } } }, 'policy_invalid');
  refused({ version: 2 }, 'policy_version');
});

test('run: the choices are fixed when it starts; an output that no longer matches is not offered', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const snap = m.startRun();
  assert.equal(m.status, 'running');
  assert.equal(snap.options.escapeFormulas, true);
  m.finishRun(snap, { report: { rows: 30, columns: [] }, blob: 'bytes', onDisk: false, secs: 0.1 });
  assert.equal(m.status, 'done');
  assert.equal(m.output.blob, 'bytes');
  m.setEscapeFormulas(false);
  assert.equal(m.output, null, 'a changed choice withdraws the output');
  const snap2 = m.startRun();
  assert.equal(snap2.options.escapeFormulas, false);
  m.setEscapeFormulas(true); // mid-run
  assert.equal(snap2.options.escapeFormulas, false, 'the snapshot does not follow the page');
  m.finishRun(snap2, { report: { rows: 30, columns: [] }, blob: 'stale', onDisk: false, secs: 0.1 });
  assert.equal(m.output, null, 'the stale output is not offered');
  assert.equal(m.notice, 'stale-run');
});

test('describeColumn: what the scan found, one chip per entity', () => {
  const col = {
    index: 3,
    name: 'city',
    entities: [
      { type: 'LOCATION', share: 1, cells: 0, source: 'header' },
      { type: 'EMAIL_ADDRESS', share: 0.0004, cells: 1, source: 'cells' },
    ],
    suggested: { op: 'redact' },
    entity: 'LOCATION',
    confidence: 0.6,
  };
  const { chips, sure } = describeColumn(col);
  assert.deepEqual(chips.map((c) => `${c.type} ${c.text}`), ['LOCATION header only', 'EMAIL_ADDRESS under 1%']);
  assert.equal(sure.text, 'fairly sure');
  assert.equal(errorAdvice({ code: 'key_too_short' }).kind, 'key');
});

test('a new file starts from UTF-8; the same file read again keeps the chosen encoding', async () => {
  const { m } = newModel();
  const ansi = file('ansi.csv', Buffer.from('name,email\nJos\xe9,jose@example.com\n', 'latin1'));
  await m.load(ansi);
  assert.equal(m.result.invalidUtf8Line, 2);
  assert.equal(m.setCsvOption('encoding', 'windows-1252'), true);
  await m.load(ansi);
  assert.equal(m.preview.p.original[0][0], 'José');
  await m.load(file('utf8.csv', 'name,email\nJosé,jose@example.com\n'));
  assert.equal(m.csv.encoding, 'utf-8');
  assert.equal(m.notice, 'encoding');
  assert.equal(m.preview.p.original[0][0], 'José');
});

test('a hash with sha256 needs the key like any hash (the core says so)', async () => {
  const { m } = newModel();
  await m.load(file('people.csv', peopleCsv(10).text));
  m.setOps(m.ops.map(() => ({ op: 'keep' })));
  assert.equal(m.needsKey, false);
  m.setOp(1, { op: 'hash', algorithm: 'sha256' });
  assert.equal(m.needsKey, true);
  assert.equal(m.maskOptions().key, m.key);
  assert.match(m.preview.p.masked[0][1], /^[0-9a-f]{16}$/);
});

test('a key too short: no preview of the old hashes, the reason instead; a run refuses to start', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  assert.ok(m.needsKey);
  m.setKey('short');
  assert.equal(m.preview.p, undefined);
  assert.match(m.preview.paused, /the key is 5 bytes; at least 16 bytes/i);
  assert.throws(() => m.startRun(), { code: 'key_too_short' });
  m.setKey(KEY);
  assert.ok(m.preview.p);
});

test('errors say what to fix: the file, the policy, the key or the options', () => {
  const kind = (code, stage) => errorAdvice(code ? { code } : {}, stage).kind;
  for (const c of ['unclosed_quote', 'ragged_row', 'invalid_utf8', 'utf16_input', 'binary_input']) assert.equal(kind(c), 'file', c);
  for (const c of ['policy_json', 'policy_unknown_column', 'policy_invalid', 'policy_all_dropped']) assert.equal(kind(c, 'run'), 'policy', c);
  for (const c of ['missing_key', 'key_too_short']) assert.equal(kind(c, 'load'), 'key', c);
  assert.equal(kind('invalid_option'), 'options');
  assert.doesNotMatch(errorAdvice({ code: 'key_too_short' }).hint, /Fix the file/);
  assert.doesNotMatch(errorAdvice({ code: 'policy_unknown_column' }).hint, /Fix the file/);
  // Without a code (a core from before structured errors), where it happened decides.
  assert.equal(kind(null, 'load'), 'file');
  assert.equal(kind(null, 'preview'), 'policy');
});

test('output for spreadsheets: a BOM and ";" are options of the output, fixed at the run, never in the policy', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const saved = m.policy();
  const sent = m.policyJson();
  assert.equal(m.outputFormat, 'plain', 'off by default');
  assert.equal(m.maskOptions().bom, undefined);
  assert.equal(m.maskOptions().outputDelimiter, undefined);
  assert.equal(m.preview.p.output.split('\n')[0], m.result.columns.map((c) => c.name).join(','));
  m.setOutputFormat('excel-semicolon');
  assert.deepEqual(m.policy(), saved, 'the saved policy does not carry it');
  assert.equal(m.policyJson(), sent);
  assert.equal(m.maskOptions().bom, true);
  assert.equal(m.maskOptions().outputDelimiter, ';');
  assert.equal(m.outputDelimiter, ';');
  // The preview (and so the copied rows) as the download writes them.
  const [first, second] = m.preview.p.output.split('\n');
  assert.equal(first, `\uFEFF${m.result.columns.map((c) => c.name).join(';')}`);
  assert.ok(second.startsWith(m.preview.p.masked[0].slice(0, 3).join(';')), second);
  m.setOutputFormat('excel');
  assert.equal(m.maskOptions().outputDelimiter, ',');
  const run = m.startRun();
  m.setOutputFormat('excel-semicolon'); // mid-run
  assert.equal(run.options.outputDelimiter, ',', 'the snapshot does not follow the page');
  m.finishRun(run, { report: { rows: 30, columns: [] }, blob: 'stale', onDisk: false, secs: 0.1 });
  assert.equal(m.output, null, 'an output written otherwise is not offered');
  // Loading a policy leaves the output format alone.
  m.setOps(opsOf(m, saved));
  assert.equal(m.outputFormat, 'excel-semicolon');
  assert.throws(() => m.setOutputFormat('xlsx'));
});

const opsOf = (m, policy) => m.readPolicy(JSON.stringify(policy)).opsFor(m.result);

test('per-column counts per entity: how many of the sampled cells showed each', async () => {
  const col = {
    index: 0,
    name: 'contact',
    entities: [
      { type: 'EMAIL_ADDRESS', share: 0.98, cells: 980, source: 'cells' },
      { type: 'LOCATION', share: 1, cells: 2, source: 'header' },
    ],
    suggested: { op: 'redact' },
    entity: 'EMAIL_ADDRESS',
    confidence: 0.98,
  };
  const { chips } = describeColumn(col, 1000);
  assert.deepEqual(chips.map((c) => `${c.type} ${c.text} · ${c.detail}`), [
    'EMAIL_ADDRESS 98% · 980 of 1,000 sampled cells',
    'LOCATION header, 2 cells · 2 of 1,000 sampled cells',
  ]);
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const notes = m.result.columns.find((c) => c.name === 'notes');
  const got = describeColumn(notes, m.result.sampled).chips.find((c) => c.type === 'US_SSN');
  assert.equal(got.detail, `${notes.entities.find((e) => e.type === 'US_SSN').cells} of 30 sampled cells`);
});

test("the done summary's counts per entity: what every operator handled, most first", async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const counts = entityCounts(m.preview.p.report);
  assert.ok(counts.some((c) => c.type === 'US_SSN'), 'redacted SSNs are counted');
  assert.ok(counts.some((c) => c.type === 'IP_ADDRESS'), 'hashed IPs are counted');
  for (let i = 1; i < counts.length; i++) assert.ok(counts[i - 1].n >= counts[i].n);
  assert.deepEqual(entityCounts({ entities: {} }), []);
});

test('policies carry their version: another version is refused with what to change, and nothing is lost', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  const email = m.result.columns.findIndex((c) => c.name === 'email');
  m.setOp(email, { op: 'drop' });
  const before = { ops: m.ops, entities: m.entities, preview: m.preview, history: m.history.length };
  const newer = JSON.stringify({ version: m.catalogue.policyVersion + 1, columns: { email: { op: 'keep' } } });
  assert.throws(() => m.readPolicy(newer), (e) => {
    assert.equal(e.code, 'policy_version');
    assert.match(e.message, /version 2 is not supported/, "the core's message");
    assert.match(e.hint, /change its "version" to 1/);
    return true;
  });
  assert.throws(() => m.readPolicy(JSON.stringify({ columns: {} })), (e) => e.code === 'policy_version' && /Add "version": 1/.test(e.hint));
  assert.deepEqual({ ops: m.ops, entities: m.entities, preview: m.preview, history: m.history.length }, before);
  assert.equal(m.policy().version, m.catalogue.policyVersion);
});

test('a saved policy names its JSON Schema when the page has a lasting address, and loads back', async () => {
  const m = new PageModel(core, { randomKey: () => KEY, schemaUrl: 'https://example.org/pkg/policy.schema.json' });
  await m.load(file('sample.csv', SAMPLE));
  const saved = m.policy();
  assert.deepEqual(Object.keys(saved).slice(0, 2), ['$schema', 'version']);
  assert.equal(core.validatePolicy(saved).ok, true);
  assert.equal(JSON.parse(m.policyJson()).$schema, undefined, 'the core gets no more than it needs');
  m.setOps(opsOf(m, saved));
  assert.deepEqual(m.policy(), saved);
  const { m: plain } = newModel();
  await plain.load(file('sample.csv', SAMPLE));
  assert.equal('$schema' in plain.policy(), false);
});

test('a very wide file: a change marks the preview pending, settle() asks the core once for any number of changes', async () => {
  const calls = { preview: 0, resolvePolicy: 0 };
  const counting = { ...core };
  for (const name of Object.keys(calls)) counting[name] = (...args) => (calls[name]++, core[name](...args));
  const m = new PageModel(counting, { randomKey: () => KEY });
  const W = DEFER_COLUMNS;
  const head = Array.from({ length: W }, (_, i) => (i === 7 ? 'email' : `c${i}`)).join(',');
  const rows = Array.from({ length: 3 }, (_, r) => Array.from({ length: W }, (_, i) => (i === 7 ? `u${r}@example.com` : String(r * i))).join(','));
  await m.load(file('wide.csv', `${head}\n${rows.join('\n')}\n`));
  assert.ok(m.preview.p);
  const events = [];
  m.subscribe((what) => events.push(what));
  calls.preview = calls.resolvePolicy = 0;
  m.setOp(7, { op: 'redact' });
  m.setOp(8, { op: 'hash' });
  m.setKey('short');
  assert.deepEqual(calls, { preview: 0, resolvePolicy: 0 }, 'no call to the core per change');
  assert.equal(m.isPending, true);
  assert.deepEqual(m.preview, { pending: true }, 'nothing of the old choices on show');
  assert.deepEqual(events, ['changed', 'changed', 'changed']);
  m.settle();
  assert.deepEqual(calls, { preview: 1, resolvePolicy: 1 });
  assert.equal(m.isPending, false);
  assert.equal(m.needsKey, true);
  assert.match(m.keyProblem, /at least 16 bytes/);
  m.settle();
  assert.deepEqual(calls, { preview: 1, resolvePolicy: 1 }, 'nothing pending, nothing asked');
  // A run never starts from choices the core has not seen.
  m.setKey(KEY);
  m.setOp(8, { op: 'keep' });
  const run = m.startRun();
  assert.equal(run.options.key, undefined, 'no hash left: no key');
  assert.equal(m.preview.p.masked[0][7], '[EMAIL_ADDRESS]');
  // A narrow file previews at once, as before.
  const { m: narrow } = newModel();
  await narrow.load(file('sample.csv', SAMPLE));
  narrow.setOp(2, { op: 'redact' });
  assert.equal(narrow.isPending, false);
  assert.equal(narrow.preview.p.masked[0][2], '[EMAIL_ADDRESS]');
});

test('core.remote (the page\'s worker): files are read through it, a very wide file settles through it, and an older answer is dropped', async () => {
  // A remote whose answers arrive when the test says: the core's, held back.
  const held = [];
  const asked = { readSample: 0, resolvePolicy: 0, preview: 0 };
  const later = (fn) => (...args) => {
    asked[fn]++;
    return new Promise((resolve, reject) => held.push(() => Promise.resolve().then(() => core[fn](...args)).then(resolve, reject)));
  };
  const remote = {
    readSample: (...args) => (asked.readSample++, readSample(core, ...args)),
    resolvePolicy: later('resolvePolicy'),
    preview: later('preview'),
  };
  const local = { preview: 0, resolvePolicy: 0 };
  const counting = { ...core, remote };
  for (const name of Object.keys(local)) counting[name] = (...args) => (local[name]++, core[name](...args));
  const m = new PageModel(counting, { randomKey: () => KEY });
  const release = async () => {
    while (held.length) {
      await held.shift()();
      await new Promise((r) => setTimeout(r));
    }
  };
  const W = DEFER_COLUMNS;
  const head = Array.from({ length: W }, (_, i) => (i === 7 ? 'email' : `c${i}`)).join(',');
  const rows = Array.from({ length: 3 }, (_, r) => Array.from({ length: W }, (_, i) => (i === 7 ? `u${r}@example.com` : String(r * i))).join(','));
  const loading = m.load(file('wide.csv', `${head}\n${rows.join('\n')}\n`));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(asked.readSample, 1, 'the file is read through the remote');
  assert.equal(m.status, 'scanned');
  assert.deepEqual(m.preview, { pending: true }, 'columns first, the preview when the remote answers');
  await release();
  assert.equal(await loading, true);
  assert.equal(m.preview.p.masked[0][7].endsWith('@example.com'), true);
  assert.notEqual(m.preview.p.masked[0][7], 'u0@example.com');

  // Two changes, each asked for; the first one's answers come last and are dropped.
  m.setOp(7, { op: 'redact' });
  const first = m.settleAsync();
  await new Promise((r) => setTimeout(r));
  const firstHeld = held.splice(0);
  m.setOp(7, { op: 'keep' });
  assert.deepEqual(m.preview, { pending: true });
  const second = m.settleAsync();
  await release();
  await second;
  assert.equal(m.preview.p.masked[0][7], 'u0@example.com', 'the second change on show');
  for (const answer of firstHeld) await answer();
  await new Promise((r) => setTimeout(r));
  await release(); // nothing: the first change's preview is never asked for
  await first;
  assert.equal(m.isPending, false);
  assert.equal(m.preview.p.masked[0][7], 'u0@example.com', 'the first change\'s late answer dropped');
  assert.deepEqual(local, { preview: 0, resolvePolicy: 0 }, 'nothing of the wide file on the page\'s thread');

  // What needs the choices settled waits for the remote, not the thread.
  m.setOp(7, { op: 'redact' });
  const copied = m.corePreviewAsync(3);
  await release();
  await new Promise((r) => setTimeout(r, 10));
  await release();
  assert.deepEqual((await copied).masked.map((row) => row[7]), ['[EMAIL_ADDRESS]', '[EMAIL_ADDRESS]', '[EMAIL_ADDRESS]']);
  assert.deepEqual(local, { preview: 0, resolvePolicy: 0 });
});

test('audit record: once risk was measured, the run measures the same quasi-identifiers into the record', async () => {
  const { m } = newModel();
  await m.load(file('sample.csv', SAMPLE));
  assert.equal(m.runOptions().quasi, undefined, 'no risk measured: none in the record');
  const names = m.result.columns.map((c) => c.name);
  const [country, plan] = [names.indexOf('country'), names.indexOf('plan')];
  await m.measureRisk([country], plan);
  const opts = m.runOptions();
  assert.deepEqual([opts.quasi, opts.sensitive, opts.audit], [['country'], 'plan', true]);
  // What the run does with them: the core measures them into the audit record.
  const masker = new core.Masker(m.policyJson(), opts);
  masker.push(new Uint8Array(SAMPLE));
  masker.finish();
  const { risk } = masker.report().audit;
  masker.free();
  assert.equal(risk.before.records, risk.records);
  assert.equal(risk.k, m.risk.result.k, 'the figures the risk view measured');
  assert.equal(risk.l, m.risk.result.l);
});
