// The npm package's JavaScript API, run against the built pkg/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KEY, PKG, concatBytes, cut, dec, enc, everyByteCsv, loadPkg, parseCsv, peopleCsv, rng, runNode } from './helpers.mjs';

const api = await loadPkg();
const indexUrl = pathToFileURL(join(PKG, 'node.js')).href; // Node's entry
const wasmPath = join(PKG, 'pii_mask_bg.wasm');
const listsPath = join(PKG, 'pii_mask_lists.txt');

const POLICY = {
  version: 1,
  default: { op: 'keep' },
  auto: false,
  columns: {
    email: { op: 'mask' },
    name: { op: 'hash' },
    ssn: { op: 'redact' },
    notes: { op: 'scrub' },
    '#6': { op: 'drop' },
  },
};

function maskAll(pieces, policy = POLICY, options = { key: KEY }) {
  const m = new api.Masker(policy, options);
  try {
    const out = pieces.map((p) => m.push(p));
    out.push(m.finish());
    return { output: concatBytes(out), report: m.report() };
  } finally {
    m.free();
  }
}

function records(bytes) {
  return parseCsv(dec.decode(bytes));
}

test('init() twice is a no-op and the API works after it', async () => {
  await api.init();
  await api.init();
  assert.equal(api.isReady(), true);
  assert.ok(Array.isArray(api.find('nothing here')));
});

test('calling the API before init() throws a clear Error, not a wasm crash', async () => {
  const { code, stdout, stderr } = await runNode(`
    const m = await import(${JSON.stringify(indexUrl)});
    const out = [];
    for (const f of [() => new m.Masker({version: 1}), () => new m.Scanner(), () => m.scan(new Uint8Array(1)), () => m.find('x')]) {
      try { f(); out.push('no error'); } catch (e) { out.push((e instanceof Error) + ' ' + e.message); }
    }
    console.log(JSON.stringify(out));
  `);
  assert.equal(code, 0, stderr);
  const messages = JSON.parse(stdout);
  assert.equal(messages.length, 4);
  for (const m of messages) assert.match(m, /^true .*call await init\(\) first/);
});

for (const [what, expr] of [
  ['bytes (Uint8Array)', `readFileSync(${JSON.stringify(wasmPath)})`],
  ['an ArrayBuffer', `new Uint8Array(readFileSync(${JSON.stringify(wasmPath)})).buffer`],
  ['a WebAssembly.Module', `new WebAssembly.Module(readFileSync(${JSON.stringify(wasmPath)}))`],
  ['a file URL', `new URL(${JSON.stringify(pathToFileURL(wasmPath).href)})`],
  ['a path string', JSON.stringify(wasmPath)],
]) {
  test(`init() accepts ${what}`, async () => {
    const { code, stdout, stderr } = await runNode(`
      import { readFileSync } from 'node:fs';
      const m = await import(${JSON.stringify(indexUrl)});
      await m.init(${expr});
      await m.init();
      console.log(JSON.stringify(m.find('write to jane.doe@example.com today')));
    `);
    assert.equal(code, 0, stderr);
    const found = JSON.parse(stdout);
    assert.ok(found.some((f) => f.type === 'EMAIL_ADDRESS' && f.text === 'jane.doe@example.com'), stdout);
  });
}

test('initSync() with bytes works in a fresh process', async () => {
  const { code, stdout, stderr } = await runNode(`
    import { readFileSync } from 'node:fs';
    const m = await import(${JSON.stringify(indexUrl)});
    m.initSync(readFileSync(${JSON.stringify(wasmPath)}), readFileSync(${JSON.stringify(listsPath)}));
    console.log(m.isReady(), m.find('a@example.com').length);
  `);
  assert.equal(code, 0, stderr);
  assert.equal(stdout.trim(), 'true 1');
});

