// The pii-mask command line, run as a child process against the built pkg/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, PKG, parseCsv, peopleCsv, runCli, tempDir } from './helpers.mjs';

const POLICY = {
  version: 1,
  default: { op: 'keep' },
  columns: { email: { op: 'mask' }, name: { op: 'hash' }, ssn: { op: 'redact' }, notes: { op: 'scrub' } },
};

function setup(t, n = 40, seed = 21) {
  const dir = tempDir(t);
  const data = peopleCsv(n, { seed });
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, data.text);
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify(POLICY));
  return { dir, csv, policy, ...data };
}

test('scan prints the classification as JSON', async (t) => {
  const { csv, header, rows } = setup(t);
  const r = await runCli(['scan', csv]);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.rows, rows.length);
  assert.deepEqual(result.columns.map((c) => c.name), header);
  const email = result.columns.find((c) => c.name === 'email');
  assert.equal(email.index, header.indexOf('email'));
  assert.equal(email.entities[0].type, 'EMAIL_ADDRESS');
  assert.ok(email.entities[0].share >= 0.9 && email.entities[0].share <= 1);
  assert.equal(typeof email.suggested.op, 'string');
});

test('scan reads stdin for -', async (t) => {
  const { csv, text } = setup(t);
  const fromFile = await runCli(['scan', csv]);
  const fromStdin = await runCli(['scan', '-'], { input: text });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.deepEqual(JSON.parse(fromStdin.stdout), JSON.parse(fromFile.stdout));
});

