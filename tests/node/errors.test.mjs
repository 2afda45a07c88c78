// Structured errors and the catalogue: what crosses the wasm boundary is an
// Error with a stable `code` (and `line`, `column`, `field` where they
// apply), and the rules interfaces show come from the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, ROOT, enc, loadPkg, runCli, tempDir } from './helpers.mjs';

const api = await loadPkg();

function thrown(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    return e;
  }
  assert.fail('did not throw');
}

const fields = (e) => ({ code: e.code, line: e.line, column: e.column, field: e.field });

test('input errors carry their code, line and column', () => {
  assert.deepEqual(fields(thrown(() => api.scan(enc.encode('a,b\n1,2\n3\n')))), {
    code: 'ragged_row', line: 3, column: undefined, field: undefined,
  });
  assert.equal(thrown(() => api.scan(enc.encode('a,b\n1,"open\n'))).code, 'unclosed_quote');
  const policy = { version: 1, columns: { notes: { op: 'scrub' } } };
  const e = thrown(() => api.maskBytes(new Uint8Array([...enc.encode('id,notes\n1,caf'), 0xe9, 10]), policy, { header: true }));
  assert.deepEqual(fields(e), { code: 'invalid_utf8', line: 2, column: 'notes', field: undefined });
  assert.match(e.message, /^line 2, column notes: cell is not valid UTF-8/);
});

test('UTF-16 and binary files are named, not parsed into one odd column', () => {
  const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'a,b\n1,2\n'].map((c) => c.charCodeAt(0))).buffer)]);
  assert.equal(thrown(() => api.scan(utf16)).code, 'utf16_input');
  const xlsx = new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 6, 0, ...enc.encode('[Content_Types].xml')]);
  assert.equal(thrown(() => api.maskBytes(xlsx, { version: 1 }, {})).code, 'binary_input');
});

test('policy errors name the field or the column', () => {
  assert.equal(thrown(() => new api.Masker('{"version": 1,', {})).code, 'policy_json');
  assert.deepEqual(fields(thrown(() => new api.Masker({ version: 2 }, {}))), {
    code: 'policy_version', line: undefined, column: undefined, field: '/version',
  });
  const bad = thrown(() => new api.Masker({ version: 1, columns: { 'a/b': { op: 'hash', length: 99 } } }, { key: KEY }));
  assert.deepEqual([bad.code, bad.field], ['policy_invalid', '/columns/a~1b/length']);
  assert.equal(thrown(() => new api.Masker({ version: 1, colums: {} }, {})).code, 'policy_unknown_field');
  const unknown = thrown(() => api.maskBytes(enc.encode('a,b\n1,2\n'), { version: 1, columns: { c: { op: 'drop' } } }, {}));
  assert.deepEqual([unknown.code, unknown.column], ['policy_unknown_column', 'c']);
  const all = thrown(() => api.maskBytes(enc.encode('a\n1\n'), { version: 1, default: { op: 'drop' } }, {}));
  assert.equal(all.code, 'policy_all_dropped');
});

test('key and option errors have codes of their own', () => {
  const hash = { version: 1, columns: { a: { op: 'hash' } } };
  assert.equal(thrown(() => new api.Masker(hash, {})).code, 'missing_key');
  assert.equal(thrown(() => new api.Masker(hash, { key: 'short' })).code, 'key_too_short');
  assert.deepEqual(fields(thrown(() => api.scan(enc.encode('a\n1\n'), { delimitter: ';' }))), {
    code: 'invalid_option', line: undefined, column: undefined, field: 'delimitter',
  });
  assert.equal(thrown(() => api.scan(enc.encode('a\n1\n'), { sampleRows: 'many' })).field, 'sampleRows');
  assert.equal(thrown(() => api.scan(enc.encode('a\n1\n'), { encoding: 'koi8-r' })).field, 'encoding');
  // An option that takes a boolean or a word says which, not serde's enum.
  const header = thrown(() => api.scan(enc.encode('a\n1\n'), { header: 'absent' }));
  assert.equal(header.field, 'header');
  assert.match(header.message, /true, false or "auto"/);
  const s = new api.Scanner({});
  s.finish();
  assert.equal(thrown(() => s.push(enc.encode('a'))).code, 'invalid_state');
});

test('a file that breaks the validation rules fails with its problems: line, column, rule, never a value', () => {
  const policy = { version: 1, validate: { columns: { age: { type: 'integer', max: 120 }, email: { type: 'email' } } } };
  const e = thrown(() => api.maskBytes(enc.encode('age,email\n30,ann@example.com\n130,"not\nan email"\nx,bo@example.com\n'), policy, { header: true }));
  assert.equal(e.code, 'validation_failed');
  assert.deepEqual(e.problems, [
    { line: 3, column: 'age', rule: 'max' },
    { line: 3, column: 'email', rule: 'type' },
    { line: 5, column: 'age', rule: 'type' },
  ]);
  assert.doesNotMatch(JSON.stringify(e.problems) + e.message, /130|not|bo@/);
  assert.ok(api.catalogue().errors.some((x) => x.code === 'validation_failed'));
});

