// `pii-mask risk`: re-identification figures of the quasi-identifiers, as
// JSON on stdout; with --policy, of the masked output with the input's under
// "before"; --k makes a k below the target an error (exit 1). Never a value
// from the file on stdout or stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, runCli, tempDir } from './helpers.mjs';

const PEOPLE = [
  'name,birth,zip,dx',
  'Ann Lee,1984-03-02,10115,flu',
  'Bo Kim,1984-11-20,10117,flu',
  'Cy Diaz,1990-01-05,10115,cold',
  'Dee Park,1990-07-30,10119,asthma',
].join('\n') + '\n';

function files(t, contents) {
  const dir = tempDir(t);
  const paths = {};
  for (const [name, text] of Object.entries(contents)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], typeof text === 'string' ? text : JSON.stringify(text));
  }
  return paths;
}

test('risk prints k, classes, records below 2/5/10, l and the prosecutor risk', async (t) => {
  const f = files(t, { 'p.csv': PEOPLE });
  const r = await runCli(['risk', f['p.csv'], '--quasi', 'birth, zip', '--sensitive', 'dx']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.records, 4);
  assert.equal(out.k, 1);
  assert.equal(out.classes, 4);
  assert.deepEqual(out.records_below, { 2: 4, 5: 4, 10: 4 });
  assert.equal(out.l, 1);
  assert.deepEqual(out.risk.prosecutor, { atRisk: 1, highest: 1, average: 1 });
  assert.equal(out.risk.journalist, null, 'not computed without a population');
  assert.equal(out.risk.marketer, null);
  assert.equal(out.exact, true);
});

test('with --policy the figures are the masked output\'s, the input\'s under before; --k fails below the target', async (t) => {
  const policy = { version: 1, columns: { name: { op: 'hash' }, birth: { op: 'generalize', to: 'year' }, zip: { op: 'drop' } } };
  const f = files(t, { 'p.csv': PEOPLE, 'policy.json': policy });
  const env = { PII_MASK_KEY: KEY };
  const ok = await runCli(['risk', f['p.csv'], '--quasi', 'birth,zip', '--policy', f['policy.json'], '--k', '2'], { env });
  assert.equal(ok.code, 0, ok.stderr);
  const out = JSON.parse(ok.stdout);
  assert.equal(out.before.k, 1);
  assert.equal(out.k, 2, 'birth years 1984 and 1990, two people each; zip dropped');
  assert.equal(out.classes, 2);
  const low = await runCli(['risk', f['p.csv'], '--quasi', 'birth,zip', '--k', '2']);
  assert.equal(low.code, 1);
  assert.match(low.stderr, /k is 1, below --k 2/);
  // The least lossy generalisation that reaches k = 2, named in the error and printed in full.
  assert.match(low.stderr, /"birth": \{"op":"generalize","to":"year"\}, "zip": \{"op":"generalize","to":"prefix","chars":4\}/);
  // birth to its year (rung 3 of keep, month, quarter, year, drop: 0.75) and zip to 4 characters (0.2).
  const s = JSON.parse(low.stdout).suggestion;
  assert.deepEqual({ reached: s.reached, k: s.k, loss: s.loss, complete: s.complete }, { reached: true, k: 2, loss: 0.475, complete: true });
  assert.doesNotMatch(low.stderr + low.stdout, /Ann|Lee|10115|1984-03-02/);
  const noKey = await runCli(['risk', f['p.csv'], '--quasi', 'birth', '--policy', f['policy.json']]);
  assert.equal(noKey.code, 1, noKey.stderr);
  assert.match(noKey.stderr, /PII_MASK_KEY/);
});

test('risk ignores the policy\'s validate section: every row is measured, even where mask would reject', async (t) => {
  const bad = PEOPLE + 'Eve Ng,not a date,10117,flu\n';
  const policy = {
    version: 1,
    columns: { name: { op: 'drop' }, birth: { op: 'generalize', to: 'year' } },
    validate: { mode: 'reject', columns: { birth: { type: 'date', format: '%Y-%m-%d' } } },
  };
  const f = files(t, { 'p.csv': bad, 'policy.json': policy });
  const masked = await runCli(['mask', f['p.csv'], '--policy', f['policy.json']]);
  assert.equal(masked.code, 1, 'mask rejects the file');
  const r = await runCli(['risk', f['p.csv'], '--quasi', 'birth', '--policy', f['policy.json']]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.records, 5);
  assert.equal(out.before.records, 5);
  assert.equal(out.classes, 3, '1984, 1990 and the bad date\'s [DATE_TIME]');
});

test('the journalist and marketer risks come from a population table', async (t) => {
  const f = files(t, {
    'p.csv': PEOPLE,
    'pop.csv': 'zip,count\n10115,40\n10117,4\n10119,2\n',
  });
  const r = await runCli(['risk', f['p.csv'], '--quasi', 'zip', '--population', f['pop.csv'], '--threshold', '0.3']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  // Records' risks 1/F: 1/40, 1/4, 1/40, 1/2; above 0.3: one of four.
  assert.equal(out.risk.journalist.atRisk, 0.25);
  assert.equal(out.risk.journalist.highest, 0.5);
  assert.equal(out.risk.marketer.average, (2 / 40 + 1 / 4 + 1 / 2) / 4);
  assert.equal(out.populationMissing, 0);
});

test('beyond --max-classes the figures are estimated, and stderr says so', async (t) => {
  const rows = ['id'];
  for (let i = 0; i < 3000; i++) rows.push(`u${i}`);
  const f = files(t, { 'ids.csv': rows.join('\n') + '\n' });
  const r = await runCli(['risk', f['ids.csv'], '--quasi', 'id', '--max-classes', '100']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.exact, false);
  assert.ok(out.sampled < 0.05, String(out.sampled));
  assert.equal(out.k, 1);
  assert.match(r.stderr, /more than 100 distinct combinations: the figures are estimated from [\d.]+% of them/);
});

test('bad arguments: a clear usage error, and no value from the file is echoed', async (t) => {
  const f = files(t, { 'p.csv': PEOPLE, 'bad-pop.csv': 'zip,n\n1,2\n' });
  const cases = [
    [['risk', f['p.csv']], /--quasi COL,COL/],
    [['risk', f['p.csv'], '--quasi', 'postcode'], /no column "postcode" \(the columns: name, birth, zip, dx\)/],
    [['risk', f['p.csv'], '--quasi', 'zip', '--sensitive', 'diagnosis'], /no column "diagnosis"/],
    [['risk', f['p.csv'], '--quasi', 'zip', '--threshold', '2'], /--threshold takes a risk above 0 and at most 1/],
    [['risk', f['p.csv'], '--quasi', 'zip', '--k', '0'], /--k takes a whole number of at least 1/],
    [['risk', f['p.csv'], '--quasi', 'zip', '--population', f['bad-pop.csv']], /population table: no column "count"/],
    [['risk', f['p.csv'], '--quasi', 'zip', '--population', join(f['p.csv'], '..', 'missing.csv')], /missing\.csv/],
    [['risk', f['p.csv'], '--quasi', 'zip', '-o', 'x.csv'], /risk does not take -o|--output/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.ok(r.code === 2 || r.code === 1, `${args.join(' ')}: exit ${r.code}`);
    assert.match(r.stderr, message, args.join(' '));
    for (const value of ['Ann Lee', '1984-03-02', '10115', 'asthma']) {
      assert.ok(!r.stderr.includes(value) && !r.stdout.includes(value), `${args.join(' ')} echoed ${value}`);
    }
  }
});
