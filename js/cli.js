#!/usr/bin/env node
// pii-mask command line: the same WebAssembly as the browser, streaming files
// through it in chunks (a file is never read into memory whole).
import { createReadStream, createWriteStream, readFileSync, statSync, unlinkSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { init, Masker, Scanner, find } from './index.js';

const HELP = `pii-mask: mask, hash and pseudonymise personal data in CSV files, locally.

Usage:
  pii-mask scan FILE.csv [--delimiter D] [--no-header] [--allow-ragged]
                [--encoding E] [--sample-rows N]
      Classify the columns; print JSON.
  pii-mask mask FILE.csv (--policy POLICY.json | --auto) [-o OUT.csv]
                [--report REPORT.json] [--key-file F] [--delimiter D]
                [--no-header] [--allow-ragged] [--encoding E]
                [--escape-formulas] [--sample-rows N]
      Mask the file; write the result to OUT.csv (default: stdout).
  pii-mask find
      Read text on stdin; print the PII spans found as JSON
      [{"type","start","end","text","score"}] (UTF-16 offsets).

FILE may be - for stdin.

Options:
  --policy F        policy JSON, e.g. {"version":1,"default":{"op":"keep"},
                    "columns":{"email":{"op":"mask"},"name":{"op":"hash"}}}
  --auto            apply the suggested operator to every column
                    (with --policy: to every column the policy does not list)
  -o, --output F    write here (written to a temporary file, renamed on success)
  --report F        write the report (counts only, never values) as JSON
  --key-file F      read the hash key from file F (one trailing newline ignored)
  --delimiter D     , ; | or tab (\\t); detected when not given
  --no-header       the first row is data; name columns #0, #1, ...
  --allow-ragged    accept rows with a different number of fields
  --encoding E      utf-8 (default) or windows-1252 (files older Excel saved
                    as "ANSI"); the output is always UTF-8
  --escape-formulas mask: prefix cells starting with = + - @ tab CR with '
                    so spreadsheets never run them as formulas
  --sample-rows N   rows sampled to classify the columns (scan, and mask
                    --auto; default 1000)
  -h, --help        this help
  -v, --version     the version

The hash key comes from the environment variable PII_MASK_KEY or from
--key-file, never from a flag value or the policy file. It must be at least 16
bytes. Keep it secret: with it, pseudonyms can be recomputed from guesses.

Exit codes: 0 ok, 1 bad input (the message names the line), 2 usage error.
`;

const AUTO_POLICY = { version: 1, auto: true, default: { op: 'keep' }, columns: {} };
const CHUNK = 1 << 20;

class UsageError extends Error {}

const CSV_OPTIONS = ['delimiter', 'no-header', 'allow-ragged', 'encoding', 'sample-rows'];
// Options each command takes; others are usage errors ("scan -o" would
// otherwise print to stdout). --key-file is accepted, and unused, everywhere,
// like PII_MASK_KEY, so one alias can serve every command.
const COMMAND_OPTIONS = {
  scan: [...CSV_OPTIONS, 'key-file'],
  mask: [...CSV_OPTIONS, 'policy', 'auto', 'output', 'report', 'key-file', 'escape-formulas'],
  find: ['key-file'],
};

// Temporary files to remove if we are interrupted (Ctrl-C, kill).
const temporary = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const f of temporary) {
      try {
        unlinkSync(f);
      } catch {}
    }
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
  });
}

function usage(message) {
  throw new UsageError(message);
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: 'string' },
        auto: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        report: { type: 'string' },
        'key-file': { type: 'string' },
        delimiter: { type: 'string' },
        'no-header': { type: 'boolean' },
        'allow-ragged': { type: 'boolean' },
        encoding: { type: 'string' },
        'escape-formulas': { type: 'boolean' },
        'sample-rows': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    if (/'--key'|--key\b(?!-)/.test(e.message)) {
      usage('the key is never taken from a flag value; set PII_MASK_KEY or use --key-file FILE');
    }
    usage(e.message);
  }
}

function delimiterOf(d) {
  if (d === undefined) return undefined;
  if (d === '\\t' || d === 'tab' || d === 'TAB') return '\t';
  if ([...d].length !== 1) usage(`--delimiter takes one character, got ${JSON.stringify(d)}`);
  return d;
}

function input(file) {
  return file === '-' ? process.stdin : createReadStream(file, { highWaterMark: CHUNK });
}

