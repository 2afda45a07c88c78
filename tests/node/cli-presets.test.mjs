// `pii-mask mask --preset NAME`: a policy named after a standard, from the
// core's catalogue; one of --preset and --policy; a clear usage error for
// a name it does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, parseCsv, runCli, tempDir } from './helpers.mjs';

const PEOPLE = [
  'name,email,birth_date,admitted,zip,state,diagnosis',
  'Maria Gonzalez,maria.g@example.com,1984-03-07,2023-03-14,62704,IL,asthma',
  'James Smith,jsmith@example.org,1961-11-23,2023-07-02,02139,MA,flu',
  'Anna Brown,anna.b@example.net,1990-05-30,2024-01-19,60614,IL,asthma',
].join('\n') + '\n';

function setup(t) {
  const dir = tempDir(t);
  const file = join(dir, 'p.csv');
  writeFileSync(file, PEOPLE);
  return { dir, file };
}

test('--preset hipaa-safe-harbor: identifiers redacted, dates to the year, ZIPs cut, states kept', async (t) => {
  const { dir, file } = setup(t);
  const out = join(dir, 'out.csv');
  const r = await runCli(['mask', file, '--preset', 'hipaa-safe-harbor', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(readFileSync(out, 'utf8'));
  assert.deepEqual(rows[0], PEOPLE.split('\n')[0].split(','));
  assert.deepEqual(rows[1], ['[PERSON]', '[EMAIL_ADDRESS]', '1984', '2023', '627**', 'IL', 'asthma']);
  assert.deepEqual(rows.slice(1).map((r) => r[4]), ['627**', '021**', '606**']);
});

test('--preset gdpr-pseudonymisation needs the key and hashes the direct identifiers', async (t) => {
  const { file } = setup(t);
  const noKey = await runCli(['mask', file, '--preset', 'gdpr-pseudonymisation']);
  assert.equal(noKey.code, 1);
  assert.match(noKey.stderr, /PII_MASK_KEY/);
  const r = await runCli(['mask', file, '--preset', 'gdpr-pseudonymisation'], { env: { PII_MASK_KEY: KEY } });
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(r.stdout);
  assert.match(rows[1][0], /^[0-9a-f]{16}$/);
  assert.match(rows[1][1], /^[0-9a-f]{16}$/);
  assert.equal(rows[1][3], '2023-03-14', 'event dates kept');
});

test('one of --preset and --policy; an unknown preset is named with the ones there are', async (t) => {
  const { dir, file } = setup(t);
  const policy = join(dir, 'p.json');
  writeFileSync(policy, JSON.stringify({ version: 1, columns: {} }));
  const both = await runCli(['mask', file, '--preset', 'analytics', '--policy', policy]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--preset and --policy: give one/);
  const unknown = await runCli(['mask', file, '--preset', 'hipaa']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no preset "hipaa": the presets are hipaa-safe-harbor, gdpr-pseudonymisation, analytics/);
  const scan = await runCli(['scan', file, '--preset', 'analytics']);
  assert.equal(scan.code, 2, 'a mask option');
});