test('without the word lists, detecting is an error that says so, never a silent miss', async () => {
  const { code, stdout, stderr } = await runNode(`
    import { readFileSync } from 'node:fs';
    const m = await import(${JSON.stringify(indexUrl)});
    m.initSync(readFileSync(${JSON.stringify(wasmPath)}));
    const out = [];
    const csv = new TextEncoder().encode('name\\nMary Smith\\n');
    // Every entry point that detects (the lists' one expect is behind them).
    const entries = [
      () => m.find('Mary Smith lives in Paris'),
      () => m.scan(csv),
      () => new m.Masker({ version: 1 }),
      () => new m.Scanner(),
      () => m.preview(csv, { version: 1 }),
      () => new m.RiskAnalyzer({ quasiIdentifiers: ['name'] }),
      () => m.Masker.forParts({ version: 1 }, {}, csv),
    ];
    for (const f of entries) {
      try { f(); out.push('ran'); } catch (e) { out.push(e.code + ' ' + e.message); }
    }
    console.log(JSON.stringify(out));
  `);
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  assert.equal(out.length, 7, stdout);
  for (const m of out) assert.match(m, /^invalid_state .*pii_mask_lists\.txt.*not loaded/);
});

test('Masker output does not depend on how the input is cut (1-byte and random chunks)', () => {
  const { text } = peopleCsv(60, { seed: 7 });
  const bytes = enc.encode(text);
  const whole = maskAll([bytes]);
  const oneByte = maskAll(cut(bytes, () => 1));
  assert.deepEqual(oneByte.output, whole.output);
  assert.deepEqual(oneByte.report, whole.report);
  for (const seed of [1, 2, 3, 4, 5]) {
    const r = rng(seed);
    const random = maskAll(cut(bytes, () => Math.floor(r() * 97) + 1));
    assert.deepEqual(random.output, whole.output, `random cuts, seed ${seed}`);
  }
});

test('CRLF input with chunk cuts inside CRLF, quotes and multi-byte characters gives the same output', () => {
  const { text } = peopleCsv(40, { seed: 11, eol: '\r\n' });
  const bytes = enc.encode('\ufeff' + text);
  const whole = maskAll([bytes]);
  for (let size = 2; size <= 7; size++) assert.deepEqual(maskAll(cut(bytes, () => size)).output, whole.output, `size ${size}`);
});

test('Masker applies the policy: masked, hashed, redacted, scrubbed and dropped columns', () => {
  const { header, rows, text } = peopleCsv(50, { seed: 3 });
  const { output, report } = maskAll([enc.encode(text)]);
  const out = records(output);
  const col = (name) => header.indexOf(name);
  assert.deepEqual(out[0], header.filter((h) => h !== 'plan'), 'column #6 (plan) is dropped');
  assert.equal(out.length, rows.length + 1);
  const outText = dec.decode(output);
  const hashes = new Map();
  for (const [i, row] of rows.entries()) {
    const got = out[i + 1];
    assert.equal(got.length, header.length - 1);
    assert.equal(got[col('id')], row[col('id')], 'kept column is unchanged');
    assert.equal(got[col('phone')], row[col('phone')], 'default keep');
    // mask: an email keeps its domain, never its local part
    const [local, domain] = row[col('email')].split('@');
    assert.notEqual(got[col('email')], row[col('email')]);
    assert.ok(got[col('email')].endsWith('@' + domain), got[col('email')]);
    assert.ok(!got[col('email')].includes(local), got[col('email')]);
    // hash: hex, deterministic per value
    assert.match(got[col('name')], /^[0-9a-f]{8,64}$/);
    if (hashes.has(row[col('name')])) assert.equal(hashes.get(row[col('name')]), got[col('name')]);
    hashes.set(row[col('name')], got[col('name')]);
    // redact
    assert.ok(!got[col('ssn')].includes(row[col('ssn')]));
    // scrub: PII inside the text is replaced, the rest is kept
    if (row[col('notes')].includes('@')) {
      assert.ok(got[col('notes')].includes('[EMAIL_ADDRESS]'), got[col('notes')]);
    } else {
      assert.equal(got[col('notes')], row[col('notes')]);
    }
  }
  const names = new Set(rows.map((r) => r[col('name')]));
  assert.ok(new Set(hashes.values()).size === names.size, 'different names get different pseudonyms');
  for (const row of rows) {
    assert.ok(!outText.includes(row[col('email')]), 'no original email anywhere in the output');
    assert.ok(!outText.includes(row[col('ssn')]), 'no original SSN anywhere in the output');
  }
  // the report counts, and never holds a value
  assert.equal(report.rows, rows.length);
  const byName = Object.fromEntries(report.columns.map((c) => [c.name, c]));
  assert.equal(byName.email.op, 'mask');
  assert.equal(byName.email.changed, rows.length);
  assert.equal(byName.name.op, 'hash');
  assert.equal(byName.id.changed, 0);
  assert.ok(report.entities.EMAIL_ADDRESS > 0);
  const reportText = JSON.stringify(report);
  for (const row of rows) for (const v of [row[col('email')], row[col('ssn')], row[col('name')]]) assert.ok(!reportText.includes(v));
});

