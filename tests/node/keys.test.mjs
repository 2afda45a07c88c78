// The hash key stays secret outside the browser too: the CLI takes it only
// from PII_MASK_KEY or --key-file and never prints it, writes it into an
// output or a report, or echoes it in an error, on success or failure; a
// missing or short key is refused with a message that says what to do; the
// Node API's reports, previews and errors never hold it. (The page's side is
// in page.test.mjs: the key stays in the tab's memory.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { KEY, enc, loadPkg, parseCsv, peopleCsv, runCli, tempDir } from './helpers.mjs';

// Distinctive enough that no 8-character piece of it turns up by chance, so a
// partial echo ("Zq7!Xv9#"...) is caught as well as the whole key.
const SECRET = 'Zq7!Xv9#Wp3$Kt8%Lm2&Rn5';
const POLICY = { version: 1, default: { op: 'keep' }, columns: { name: { op: 'hash' }, email: { op: 'mask' }, notes: { op: 'scrub' } } };
// Makes the CLI believe stderr is a terminal, so it draws its progress line.
const TTY = { NODE_OPTIONS: '--import=data:text/javascript,process.stderr.isTTY=true' };

/** The forms of `key` found in `text`: whole, hex, base64, escaped, or any 8-character piece. */
function leaks(text, key) {
  const bytes = Buffer.from(key, 'utf8');
  const forms = [key, bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'), JSON.stringify(key).slice(1, -1), encodeURIComponent(key)];
  for (let i = 0; i + 8 <= key.length; i++) forms.push(key.slice(i, i + 8));
  return [...new Set(forms)].filter((f) => text.includes(f));
}

function setup(t) {
  const dir = tempDir(t);
  const data = peopleCsv(200, { seed: 11 });
  const files = {
    dir,
    csv: join(dir, 'people.csv'),
    bad: join(dir, 'bad.csv'),
    policy: join(dir, 'policy.json'),
    keyFile: join(dir, 'key.txt'),
  };
  writeFileSync(files.csv, data.text);
  writeFileSync(files.bad, 'id,name,email,notes\n1,Jane Doe,jane@example.com,\n2,"John Smith\n'); // unclosed quote on line 3
  writeFileSync(files.policy, JSON.stringify(POLICY));
  writeFileSync(files.keyFile, SECRET + '\n');
  return { ...files, ...data };
}

for (const source of ['PII_MASK_KEY', '--key-file']) {
  test(`CLI, key from ${source}: no run prints it or writes it, on success or failure`, async (t) => {
    const f = setup(t);
    const keyArgs = source === '--key-file' ? ['--key-file', f.keyFile] : [];
    const env = source === '--key-file' ? { PII_MASK_KEY: undefined } : { PII_MASK_KEY: SECRET };
    const out = join(f.dir, 'out.csv');
    const report = join(f.dir, 'report.json');
    const failedOut = join(f.dir, 'failed.csv');
    const keyPolicy = join(f.dir, 'with-key.policy.json');
    writeFileSync(keyPolicy, JSON.stringify({ ...POLICY, key: SECRET }));
    const runs = {
      scan: runCli(['scan', f.csv, ...keyArgs], { env }),
      'mask -o --report, with progress': runCli(['mask', f.csv, '--policy', f.policy, '-o', out, '--report', report, ...keyArgs], { env: { ...env, ...TTY } }),
      'mask to stdout': runCli(['mask', f.csv, '--policy', f.policy, ...keyArgs], { env }),
      'mask of a malformed file': runCli(['mask', f.bad, '--policy', f.policy, '-o', failedOut, ...keyArgs], { env: { ...env, ...TTY } }),
      'usage error': runCli(['mask', f.csv, '--policy', f.policy, '--no-such-flag', ...keyArgs], { env }),
      'a policy that carries a key': runCli(['mask', f.csv, '--policy', keyPolicy, ...keyArgs], { env }),
      find: runCli(['find', ...keyArgs], { env, input: `write to ${f.rows[0][2]}` }),
    };
    const r = Object.fromEntries(await Promise.all(Object.entries(runs).map(async ([k, p]) => [k, await p])));

    // Each run did what it should, so the checks below are not vacuous.
    assert.equal(r.scan.code, 0, r.scan.stderr);
    const masked = r['mask -o --report, with progress'];
    assert.equal(masked.code, 0, masked.stderr);
    assert.match(masked.stderr, /pii-mask: [\d.]+ MB of [\d.]+ MB/, 'the progress line was drawn');
    const name = f.header.indexOf('name');
    const outText = readFileSync(out, 'utf8');
    assert.ok(parseCsv(outText).slice(1).every((row) => /^[0-9a-f]{16}$/.test(row[name])), 'names were hashed with the key');
    assert.equal(r['mask to stdout'].code, 0);
    assert.equal(r['mask to stdout'].stdout, outText);
    assert.equal(r['mask of a malformed file'].code, 1);
    assert.match(r['mask of a malformed file'].stderr, /line 3: unclosed quote/);
    assert.match(r['mask of a malformed file'].stderr, /^pii-mask: line 3/m, 'the error starts its own line after the progress line');
    assert.equal(existsSync(failedOut), false);
    assert.equal(r['usage error'].code, 2);
    assert.equal(r['a policy that carries a key'].code, 1, 'a key never comes from the policy');
    assert.match(r['a policy that carries a key'].stderr, /unknown field "key"/);
    assert.equal(r.find.code, 0, r.find.stderr);

    const leaked = [];
    for (const [what, run] of Object.entries(r)) {
      for (const stream of ['stdout', 'stderr']) {
        for (const form of leaks(run[stream], SECRET)) leaked.push(`${what}: ${stream} holds ${JSON.stringify(form)}`);
      }
    }
    for (const file of [out, report]) {
      for (const form of leaks(readFileSync(file, 'utf8'), SECRET)) leaked.push(`${file} holds ${JSON.stringify(form)}`);
    }
    assert.deepEqual(leaked, []);
    // Only what was asked for was written: no stray temporary or debug file.
    assert.deepEqual(readdirSync(f.dir).sort(), ['bad.csv', 'key.txt', 'out.csv', 'people.csv', 'policy.json', 'report.json', 'with-key.policy.json']);
  });
}

test('CLI: an empty or unreadable key is a clear error, never a run without one', async (t) => {
  const f = setup(t);
  const out = join(f.dir, 'out.csv');
  const empty = join(f.dir, 'empty.key');
  writeFileSync(empty, '\n');
  // Lossy decoding would have made this 18 bytes of U+FFFD, the same as any
  // other invalid key of that length.
  const binaryKey = join(f.dir, 'binary.key');
  writeFileSync(binaryKey, Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa]));
  const cases = [
    [[], { PII_MASK_KEY: '' }, /no key was given.*PII_MASK_KEY.*--key-file/],
    [['--key-file', empty], { PII_MASK_KEY: undefined }, /empty\.key: the key file is empty/],
    [['--key-file', join(f.dir, 'missing.key')], { PII_MASK_KEY: undefined }, /missing\.key: no such key file$/m],
    [['--key-file', f.dir], { PII_MASK_KEY: undefined }, /: a directory, not a key file$/m],
    [['--key-file', binaryKey], { PII_MASK_KEY: undefined }, /binary\.key: the key is not UTF-8 text/],
  ];
  for (const [args, env, message] of cases) {
    const r = await runCli(['mask', f.csv, '--policy', f.policy, '-o', out, ...args], { env });
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^pii-mask: /);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(out), false, 'no output without a key');
  }
});

