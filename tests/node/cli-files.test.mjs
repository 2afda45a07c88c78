// The CLI's output files (-o, --report): what is at the path decides how it
// is written (special files in place, regular files replaced by a rename,
// anything else refused), temporary files are exclusive, owner-only and
// unpredictable, and the output and the report land together or not at all.
// Errors on the user's files name the user's path in words.
// Never point one of these at the real /dev/null or another system file: the
// code before this test renamed its temporary file over such paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, constants, mkdtempSync, openSync, rmSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { KEY, ROOT, cliCommand, peopleCsv, runCli, tempDir } from './helpers.mjs';

/** `[cmd, ...args]` as `start` takes it: `[cmd, args]`. */
const split = ([cmd, ...args]) => [cmd, args];

const POLICY = { version: 1, default: { op: 'keep' }, columns: { email: { op: 'mask' }, name: { op: 'hash' } } };
const env = { PII_MASK_KEY: KEY };
const isRoot = process.getuid?.() === 0;

function setup(t, n = 30) {
  const dir = tempDir(t);
  const data = peopleCsv(n, { seed: 3 });
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, data.text);
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify(POLICY));
  return { dir, csv, policy, ...data };
}

/** The masked text the CLI writes to stdout for `csv`: what every output should hold. */
async function expected(csv, policy) {
  const r = await runCli(['mask', csv, '--policy', policy], { env });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** Start `cmd args`; resolves { code, stdout, stderr } and can be killed. */
function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, ...options });
  const out = [];
  const err = [];
  child.stdout?.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const done = new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })),
  );
  return { child, done };
}

function mknod(path, major, minor) {
  execFileSync('mknod', [path, 'c', String(major), String(minor)]);
}

function lastLine(text) {
  return text.trimEnd().split('\n').at(-1);
}

/** Files in `dir` that look like a temporary file. */
function temps(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

test('-o and --report to a FIFO: written in place, streaming; the FIFO stays a FIFO', async (t) => {
  const { dir, csv, policy } = setup(t);
  const want = await expected(csv, policy);
  const fifo = join(dir, 'out.fifo');
  const reportFifo = join(dir, 'report.fifo');
  execFileSync('mkfifo', [fifo, reportFifo]);
  // One reader reads both in turn: the report is opened only once the output is done.
  const reader = start('sh', ['-c', 'cat "$1"; echo ===; cat "$2"', 'sh', fifo, reportFifo], { detached: true });
  const r = await runCli(['mask', csv, '--policy', policy, '-o', fifo, '--report', reportFifo], { env });
  // On failure the reader may wait forever on a FIFO nobody opens: end its process group.
  const timer = setTimeout(() => process.kill(-reader.child.pid), 5000);
  const got = await reader.done;
  clearTimeout(timer);
  assert.equal(r.code, 0, r.stderr);
  const [masked, report] = got.stdout.split('===\n');
  assert.equal(masked, want);
  assert.equal(JSON.parse(report).rows, 30);
  assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO is still a FIFO');
  assert.ok(lstatSync(reportFifo).isFIFO(), 'the report FIFO is still a FIFO');
  assert.deepEqual(temps(dir), []);
});

test('-o and --report to a character device: written in place; it stays a device', { skip: !isRoot && 'mknod needs root' }, async (t) => {
  const { dir, csv, policy } = setup(t);
  const nul = join(dir, 'null');
  const nul2 = join(dir, 'null2');
  mknod(nul, 1, 3);
  mknod(nul2, 1, 3);
  const r = await runCli(['mask', csv, '--policy', policy, '-o', nul, '--report', nul2], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(nul).isCharacterDevice(), `${nul} is still a character device`);
  assert.ok(lstatSync(nul2).isCharacterDevice(), `${nul2} is still a character device`);
  assert.deepEqual(temps(dir), []);
});

// /dev/stdout and /dev/stderr are run as an unprivileged user: code that
// renamed over them would fail there instead of replacing the machine's own.
test('-o /dev/stdout and --report /dev/stderr (and /dev/fd/1, /dev/fd/2): this process\'s own streams', async (t) => {
  const { dir, csv, policy } = setup(t);
  const want = await expected(csv, policy);
  for (const [stdout, stderr] of [
    ['/dev/stdout', '/dev/stderr'],
    ['/dev/fd/1', '/dev/fd/2'],
  ]) {
    const r = await runAsUser(['mask', csv, '--policy', policy, '-o', stdout, '--report', stderr], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, want, stdout);
    // The report follows what mask says on stderr about the run.
    assert.equal(JSON.parse(r.stderr.slice(r.stderr.indexOf('{'))).rows, 30, stderr);
  }
  assert.ok(lstatSync('/dev/stdout').isSymbolicLink(), '/dev/stdout is untouched');
});

test('a full device: exit 1 naming the path, "no space left"; the report is not written', { skip: !isRoot && 'mknod needs root' }, async (t) => {
  const { dir, csv, policy } = setup(t);
  const full = join(dir, 'full');
  mknod(full, 1, 7);
  const report = join(dir, 'report.json');
  let r = await runCli(['mask', csv, '--policy', policy, '-o', full, '--report', report], { env });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `pii-mask: ${full}: cannot write the masked output: no space left on the device\n`);
  assert.equal(existsSync(report), false, 'no report claiming success');
  assert.ok(lstatSync(full).isCharacterDevice());

  // The report cannot be written: the masked output does not land either,
  // and a file that was there keeps its content.
  const out = join(dir, 'out.csv');
  writeFileSync(out, 'what was there\n');
  r = await runCli(['mask', csv, '--policy', policy, '-o', out, '--report', full], { env });
  assert.equal(r.code, 1);
  assert.equal(lastLine(r.stderr), `pii-mask: ${full}: cannot write the report: no space left on the device`);
  assert.equal(readFileSync(out, 'utf8'), 'what was there\n');
  assert.deepEqual(temps(dir), []);
});