function oneFile(command, positionals) {
  if (positionals.length === 0) usage(`${command}: which file? (use - for stdin)`);
  if (positionals.length > 1) usage(`${command}: one file at a time, got ${positionals.length}`);
  return positionals[0];
}

function readKey(values) {
  if (values['key-file'] !== undefined) {
    const path = values['key-file'];
    let key;
    try {
      key = readFileSync(path);
    } catch (e) {
      const why = { ENOENT: 'no such key file', EISDIR: 'a directory, not a key file', EACCES: 'the key file cannot be read (permission denied)' }[e.code];
      throw new Error(`${path}: ${why ?? `the key file cannot be read (${e.code ?? 'error'})`}`);
    }
    // Decoded strictly: lossy decoding would map different binary keys to
    // the same U+FFFD text, and the same pseudonyms.
    try {
      key = new TextDecoder('utf-8', { fatal: true }).decode(key).replace(/\r?\n$/, '');
    } catch {
      throw new Error(`${path}: the key is not UTF-8 text; use a text key, e.g. head -c 32 /dev/urandom | base64`);
    }
    if (key.length === 0) throw new Error(`${path}: the key file is empty`);
    return key;
  }
  const env = process.env.PII_MASK_KEY;
  return env === undefined || env === '' ? undefined : env;
}

