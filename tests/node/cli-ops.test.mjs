// Operators that read more than their own cell (`date_shift`: another
// column's original value) or cut it (`truncate`), through `pii-mask mask`,
// in the Node CLI and the native binary alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
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

const VISITS = [
  'patient_id,admitted,discharged',
  'P-1,2024-01-10,2024-01-15',
  'P-2,2024-02-28,2024-03-02',
  'P-1,2024-06-01,2024-06-03',
].join('\n') + '\n';

const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

test('date_shift: one patient\'s dates move by the same days, the id itself hashed; intervals kept', async (t) => {
  const policy = {
    version: 1,
    columns: {
      patient_id: { op: 'hash' },
      admitted: { op: 'date_shift', by: 'patient_id', days: 365 },
      discharged: { op: 'date_shift', by: 'patient_id', days: 365 },
    },
  };
  const f = files(t, { 'v.csv': VISITS, 'policy.json': policy });
  const out = join(f.dir, 'out.csv');
  const r = await runCli(['mask', f['v.csv'], '--policy', f['policy.json'], '-o', out], { env });
  assert.equal(r.code, 0, r.stderr);
  const before = parseCsv(VISITS).slice(1);
  const after = parseCsv(readFileSync(out, 'utf8')).slice(1);
  const shifts = after.map((row, i) => [1, 2].map((c) => day(row[c]) - day(before[i][c])));
  for (const [a, b] of shifts) {
    assert.equal(a, b, 'both dates of a row move together');
    assert.ok(a !== 0 && Math.abs(a) <= 365, String(a));
  }
  assert.equal(shifts[0][0], shifts[2][0], 'P-1 moves the same in both rows');
  assert.equal(after[0][0], after[2][0]);
  assert.notEqual(after[0][0], 'P-1');
});

test('date_shift by a column the file lacks: a policy error naming the field; no key: the key hint', async (t) => {
  const policy = { version: 1, columns: { admitted: { op: 'date_shift', by: 'patient', days: 30 } } };
  const f = files(t, { 'v.csv': VISITS, 'policy.json': policy });
  const r = await runCli(['mask', f['v.csv'], '--policy', f['policy.json']], { env });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /column "admitted": date_shift by "patient": the file has no such column \(columns: patient_id, admitted, discharged\)/);
  assert.doesNotMatch(r.stderr + r.stdout, /2024-01-10|P-1/);
  const ok = { version: 1, columns: { admitted: { op: 'date_shift', by: 'patient_id', days: 30 } } };
  const g = files(t, { 'p.json': ok });
  const noKey = await runCli(['mask', f['v.csv'], '--policy', g['p.json']], { env: { PII_MASK_KEY: undefined } });
  assert.equal(noKey.code, 1, noKey.stderr);
  assert.match(noKey.stderr, /PII_MASK_KEY/);
});

test('truncate: free text capped at max characters (never inside one); the report counts the cells cut', async (t) => {
  const csv = 'id,notes\n1,short\n2,Zoë and 日本 went 😀 far\n';
  const policy = { version: 1, columns: { notes: { op: 'truncate', max: 10 } } };
  const f = files(t, { 'n.csv': csv, 'policy.json': policy });
  const out = join(f.dir, 'out.csv');
  const report = join(f.dir, 'report.json');
  const r = await runCli(['mask', f['n.csv'], '--policy', f['policy.json'], '-o', out, '--report', report]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), 'id,notes\n1,short\n2,Zoë and 日本\n');
  const notes = JSON.parse(readFileSync(report, 'utf8')).columns.find((c) => c.name === 'notes');
  assert.deepEqual([notes.op, notes.truncated, notes.changed], ['truncate', 1, 1]);
  const bad = files(t, { 'p.json': { version: 1, columns: { notes: { op: 'truncate', max: 0 } } } });
  const refused = await runCli(['mask', f['n.csv'], '--policy', bad['p.json']]);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /truncate max must be at least 1/);
});