test('hash: same key gives the same pseudonyms across files, another key different ones', () => {
  const policy = { version: 1, default: { op: 'keep' }, columns: { name: { op: 'hash', length: 16 } } };
  const a = records(maskAll([enc.encode('name,x\nJane Doe,1\nJohn Roe,2\n')], policy).output);
  const b = records(maskAll([enc.encode('x,name\n9,John Roe\n')], policy).output);
  const c = records(maskAll([enc.encode('name,x\nJane Doe,1\n')], policy, { key: KEY.replace('test', 'TEST') }).output);
  assert.match(a[1][0], /^[0-9a-f]{16}$/);
  assert.equal(b[1][1], a[2][0], 'same value, same key, other file: same pseudonym');
  assert.notEqual(a[1][0], a[2][0]);
  assert.notEqual(c[1][0], a[1][0], 'another key gives another pseudonym');
});

test('redact with a given text, and #N columns in a file without a header', () => {
  const policy = { version: 1, default: { op: 'keep' }, columns: { '#1': { op: 'redact', text: 'XXX' } } };
  const out = records(maskAll([enc.encode('1,secret one,a\n2,secret two,b\n')], policy, { header: false }).output);
  assert.deepEqual(out, [
    ['1', 'XXX', 'a'],
    ['2', 'XXX', 'b'],
  ]);
});

test('semicolon, tab and pipe delimiters: detected, or given', () => {
  const policy = { version: 1, default: { op: 'keep' }, columns: { b: { op: 'redact', text: 'R' } } };
  for (const d of [';', '\t', '|']) {
    const input = enc.encode(`a${d}b${d}c\n1${d}x, y${d}3\n4${d}z${d}6\n`);
    for (const options of [{}, { delimiter: d }]) {
      const out = parseCsv(dec.decode(maskAll([input], policy, options).output), d);
      assert.deepEqual(out, [['a', 'b', 'c'], ['1', 'R', '3'], ['4', 'R', '6']], `delimiter ${JSON.stringify(d)} ${JSON.stringify(options)}`);
    }
  }
});

test('maskBytes and createMaskStream give the same output as Masker', async () => {
  const { text } = peopleCsv(30, { seed: 5 });
  const bytes = enc.encode(text);
  const expected = maskAll([bytes]);
  const viaBytes = api.maskBytes(bytes, POLICY, { key: KEY });
  assert.deepEqual(viaBytes.output, expected.output);
  assert.deepEqual(viaBytes.report, expected.report);
  const stream = api.createMaskStream(POLICY, { key: KEY });
  const source = new Blob(cut(bytes, () => 100)).stream();
  const parts = [];
  for await (const part of source.pipeThrough(stream)) parts.push(part);
  assert.deepEqual(concatBytes(parts), expected.output);
  assert.deepEqual(await stream.report, expected.report);
});

test('createMaskStream: a failing source rejects the report instead of leaving it pending', async () => {
  const stream = api.createMaskStream({ version: 1 }, {});
  const source = new ReadableStream({
    start(c) {
      c.enqueue(enc.encode('a,b\n1,2\n'));
      c.error(new Error('disk gone'));
    },
  });
  await assert.rejects(source.pipeThrough(stream).pipeTo(new WritableStream()), /disk gone/);
  const pending = new Promise((r) => setTimeout(() => r('still pending'), 1000));
  assert.equal(await Promise.race([stream.report.then(() => 'resolved', (e) => e.message), pending]), 'disk gone');
});

test('bad CSV throws an Error naming the line', () => {
  const ragged = () => maskAll([enc.encode('a,b,c\n1,2,3\n4,5\n7,8,9\n')], { version: 1, default: { op: 'keep' }, columns: {} });
  assert.throws(ragged, (e) => e instanceof Error && /line 3\b/.test(e.message) && /2/.test(e.message));
  const unclosed = () => maskAll([enc.encode('a,b\n1,2\n3,"never closed\n')], { version: 1, default: { op: 'keep' }, columns: {} });
  assert.throws(unclosed, (e) => e instanceof Error && /line 3\b/.test(e.message));
  // allowRagged accepts the ragged file
  const m = new api.Masker({ version: 1, default: { op: 'keep' }, columns: {} }, { allowRagged: true });
  const out = concatBytes([m.push(enc.encode('a,b,c\n1,2,3\n4,5\n')), m.finish()]);
  m.free();
  assert.deepEqual(records(out)[2], ['4', '5']);
});