test('a full file system under -o: exit 1 naming the path, no temporary file, the old file intact', { skip: !isRoot && 'mount needs root' }, async (t) => {
  const { dir, csv, policy } = setup(t, 20000); // a few MB of output
  const small = mkdtempSync(join(tmpdir(), 'pii-mask-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small], { stdio: 'ignore' });
  } catch {
    rmSync(small, { recursive: true });
    t.skip('cannot mount a tmpfs here');
    return;
  }
  t.after(() => {
    execFileSync('umount', [small]);
    rmSync(small, { recursive: true });
  });
  const out = join(small, 'out.csv');
  writeFileSync(out, 'old\n');
  const r = await runCli(['mask', csv, '--policy', policy, '-o', out, '--report', join(dir, 'r.json')], { env });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `pii-mask: ${out}: cannot write the masked output: no space left on the device\n`);
  assert.deepEqual(readdirSync(small), ['out.csv']);
  assert.equal(readFileSync(out, 'utf8'), 'old\n');
  assert.equal(existsSync(join(dir, 'r.json')), false);
});

test('stdout on a full device: exit 1 saying so, for mask, scan and find (not a silent exit 0)', { skip: !isRoot && 'mknod needs root' }, async (t) => {
  const { dir, csv, policy } = setup(t);
  const full = join(dir, 'full');
  mknod(full, 1, 7);
  const fd = openSync(full, 'w');
  t.after(() => closeSync(fd));
  for (const [args, what] of [
    [['mask', csv, '--policy', policy], 'masked output'],
    [['scan', csv], 'scan result'],
    [['find'], 'spans found'],
  ]) {
    const run = start(...split(cliCommand(args)), { stdio: ['pipe', fd, 'pipe'] });
    run.child.stdin.end('write to jane@example.com');
    const r = await run.done;
    assert.equal(r.code, 1, args[0]);
    assert.equal(lastLine(r.stderr), `pii-mask: stdout: cannot write the ${what}: no space left on the device`);
  }
});

test('a reader that stops reading stdout: exit 0 for the output, exit 1 and nothing left for a report', async (t) => {
  const { dir, csv, policy } = setup(t, 20000); // a few MB: more than a pipe holds
  const piped = start(...split(cliCommand(['mask', csv, '--policy', policy])));
  piped.child.stdout.once('data', () => piped.child.stdout.destroy());
  let r = await piped.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');

  // /dev/fd/1, not /dev/stdout: code that renamed over it would fail in /proc.
  const out = join(dir, 'out.csv');
  const report = start(...split(cliCommand(['mask', csv, '--policy', policy, '-o', out, '--report', '/dev/fd/1'])));
  report.child.stdout.destroy();
  r = await report.done;
  assert.equal(r.code, 1);
  assert.equal(lastLine(r.stderr), 'pii-mask: stdout: cannot write the report: the reader went away');
  assert.equal(existsSync(out), false, 'no masked output without its report');
  assert.deepEqual(temps(dir), []);
});

