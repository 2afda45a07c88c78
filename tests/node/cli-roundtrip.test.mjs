// The round trip on the command line (the Node CLI, and in CI the native
// binary through PII_MASK_CLI): mask --vault-out, several files with
// --out-dir sharing one vault, --vault-in to continue (the merged vault
// written in place), restore of an AI's answer and of the masked CSV; the
// passphrase only from the environment or a file; a wrong passphrase, a cut
// or changed vault refused with nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, parseCsv, peopleCsv, runCli, tempDir } from './helpers.mjs';

const PASSPHRASE = 'Quartz-Lantern-Meadow-77';
const POLICY = {
  version: 1,
  default: { op: 'keep' },
  columns: {
    name: { op: 'tokenize', entity: 'PERSON' },
    email: { op: 'tokenize' },
    phone: { op: 'tokenize' },
    notes: { op: 'scrub', replace: 'tokenize' },
  },
};
const ENV = { PII_MASK_KEY: KEY, PII_MASK_PASSPHRASE: PASSPHRASE };

function setup(t) {
  const dir = tempDir(t);
  const a = peopleCsv(40, { seed: 31 });
  // The second file shares people with the first.
  const b = peopleCsv(40, { seed: 31 });
  b.rows = b.rows.slice(20).concat(peopleCsv(10, { seed: 32 }).rows);
  b.text = [b.header, ...b.rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n') + '\n';
  const f = { dir, a: join(dir, 'a.csv'), b: join(dir, 'b.csv'), policy: join(dir, 'policy.json'), out: join(dir, 'out'), vault: join(dir, 'people.vault') };
  writeFileSync(f.a, a.text);
  writeFileSync(f.b, b.text);
  writeFileSync(f.policy, JSON.stringify(POLICY));
  mkdirSync(f.out);
  return { ...f, dataA: a, dataB: b };
}

const ok = (r) => assert.equal(r.code, 0, r.stderr);

test('mask two files into --out-dir with --vault-out: one vault, the same tokens in both; restore --csv gives each back byte for byte', async (t) => {
  const f = setup(t);
  ok(await runCli(['mask', f.a, f.b, '--policy', f.policy, '--out-dir', f.out, '--vault-out', f.vault], { env: ENV }));
  const ma = readFileSync(join(f.out, 'a.csv'), 'utf8');
  const mb = readFileSync(join(f.out, 'b.csv'), 'utf8');
  assert.ok(!ma.includes(f.dataA.rows[0][1]) && !mb.includes(f.dataB.rows[0][1]));
  // Row 21 of a is row 1 of b: the same person, the same tokens.
  const ra = parseCsv(ma)[21];
  const rb = parseCsv(mb)[1];
  assert.deepEqual(rb.slice(1, 4), ra.slice(1, 4));
  assert.match(ra[1], /^PERSON_\d{6}$/);
  for (const [masked, original] of [[join(f.out, 'a.csv'), f.a], [join(f.out, 'b.csv'), f.b]]) {
    const r = await runCli(['restore', '--vault', f.vault, '--csv', masked], { env: ENV });
    ok(r);
    assert.equal(r.stdout, readFileSync(original, 'utf8'));
    assert.match(r.stderr, /^pii-mask: restored \d+ values \(\d+ EMAIL_ADDRESS, \d+ PERSON, \d+ PHONE_NUMBER\)\n$/);
  }
});

test('restore an AI-like answer from a file or stdin, to -o or stdout, with --report; unknown tokens left and counted', async (t) => {
  const f = setup(t);
  const masked = join(f.dir, 'masked.csv');
  ok(await runCli(['mask', f.a, '--policy', f.policy, '-o', masked, '--vault-out', f.vault], { env: ENV }));
  const row = parseCsv(readFileSync(masked, 'utf8'))[1];
  const [person, email] = [row[1], row[2]];
  const original = f.dataA.rows[0];
  const text = `## Summary\n\n**${person.toLowerCase()}**'s address is \`${email.replace(/_(\d+)$/, '-$1')}\`; PERSON_${person.endsWith('000001') ? '000002' : '000001'} is unknown.\n`;
  const want = `## Summary\n\n**${original[1]}**'s address is \`${original[2]}\`; PERSON_${person.endsWith('000001') ? '000002' : '000001'} is unknown.\n`;
  const answer = join(f.dir, 'answer.md');
  writeFileSync(answer, text);
  const out = join(f.dir, 'restored.md');
  const report = join(f.dir, 'restore.json');
  const r = await runCli(['restore', '--vault', f.vault, answer, '-o', out, '--report', report], { env: ENV });
  ok(r);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(out, 'utf8'), want);
  assert.deepEqual(JSON.parse(readFileSync(report, 'utf8')), { restored: { EMAIL_ADDRESS: 1, PERSON: 1 }, unknown: 1, ambiguous: 0 });
  assert.equal(r.stderr, 'pii-mask: restored 2 values (1 EMAIL_ADDRESS, 1 PERSON)\npii-mask: warning: 1 token-like text is not in the vault: left as it is\n');
  for (const args of [['-'], []]) {
    const s = await runCli(['restore', '--vault', f.vault, ...args], { env: ENV, input: text });
    ok(s);
    assert.equal(s.stdout, want);
  }
});