test('preview() shows original and masked rows aligned, from a cut-off prefix too', () => {
  const csv = 'name,email,notes\nAnn Lee,ann@example.com,"call 415-555-0132"\nBo Chan,bo@example.org,ok\n';
  const policy = { version: 1, columns: { email: { op: 'mask' }, name: { op: 'drop' }, notes: { op: 'scrub' } } };
  const whole = api.preview(csv, policy, {}, 10, true);
  assert.deepEqual(whole.header, ['name', 'email', 'notes']);
  assert.deepEqual(whole.original[0], ['Ann Lee', 'ann@example.com', 'call 415-555-0132']);
  assert.deepEqual(whole.masked[0], [null, '***@example.com', 'call [PHONE_NUMBER]']);
  assert.equal(whole.report.rows, 2);
  // Cut inside the second record's quoted field: only the complete first record shows, no error.
  const prefix = enc.encode(csv).slice(0, csv.indexOf('ok') - 14);
  const cut = api.preview(prefix, policy, {}, 10, false);
  assert.equal(cut.original.length, 1);
  assert.throws(() => api.preview(prefix, policy, {}, 10, true), (e) => /line \d+/.test(e.message));
  assert.equal(api.preview(csv, policy, {}, 1, true).original.length, 1, 'limit is honoured');
});

test('policy errors name the operator, parameter or column', () => {
  const run = (policy, options = { key: KEY }) => () => maskAll([enc.encode('email,name\na@example.com,Jane\n')], policy, options);
  assert.throws(run({ version: 1, columns: { email: { op: 'shuffle' } } }), (e) => e instanceof Error && /shuffle/.test(e.message));
  assert.throws(run({ version: 1, columns: { nosuchcolumn: { op: 'keep' } } }), (e) => e instanceof Error && /nosuchcolumn/.test(e.message));
  assert.throws(run({ version: 1, columns: { name: { op: 'hash', algorithm: 'md5' } } }), (e) => e instanceof Error && /md5|algorithm/.test(e.message));
  assert.throws(run({ version: 99, columns: {} }), (e) => e instanceof Error && /version/.test(e.message));
  assert.throws(run({ version: 1, columns: { name: { op: 'hash' } } }, {}), (e) => e instanceof Error && /key/i.test(e.message), 'hash without a key');
  assert.throws(run({ version: 1, columns: { name: { op: 'hash' } } }, { key: 'short' }), (e) => e instanceof Error && /key/i.test(e.message), 'key under 16 bytes');
});

test('scan() and Scanner give the same classification, of the documented shape', () => {
  const { header, rows, text } = peopleCsv(80, { seed: 9 });
  const bytes = enc.encode(text);
  const result = api.scan(bytes);
  assert.equal(result.rows, rows.length);
  assert.equal(result.delimiter, ',');
  assert.equal(result.header, true);
  assert.deepEqual(result.columns.map((c) => [c.index, c.name]), header.map((h, i) => [i, h]));
  const ops = ['keep', 'drop', 'redact', 'mask', 'hash', 'scrub'];
  for (const c of result.columns) {
    assert.ok(Array.isArray(c.entities));
    for (const e of c.entities) {
      assert.equal(typeof e.type, 'string');
      assert.ok(e.share > 0 && e.share <= 1, `${c.name} ${e.type} ${e.share}`);
    }
    assert.ok(ops.includes(c.suggested.op), JSON.stringify(c.suggested));
  }
  const email = result.columns.find((c) => c.name === 'email');
  assert.equal(email.entities[0].type, 'EMAIL_ADDRESS');
  assert.ok(email.entities[0].share >= 0.9);
  assert.notEqual(email.suggested.op, 'keep');
  assert.ok(!JSON.stringify(result).includes(rows[0][2]), 'the scan result holds no values');

  const s = new api.Scanner();
  for (const piece of cut(bytes, () => 333)) s.push(piece);
  assert.deepEqual(s.finish(), result);
  s.free();
});

