// What `pii-mask mask` says about a finished run, from the core's report:
// how the header was decided, the core's warnings, the columns that mention
// people and are left unchanged, personal data still seen in the output, and
// --strict, which makes that last one an error that leaves no output file.
// Types, counts and column names only: never a value from the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { KEY, parseCsv, runCli, tempDir } from './helpers.mjs';

const env = { PII_MASK_KEY: KEY };

function files(t, contents) {
  const dir = tempDir(t);
  const paths = { dir };
  for (const [name, text] of Object.entries(contents)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], typeof text === 'string' ? text : JSON.stringify(text));
  }
  return paths;
}

// No header row: the first record is a person like the others.
const HEADERLESS = [
  'jane.doe@example.com,078-05-1120,4111 1111 1111 1111',
  'john.smith@example.org,219-09-9999,5555 5555 5555 4444',
  'ann.lee@example.net,457-55-5462,4012 8888 8888 1881',
].join('\n') + '\n';
const GUESSED = 'pii-mask: the first row looks like data, not a header; reading it as data (--header to say otherwise)';
const REDACT_ALL = { version: 1, default: { op: 'redact' }, columns: {} };

test('a headerless file: mask says it read the first row as data, and masks it', async (t) => {
  const f = files(t, { 'people.csv': HEADERLESS, 'policy.json': REDACT_ALL });
  const out = join(f.dir, 'out.csv');
  const report = join(f.dir, 'report.json');
  const r = await runCli(['mask', f['people.csv'], '--policy', f['policy.json'], '-o', out, '--report', report], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stderr.split('\n').includes(GUESSED), r.stderr);
  const masked = readFileSync(out, 'utf8');
  for (const value of ['jane.doe@example.com', '078-05-1120', '4111 1111 1111 1111']) assert.ok(!masked.includes(value), `${value} left in the output`);
  assert.equal(parseCsv(masked).length, 3, 'three records, none taken for a header');
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(rep.header, false);
  assert.equal(rep.headerGuessed, true);
  assert.ok(!JSON.stringify(rep).includes('jane.doe'), 'no header cell echoed as a column name');

  const scan = await runCli(['scan', f['people.csv']]);
  assert.equal(scan.code, 0, scan.stderr);
  const result = JSON.parse(scan.stdout);
  assert.equal(result.header, false);
  assert.equal(result.headerGuessed, true);
});

test('--header and --no-header say what the first row is; nothing is guessed or said', async (t) => {
  const f = files(t, { 'people.csv': HEADERLESS, 'policy.json': REDACT_ALL });
  const forced = await runCli(['mask', f['people.csv'], '--policy', f['policy.json'], '--header'], { env });
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(!forced.stderr.includes(GUESSED));
  const rows = parseCsv(forced.stdout);
  assert.equal(rows.length, 3);
  // A header cell that is personal data is masked like its column, not copied.
  assert.ok(!forced.stdout.includes('jane.doe@example.com'), forced.stdout);

  const data = await runCli(['mask', f['people.csv'], '--policy', f['policy.json'], '--no-header', '--report', join(f.dir, 'r.json')], { env });
  assert.equal(data.code, 0, data.stderr);
  assert.ok(!data.stderr.includes(GUESSED));
  const rep = JSON.parse(readFileSync(join(f.dir, 'r.json'), 'utf8'));
  assert.equal(rep.header, false);
  assert.equal(rep.headerGuessed, false);

  for (const [flag, header] of [
    ['--header', true],
    ['--no-header', false],
  ]) {
    const scan = await runCli(['scan', f['people.csv'], flag]);
    assert.equal(scan.code, 0, scan.stderr);
    const result = JSON.parse(scan.stdout);
    assert.equal(result.header, header, flag);
    assert.equal(result.headerGuessed, false, flag);
  }

  const both = await runCli(['mask', f['people.csv'], '--policy', f['policy.json'], '--header', '--no-header'], { env });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /give --header or --no-header, not both/);
});

test('a file with a header row is read with it, and nothing is said about it', async (t) => {
  const f = files(t, { 'p.csv': 'id,email\n1,jane@example.com\n2,john@example.org\n', 'policy.json': { version: 1, columns: { email: { op: 'redact' } } } });
  const r = await runCli(['mask', f['p.csv'], '--policy', f['policy.json']], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0], 'id,email');
  assert.equal(r.stderr, '');
});