test('--vault-in continues a vault: the same values keep their tokens, new ones are added, the merged vault replaces the old file', async (t) => {
  const f = setup(t);
  ok(await runCli(['mask', f.a, '--policy', f.policy, '--out-dir', f.out, '--vault-out', f.vault], { env: ENV }));
  const before = readFileSync(f.vault);
  ok(await runCli(['mask', f.b, '--policy', f.policy, '--out-dir', f.out, '--vault-in', f.vault, '--vault-out', f.vault], { env: ENV }));
  assert.notDeepEqual(readFileSync(f.vault), before);
  assert.deepEqual(parseCsv(readFileSync(join(f.out, 'b.csv'), 'utf8'))[1].slice(1, 4), parseCsv(readFileSync(join(f.out, 'a.csv'), 'utf8'))[21].slice(1, 4));
  // The merged vault restores both files.
  for (const [m, o] of [['a.csv', f.a], ['b.csv', f.b]]) {
    const r = await runCli(['restore', '--vault', f.vault, '--csv', join(f.out, m)], { env: ENV });
    ok(r);
    assert.equal(r.stdout, readFileSync(o, 'utf8'));
  }
  assert.deepEqual(readdirSync(f.dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
});

test('the passphrase comes from PII_MASK_PASSPHRASE or --passphrase-file, never a flag; without one nothing is written', async (t) => {
  const f = setup(t);
  const pf = join(f.dir, 'passphrase.txt');
  writeFileSync(pf, PASSPHRASE + '\n');
  ok(await runCli(['mask', f.a, '--policy', f.policy, '-o', join(f.dir, 'm.csv'), '--vault-out', f.vault, '--passphrase-file', pf], { env: { PII_MASK_KEY: KEY, PII_MASK_PASSPHRASE: undefined } }));
  // Made with the file's passphrase, opened with the environment's: the same.
  ok(await runCli(['restore', '--vault', f.vault, join(f.dir, 'm.csv')], { env: ENV }));

  const flag = await runCli(['restore', '--vault', f.vault, '--passphrase', PASSPHRASE], { env: ENV });
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /never taken from a flag value; set PII_MASK_PASSPHRASE or use --passphrase-file FILE/);
  assert.ok(!flag.stderr.includes(PASSPHRASE));

  const out = join(f.dir, 'none.csv');
  const v2 = join(f.dir, 'none.vault');
  const none = await runCli(['mask', f.a, '--policy', f.policy, '-o', out, '--vault-out', v2], { env: { PII_MASK_KEY: KEY, PII_MASK_PASSPHRASE: undefined } });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /the vault needs a passphrase: set PII_MASK_PASSPHRASE or use --passphrase-file FILE/);
  assert.ok(!existsSync(out) && !existsSync(v2));
  const empty = join(f.dir, 'empty.txt');
  writeFileSync(empty, '\n');
  const e = await runCli(['restore', '--vault', f.vault, '--passphrase-file', empty], { env: { PII_MASK_PASSPHRASE: undefined } });
  assert.equal(e.code, 1);
  assert.match(e.stderr, /the passphrase file is empty/);
});