async function readPolicy(values) {
  if (values.policy === undefined) return structuredClone(AUTO_POLICY);
  let text;
  try {
    text = await readFile(values.policy, 'utf8');
  } catch (e) {
    throw new Error(`${values.policy}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  let policy;
  try {
    policy = JSON.parse(text);
  } catch (e) {
    // Say where, never what: a key file passed here by mistake must not be echoed.
    const at = Number(e.message.match(/position (\d+)/)?.[1] ?? NaN);
    const where = Number.isNaN(at) ? '' : ` at line ${text.slice(0, at).split('\n').length}, column ${at - text.lastIndexOf('\n', at - 1)}`;
    throw new Error(`${values.policy}: not valid JSON${where}; a policy is a JSON object like {"version":1,"columns":{...}}`);
  }
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
    throw new Error(`${values.policy}: a policy is a JSON object like {"version":1,"columns":{...}}`);
  }
  if (values.auto) policy.auto = true;
  return policy;
}

async function writeOut(stream, bytes) {
  if (bytes.length > 0 && !stream.write(bytes)) await once(stream, 'drain');
}

async function endStream(stream) {
  if (stream === process.stdout) {
    await new Promise((resolve, reject) => stream.write('', (e) => (e ? reject(e) : resolve())));
    return;
  }
  stream.end();
  await once(stream, 'finish');
}

/** Where `path` is written before it is renamed into place. */
function tmpPath(path) {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

async function writeAtomic(path, text) {
  const tmp = tmpPath(path);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

/** The options scan and mask share. */
function csvOptions(values) {
  const options = {};
  const delimiter = delimiterOf(values.delimiter);
  if (delimiter !== undefined) options.delimiter = delimiter;
  if (values['no-header']) options.header = false;
  if (values['allow-ragged']) options.allowRagged = true;
  if (values.encoding !== undefined) {
    if (!/^(utf-?8|windows-1252|cp1252|latin1|iso-8859-1)$/i.test(values.encoding)) {
      usage(`--encoding takes utf-8 or windows-1252, got ${JSON.stringify(values.encoding)}`);
    }
    options.encoding = values.encoding;
  }
  if (values['sample-rows'] !== undefined) {
    const n = Number(values['sample-rows']);
    if (!Number.isInteger(n) || n <= 0) usage('--sample-rows takes a positive whole number');
    options.sampleRows = n;
  }
  return options;
}

const KEY_HINT = ' (set PII_MASK_KEY or use --key-file FILE)';
const ENCODING_HINT = 'if the file was saved as Windows-1252 ("ANSI"), add --encoding windows-1252';

async function cmdScan(values, positionals) {
  const file = oneFile('scan', positionals);
  const options = csvOptions(values);
  await init();
  const scanner = new Scanner(options);
  try {
    for await (const chunk of input(file)) scanner.push(chunk);
    const result = scanner.finish();
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    if (result.invalidUtf8Line !== null) {
      process.stderr.write(`pii-mask: line ${result.invalidUtf8Line} is not valid UTF-8; ${ENCODING_HINT}\n`);
    }
  } finally {
    scanner.free();
  }
}

async function cmdMask(values, positionals) {
  const file = oneFile('mask', positionals);
  if (values.policy === undefined && !values.auto) usage('mask: give --policy POLICY.json or --auto');
  const options = csvOptions(values);
  if (values['escape-formulas']) options.escapeFormulas = true;
  const key = readKey(values);
  if (key !== undefined) options.key = key;
  const policy = await readPolicy(values);

  await init();
  let masker;
  try {
    masker = new Masker(policy, options);
  } catch (e) {
    if (key === undefined && /key/i.test(e.message)) throw new Error(e.message + KEY_HINT);
    throw e;
  }

  const outPath = values.output;
  const tmp = outPath === undefined ? null : tmpPath(outPath);
  if (tmp !== null) temporary.add(tmp);
  const out = tmp === null ? process.stdout : createWriteStream(tmp, { flags: 'wx' });
  if (tmp !== null) await once(out, 'open');
  let ok = false;
  try {
    // Backpressure: the read loop pauses while the writer drains.
    const progress = progressLine(file);
    try {
      for await (const chunk of input(file)) {
        await writeOut(out, masker.push(chunk));
        progress(chunk.length);
      }
      await writeOut(out, masker.finish());
    } catch (e) {
      if (/not valid UTF-8/.test(e.message)) e.message = e.message.replace(/ \(if the file .*\)$/, `; ${ENCODING_HINT}`);
      // With --auto the scanner may pick `hash` once the sample is read.
      if (key === undefined && /no key was given/.test(e.message)) e.message += KEY_HINT;
      throw e;
    }
    progress(0, true);
    await endStream(out);
    if (tmp !== null) await rename(tmp, outPath);
    ok = true;
  } finally {
    if (!ok && tmp !== null) {
      out.destroy();
      await unlink(tmp).catch(() => {});
    }
    if (tmp !== null) temporary.delete(tmp);
  }
  const report = masker.report();
  masker.free();
  if (values.report !== undefined) await writeAtomic(values.report, JSON.stringify(report, null, 2) + '\n');
}

// Whether a progress line is open on stderr (an error must start a new line).
let progressOpen = false;

// On a terminal, long runs show how far they are: MB done, speed, time left.
function progressLine(file) {
  if (!process.stderr.isTTY) return () => {};
  let total = null;
  try {
    if (file !== '-') total = statSync(file).size;
  } catch {}
  const start = Date.now();
  let done = 0;
  let shown = 0;
  return (n, last = false) => {
    done += n;
    const now = Date.now();
    if (!last && now - shown < 250) return;
    shown = now;
    const secs = Math.max((now - start) / 1000, 1e-3);
    const rate = done / 1e6 / secs;
    let line = `pii-mask: ${(done / 1e6).toFixed(1)} MB`;
    if (total) line += ` of ${(total / 1e6).toFixed(1)} MB`;
    line += `, ${rate.toFixed(1)} MB/s`;
    if (total && !last && rate > 0) line += `, ${Math.ceil((total - done) / 1e6 / rate)} s left`;
    process.stderr.write(`\r${line}\x1b[K${last ? '\n' : ''}`);
    progressOpen = !last;
  };
}

async function cmdFind(values, positionals) {
  if (positionals.length > 0) usage('find reads its text from stdin and takes no file');
  const parts = [];
  for await (const chunk of process.stdin) parts.push(chunk);
  await init();
  process.stdout.write(JSON.stringify(find(Buffer.concat(parts).toString('utf8'))) + '\n');
}

async function version() {
  const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

async function main(argv) {
  const { values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    process.stdout.write(`pii-mask ${await version()}\n`);
    return;
  }
  const [command, ...rest] = positionals;
  const stray = Object.keys(values).filter((k) => COMMAND_OPTIONS[command] && !COMMAND_OPTIONS[command].includes(k));
  if (stray.length > 0) usage(`${command} does not take --${stray[0]}`);
  switch (command) {
    case 'scan':
      return cmdScan(values, rest);
    case 'mask':
      return cmdMask(values, rest);
    case 'find':
      return cmdFind(values, rest);
    case undefined:
      usage('which command? scan, mask or find (see pii-mask --help)');
      break;
    default:
      usage(`unknown command ${JSON.stringify(command)} (see pii-mask --help)`);
  }
}

// A closed stdout (e.g. `pii-mask scan f.csv | head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0;
  },
  (e) => {
    const usageError = e instanceof UsageError;
    if (progressOpen) process.stderr.write('\n');
    process.stderr.write(`pii-mask: ${e instanceof Error ? e.message : String(e)}\n`);
    if (usageError) process.stderr.write('Try pii-mask --help\n');
    process.exitCode = usageError ? 2 : 1;
  },
);