test('a directory or a socket at -o or --report is refused before any work; nothing is left', async (t) => {
  const { dir, csv, policy } = setup(t);
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const sock = join(dir, 'sock');
  const server = createServer().listen(sock);
  await once(server, 'listening');
  t.after(() => server.close());
  const out = join(dir, 'out.csv');
  const report = join(dir, 'report.json');
  const cases = [
    [['-o', sub], `${sub}: a directory; refusing to replace it with the masked output`],
    [['-o', sock], `${sock}: a socket; refusing to replace it with the masked output`],
    [['-o', out, '--report', sub], `${sub}: a directory; refusing to replace it with the report`],
    [['-o', out, '--report', sock], `${sock}: a socket; refusing to replace it with the report`],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['mask', csv, '--policy', policy, ...args], { env });
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `pii-mask: ${message}\n`);
    assert.ok(statSync(sub).isDirectory());
    assert.ok(lstatSync(sock).isSocket());
    assert.equal(existsSync(out), false, `${args.join(' ')}: no masked output without its report`);
    assert.equal(existsSync(report), false);
    assert.deepEqual(temps(dir), []);
  }
});

test('a symlink is followed: its target is replaced, the link stays; a link to nothing is refused', async (t) => {
  const { dir, csv, policy } = setup(t);
  const want = await expected(csv, policy);
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  const target = join(elsewhere, 'real.csv');
  writeFileSync(target, 'old\n');
  chmodSync(target, 0o4640);
  const link = join(dir, 'link.csv');
  symlinkSync(target, link);
  let r = await runCli(['mask', csv, '--policy', policy, '-o', link], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is kept');
  assert.equal(readFileSync(target, 'utf8'), want);
  assert.equal(statSync(target).mode & 0o7777, 0o640, 'the replaced file keeps its permissions, not a set-id bit');
  assert.deepEqual(readdirSync(elsewhere), ['real.csv'], 'the temporary file was beside the target, and is gone');

  const dangling = join(dir, 'dangling.json');
  const nowhere = join(elsewhere, 'created-through-a-link.json');
  symlinkSync(nowhere, dangling);
  r = await runCli(['mask', csv, '--policy', policy, '--report', dangling], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /dangling\.json: a symbolic link to nothing; refusing to write through it/);
  assert.equal(existsSync(nowhere), false);
});

test('temporary files: created exclusively, owner-only, unpredictable, beside the target; never through a planted symlink', async (t) => {
  const { dir, csv, policy, text } = setup(t);
  const want = await expected(csv, policy);
  // The input is a FIFO, so the run waits, mid-way, for us.
  const input = join(dir, 'in.fifo');
  execFileSync('mkfifo', [input]);
  const out = join(dir, 'out.csv');
  const report = join(dir, 'report.json');
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'not yours\n');
  const run = start(...split(cliCommand(['mask', input, '--policy', policy, '-o', out, '--report', report])));
  // The names the code before this used: an attacker who knows the pid plants links there.
  for (const name of ['out.csv', 'report.json']) symlinkSync(victim, join(dir, `.${name}.${run.child.pid}.tmp`));
  let seen = [];
  for (let i = 0; i < 200 && seen.length < 2; i++) {
    await sleep(25);
    seen = temps(dir).filter((f) => !f.includes(String(run.child.pid)));
  }
  const modes = seen.map((f) => lstatSync(join(dir, f)));
  const fed = writeFile(input, text); // opening the FIFO lets the run go on
  const r = await run.done;
  // Had the run ended without reading, the writer would wait forever: a reader releases it.
  closeSync(openSync(input, constants.O_RDONLY | constants.O_NONBLOCK));
  await fed.catch(() => {});
  assert.equal(r.code, 0, r.stderr);
  assert.equal(seen.length, 2, `a temporary file for each output while the run is under way: ${readdirSync(dir)}`);
  for (const [i, st] of modes.entries()) {
    assert.ok(st.isFile(), seen[i]);
    assert.equal(st.mode & 0o777, 0o600, `${seen[i]} is owner-only`);
  }
  assert.match(seen.join(' '), /^\.(out\.csv|report\.json)\.[\w-]{12}\.tmp \.(out\.csv|report\.json)\.[\w-]{12}\.tmp$/);
  assert.equal(readFileSync(victim, 'utf8'), 'not yours\n', 'no write through a planted link');
  assert.equal(readFileSync(out, 'utf8'), want);
  assert.equal(JSON.parse(readFileSync(report, 'utf8')).rows, 30);
  // A new file gets the mode any new file gets here.
  const umask = process.umask();
  assert.equal(statSync(out).mode & 0o777, 0o666 & ~umask);
  assert.deepEqual(temps(dir).filter((f) => !lstatSync(join(dir, f)).isSymbolicLink()), [], 'no temporary file left');
});