test('a wrong passphrase, a cut vault or a changed byte: exit 1, a clear message, nothing written', async (t) => {
  const f = setup(t);
  ok(await runCli(['mask', f.a, '--policy', f.policy, '--out-dir', f.out, '--vault-out', f.vault], { env: ENV }));
  const good = readFileSync(f.vault);
  const cut = join(f.dir, 'cut.vault');
  writeFileSync(cut, good.subarray(0, good.length - 5));
  const flipped = join(f.dir, 'flipped.vault');
  const bytes = Buffer.from(good);
  bytes[bytes.length - 20] ^= 0x10;
  writeFileSync(flipped, bytes);
  const cases = [
    [f.vault, 'a wrong passphrase', /vault: wrong passphrase/],
    [cut, PASSPHRASE, /vault: the file is \d+ bytes long where its header says \d+/],
    [flipped, PASSPHRASE, /vault: its contents are damaged/],
    [f.a, PASSPHRASE, /vault: not a pii-mask vault file/],
  ];
  for (const [vault, passphrase, message] of cases) {
    const out = join(f.dir, 'restored.csv');
    const r = await runCli(['restore', '--vault', vault, '--csv', join(f.out, 'a.csv'), '-o', out], { env: { PII_MASK_PASSPHRASE: passphrase } });
    assert.equal(r.code, 1, vault);
    assert.match(r.stderr, message);
    assert.ok(r.stderr.startsWith(`pii-mask: ${vault}: vault: `), r.stderr);
    assert.equal(r.stdout, '');
    assert.ok(!existsSync(out), 'nothing restored');
    // Continuing it fails the same way, and leaves the old files alone.
    const merged = join(f.dir, 'merged.vault');
    const m = await runCli(['mask', f.b, '--policy', f.policy, '-o', join(f.dir, 'b.masked.csv'), '--vault-in', vault, '--vault-out', merged], { env: { PII_MASK_KEY: KEY, PII_MASK_PASSPHRASE: passphrase } });
    assert.equal(m.code, 1);
    assert.match(m.stderr, message);
    assert.ok(!existsSync(merged) && !existsSync(join(f.dir, 'b.masked.csv')));
  }
  assert.deepEqual(readFileSync(f.vault), good);
  // Continued under another key, the vault is refused too.
  const other = await runCli(['mask', f.b, '--policy', f.policy, '--vault-in', f.vault], { env: { ...ENV, PII_MASK_KEY: 'another key, long enough to use' } });
  assert.equal(other.code, 1);
  assert.match(other.stderr, /made with another key/);
});

test('usage: several files need --out-dir; restore needs --vault and takes one file; --out-dir refuses stdin, two inputs of one name and replacing an input', async (t) => {
  const f = setup(t);
  const cases = [
    [['mask', f.a, f.b, '--policy', f.policy], /2 files need --out-dir DIR/],
    [['mask', f.a, '--policy', f.policy, '--out-dir', f.out, '-o', join(f.dir, 'x.csv')], /-o and --out-dir: give one/],
    [['mask', f.a, f.b, '--policy', f.policy, '--out-dir', f.out, '--report', join(f.dir, 'r.json')], /--report and --audit take one input file/],
    [['mask', '-', '--policy', f.policy, '--out-dir', f.out], /stdin \(-\) has no name/],
    [['mask', f.a, join(f.out, '..', 'a.csv'), '--policy', f.policy, '--out-dir', f.out], /have the same name/],
    [['mask', f.a, '--policy', f.policy, '--out-dir', f.dir], /would replace the input/],
    [['mask', f.a, '--policy', f.policy, '-o', f.vault, '--vault-out', f.vault], /-o and --vault-out name the same file/],
    [['restore', f.a], /restore: give --vault VAULT/],
    [['restore', '--vault', f.vault, f.a, f.b], /restore: one file at a time, got 2/],
    [['restore', '--vault', f.vault, '--policy', f.policy], /restore does not take --policy/],
    [['scan', f.a, '--vault', f.vault], /scan does not take --vault/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args, { env: ENV });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Try pii-mask --help\n$/);
  }
  assert.deepEqual(readdirSync(f.out), []);
  // tokenize without --vault-out: masked, with a warning that nothing can be restored.
  const w = await runCli(['mask', f.a, '--policy', f.policy], { env: ENV });
  ok(w);
  assert.match(w.stderr, /warning: tokenize made \d+ new tokens and no --vault-out keeps them/);
  // Continuing a vault that already holds every value: nothing new to lose, no warning.
  ok(await runCli(['mask', f.a, '--policy', f.policy, '--vault-out', f.vault], { env: ENV }));
  const again = await runCli(['mask', f.a, '--policy', f.policy, '--vault-in', f.vault], { env: ENV });
  ok(again);
  assert.equal(again.stdout, w.stdout);
  assert.doesNotMatch(again.stderr, /new token/);
});
