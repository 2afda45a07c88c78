// `mask --jobs N`: a file cut into parts between records and masked on N
// threads gives the bytes, the report, the audit digests and the first
// error (with its line in the whole file) of --jobs 1. PII_MASK_PART_BYTES
// makes the parts small, so that a small file is many parts. Runs against
// the Node CLI, and the native binary when PII_MASK_CLI names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, peopleCsv, runCli, tempDir } from './helpers.mjs';

const env = { PII_MASK_KEY: KEY, PII_MASK_PART_BYTES: '3000' };

const POLICY = {
  version: 1,
  default: { op: 'keep' },
  columns: {
    name: { op: 'hash' },
    email: { op: 'mask' },
    notes: { op: 'scrub' },
    id: { op: 'noise', mechanism: 'laplace', epsilon: 1, sensitivity: 10, step: 1 },
  },
};

async function masked(t, dir, csv, jobs, extra = []) {
  const out = join(dir, `out-${jobs}.csv`);
  const report = join(dir, `report-${jobs}.json`);
  const audit = join(dir, `audit-${jobs}.json`);
  const r = await runCli(['mask', csv, '--policy', join(dir, 'policy.json'), '--jobs', String(jobs), '-o', out, '--report', report, '--audit', audit, ...extra], { env });
  assert.equal(r.code, 0, r.stderr);
  const { time, ...auditRecord } = JSON.parse(readFileSync(audit, 'utf8'));
  assert.ok(time);
  return { output: readFileSync(out), report: JSON.parse(readFileSync(report, 'utf8')), audit: auditRecord, stderr: r.stderr };
}

test('--jobs 3 writes the bytes, report and audit record of --jobs 1 (quoted line breaks, CRLF)', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  for (const eol of ['\n', '\r\n']) {
    const csv = join(dir, 'people.csv');
    const { text } = peopleCsv(1500, { seed: 7, eol });
    writeFileSync(csv, text);
    assert.ok(text.length > 20 * 3000, 'many parts');
    const one = await masked(t, dir, csv, 1);
    const three = await masked(t, dir, csv, 3);
    assert.ok(one.output.equals(three.output), `output differs (eol ${JSON.stringify(eol)})`);
    assert.deepEqual(three.report, one.report);
    assert.deepEqual(three.audit, one.audit);
    assert.equal(three.stderr, one.stderr);
    assert.equal(one.report.rows, 1500);
  }
});

test('--jobs 3 --auto classifies from the same sample as one pass', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, peopleCsv(1500, { seed: 3 }).text);
  const run = async (jobs) => {
    const out = join(dir, `auto-${jobs}.csv`);
    const r = await runCli(['mask', csv, '--auto', '--sample-rows', '50', '--jobs', String(jobs), '-o', out], { env });
    assert.equal(r.code, 0, r.stderr);
    return [readFileSync(out), r.stderr];
  };
  const [one, oneSaid] = await run(1);
  const [three, threeSaid] = await run(3);
  assert.ok(one.equals(three));
  assert.equal(threeSaid, oneSaid);
});

test('an error in a later part is the error of one pass, with its line in the file', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  const csv = join(dir, 'bad.csv');
  const { text } = peopleCsv(1200, { seed: 9 });
  const lines = text.split('\n');
  // A ragged row near the end: 6 fields where the header has 7.
  writeFileSync(csv, text + '1,x,y,z,w,v\n' + 'more,a,b,c,d,e,f\n');
  const expectedLine = lines.length; // the line after the last full one
  const one = await runCli(['mask', csv, '--policy', join(dir, 'policy.json'), '--jobs', '1'], { env });
  const three = await runCli(['mask', csv, '--policy', join(dir, 'policy.json'), '--jobs', '3'], { env });
  assert.equal(one.code, 1);
  assert.equal(three.code, one.code);
  assert.equal(three.stderr, one.stderr);
  assert.match(three.stderr, new RegExp(`line ${expectedLine}\\b`));
});

test('--jobs takes a positive whole number', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  const csv = join(dir, 'p.csv');
  writeFileSync(csv, 'a,b\n1,2\n');
  for (const bad of ['0', '1.5', 'x']) {
    const r = await runCli(['mask', csv, '--policy', join(dir, 'policy.json'), '--jobs', bad], { env });
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--jobs takes a positive whole number/);
  }
});