test('a failed run gives a reader waiting on a --report FIFO its end of file', async (t) => {
  const { dir, policy } = setup(t);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'id,name\n1,"Jane\n');
  const fifo = join(dir, 'report.fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = start('cat', [fifo], { detached: true });
  // Wait until cat is blocked opening the FIFO (else nothing waits on it yet).
  for (let i = 0; i < 500; i++) {
    const wchan = (() => {
      try {
        return readFileSync(`/proc/${reader.child.pid}/wchan`, 'utf8');
      } catch {
        return '';
      }
    })();
    if (wchan === 'wait_for_partner') break;
    await sleep(10);
  }
  const r = await runCli(['mask', bad, '--policy', policy, '--report', fifo], { env });
  const timer = setTimeout(() => process.kill(-reader.child.pid), 5000);
  const got = await reader.done;
  clearTimeout(timer);
  assert.equal(r.code, 1);
  assert.equal(got.code, 0, 'the reader ended by itself, with nothing read');
  assert.equal(got.stdout, '');
});

test('-o and --report naming the same file is a usage error', async (t) => {
  const { dir, csv, policy } = setup(t);
  const r = await runCli(['mask', csv, '--policy', policy, '-o', join(dir, 'x'), '--report', join(dir, '.', 'x')], { env });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /-o and --report name the same file/);
  assert.equal(existsSync(join(dir, 'x')), false);
});

test('a failed run leaves a file that was at -o as it was', async (t) => {
  const { dir, policy } = setup(t);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'id,name\n1,"Jane\n');
  const out = join(dir, 'out.csv');
  writeFileSync(out, 'keep me\n');
  const r = await runCli(['mask', bad, '--policy', policy, '-o', out, '--report', join(dir, 'r.json')], { env });
  assert.equal(r.code, 1);
  assert.equal(readFileSync(out, 'utf8'), 'keep me\n');
  assert.deepEqual(readdirSync(dir).sort(), ['bad.csv', 'out.csv', 'people.csv', 'policy.json']);
});

/** runCli as an unprivileged user when we are root (root reads and writes anything). */
function runAsUser(args, dir) {
  const as = isRoot ? { uid: 65534, gid: 65534 } : {};
  if (isRoot) chmodSync(dir, 0o755);
  return start(...split(cliCommand(args)), as).done;
}

test('errors on the user\'s files name the path in words: missing, a directory, no such directory', async (t) => {
  const { dir, csv, policy } = setup(t);
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const missing = join(dir, 'missing');
  const out = join(dir, 'out.csv');
  const cases = [
    [['mask', missing, '--policy', policy], `${missing}: no such CSV file`],
    [['mask', sub, '--policy', policy], `${sub}: a directory, not a CSV file`],
    [['scan', sub], `${sub}: a directory, not a CSV file`],
    [['scan', missing], `${missing}: no such CSV file`],
    [['mask', csv, '--policy', missing], `${missing}: no such policy file`],
    [['mask', csv, '--policy', sub], `${sub}: a directory, not a policy file`],
    [['mask', csv, '--policy', policy, '-o', join(missing, 'out.csv')], `${join(missing, 'out.csv')}: cannot write the masked output: no such directory ${missing}`],
    [['mask', csv, '--policy', policy, '-o', out, '--report', join(missing, 'r.json')], `${join(missing, 'r.json')}: cannot write the report: no such directory ${missing}`],
    [['mask', csv, '--policy', policy, '-o', join(csv, 'out.csv')], `${join(csv, 'out.csv')}: cannot write the masked output: a part of the path is not a directory`],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args, { env });
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `pii-mask: ${message}\n`, args.join(' '));
    assert.equal(existsSync(out), false);
  }
});

