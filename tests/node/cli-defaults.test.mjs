// Safe defaults through the command line (issue 9): files the project was
// not tuned on are masked right by `mask --auto`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, runCli, tempDir } from './helpers.mjs';

const env = { PII_MASK_KEY: KEY };

test('dates of birth under a blind header become years; event times stay and are reported as kept', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'blind.csv');
  const years = [1951, 1987, 1964, 2001, 1978, 1993, 1958, 1944, 1970, 1999];
  let text = 'id,col_23,created_at\n';
  years.forEach((y, i) => {
    text += `${i},${String(i + 1).padStart(2, '0')}/0${(i % 9) + 1}/${y},2024-05-0${(i % 9) + 1} 10:1${i}:00\n`;
  });
  writeFileSync(csv, text);
  const out = join(dir, 'out.csv');
  const r = await runCli(['mask', csv, '--auto', '-o', out], { env });
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(rows.map((c) => c[1]), years.map(String));
  assert.match(rows[0][2], /^2024-05-01 10:10:00$/);
  assert.match(r.stderr, /1 column that mentions people is left unchanged: created_at/);
});

test('a 5 MB first field does not hide the columns below it', async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'big.csv');
  let text = `id,log,email\n0,"${'x'.repeat(5 << 20)}",first@example.com\n`;
  for (let i = 1; i < 300; i++) text += `${i},short,user${i}@example.org\n`;
  writeFileSync(csv, text);
  const out = join(dir, 'out.csv');
  const r = await runCli(['mask', csv, '--auto', '-o', out], { env });
  assert.equal(r.code, 0, r.stderr);
  const masked = readFileSync(out, 'utf8');
  assert.doesNotMatch(masked, /first@|user\d+@/);
  assert.match(masked, /@example\.org/);
});