test('the catalogue lists every operator, entity, encoding and error code', () => {
  const c = api.catalogue();
  assert.deepEqual(c.operators.map((o) => o.name), ['keep', 'drop', 'redact', 'mask', 'hash', 'tokenize', 'generalize', 'noise', 'date_shift', 'truncate', 'scrub']);
  assert.deepEqual(c.operators.filter((o) => o.needsKey).map((o) => o.name), ['hash', 'tokenize', 'noise', 'date_shift']);
  const length = c.operators.find((o) => o.name === 'hash').params.find((p) => p.name === 'length');
  assert.deepEqual([length.min, length.max, length.default], [8, 64, 16]);
  assert.equal(c.entities.length, 31);
  assert.ok(c.entities.every((e) => /^[A-Z_]+$/.test(e.name) && e.description.length > 0));
  assert.deepEqual(c.encodings.map((e) => e.label), ['utf-8', 'windows-1252']);
  assert.ok(c.errors.some((e) => e.code === 'ragged_row'));
  assert.equal(c.policyVersion, 1);
});

test('the README lists every error code the core has', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Errors'));
  const listed = [...table.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(listed, api.catalogue().errors.map((e) => e.code));
});

test('resolvePolicy says per column what will run and whether a key is needed', () => {
  const scan = api.scan(enc.encode('name,email\nAnn Lee,ann@example.com\nBo Yi,bo@example.org\n'));
  // A sha256 hash needs a key like any other (the page once thought not).
  const r = api.resolvePolicy({ version: 1, columns: { email: { op: 'hash', algorithm: 'sha256' } } }, scan);
  assert.equal(r.needsKey, true);
  assert.deepEqual(r.columns[1], {
    index: 1, name: 'email', source: 'policy', needsKey: true,
    op: { op: 'hash', length: 16, algorithm: 'sha256', per_column: false },
  });
  assert.equal(r.columns[0].source, 'default');
  const auto = api.resolvePolicy({ version: 1, auto: true }, scan);
  assert.deepEqual(auto.columns.map((c) => c.source), ['suggested', 'suggested']);
  const e = thrown(() => api.resolvePolicy({ version: 1, columns: { mail: { op: 'drop' } } }, scan));
  assert.equal(e.code, 'policy_unknown_column');
});

test('validatePolicy reports problems without throwing', () => {
  assert.deepEqual(api.validatePolicy({ version: 1, columns: { a: { op: 'mask' } } }), { ok: true, problems: [] });
  const v = api.validatePolicy('{"version": 1, "columns": {"a": {"op": "blur"}}}');
  assert.equal(v.ok, false);
  assert.equal(v.problems[0].code, 'policy_invalid');
  assert.equal(v.problems[0].field, '/columns/a');
  assert.equal(api.validatePolicy('{').problems[0].code, 'policy_json');
});

test('the Scanner says when it has its sample, so a reader can stop', () => {
  const s = new api.Scanner({ sampleRows: 30 });
  s.push(enc.encode('id,email\n'));
  let pushed = 0;
  while (!s.hasSample() && pushed < 5000) s.push(enc.encode(`${++pushed},p${pushed}@example.com\n`));
  // It may hold a few lines back to learn the dialect, never thousands.
  assert.ok(pushed >= 30 && pushed < 200, `sample complete after ${pushed} rows`);
  assert.ok(s.rows() >= 30 && s.rows() <= pushed);
  assert.equal(s.finish().columns[1].entity, 'EMAIL_ADDRESS');
  s.free();
});

test('the CLI exits by code: 1 for input, policy and key errors, 2 for usage', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'in.csv');
  writeFileSync(file, 'a,b\n1,2\n3\n');
  const ragged = await runCli(['mask', '--auto', file], { env: { PII_MASK_KEY: KEY } });
  assert.equal(ragged.code, 1, ragged.stderr);
  assert.match(ragged.stderr, /line 3: expected 2 fields, found 1/);
  const policy = join(dir, 'p.json');
  writeFileSync(policy, JSON.stringify({ version: 1, columns: { a: { op: 'hash' } } }));
  writeFileSync(file, 'a,b\n1,2\n');
  const noKey = await runCli(['mask', '--policy', policy, file], { env: { PII_MASK_KEY: '' } });
  assert.equal(noKey.code, 1);
  assert.match(noKey.stderr, /no key was given \(set PII_MASK_KEY or use --key-file FILE\)/);
  assert.equal((await runCli(['mask', '--auto', '--encoding', 'koi8-r', file])).code, 2);
});