test('CLI: a key shorter than 16 bytes is refused, from either source, without echoing it', async (t) => {
  const f = setup(t);
  const out = join(f.dir, 'out.csv');
  const keyFile = join(f.dir, 'short.key');
  // Bytes count, not characters: seven é are 14 bytes, eight are 16.
  for (const short of ['Yw4%Ju8&Hg2*Fd6', 'ééééééé']) {
    const bytes = Buffer.byteLength(short);
    writeFileSync(keyFile, short + '\n');
    for (const [args, env] of [
      [[], { PII_MASK_KEY: short }],
      [['--key-file', keyFile], { PII_MASK_KEY: undefined }],
    ]) {
      const r = await runCli(['mask', f.csv, '--policy', f.policy, '-o', out, ...args], { env });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`the key is ${bytes} bytes; at least 16 bytes \\(128 bits\\) are required`));
      assert.ok(!r.stderr.includes(short), 'the short key is not echoed');
      assert.equal(existsSync(out), false);
    }
  }
  for (const enough of ['Yw4%Ju8&Hg2*Fd6!', 'éééééééé']) {
    const r = await runCli(['mask', f.csv, '--policy', f.policy], { env: { PII_MASK_KEY: enough } });
    assert.equal(r.code, 0, `${Buffer.byteLength(enough)} bytes are enough: ${r.stderr}`);
  }
});