test('errors on the user\'s files: permission denied, for the input, -o, --report, --policy and --key-file', async (t) => {
  const { dir, csv, policy } = setup(t);
  for (const f of [csv, policy]) chmodSync(f, 0o644);
  const secret = join(dir, 'secret.csv');
  writeFileSync(secret, 'a\n1\n', { mode: 0o600 });
  chmodSync(secret, 0o000);
  const secretPolicy = join(dir, 'secret.json');
  writeFileSync(secretPolicy, JSON.stringify(POLICY));
  chmodSync(secretPolicy, 0o000);
  const keyFile = join(dir, 'key');
  writeFileSync(keyFile, KEY);
  chmodSync(keyFile, 0o000);
  const locked = join(dir, 'locked');
  mkdirSync(locked, { mode: 0o555 });
  chmodSync(locked, 0o555);
  const ok = join(dir, 'open');
  mkdirSync(ok);
  chmodSync(ok, 0o777);
  const keep = join(dir, 'keep.json');
  writeFileSync(keep, JSON.stringify({ version: 1 }));
  chmodSync(keep, 0o644);
  const cases = [
    [['mask', secret, '--policy', keep], `${secret}: cannot read the CSV file: permission denied`],
    [['scan', secret], `${secret}: cannot read the CSV file: permission denied`],
    [['mask', csv, '--policy', secretPolicy], `${secretPolicy}: cannot read the policy file: permission denied`],
    [['mask', csv, '--policy', keep, '--key-file', keyFile], `${keyFile}: cannot read the key file: permission denied`],
    [['mask', csv, '--policy', keep, '-o', join(locked, 'out.csv')], `${join(locked, 'out.csv')}: cannot write the masked output: permission denied`],
    [['mask', csv, '--policy', keep, '-o', join(ok, 'out.csv'), '--report', join(locked, 'r.json')], `${join(locked, 'r.json')}: cannot write the report: permission denied`],
  ];
  for (const [args, message] of cases) {
    const r = await runAsUser(args, dir);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, `pii-mask: ${message}\n`, args.join(' '));
  }
  assert.deepEqual(readdirSync(ok), [], 'no output without its report');
  assert.deepEqual(readdirSync(locked), []);
});

test('no message shows a temporary path or a raw Node error code', async (t) => {
  const { dir, csv, policy } = setup(t);
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  for (const args of [
    ['mask', sub, '--policy', policy, '-o', join(dir, 'o.csv')],
    ['mask', csv, '--policy', policy, '-o', sub],
    ['mask', csv, '--policy', policy, '--report', sub],
    ['mask', csv, '--policy', sub],
  ]) {
    const r = await runCli(args, { env });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /\.tmp|E[A-Z]{3,}:|illegal operation/, r.stderr);
  }
});

test('an interrupted run removes its temporary files and exits 128 + the signal', async (t) => {
  const { dir, policy } = setup(t);
  const out = join(dir, 'out.csv');
  const report = join(dir, 'report.json');
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    const run = start(...split(cliCommand(['mask', '-', '--policy', policy, '-o', out, '--report', report])));
    // stdin stays open: the run waits for more input with its files prepared.
    run.child.stdin.write('id,name,email\n1,Jane Roe,jane@example.com\n');
    for (let i = 0; i < 1000 && temps(dir).length < 2; i++) await sleep(10);
    assert.equal(temps(dir).length, 2, 'a temporary file for -o and for --report');
    run.child.kill(signal);
    const r = await run.done;
    assert.equal(r.code, code, r.stderr);
    assert.deepEqual(temps(dir), [], `${signal}: no temporary file is left`);
    assert.equal(existsSync(out) || existsSync(report), false);
  }
});
