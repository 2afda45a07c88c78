// The user's own entities through the command line: declared in the policy,
// found by scan, mask and find in columns and in free text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.mjs';

const ENTITIES = {
  EMPLOYEE_ID: { pattern: 'EMP-[0-9]{6}', context: ['staff', 'employee'] },
  PROJECT: { terms: ['Bluebird', 'Night Owl'] },
};

function setup(t) {
  const dir = tempDir(t);
  const csv = join(dir, 'staff.csv');
  let text = 'id,badge,notes\n';
  for (let i = 0; i < 6; i++) text += `${i},EMP-10000${i},"staff EMP-20000${i} moved to night owl"\n`;
  writeFileSync(csv, text);
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ version: 1, auto: true, entities: ENTITIES }));
  return { dir, csv, policy };
}

test('scan --policy names the declared entities in columns and text', async (t) => {
  const { csv, policy } = setup(t);
  const r = await runCli(['scan', csv, '--policy', policy]);
  assert.equal(r.code, 0, r.stderr);
  const columns = JSON.parse(r.stdout).columns;
  assert.equal(columns[1].entity, 'EMPLOYEE_ID');
  assert.equal(columns[1].suggested.op, 'redact');
  assert.deepEqual(columns[2].entities.map((e) => e.type).sort(), ['EMPLOYEE_ID', 'PROJECT']);
  assert.equal(columns[2].suggested.op, 'scrub');
  // Without the policy, nothing of them is known.
  const plain = JSON.parse((await runCli(['scan', csv])).stdout).columns;
  assert.equal(plain[1].entity, undefined);
});

test('mask with declared entities leaves none of them in the output', async (t) => {
  const { dir, csv, policy } = setup(t);
  const out = join(dir, 'out.csv');
  const report = join(dir, 'report.json');
  const r = await runCli(['mask', csv, '--policy', policy, '-o', out, '--report', report]);
  assert.equal(r.code, 0, r.stderr);
  const masked = readFileSync(out, 'utf8');
  assert.doesNotMatch(masked, /EMP-\d|night owl/i);
  assert.match(masked, /staff \[EMPLOYEE_ID\] moved to \[PROJECT\]/);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.ok(rep.entities.EMPLOYEE_ID >= 6 && rep.entities.PROJECT >= 6, JSON.stringify(rep.entities));
});

test('find --policy finds the declared entities; a bad declaration is a clear error', async (t) => {
  const { dir, policy } = setup(t);
  const r = await runCli(['find', '--policy', policy], { input: 'employee EMP-123456 on Bluebird' });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).map((f) => [f.type, f.text]),
    [['EMPLOYEE_ID', 'EMP-123456'], ['PROJECT', 'Bluebird']],
  );
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ version: 1, entities: { EMPLOYEE_ID: { pattern: '(' } } }));
  const e = await runCli(['find', '--policy', bad], { input: 'x' });
  assert.equal(e.code, 1);
  assert.match(e.stderr, /entity "EMPLOYEE_ID": pattern does not compile/);
});
