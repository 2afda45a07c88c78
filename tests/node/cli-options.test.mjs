// The command line's options come from one table in the core (cliOptions(),
// cliCommands()): the help, the per-command checks and the README's table are
// built from it, and option values the core refuses are usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, PKG, ROOT, loadPkg, peopleCsv, runCli, tempDir } from './helpers.mjs';

const api = await loadPkg();
const options = api.cliOptions();
const commands = api.cliCommands();
const env = { PII_MASK_KEY: KEY };

function csvFile(t) {
  const path = join(tempDir(t), 'people.csv');
  writeFileSync(path, peopleCsv(5).text);
  return path;
}

/** Arguments that give option `o` (a value if it takes one). */
function giving(o) {
  return o.type === 'string' ? [`--${o.name}`, 'x'] : [`--${o.name}`];
}

test('the table: every command is known, every option names its commands, and parseArgs types', () => {
  assert.deepEqual(commands.map((c) => c.name), ['scan', 'mask', 'find', 'risk', 'restore']);
  const names = commands.map((c) => c.name);
  for (const o of options) {
    assert.ok(o.type === 'string' || o.type === 'boolean', o.name);
    assert.equal(o.value !== undefined, o.type === 'string', `--${o.name}: a value placeholder exactly when it takes a value`);
    assert.ok(o.commands.length > 0 && o.commands.every((c) => names.includes(c)), o.name);
    assert.ok(o.description.length > 0 && !o.description.includes('\n'), o.name);
  }
  assert.deepEqual(options.find((o) => o.name === 'output'), {
    name: 'output',
    type: 'string',
    short: 'o',
    value: 'OUT.csv',
    commands: ['mask', 'restore'],
    description: options.find((o) => o.name === 'output').description,
  });
});

test('--help shows every command and every option of the table, and per command the options it takes', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.every((l) => l.length <= 79), 'wrapped at 79 columns');
  for (const c of commands) {
    const at = lines.indexOf(`  ${c.usage}`);
    assert.ok(at >= 0, `usage of ${c.name}`);
    // Its description, then the options it takes, as the table says.
    const block = [];
    for (let i = at + 1; lines[i]?.startsWith('      '); i++) block.push(lines[i].trim());
    const text = block.join(' ');
    assert.ok(text.startsWith(c.description), c.name);
    const taken = text.slice(text.indexOf('Options: ') + 'Options: '.length).split(' ');
    assert.deepEqual(taken, options.filter((o) => o.commands.includes(c.name)).map((o) => `--${o.name}`), c.name);
  }
  for (const o of options) {
    const spelt = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    const line = lines.find((l) => l.startsWith(`  ${spelt} `));
    assert.ok(line, `--help lists ${spelt}`);
    assert.ok(r.stdout.replace(/\s+/g, ' ').includes(o.description), `--help describes --${o.name}`);
  }
  // A command's own --help is the same help.
  const scanHelp = await runCli(['scan', '--help']);
  assert.equal(scanHelp.stdout, r.stdout);
});

test('every option a command does not take is a usage error naming it (exit 2), before any work', async (t) => {
  const csv = csvFile(t);
  let checked = 0;
  for (const c of commands) {
    for (const o of options.filter((o) => !o.commands.includes(c.name))) {
      const args = c.name === 'find' ? ['find', ...giving(o)] : [c.name, csv, ...giving(o)];
      const r = await runCli(args, { env, input: '' });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^pii-mask: ${c.name} does not take --${o.name} \\(it takes `), args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      checked++;
    }
  }
  assert.ok(checked >= 10, `${checked} pairs checked`);
  // The short spelling is the same option.
  const short = await runCli(['scan', csv, '-o', 'out.csv'], { env });
  assert.equal(short.code, 2);
  assert.match(short.stderr, /scan does not take --output/);
});

test("the README's option table is the one the table generates", async () => {
  const { optionsMarkdown } = await import(join(PKG, 'cli.js'));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const begin = '<!-- options: generated from src/cli_options.rs; tests/node/cli-options.test.mjs checks it -->\n';
  const end = '<!-- /options -->';
  assert.ok(readme.includes(begin) && readme.includes(end), 'README.md has the marked block');
  const block = readme.slice(readme.indexOf(begin) + begin.length, readme.indexOf(end));
  assert.equal(block, optionsMarkdown(), 'README.md option table: regenerate it from optionsMarkdown() in pkg/cli.js');
  for (const o of options) assert.ok(block.includes(`--${o.name}`), o.name);
});

test('option values the core refuses are usage errors said with the option and the catalogue', async (t) => {
  const csv = csvFile(t);
  const { encodings, delimiters } = api.catalogue();

  const encoding = await runCli(['scan', csv, '--encoding', 'ebcdic']);
  assert.equal(encoding.code, 2, encoding.stderr);
  assert.match(encoding.stderr, new RegExp(`--encoding takes ${encodings.map((e) => e.label).join(' or ')}, got "ebcdic"`));
  for (const e of encodings) {
    for (const label of [e.label, ...e.aliases, e.label.toUpperCase()]) {
      const r = await runCli(['scan', csv, '--encoding', label]);
      assert.equal(r.code, 0, `${label}: ${r.stderr}`);
    }
  }

  const delimiter = await runCli(['mask', csv, '--auto', '--delimiter', ';;'], { env });
  assert.equal(delimiter.code, 2, delimiter.stderr);
  assert.match(delimiter.stderr, /--delimiter takes one character, e\.g\. , ; tab \|, got ";;"/);
  // Each delimiter by its name in the catalogue.
  for (const d of delimiters) {
    const file = join(tempDir(t), `${d.name}.csv`);
    writeFileSync(file, `name${d.value}email\nAnn${d.value}ann@example.com\n`);
    const r = await runCli(['scan', file, '--delimiter', d.name]);
    assert.equal(r.code, 0, `${d.name}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).delimiter, d.value, d.name);
  }
});

test('a policy file that is not JSON: the core says where (line and column), never what; exit 1', async (t) => {
  const dir = tempDir(t);
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, '{"version": 1,\n  "columns": {"email": {"op": "mask"},}}\n');
  const csv = csvFile(t);
  const r = await runCli(['mask', csv, '--policy', policy], { env });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /policy\.json: policy: not valid JSON: .*line 2 column \d+/);
  assert.ok(!r.stderr.includes('"mask"'), 'the content is not echoed');
  const scan = await runCli(['scan', csv, '--policy', policy]);
  assert.equal(scan.code, 1);
});

test('--key VALUE and --key=VALUE: the key is never taken from a flag, and never echoed', async (t) => {
  const csv = csvFile(t);
  for (const args of [['--key', 'abcdefghijklmnopqrstuvwxyz'], ['--key=abcdefghijklmnopqrstuvwxyz']]) {
    const r = await runCli(['mask', csv, '--auto', ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /the key is never taken from a flag value; set PII_MASK_KEY or use --key-file FILE/);
    assert.ok(!r.stderr.includes('abcdefghijklmnopqrstuvwxyz'));
  }
  // --key-file is another option, not --key.
  const missing = await runCli(['mask', csv, '--auto', '--key-file', join(tempDir(t), 'none')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such key file/);
});