test('the core\'s warnings are printed as "pii-mask: warning: ..." and land in the report', async (t) => {
  const f = files(t, {
    'p.csv': 'id,email\n1,jane@example.com\n2,john@example.org\n',
    'policy.json': { version: 1, columns: { email: { op: 'hash', algorithm: 'sha256' } } },
  });
  const report = join(f.dir, 'report.json');
  const r = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '--report', report], { env });
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  const warning = rep.warnings.find((w) => w.code === 'sha256_algorithm');
  assert.ok(warning, JSON.stringify(rep.warnings));
  assert.ok(r.stderr.split('\n').includes(`pii-mask: warning: ${warning.message}`), r.stderr);
});

test('columns that mention people and are left unchanged are named on one line', async (t) => {
  const rows = [...Array(20).keys()].map((i) => `${i + 1},user${i}@example.com,2024-0${(i % 9) + 1}-1${i % 10}T10:0${i % 10}:00Z,${['France', 'Spain', 'Germany', 'Italy'][i % 4]},plan${i % 3}`);
  const f = files(t, {
    'p.csv': `id,email,created_at,country,plan\n${rows.join('\n')}\n`,
    'policy.json': { version: 1, columns: { email: { op: 'redact' } } },
  });
  const report = join(f.dir, 'report.json');
  const r = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '--report', report], { env });
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(rep.kept.map((c) => c.name), ['created_at', 'country']);
  assert.equal(r.stderr, 'pii-mask: 2 columns that mention people are left unchanged: created_at, country\n');
});

// A column of emails the policy keeps: personal data goes out.
const LEAKY_ROWS = [...Array(30).keys()].map((i) => `${i + 1},person${i}@example.com,ok`);
const LEAKY = `id,contact,status\n${LEAKY_ROWS.join('\n')}\n`;
const KEEP_ALL = { version: 1, default: { op: 'keep' }, columns: {} };

test('personal data still in the output is reported (types and counts, never values); --strict fails and writes nothing', async (t) => {
  const f = files(t, { 'p.csv': LEAKY, 'keep.json': KEEP_ALL });
  const out = join(f.dir, 'out.csv');
  const report = join(f.dir, 'report.json');
  const r = await runCli(['mask', f['p.csv'], '--policy', f['keep.json'], '-o', out, '--report', report], { env });
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  const seen = rep.residual.find((x) => x.name === 'contact' && x.entity === 'EMAIL_ADDRESS');
  assert.ok(seen && seen.count > 0, JSON.stringify(rep.residual));
  assert.ok(rep.residualSampled > 0);
  const line = r.stderr.split('\n').find((l) => l.startsWith('pii-mask: warning: personal data is still in the output'));
  assert.ok(line, r.stderr);
  assert.match(line, new RegExp(`seen in ${rep.residualSampled} rows sampled across the file: contact: ${seen.count} EMAIL_ADDRESS \\(--strict fails instead\\)$`));
  assert.doesNotMatch(r.stderr, /person\d+@example\.com/, 'no value on stderr');

  const strictOut = join(f.dir, 'strict.csv');
  const strictReport = join(f.dir, 'strict.json');
  const strict = await runCli(['mask', f['p.csv'], '--policy', f['keep.json'], '--strict', '-o', strictOut, '--report', strictReport], { env });
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /contact: \d+ EMAIL_ADDRESS$/m);
  assert.equal(strict.stderr.trimEnd().split('\n').at(-1), `pii-mask: --strict: personal data is still in the output; ${strictOut} not written`);
  assert.doesNotMatch(strict.stderr, /person\d+@example\.com/);
  assert.equal(existsSync(strictOut), false);
  assert.equal(existsSync(strictReport), false, 'no report of a run that failed');
  assert.deepEqual(readdirSync(f.dir).sort(), ['keep.json', 'out.csv', 'p.csv', 'report.json'], 'no temporary file left');

  // To stdout the data has gone out already: the exit code still says so.
  const piped = await runCli(['mask', f['p.csv'], '--policy', f['keep.json'], '--strict'], { env });
  assert.equal(piped.code, 1);
  assert.match(piped.stderr, /--strict: personal data is still in the output; it was already written to stdout$/m);
});

test('a clean run: nothing reported, and --strict writes the output', async (t) => {
  const f = files(t, {
    'p.csv': LEAKY,
    'policy.json': { version: 1, default: { op: 'keep' }, columns: { contact: { op: 'redact' } } },
  });
  const out = join(f.dir, 'out.csv');
  const report = join(f.dir, 'report.json');
  const r = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '--strict', '-o', out, '--report', report], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(rep.residual, []);
  assert.deepEqual(rep.kept, []);
  assert.deepEqual(rep.warnings, []);
  assert.ok(!readFileSync(out, 'utf8').includes('@example.com'));
});

test('--strict is for mask only', async (t) => {
  const f = files(t, { 'p.csv': LEAKY });
  const r = await runCli(['scan', f['p.csv'], '--strict']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /scan does not take --strict/);
});

