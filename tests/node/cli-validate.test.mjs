// `pii-mask mask` with a policy that validates: `reject` exits 1 (as other
// input errors) with each problem on stderr (line, column, rule) and no
// output file; `drop` and `flag` write the file and say the counts on
// stderr. Never a value from the file on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, runCli, tempDir } from './helpers.mjs';

const PEOPLE = [
  'name,age,email',
  'Ann Lee,34,ann@example.com',
  '"Bo\nKim",150,bo@example.com',
  'Cy Diaz,41,"cy at example"',
  'Dee Park,29,ann@example.com',
].join('\n') + '\n';

const RULES = {
  age: { type: 'integer', min: 0, max: 120, required: true },
  email: { type: 'email', unique: true },
};

function files(t, mode, extra = {}) {
  const dir = tempDir(t);
  const paths = { csv: join(dir, 'people.csv'), policy: join(dir, 'policy.json'), out: join(dir, 'out.csv'), report: join(dir, 'report.json') };
  writeFileSync(paths.csv, PEOPLE);
  writeFileSync(paths.policy, JSON.stringify({ version: 1, columns: { name: { op: 'hash' } }, validate: { mode, columns: RULES, ...extra } }));
  return paths;
}

const env = { PII_MASK_KEY: KEY };

function noValues(stderr) {
  for (const v of ['Ann', 'Bo', 'Kim', '150', 'cy at example', 'ann@example.com']) assert.ok(!stderr.includes(v), `stderr holds ${v}: ${stderr}`);
}

test('reject: exit 1, each problem on stderr by line, column and rule, no output written', async (t) => {
  const f = files(t, 'reject');
  const r = await runCli(['mask', '--policy', f.policy, '-o', f.out, f.csv], { env });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    'pii-mask: line 3, column "age": max',
    'pii-mask: line 5, column "email": type',
    'pii-mask: line 6, column "email": unique',
    'pii-mask: validation failed: 3 problems; the first: line 3, column "age": max',
  ]);
  assert.equal(existsSync(f.out), false, 'no output file');
  noValues(r.stderr);
});

test('reject stops at max_problems', async (t) => {
  const f = files(t, 'reject', { max_problems: 1 });
  const r = await runCli(['mask', '--policy', f.policy, f.csv], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^pii-mask: line 3, column "age": max\npii-mask: validation failed: stopped at the first problem \(max_problems\)/);
});

test('drop: the bad rows are left out, the counts on stderr, the problems in the report', async (t) => {
  const f = files(t, 'drop');
  const r = await runCli(['mask', '--policy', f.policy, '-o', f.out, '--report', f.report, f.csv], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /pii-mask: validation: 3 of 4 rows broke the rules, 3 rows dropped\n/);
  const out = readFileSync(f.out, 'utf8').trim().split('\n');
  assert.equal(out.length, 2, 'header and one row');
  assert.match(out[1], /^[0-9a-f]{16},34,ann@example\.com$/);
  const report = JSON.parse(readFileSync(f.report, 'utf8'));
  assert.equal(report.rows, 1);
  assert.deepEqual(report.validation.problems, [
    { line: 3, column: 'age', rule: 'max' },
    { line: 5, column: 'email', rule: 'type' },
    { line: 6, column: 'email', rule: 'unique' },
  ]);
  noValues(r.stderr);
});

test('flag: every row written with the failed rules in the flag column', async (t) => {
  const f = files(t, 'flag', { flag_column: 'why' });
  const r = await runCli(['mask', '--policy', f.policy, f.csv], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /pii-mask: validation: 3 of 4 rows broke the rules, flagged in column "why"\n/);
  const flags = r.stdout.trim().split('\n').map((l) => l.slice(l.lastIndexOf(',') + 1));
  assert.deepEqual(flags, ['why', '', 'age:max', 'email:type', 'email:unique']);
  noValues(r.stderr);
});

test('a file that keeps the rules says so; a rule on a missing column is a policy error', async (t) => {
  const f = files(t, 'reject');
  writeFileSync(f.csv, 'name,age,email\nAnn,3,a@x.org\n');
  const ok = await runCli(['mask', '--policy', f.policy, f.csv], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /pii-mask: validation: 1 row checked, all keep the rules\n/);
  writeFileSync(f.csv, 'name,years\nAnn,3\n');
  const bad = await runCli(['mask', '--policy', f.policy, f.csv], { env });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /pii-mask: policy: validate: column "age" is not in the header \(columns: name, years\)/);
});