test('mask --policy with the key from PII_MASK_KEY writes OUT.csv and a report', async (t) => {
  const { dir, csv, policy, header, rows } = setup(t);
  const out = join(dir, 'out.csv');
  const report = join(dir, 'report.json');
  const r = await runCli(['mask', csv, '--policy', policy, '-o', out, '--report', report], { env: { PII_MASK_KEY: KEY } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '', 'nothing on stdout with -o');
  const masked = readFileSync(out, 'utf8');
  const got = parseCsv(masked);
  assert.deepEqual(got[0], header);
  assert.equal(got.length, rows.length + 1);
  const e = header.indexOf('email');
  const n = header.indexOf('name');
  for (const [i, row] of rows.entries()) {
    assert.ok(!masked.includes(row[e]), 'original email leaked');
    assert.ok(got[i + 1][e].endsWith('@' + row[e].split('@')[1]));
    assert.match(got[i + 1][n], /^[0-9a-f]+$/);
  }
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(rep.rows, rows.length);
  assert.ok(Array.isArray(rep.columns));
  assert.ok(!JSON.stringify(rep).includes(rows[0][e]));
  assert.deepEqual(readdirSync(dir).sort(), ['out.csv', 'people.csv', 'policy.json', 'report.json'], 'no temp files left');
});

test('mask writes to stdout without -o, identical to the -o file', async (t) => {
  const { dir, csv, policy } = setup(t);
  const out = join(dir, 'out.csv');
  const env = { PII_MASK_KEY: KEY };
  const a = await runCli(['mask', csv, '--policy', policy, '-o', out], { env });
  const b = await runCli(['mask', csv, '--policy', policy], { env });
  const c = await runCli(['mask', '-', '--policy', policy], { env, input: readFileSync(csv) });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(b.stdout, readFileSync(out, 'utf8'));
  assert.equal(c.stdout, b.stdout);
});

test('--key-file gives the same output as PII_MASK_KEY; another key gives another', async (t) => {
  const { dir, csv, policy } = setup(t);
  const keyFile = join(dir, 'key.txt');
  writeFileSync(keyFile, KEY + '\n');
  const fromEnv = await runCli(['mask', csv, '--policy', policy], { env: { PII_MASK_KEY: KEY } });
  const fromFile = await runCli(['mask', csv, '--policy', policy, '--key-file', keyFile], { env: { PII_MASK_KEY: undefined } });
  const other = await runCli(['mask', csv, '--policy', policy], { env: { PII_MASK_KEY: KEY.toUpperCase() } });
  for (const r of [fromEnv, fromFile, other]) assert.equal(r.code, 0, r.stderr);
  assert.equal(fromFile.stdout, fromEnv.stdout);
  assert.notEqual(other.stdout, fromEnv.stdout);
});

test('mask --auto masks the columns the scan flags', async (t) => {
  const { dir, csv, header, rows } = setup(t, 60, 5);
  const out = join(dir, 'auto.csv');
  const r = await runCli(['mask', csv, '--auto', '-o', out], { env: { PII_MASK_KEY: KEY } });
  assert.equal(r.code, 0, r.stderr);
  const masked = readFileSync(out, 'utf8');
  const e = header.indexOf('email');
  for (const row of rows) assert.ok(!masked.includes(row[e]), `email ${row[e]} leaked under --auto`);
  assert.ok(masked.includes(rows[0][header.indexOf('id')]), 'id column kept');
});

test('mask --auto --sample-rows: the classification reads that many rows first', async (t) => {
  // 20 rows of plain words, then emails: a 10-row sample sees no emails.
  const dir = tempDir(t);
  const csv = join(dir, 'late.csv');
  const rows = [...Array(20).keys()].map((i) => `${i},word${i}`).concat([...Array(20).keys()].map((i) => `${i + 20},p${i}@example.com`));
  writeFileSync(csv, `id,contact\n${rows.join('\n')}\n`);
  const small = await runCli(['mask', csv, '--auto', '--sample-rows', '10']);
  assert.equal(small.code, 0, small.stderr);
  assert.match(small.stdout, /p0@example\.com/, 'not classified as email from 10 rows');
  const all = await runCli(['mask', csv, '--auto', '--sample-rows', '40']);
  assert.doesNotMatch(all.stdout, /p0@example\.com/, 'masked once the sample includes the emails');
});

test('mask --auto without a key, when the scan picks hash for names: exit 1 saying where the key comes from', async (t) => {
  const { dir, csv } = setup(t, 60, 5);
  const out = join(dir, 'auto.csv');
  const r = await runCli(['mask', csv, '--auto', '-o', out], { env: { PII_MASK_KEY: undefined } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /column "name": no key was given \(set PII_MASK_KEY or use --key-file FILE\)/);
  assert.equal(existsSync(out), false);
});

test('a policy that hashes without a key is refused: exit 1, clear message, no output file', async (t) => {
  const { dir, csv, policy } = setup(t);
  const out = join(dir, 'out.csv');
  const r = await runCli(['mask', csv, '--policy', policy, '-o', out], { env: { PII_MASK_KEY: undefined } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^pii-mask: .*key/im);
  assert.match(r.stderr, /PII_MASK_KEY/);
  assert.equal(existsSync(out), false);
});

test('malformed CSV: exit 1, the message names the line, no output file left behind', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'bad.csv');
  writeFileSync(csv, 'a,b,c\n1,2,3\n4,5,6\n7,8\n');
  const policy = join(dir, 'keep.json');
  writeFileSync(policy, JSON.stringify({ version: 1, default: { op: 'keep' }, columns: {} }));
  const out = join(dir, 'out.csv');
  const r = await runCli(['mask', csv, '--policy', policy, '-o', out]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^pii-mask: .*line 4/m);
  assert.deepEqual(readdirSync(dir).sort(), ['bad.csv', 'keep.json'], 'neither OUT.csv nor a temp file');
  const ok = await runCli(['mask', csv, '--policy', policy, '--allow-ragged', '-o', out]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(parseCsv(readFileSync(out, 'utf8'))[3], ['7', '8']);
});

test('bad policy files are bad input (exit 1) naming the problem', async (t) => {
  const { dir, csv } = setup(t);
  const p = join(dir, 'p.json');
  writeFileSync(p, '{"version": 1, "columns": {');
  let r = await runCli(['mask', csv, '--policy', p]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /p\.json.*JSON/);
  writeFileSync(p, JSON.stringify({ version: 1, columns: { email: { op: 'shuffle' } } }));
  r = await runCli(['mask', csv, '--policy', p], { env: { PII_MASK_KEY: KEY } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /shuffle/);
  r = await runCli(['mask', join(dir, 'missing.csv'), '--auto'], { env: { PII_MASK_KEY: KEY } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /missing\.csv/);
});

test('usage errors exit 2', async (t) => {
  const { csv, policy } = setup(t, 3);
  const cases = [
    [],
    ['frobnicate'],
    ['scan'],
    ['scan', csv, csv],
    ['mask', csv],
    ['mask', csv, '--policy'],
    ['mask', csv, '--auto', '--key', 'abcdefghijklmnopqrstuvwxyz'],
    ['mask', csv, '--policy', policy, '--unknown-flag'],
    ['mask', csv, '--auto', '--delimiter', ';;'],
    ['find', csv],
    ['scan', csv, '-o', 'out.json'],
    ['find', '--auto'],
  ];
  for (const args of cases) {
    const r = await runCli(args, { env: { PII_MASK_KEY: KEY } });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^pii-mask: /, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const key = await runCli(['mask', csv, '--auto', '--key', 'abcdefghijklmnopqrstuvwxyz']);
  assert.match(key.stderr, /PII_MASK_KEY|--key-file/);
  assert.ok(!key.stderr.includes('abcdefghijklmnopqrstuvwxyz'), 'the key is not echoed');
  const stray = await runCli(['scan', csv, '--report', 'r.json']);
  assert.match(stray.stderr, /scan does not take --report/);
});

test('--help and --version', async () => {
  const h = await runCli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /pii-mask scan FILE/);
  assert.match(h.stdout, /PII_MASK_KEY/);
  const v = await runCli(['--version']);
  assert.equal(v.code, 0);
  const version = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).version;
  assert.equal(v.stdout.trim(), `pii-mask ${version}`);
});

test('find reads stdin and prints spans with UTF-16 offsets', async () => {
  const text = 'Grüße 😀 von jane.doe@example.com\nund 4111 1111 1111 1111.';
  const r = await runCli(['find'], { input: text });
  assert.equal(r.code, 0, r.stderr);
  const found = JSON.parse(r.stdout);
  assert.ok(Array.isArray(found));
  const email = found.find((f) => f.type === 'EMAIL_ADDRESS');
  assert.ok(email, r.stdout);
  assert.equal(text.slice(email.start, email.end), 'jane.doe@example.com');
  assert.equal(email.text, 'jane.doe@example.com');
  for (const f of found) assert.equal(text.slice(f.start, f.end), f.text);
});

test('mask streams: a file much larger than one chunk comes out whole', async (t) => {
  const { dir, csv, rows } = setup(t, 30000, 99); // ~3 MB, several read chunks
  const policy = join(dir, 'keep.json');
  writeFileSync(policy, JSON.stringify({ version: 1, default: { op: 'keep' }, columns: {} }));
  const out = join(dir, 'out.csv');
  const r = await runCli(['mask', csv, '--policy', policy, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const got = parseCsv(readFileSync(out, 'utf8'));
  assert.equal(got.length, rows.length + 1);
  assert.deepEqual(got.slice(1), rows);
});

test('mask --escape-formulas neutralises cells a spreadsheet would run; without it they pass through', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'formulas.csv');
  writeFileSync(csv, 'id,note\n1,=HYPERLINK("http://x")\n2,@SUM(A1)\n3,-5\n4,fine\n5,-2+3+cmd|\' /C calc\'!A0\n6,+1 415 555 0132\n');
  const policy = join(dir, 'keep.json');
  writeFileSync(policy, JSON.stringify({ version: 1 }));
  const plain = await runCli(['mask', csv, '--policy', policy]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual(parseCsv(plain.stdout).map((r) => r[1]), ['note', '=HYPERLINK("http://x")', '@SUM(A1)', '-5', 'fine', "-2+3+cmd|' /C calc'!A0", '+1 415 555 0132']);
  const safe = await runCli(['mask', csv, '--policy', policy, '--escape-formulas']);
  assert.equal(safe.code, 0, safe.stderr);
  // Numbers and phone numbers stay as they are: a spreadsheet reads them as
  // values, and only a function, a reference or DDE can reach out.
  assert.deepEqual(parseCsv(safe.stdout).map((r) => r[1]), ['note', '\'=HYPERLINK("http://x")', "'@SUM(A1)", '-5', 'fine', "'-2+3+cmd|' /C calc'!A0", '+1 415 555 0132']);
});

test('--encoding windows-1252 reads an "ANSI" file; without it, scan points at the line and mask says what to do', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'ansi.csv');
  writeFileSync(csv, Buffer.from('name,notes\nJos\xe9 M\xfcller,caf\xe9 \x80 5\n', 'latin1'));
  const policy = join(dir, 'scrub.json');
  writeFileSync(policy, JSON.stringify({ version: 1, columns: { notes: { op: 'scrub' } } }));

  const scan = await runCli(['scan', csv]);
  assert.equal(scan.code, 0, scan.stderr);
  assert.equal(JSON.parse(scan.stdout).invalidUtf8Line, 2);
  assert.match(scan.stderr, /line 2 is not valid UTF-8; .*--encoding windows-1252/);

  const refused = await runCli(['mask', csv, '--policy', policy]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /line 2, column notes: cell is not valid UTF-8 text; .*--encoding windows-1252/);

  const ok = await runCli(['mask', csv, '--policy', policy, '--encoding', 'windows-1252']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 'name,notes\nJosé Müller,café € 5\n');
  const clean = await runCli(['scan', csv, '--encoding', 'cp1252']);
  assert.equal(JSON.parse(clean.stdout).invalidUtf8Line, null);
  assert.equal(clean.stderr, '');

  const bad = await runCli(['mask', csv, '--policy', policy, '--encoding', 'ebcdic']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--encoding takes utf-8 or windows-1252/);
});

test('mask --bom --output-delimiter writes a file spreadsheets open right', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'in.csv');
  writeFileSync(csv, 'id,amount\n1,"1,5"\n2,3\n');
  const policy = join(dir, 'keep.json');
  writeFileSync(policy, JSON.stringify({ version: 1 }));
  const r = await runCli(['mask', csv, '--policy', policy, '--bom', '--output-delimiter', ';']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '\ufeffid;amount\n1;1,5\n2;3\n');
  const bad = await runCli(['mask', csv, '--policy', policy, '--output-delimiter', '::']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--output-delimiter takes one character/);
});