test('--audit writes the audit record: the report with the digests of the policy, input and output, and the time; never a value', async (t) => {
  const policy = { version: 1, default: { op: 'keep' }, columns: { contact: { op: 'redact' } } };
  const f = files(t, { 'p.csv': LEAKY, 'policy.json': policy, 'keep.json': KEEP_ALL });
  const out = join(f.dir, 'out.csv');
  const audit = join(f.dir, 'audit.json');
  const r = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '-o', out, '--audit', audit], { env });
  assert.equal(r.code, 0, r.stderr);
  const rec = JSON.parse(readFileSync(audit, 'utf8'));
  const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
  assert.deepEqual(rec.audit.input, { sha256: sha(readFileSync(f['p.csv'])), bytes: readFileSync(f['p.csv']).length });
  assert.deepEqual(rec.audit.output, { sha256: sha(readFileSync(out)), bytes: readFileSync(out).length });
  assert.equal(rec.audit.policySha256, sha(rec.audit.policy));
  assert.deepEqual(JSON.parse(rec.audit.policy).columns, policy.columns);
  assert.equal(rec.audit.tool, 'pii-mask');
  assert.ok(Math.abs(Date.parse(rec.time) - Date.now()) < 600_000, rec.time);
  assert.equal(rec.columns.find((c) => c.name === 'contact').op, 'redact');
  assert.doesNotMatch(readFileSync(audit, 'utf8'), /person\d+@example\.com/);

  // The same file for two outputs is refused before any work; a run that fails writes no record.
  const same = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '-o', out, '--audit', out], { env });
  assert.equal(same.code, 2);
  assert.match(same.stderr, /-o and --audit name the same file/);
  const strictAudit = join(f.dir, 'strict-audit.json');
  const strict = await runCli(['mask', f['p.csv'], '--policy', f['keep.json'], '--strict', '-o', join(f.dir, 's.csv'), '--audit', strictAudit], { env });
  assert.equal(strict.code, 1, strict.stderr);
  assert.equal(existsSync(strictAudit), false, 'no record of a run that failed');
});

test('mask --audit with --quasi: rows read and written, and the risk before and after in the record', async (t) => {
  const people = 'name,birth,zip,dx\nAnn Lee,1984-03-02,10115,flu\nBo Kim,1984-11-20,10117,flu\nCy Diaz,1990-01-05,10115,cold\nDee Park,1990-07-30,10119,cold\nEve Ng,not a date,10117,flu\n';
  const policy = {
    version: 1,
    columns: { name: { op: 'drop' }, birth: { op: 'generalize', to: 'year' }, zip: { op: 'drop' } },
    validate: { mode: 'drop', columns: { birth: { type: 'date', format: '%Y-%m-%d' } } },
  };
  const f = files(t, { 'p.csv': people, 'policy.json': policy });
  const out = join(f.dir, 'out.csv');
  const audit = join(f.dir, 'audit.json');
  const r = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '-o', out, '--audit', audit, '--quasi', 'birth, zip', '--sensitive', 'dx']);
  assert.equal(r.code, 0, r.stderr);
  const rec = JSON.parse(readFileSync(audit, 'utf8'));
  assert.deepEqual([rec.audit.rowsRead, rec.audit.rowsWritten, rec.rows], [5, 4, 4], 'validation dropped one row');
  assert.deepEqual(rec.columns.map((c) => [c.name, c.op, c.changed]), [['name', 'drop', 4], ['birth', 'generalize', 4], ['zip', 'drop', 4], ['dx', 'keep', 0]]);
  const { before, ...after } = rec.audit.risk;
  assert.deepEqual([before.records, before.k, before.classes], [5, 1, 5]);
  assert.deepEqual([after.records, after.k, after.classes, after.l], [4, 2, 2, 1]);
  assert.deepEqual(after.records_below, { 2: 0, 5: 4, 10: 4 });
  assert.doesNotMatch(readFileSync(audit, 'utf8'), /Ann Lee|1984-03-02|10115/);
  // Without --quasi, no risk; --quasi without --audit is a usage error.
  const plain = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '-o', out, '--audit', audit]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(JSON.parse(readFileSync(audit, 'utf8')).audit.risk, undefined);
  const noAudit = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '--quasi', 'birth']);
  assert.equal(noAudit.code, 2);
  assert.match(noAudit.stderr, /--quasi and --sensitive measure risk for the audit record: give --audit AUDIT\.json too/);
  const unknown = await runCli(['mask', f['p.csv'], '--policy', f['policy.json'], '-o', out, '--audit', audit, '--quasi', 'postcode']);
  assert.equal(unknown.code, 2, unknown.stderr);
  assert.match(unknown.stderr, /no column "postcode"/);
});