test('CLI: a key file given as the policy by mistake is not echoed', async (t) => {
  const f = setup(t);
  const r = await runCli(['mask', f.csv, '--policy', f.keyFile], { env: { PII_MASK_KEY: undefined } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /key\.txt: policy: not valid JSON/);
  assert.deepEqual(leaks(r.stderr, SECRET), []);
});

test('Node API: reports, previews, errors and the Masker itself never hold the key', async () => {
  const api = await loadPkg();
  const { text } = peopleCsv(50, { seed: 8 });
  const bytes = enc.encode(text);
  const policy = structuredClone(POLICY);
  const seen = {};

  const masker = new api.Masker(policy, { key: SECRET });
  const output = Buffer.concat([masker.push(bytes.subarray(0, 777)), masker.push(bytes.subarray(777)), masker.finish()]).toString();
  seen.report = JSON.stringify(masker.report());
  seen.masker = `${JSON.stringify(masker)} ${inspect(masker, { showHidden: true, depth: 5 })}`;
  masker.free();
  seen.output = output;
  seen.maskBytes = JSON.stringify(api.maskBytes(bytes, policy, { key: SECRET }).report);
  const stream = api.createMaskStream(policy, { key: SECRET });
  await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
  seen.stream = JSON.stringify(await stream.report);
  seen.preview = JSON.stringify(api.preview(bytes, policy, { key: SECRET }, 20, true));
  seen.policy = JSON.stringify(policy);
  assert.deepEqual(policy, POLICY, 'the policy object is left as it was');

  const message = (f) => {
    try {
      f();
    } catch (e) {
      return `${e.message}\n${e.stack}`;
    }
    assert.fail('expected an error');
  };
  seen.badPolicy = message(() => new api.Masker({ version: 1, columns: { name: { op: 'hash', length: 3 } } }, { key: SECRET }));
  seen.badCsv = message(() => {
    const m = new api.Masker(policy, { key: SECRET });
    try {
      m.push(enc.encode('id,name,email,notes\n1,"Jane\n'));
      m.finish();
    } finally {
      m.free();
    }
  });
  assert.match(seen.badCsv, /line 2/);
  const short = 'Yw4%Ju8&Hg2*Fd';
  const shortError = message(() => new api.Masker(policy, { key: short }));
  assert.match(shortError, /at least 16 bytes/);
  assert.ok(!shortError.includes(short), 'a short key is not echoed');

  const leaked = Object.entries(seen).flatMap(([what, s]) => leaks(s, SECRET).map((form) => `${what} holds ${JSON.stringify(form)}`));
  assert.deepEqual(leaked, []);
  // The key was really in use: another key gives other pseudonyms.
  assert.notEqual(Buffer.from(api.maskBytes(bytes, policy, { key: KEY }).output).toString(), output);
});

// The vault's passphrase, and the original values a vault holds, stay out of
// every output too: the CLI never prints them (only restore's output holds
// originals), the vault file holds neither in the clear, and the API's
// vaults, reports and errors never show them.
const PASSPHRASE = 'Fj4^Nc8(Vb1)Qx6_Ze3+Ty';
const TOKEN_POLICY = { version: 1, default: { op: 'keep' }, columns: { name: { op: 'tokenize', entity: 'PERSON' }, email: { op: 'tokenize' }, notes: { op: 'scrub', replace: 'tokenize' } } };

/** The names and emails of `rows` (the tokenized values) found in `text`. */
function originals(text, rows) {
  return [...new Set(rows.flatMap((r) => [r[1], r[2]]))].filter((v) => text.includes(v));
}

for (const source of ['PII_MASK_PASSPHRASE', '--passphrase-file']) {
  test(`CLI, passphrase from ${source}: no run prints it or an original value; the vault file holds neither`, async (t) => {
    const f = setup(t);
    const tokenPolicy = join(f.dir, 'tokens.policy.json');
    writeFileSync(tokenPolicy, JSON.stringify(TOKEN_POLICY));
    const passFile = join(f.dir, 'pass.txt');
    writeFileSync(passFile, PASSPHRASE + '\n');
    const passArgs = source === '--passphrase-file' ? ['--passphrase-file', passFile] : [];
    const env = { PII_MASK_KEY: SECRET, PII_MASK_PASSPHRASE: source === '--passphrase-file' ? undefined : PASSPHRASE };
    const vault = join(f.dir, 'people.vault');
    const masked = join(f.dir, 'masked.csv');
    const first = await runCli(['mask', f.csv, '--policy', tokenPolicy, '-o', masked, '--vault-out', vault, ...passArgs], { env: { ...env, ...TTY } });
    assert.equal(first.code, 0, first.stderr);
    const cut = join(f.dir, 'cut.vault');
    writeFileSync(cut, readFileSync(vault).subarray(0, 100));
    const wrong = { ...env, PII_MASK_PASSPHRASE: PASSPHRASE.slice(0, -1) };
    const runs = {
      'mask with --vault-out': first,
      'mask to stdout, continuing the vault': await runCli(['mask', f.csv, '--policy', tokenPolicy, '--vault-in', vault, ...passArgs], { env }),
      'restore to -o': await runCli(['restore', '--vault', vault, '--csv', masked, '-o', join(f.dir, 'restored.csv'), '--report', join(f.dir, 'restore.json'), ...passArgs], { env }),
      'restore with a wrong passphrase': await runCli(['restore', '--vault', vault, masked], { env: wrong }),
      'mask continuing with a wrong passphrase': await runCli(['mask', f.csv, '--policy', tokenPolicy, '--vault-in', vault], { env: wrong }),
      'restore of a cut vault': await runCli(['restore', '--vault', cut, masked, ...passArgs], { env }),
      'restore of a malformed CSV': await runCli(['restore', '--vault', vault, '--csv', f.bad, ...passArgs], { env }),
      'the passphrase as a flag': await runCli(['restore', '--vault', vault, `--passphrase=${PASSPHRASE}`, masked], { env }),
    };
    assert.equal(runs['mask to stdout, continuing the vault'].code, 0);
    assert.equal(runs['restore to -o'].code, 0, runs['restore to -o'].stderr);
    assert.equal(readFileSync(join(f.dir, 'restored.csv'), 'utf8'), f.text, 'the restore really ran');
    for (const k of ['restore with a wrong passphrase', 'mask continuing with a wrong passphrase', 'restore of a cut vault', 'restore of a malformed CSV']) assert.equal(runs[k].code, 1, k);
    assert.equal(runs['the passphrase as a flag'].code, 2);

    const leaked = [];
    for (const [what, run] of Object.entries(runs)) {
      for (const stream of ['stdout', 'stderr']) {
        for (const form of [...leaks(run[stream], PASSPHRASE), ...leaks(run[stream], SECRET)]) leaked.push(`${what}: ${stream} holds ${JSON.stringify(form)}`);
        for (const v of originals(run[stream], f.rows)) leaked.push(`${what}: ${stream} holds the original ${JSON.stringify(v)}`);
      }
    }
    const file = readFileSync(vault).toString('latin1');
    for (const form of [...leaks(file, PASSPHRASE), ...leaks(file, SECRET)]) leaked.push(`the vault file holds ${JSON.stringify(form)}`);
    for (const v of originals(file, f.rows)) leaked.push(`the vault file holds the original ${JSON.stringify(v)}`);
    for (const v of originals(readFileSync(join(f.dir, 'restore.json'), 'utf8'), f.rows)) leaked.push(`the restore report holds ${JSON.stringify(v)}`);
    assert.deepEqual(leaked, []);
  });
}

test('Node API: vaults, restore reports and vault errors never show the passphrase or a value', async () => {
  const api = await loadPkg();
  const { text, rows } = peopleCsv(30, { seed: 4 });
  const vault = new api.Vault();
  const { output, report } = api.maskBytes(text, TOKEN_POLICY, { key: SECRET, vault });
  const file = vault.export(PASSPHRASE);
  const seen = {
    vault: `${JSON.stringify(vault)} ${inspect(vault, { showHidden: true, depth: 5 })} ${String(vault)}`,
    stats: JSON.stringify(vault.stats()),
    maskReport: JSON.stringify(report),
    restoreReport: JSON.stringify(api.restoreCsv(output, vault).report),
    file: Buffer.from(file).toString('latin1'),
  };
  for (const [what, bytes, passphrase] of [
    ['wrongPassphrase', file, PASSPHRASE.toLowerCase()],
    ['damaged', file.subarray(0, file.length - 1), PASSPHRASE],
  ]) {
    try {
      api.Vault.open(bytes, passphrase);
      assert.fail('expected an error');
    } catch (e) {
      seen[what] = `${e.message}\n${e.stack}\n${JSON.stringify(e)}`;
    }
  }
  const leaked = Object.entries(seen).flatMap(([what, s]) => [
    ...leaks(s, PASSPHRASE).map((form) => `${what} holds ${JSON.stringify(form)}`),
    ...originals(s, rows).map((v) => `${what} holds the original ${JSON.stringify(v)}`),
  ]);
  assert.deepEqual(leaked, []);
  vault.free();
});