test('encoding windows-1252: chosen, every byte decodes; not chosen, the scan and the error point at it', () => {
  const input = everyByteCsv();
  const keep = { version: 1, default: { op: 'keep' } };
  // The WHATWG index for a few bytes where Windows-1252 differs from Latin-1;
  // all 256 are compared with Chromium's TextDecoder in browser.test.mjs.
  const text = dec.decode(maskAll(cut(input, () => 1), keep, { encoding: 'windows-1252' }).output);
  for (const c of ['\u20ac', '\u201c', '\u201d', '\u2013', '\u0178', '\u0081', 'é', 'ÿ']) assert.ok(text.includes(c), c);
  for (const encoding of ['cp1252', 'latin1']) {
    assert.equal(dec.decode(maskAll([input], keep, { encoding }).output), text, encoding);
  }
  assert.deepEqual(maskAll([input], keep, {}).output, input, 'as UTF-8, kept cells pass through byte for byte');
  assert.equal(api.scan(input).invalidUtf8Line, 2);
  assert.equal(api.scan(input, { encoding: 'windows-1252' }).invalidUtf8Line, null);
  assert.throws(() => new api.Masker(keep, { encoding: 'shift_jis' }), /shift_jis.*windows-1252/);
  const scrub = { version: 1, columns: { text: { op: 'scrub' } } };
  assert.throws(() => maskAll([input], scrub, {}), /line 2, column text: .*not valid UTF-8.*Windows-1252/);
  assert.equal(dec.decode(maskAll([input], scrub, { encoding: 'windows-1252' }).output), text);
});

test('find() returns spans with UTF-16 offsets, also after emoji and accents', () => {
  const cases = [
    'plain: jane.doe@example.com',
    'Ünïcødé café — écrire à jane.doe@example.com, merci',
    '😀🎉👩‍👩‍👧 mail 𝔘 jane.doe@example.com 😀',
  ];
  for (const text of cases) {
    const found = api.find(text);
    const email = found.find((f) => f.type === 'EMAIL_ADDRESS');
    assert.ok(email, `${text}: ${JSON.stringify(found)}`);
    assert.equal(email.text, 'jane.doe@example.com');
    assert.equal(text.slice(email.start, email.end), email.text);
    assert.equal(email.start, text.indexOf('jane.doe@example.com'));
  }
  const spans = api.find('card 4111 1111 1111 1111 and ip 192.168.10.20, ok');
  for (const f of spans) {
    assert.deepEqual(Object.keys(f).sort(), ['end', 'score', 'start', 'text', 'type']);
    assert.ok(Number.isInteger(f.start) && f.end > f.start);
    assert.ok(f.score > 0 && f.score <= 1);
  }
  assert.ok(spans.some((f) => f.type === 'CREDIT_CARD' && f.text === '4111 1111 1111 1111'), JSON.stringify(spans));
  assert.ok(spans.some((f) => f.type === 'IP_ADDRESS' && f.text === '192.168.10.20'), JSON.stringify(spans));
  assert.ok(!api.find('card 4111 1111 1111 1112').some((f) => f.type === 'CREDIT_CARD'), 'Luhn-invalid is not a card');
  assert.deepEqual(api.find(''), []);
  // Context moves the score: a naming word raises it, another number's word lowers it.
  const [called] = api.find('call 415-555-0132');
  const [ordered] = api.find('order 415-555-0132');
  assert.ok(called.score > ordered.score, `${called.score} vs ${ordered.score}`);
});

test('the package ships the files its package.json names', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'pii-mask');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.bin['pii-mask'], './cli.js');
  const cargo = readFileSync(join(PKG, '..', 'Cargo.toml'), 'utf8');
  assert.equal(pkg.version, /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
  // Every file an `exports` condition names, at any depth, and every entry of `files`.
  const targets = (e) => (typeof e === 'string' ? [e] : Object.values(e).flatMap(targets));
  const named = targets(pkg.exports);
  assert.ok(named.includes('./node.js') && named.includes('./index.cjs') && named.includes('./index.d.cts'), named.join(', '));
  for (const target of [...named, pkg.main, pkg.types]) {
    assert.ok(readFileSync(join(PKG, target)).length > 0, target);
  }
  for (const f of pkg.files.filter((f) => !f.endsWith('/') && f !== 'LICENSE')) assert.ok(readFileSync(join(PKG, f)).length > 0, f);
});
