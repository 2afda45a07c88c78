#!/usr/bin/env node
// pii-mask command line: the same WebAssembly as the browser, streaming files
// through it in chunks (a file is never read into memory whole).
import { constants, createReadStream, readFileSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { lstat, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { maskInParts } from './worker-client.js';
import { init, CsvRestorer, Masker, Restorer, RiskAnalyzer, Scanner, Vault, catalogue, cliCommands, cliHelp, cliOptions, find, validatePolicy } from './node.js';

const AUTO_POLICY = { version: 1, auto: true, default: { op: 'keep' }, columns: {} };
const CHUNK = 1 << 20;

class UsageError extends Error {}
/** stdout's reader went away: the run stops, cleans up and exits 0. */
class ReaderGone extends Error {}

// Temporary files to remove if we are interrupted (see run).
const temporary = new Set();

function usage(message) {
  throw new UsageError(message);
}

/** How an option is written: `-o, --output OUT.csv`, `--strict`. */
function spelling(o) {
  const long = o.value === undefined ? `--${o.name}` : `--${o.name} ${o.value}`;
  return o.short === undefined ? long : `-${o.short}, ${long}`;
}

/** The --help text: the core writes it from its tables of commands and options. */
export function helpText() {
  return cliHelp();
}

/** The README's table of options (between its `<!-- options -->` marks). */
export function optionsMarkdown(commands = cliCommands(), options = cliOptions()) {
  const all = commands.map((c) => c.name);
  const rows = options.map((o) => {
    const which = all.every((c) => o.commands.includes(c)) ? 'all' : o.commands.join(', ');
    return `| \`${spelling(o)}\` | ${which} | ${o.description.replaceAll('|', '\\|')} |`;
  });
  return ['| option | commands | what it does |', '|---|---|---|', ...rows].join('\n') + '\n';
}

function parse(argv, options) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(options.map((o) => [o.name, o.short === undefined ? { type: o.type } : { type: o.type, short: o.short }])),
    });
  } catch (e) {
    // Decided by the arguments given and Node's error code, not its message.
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && argv.some((a) => a === '--key' || a.startsWith('--key='))) {
      usage('the key is never taken from a flag value; set PII_MASK_KEY or use --key-file FILE');
    }
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && argv.some((a) => a === '--passphrase' || a.startsWith('--passphrase='))) {
      usage('the passphrase is never taken from a flag value; set PII_MASK_PASSPHRASE or use --passphrase-file FILE');
    }
    usage(e.message);
  }
}

/** The options `command` was given and does not take: a usage error. */
function checkCommandOptions(command, values, options) {
  const stray = options.find((o) => values[o.name] !== undefined && !o.commands.includes(command));
  if (stray === undefined) return;
  const takes = options.filter((o) => o.commands.includes(command)).map((o) => `--${o.name}`);
  usage(`${command} does not take --${stray.name} (it takes ${takes.join(' ')})`);
}

/** `--delimiter tab` (or any name the core gives a delimiter), `\t`, or the character itself. */
function delimiterOf(d) {
  if (d === undefined) return undefined;
  if (d === '\\t') return '\t';
  return catalogue().delimiters.find((x) => x.name === d.toLowerCase())?.value ?? d;
}

/**
 * An option the core refused (`invalid_option`, `field` its name in the API's
 * options), said in terms of the command line's option; other errors as they are.
 */
function optionError(e, values) {
  if (e?.code !== 'invalid_option') return e;
  const { delimiters, encodings } = catalogue();
  const name = (e.field ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const given = JSON.stringify(values[name]);
  if (name === 'encoding') e.message = `--encoding takes ${encodings.map((x) => x.label).join(' or ')}, got ${given}`;
  if (name === 'delimiter' || name === 'output-delimiter') {
    const examples = delimiters.map((x) => (x.value.trim() === '' ? x.name : x.value));
    e.message = `--${name} takes one character, e.g. ${examples.join(' ')}, got ${given}`;
  }
  return e;
}

// What a failed file operation means, in words; Node's own messages
// ("EISDIR: illegal operation on a directory, read") name no file, or a
// temporary one.
const WHY = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  ENXIO: 'nothing behind it to write to (a socket, or a device that is not there)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'it is busy',
  EINVAL: 'not supported there',
  EBADF: 'not open for this',
  EPIPE: 'the reader went away',
};

/**
 * `e`, a file system error on the user's `path` while reading (or `writing`)
 * the `what` ("key file", "masked output"), as a message naming that path;
 * other errors as they are.
 */
function fileError(e, path, what, writing = false) {
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') return e;
  if (!writing && e.code === 'ENOENT') return new Error(`${path}: no such ${what}`);
  if (!writing && e.code === 'EISDIR') return new Error(`${path}: a directory, not a ${what}`);
  const why = writing && e.code === 'ENOENT' ? `no such directory ${dirname(path)}` : (WHY[e.code] ?? e.code);
  return new Error(`${path}: cannot ${writing ? 'write' : 'read'} the ${what}: ${why}`);
}

/**
 * The input's chunks; a read error names the file. With `spare` (a file's
 * parts on worker threads), a file is read into buffers taken from there
 * when it has one (maskInParts puts them back once copied), not into new
 * ones left to the garbage collector.
 */
async function* input(file, spare) {
  if (spare !== undefined && file !== '-') {
    let handle;
    try {
      handle = await open(file, 'r');
      for (;;) {
        const buffer = new Uint8Array(spare.pop() ?? new ArrayBuffer(CHUNK));
        let have = 0;
        for (let n = -1; n !== 0 && have < buffer.length; have += n) n = (await handle.read(buffer, have, buffer.length - have)).bytesRead;
        if (have > 0) yield buffer.subarray(0, have);
        if (have < buffer.length) return;
      }
    } catch (e) {
      throw fileError(e, file, 'CSV file');
    } finally {
      await handle?.close();
    }
  }
  const stream = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) yield chunk;
  } catch (e) {
    throw fileError(e, file === '-' ? 'stdin' : file, 'CSV file');
  }
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
      throw fileError(e, path, 'key file');
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

/** The vault's passphrase: --passphrase-file, else PII_MASK_PASSPHRASE; never echoed. */
function readPassphrase(values) {
  const path = values['passphrase-file'];
  if (path !== undefined) {
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw fileError(e, path, 'passphrase file');
    }
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r?\n$/, '');
    } catch {
      throw new Error(`${path}: the passphrase is not UTF-8 text`);
    }
    if (text.length === 0) throw new Error(`${path}: the passphrase file is empty`);
    return text;
  }
  const env = process.env.PII_MASK_PASSPHRASE;
  if (env === undefined || env === '') throw new Error('the vault needs a passphrase: set PII_MASK_PASSPHRASE or use --passphrase-file FILE');
  return env;
}

/** Opens the vault file at `path`; errors name the file, never the passphrase. */
async function openVault(path, passphrase) {
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fileError(e, path, 'vault file');
  }
  try {
    return Vault.open(bytes, passphrase);
  } catch (e) {
    e.message = `${path}: ${e.message}`;
    throw e;
  }
}

async function readPolicy(values) {
  if (values.preset !== undefined) {
    if (values.policy !== undefined) usage('--preset and --policy: give one (save the preset from the page, or write it out, to edit it)');
    const preset = catalogue().presets.find((p) => p.name === values.preset);
    if (preset === undefined) usage(`no preset ${JSON.stringify(values.preset)}: the presets are ${catalogue().presets.map((p) => p.name).join(', ')}`);
    return structuredClone(preset.policy);
  }
  if (values.policy === undefined) return structuredClone(AUTO_POLICY);
  let text;
  try {
    text = await readFile(values.policy, 'utf8');
  } catch (e) {
    throw fileError(e, values.policy, 'policy file');
  }
  // Whether it is JSON, and where not, as the core reads it; the message says
  // where, never what (a key file passed here by mistake is not echoed).
  const notJson = validatePolicy(text).problems.find((p) => p.code === 'policy_json');
  if (notJson !== undefined) {
    throw new Error(`${values.policy}: ${notJson.message}; a policy is a JSON object like {"version":1,"columns":{...}}`);
  }
  const policy = JSON.parse(text);
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
    throw new Error(`${values.policy}: a policy is a JSON object like {"version":1,"columns":{...}}`);
  }
  if (values.auto) policy.auto = true;
  return policy;
}

// This process's own streams, by the names a user may give for them. Opening
// /proc/self/fd/1 again fails when it is a socket, and renaming over it would
// replace the file the shell redirected to.
const OWN_STREAMS = {
  '/dev/stdout': 'stdout',
  '/dev/fd/1': 'stdout',
  '/proc/self/fd/1': 'stdout',
  '/dev/stderr': 'stderr',
  '/dev/fd/2': 'stderr',
  '/proc/self/fd/2': 'stderr',
};

function isSpecial(st) {
  return st.isFIFO() || st.isCharacterDevice() || st.isBlockDevice();
}

function kindOf(st) {
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Writes to stdout or stderr; nothing to commit or remove. */
class StreamOutput {
  constructor(stream, what) {
    this.stream = stream;
    this.name = stream === process.stderr ? 'stderr' : 'stdout';
    this.what = what;
    this.direct = true;
    // Kept: once a stream fails, later writes only say it was destroyed.
    this.error = null;
    stream.on('error', (e) => (this.error ??= e));
  }

  failed(e) {
    const error = this.error ?? e;
    // A reader that stopped reading the output (`| head`) is not an error;
    // one that missed the report is.
    if (error.code === 'EPIPE' && this.what !== 'report') return new ReaderGone();
    return fileError(error, this.name, this.what, true);
  }

  async write(bytes) {
    try {
      if (this.error !== null) throw this.error;
      if (bytes.length > 0 && !this.stream.write(bytes)) await once(this.stream, 'drain');
    } catch (e) {
      throw this.failed(e);
    }
  }

  async end() {
    try {
      await new Promise((resolve, reject) => this.stream.write('', (e) => (e ? reject(e) : resolve())));
      if (this.error !== null) throw this.error;
    } catch (e) {
      throw this.failed(e);
    }
  }

  async commit() {}

  async discard() {}
}

/**
 * An output file, written so that nothing at its path is lost or replaced by
 * a half-written file (see prepareOutput).
 */
class FileOutput {
  constructor(path, what, { target, tmp = null, handle = null, mode, owner, fifo = false }) {
    this.path = path; // as the user gave it: every message names this
    this.what = what;
    this.target = target; // what gets written or replaced (a symlink followed)
    this.tmp = tmp; // null: written in place (a FIFO or a device)
    this.handle = handle;
    this.mode = mode;
    this.owner = owner;
    this.direct = tmp === null;
    this.fifo = fifo;
    this.committed = false;
  }

  /** Opened on first use: a FIFO's open waits for its reader. */
  async open() {
    if (this.handle !== null) return this.handle;
    // In place: no O_CREAT, no O_TRUNC; and still special once open (a
    // regular file swapped in since the check is not written into).
    const handle = await open(this.target, constants.O_WRONLY | constants.O_NOCTTY).catch((e) => {
      throw fileError(e, this.path, this.what, true);
    });
    const st = await handle.stat();
    if (!isSpecial(st)) {
      await handle.close();
      throw new Error(`${this.path}: changed while being opened (now ${st.isFile() ? 'a regular file' : kindOf(st)}); not written`);
    }
    this.handle = handle;
    return handle;
  }

  async write(bytes) {
    const handle = await this.open();
    try {
      for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    } catch (e) {
      throw fileError(e, this.path, this.what, true);
    }
  }

  /** Everything written: flush and close (a full disk may say so only here). */
  async end() {
    const handle = await this.open();
    this.handle = null;
    try {
      if (this.tmp !== null) {
        // The mode and owner of the file it replaces, or a new file's.
        await handle.chmod(this.mode);
        if (this.owner !== undefined) await handle.chown(this.owner.uid, this.owner.gid).catch(() => {});
        await handle.datasync();
      }
      await handle.close();
    } catch (e) {
      await handle.close().catch(() => {});
      throw fileError(e, this.path, this.what, true);
    }
  }

  /** Put the temporary file in place (nothing to do when written in place). */
  async commit() {
    if (this.tmp === null) return;
    // Checked again: whatever appeared at the path since is not replaced.
    const now = await lstat(this.target).catch((e) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    if (now !== null && !now.isFile()) throw new Error(`${this.path}: is now ${kindOf(now)}; not replaced`);
    try {
      await rename(this.tmp, this.target);
    } catch (e) {
      throw fileError(e, this.path, this.what, true);
    }
    temporary.delete(this.tmp);
    this.committed = true;
  }

  /** Undo: remove the temporary file, or the file this run put in place. */
  async discard() {
    if (this.handle === null && this.fifo) {
      // A reader already waiting on a FIFO never opened gets its end of file
      // (without a reader, this open fails at once instead of waiting).
      const h = await open(this.target, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
      await h?.close();
    }
    if (this.handle !== null) await this.handle.close().catch(() => {});
    this.handle = null;
    if (this.tmp === null) return;
    await unlink(this.committed ? this.target : this.tmp).catch(() => {});
    temporary.delete(this.tmp);
  }
}

/**
 * How `path` will be written, decided (and refused) before any work:
 * - /dev/stdout, /dev/stderr: this process's stream;
 * - a FIFO or a character or block device: written in place, streaming;
 * - a regular file, or nothing: a new temporary file in the same directory
 *   (O_EXCL, mode 0600, random name) renamed over it by commit();
 * - a symlink: followed to its final target, and the same rules apply there
 *   (the target is replaced, the link stays); a symlink to nothing is refused;
 * - anything else (a directory, a socket): refused.
 */
async function prepareOutput(path, what) {
  const own = OWN_STREAMS[resolve(path)];
  if (own !== undefined) return new StreamOutput(process[own], what);
  let st = null;
  try {
    st = await stat(path);
  } catch (e) {
    if (e.code !== 'ENOENT') throw fileError(e, path, what, true);
    const link = await lstat(path).catch(() => null);
    if (link?.isSymbolicLink()) {
      throw new Error(`${path}: a symbolic link to nothing; refusing to write through it (give the path it should point to)`);
    }
  }
  if (st !== null && isSpecial(st)) return new FileOutput(path, what, { target: path, fifo: st.isFIFO() });
  if (st !== null && !st.isFile()) throw new Error(`${path}: ${kindOf(st)}; refusing to replace it with the ${what}`);
  let target = path;
  if (st !== null) {
    try {
      target = await realpath(path);
    } catch (e) {
      throw fileError(e, path, what, true);
    }
  }
  const owner = st !== null && process.getuid?.() === 0 ? { uid: st.uid, gid: st.gid } : undefined;
  // Permission bits only: a set-id bit of the old file is not carried over.
  const mode = st !== null ? st.mode & 0o777 : 0o666 & ~process.umask();
  for (let attempt = 0; ; attempt++) {
    // Cut so that a long name still leaves room for the suffix (NAME_MAX).
    const tmp = join(dirname(target), `.${basename(target).slice(0, 100)}.${randomBytes(9).toString('base64url')}.tmp`);
    try {
      // 'wx' is O_CREAT | O_EXCL: never an existing file, never through a symlink.
      const handle = await open(tmp, 'wx', 0o600);
      temporary.add(tmp);
      return new FileOutput(path, what, { target, tmp, handle, mode, owner });
    } catch (e) {
      if (e.code === 'EEXIST' && attempt < 3) continue;
      throw fileError(e, path, what, true);
    }
  }
}

/** The options scan and mask share. */
function csvOptions(values) {
  const options = {};
  const delimiter = delimiterOf(values.delimiter);
  if (delimiter !== undefined) options.delimiter = delimiter;
  if (values.header && values['no-header']) usage('give --header or --no-header, not both');
  // Neither: the core decides from the data ("auto").
  if (values.header) options.header = true;
  if (values['no-header']) options.header = false;
  if (values['allow-ragged']) options.allowRagged = true;
  // Checked by the core (see optionError).
  if (values.encoding !== undefined) options.encoding = values.encoding;
  if (values['sample-rows'] !== undefined) {
    const n = Number(values['sample-rows']);
    if (!Number.isInteger(n) || n <= 0) usage('--sample-rows takes a positive whole number');
    options.sampleRows = n;
  }
  return options;
}

const KEY_HINT = ' (set PII_MASK_KEY or use --key-file FILE)';
const ENCODING_HINT = 'if the file was saved as Windows-1252 ("ANSI"), add --encoding windows-1252';

/** The user's own entities declared in --policy, if given. */
async function declaredEntities(values) {
  return values.policy === undefined ? undefined : (await readPolicy(values)).entities;
}

async function cmdScan(values, positionals) {
  const file = oneFile('scan', positionals);
  const options = csvOptions(values);
  const entities = await declaredEntities(values);
  if (entities !== undefined) options.entities = entities;
  const scanner = new Scanner(options);
  try {
    for await (const chunk of input(file)) scanner.push(chunk);
    const result = scanner.finish();
    const out = new StreamOutput(process.stdout, 'scan result');
    await out.write(Buffer.from(JSON.stringify(result, null, 2) + '\n'));
    await out.end();
    printWarnings(result.warnings);
    if (result.invalidUtf8Line !== null) {
      process.stderr.write(`pii-mask: line ${result.invalidUtf8Line} is not valid UTF-8; ${ENCODING_HINT}\n`);
    }
  } finally {
    scanner.free();
  }
}

/** Warnings from the core, each on its own line. */
function printWarnings(warnings) {
  for (const w of warnings ?? []) process.stderr.write(`pii-mask: warning: ${w.message}\n`);
}

/** Validation problems, one a line: where and which rule, never the value. */
function printProblems(problems) {
  if (progressOpen) {
    process.stderr.write('\n');
    progressOpen = false;
  }
  for (const p of problems ?? []) process.stderr.write(`pii-mask: line ${p.line}, column ${JSON.stringify(p.column)}: ${p.rule}\n`);
}

/** What the policy's validation rules did, in counts (the report lists where). */
function printValidation(v) {
  if (!v) return;
  const rows = (n) => (n === 1 ? '1 row' : `${n} rows`);
  const what = {
    drop: `${rows(v.dropped)} dropped`,
    flag: `flagged in column ${JSON.stringify(v.flagColumn)}`,
    reject: 'none rejected',
  }[v.mode];
  const failed = v.rowsFailed === 0 ? `${rows(v.rowsChecked)} checked, all keep the rules` : `${v.rowsFailed} of ${rows(v.rowsChecked)} broke the rules, ${what}`;
  const more = v.problemsNotListed > 0 ? `; ${v.problems.length + v.problemsNotListed} problems, the report lists the first ${v.problems.length}` : '';
  process.stderr.write(`pii-mask: validation: ${failed}${more}\n`);
  if (v.uniqueIncomplete.length > 0) {
    process.stderr.write(`pii-mask: warning: validation: too many distinct values to remember them all in ${v.uniqueIncomplete.join(', ')}: later copies may be missed by "unique"\n`);
  }
}

/** What the user should know about a finished run: nothing is a value from the file. */
function printReport(report, strict) {
  printValidation(report.validation);
  if (report.headerGuessed && !report.header) {
    process.stderr.write('pii-mask: the first row looks like data, not a header; reading it as data (--header to say otherwise)\n');
  }
  printWarnings(report.warnings);
  const kept = report.kept ?? [];
  if (kept.length > 0) {
    const names = kept.map((c) => c.name).join(', ');
    process.stderr.write(
      kept.length === 1
        ? `pii-mask: 1 column that mentions people is left unchanged: ${names}\n`
        : `pii-mask: ${kept.length} columns that mention people are left unchanged: ${names}\n`,
    );
  }
  const residual = report.residual ?? [];
  if (residual.length > 0) {
    // "email: 3 EMAIL_ADDRESS; notes: 2 PERSON, 1 PHONE_NUMBER": types and counts, never values.
    const byColumn = new Map();
    for (const r of residual) {
      if (!byColumn.has(r.index)) byColumn.set(r.index, { name: r.name, seen: [] });
      byColumn.get(r.index).seen.push(`${r.count} ${r.entity}`);
    }
    const where = [...byColumn.values()].map((c) => `${c.name}: ${c.seen.join(', ')}`).join('; ');
    const rows = report.residualSampled === 1 ? '1 row' : `${report.residualSampled} rows`;
    const hint = strict ? '' : ' (--strict fails instead)';
    process.stderr.write(`pii-mask: warning: personal data is still in the output, seen in ${rows} sampled across the file: ${where}${hint}\n`);
  }
}

/** The audit record: when, then the report with its digests. */
function auditRecord(report) {
  return { time: new Date().toISOString(), ...report };
}

/** Where each input goes: -o or stdout for one file, DIR/NAME with --out-dir. */
function maskTargets(values, positionals) {
  if (positionals.length === 0) usage('mask: which file? (use - for stdin)');
  const outDir = values['out-dir'];
  if (outDir === undefined) {
    if (positionals.length > 1) usage(`mask: ${positionals.length} files need --out-dir DIR (each is written there under its own name)`);
    return [{ file: positionals[0], path: values.output }];
  }
  if (values.output !== undefined) usage('-o and --out-dir: give one');
  if (positionals.length > 1 && (values.report !== undefined || values.audit !== undefined)) usage('--report and --audit take one input file');
  const seen = new Map();
  return positionals.map((file) => {
    if (file === '-') usage('--out-dir: stdin (-) has no name to write it under');
    const name = basename(file);
    if (seen.has(name)) usage(`${seen.get(name)} and ${file} have the same name: --out-dir would write both to one file`);
    seen.set(name, file);
    const path = join(outDir, name);
    if (resolve(path) === resolve(file)) usage(`--out-dir ${outDir} would replace the input ${file}`);
    return { file, path };
  });
}

async function cmdMask(values, positionals) {
  const targets = maskTargets(values, positionals);
  if (values.policy === undefined && values.preset === undefined && !values.auto) usage('mask: give --policy POLICY.json, --preset NAME or --auto');
  const named = [['-o', values.output], ['--report', values.report], ['--audit', values.audit], ['--vault-out', values['vault-out']], ...targets.slice(1).map((t) => ['--out-dir', t.path])]
    .concat(values['out-dir'] === undefined ? [] : [['--out-dir', targets[0].path]])
    .filter(([, f]) => f !== undefined && !OWN_STREAMS[resolve(f)]);
  for (const [i, [a, f]] of named.entries()) {
    const twin = named.slice(i + 1).find(([, g]) => resolve(g) === resolve(f));
    if (twin) usage(`${a} and ${twin[0]} name the same file`);
  }
  const options = csvOptions(values);
  if (values['escape-formulas']) options.escapeFormulas = true;
  if (values.bom) options.bom = true;
  if (values.audit === undefined && (values.quasi !== undefined || values.sensitive !== undefined)) {
    usage('mask: --quasi and --sensitive measure risk for the audit record: give --audit AUDIT.json too');
  }
  if (values.sensitive !== undefined && values.quasi === undefined) usage('mask: --sensitive needs --quasi COL,COL,...');
  if (values.audit !== undefined) options.audit = true;
  if (values.quasi !== undefined) options.quasi = values.quasi.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (values.sensitive !== undefined) options.sensitive = values.sensitive;
  const outputDelimiter = delimiterOf(values['output-delimiter']);
  if (outputDelimiter !== undefined) options.outputDelimiter = outputDelimiter;
  const key = readKey(values);
  if (key !== undefined) options.key = key;
  const policy = await readPolicy(values);
  const keepVault = values['vault-in'] !== undefined || values['vault-out'] !== undefined;
  const passphrase = keepVault ? readPassphrase(values) : undefined;
  // One vault for every input: equal values get equal tokens across files.
  const vault = values['vault-in'] !== undefined ? await openVault(values['vault-in'], passphrase) : new Vault();
  let jobs = availableParallelism();
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs <= 0) usage('--jobs takes a positive whole number');
    jobs = Math.min(jobs, 256);
  }
  const tokensBefore = vault.stats().tokens;

  const newMasker = () => {
    try {
      return new Masker(policy, { ...options, vault });
    } catch (e) {
      if (key === undefined && e.code === 'missing_key') e.message += KEY_HINT;
      throw e;
    }
  };
  let masker = null;
  const outputs = [];
  try {
    // A bad policy or key is said before any output is prepared.
    masker = newMasker();
    // All decided before any work, so a refused --report costs no masking.
    for (const t of targets) {
      t.out = t.path === undefined ? new StreamOutput(process.stdout, 'masked output') : await prepareOutput(t.path, 'masked output');
      outputs.push(t.out);
    }
    const reportOut = values.report === undefined ? null : await prepareOutput(values.report, 'report');
    if (reportOut !== null) outputs.push(reportOut);
    const auditOut = values.audit === undefined ? null : await prepareOutput(values.audit, 'audit record');
    if (auditOut !== null) outputs.push(auditOut);
    const vaultOut = values['vault-out'] === undefined ? null : await prepareOutput(values['vault-out'], 'vault');
    if (vaultOut !== null) outputs.push(vaultOut);

    let report;
    for (const [i, { file, out, path }] of targets.entries()) {
      if (i > 0) {
        masker.free();
        masker = null;
        masker = newMasker();
      }
      // Backpressure: the read loop waits while the output is written.
      const progress = progressLine(file);
      try {
        // Parts pay off from two of them; a small file is one pass.
        let size = 0;
        try {
          if (file !== '-') size = statSync(file).size;
        } catch {} // reading the file says what is wrong with it
        const big = size >= (partBytes() === undefined ? 8 << 20 : 2 * partBytes());
        if (jobs > 1 && big && Masker.unsplittable(policy) === undefined) {
          // Parts of the file on worker threads; output and report as one pass.
          let done = 0;
          const spare = [];
          await maskInParts({
            chunks: input(file, spare),
            spare,
            policy,
            options,
            main: masker,
            workers: jobs,
            spawn: () => new Worker(new URL('./worker.js', import.meta.url)),
            wasm: wasmModule,
            onOutput: (bytes) => out.write(bytes),
            onProgress: ({ bytesIn }) => {
              progress(bytesIn - done);
              done = bytesIn;
            },
            partBytes: partBytes(),
          });
        } else {
          const spare = [];
          for await (const chunk of input(file, spare)) {
            const masked = masker.push(chunk);
            // Copied into the wasm: the buffer takes the next read.
            if (chunk.buffer.byteLength === CHUNK) spare[0] = chunk.buffer;
            await out.write(masked);
            progress(chunk.length);
          }
        }
        await out.write(masker.finish());
      } catch (e) {
        if (e.code === 'validation_failed') printProblems(e.problems);
        if (e.code === 'invalid_utf8') e.message = `line ${e.line}, column ${e.column}: cell is not valid UTF-8 text; ${ENCODING_HINT}`;
        // With --auto the scanner may pick `hash` once the sample is read.
        if (key === undefined && e.code === 'missing_key') e.message += KEY_HINT;
        if (targets.length > 1) e.message = `${file}: ${e.message}`;
        throw e;
      }
      progress(0, true);
      await out.end();
      report = masker.report();
      printReport(report, values.strict);
      if (values.strict && (report.residual ?? []).length > 0) {
        const where = out.direct ? `; it was already written to ${path ?? 'stdout'}` : `; ${targets.length > 1 ? 'nothing' : `${path} not`} written`;
        throw new Error(`--strict: personal data is still in the output${targets.length > 1 ? ` of ${file}` : ''}${where}`);
      }
    }
    const added = vault.stats().tokens - tokensBefore;
    if (vaultOut === null && added > 0) {
      process.stderr.write(`pii-mask: warning: tokenize made ${added === 1 ? '1 new token' : `${added} new tokens`} and no --vault-out keeps them: their originals cannot be restored\n`);
    }
    for (const [o, json] of [[reportOut, report], [auditOut, report && auditRecord(report)]]) {
      if (o === null) continue;
      await o.write(Buffer.from(JSON.stringify(json, null, 2) + '\n'));
      await o.end();
    }
    if (vaultOut !== null) {
      await vaultOut.write(vault.export(passphrase));
      await vaultOut.end();
    }
    // The masked outputs first, the vault last: if one cannot be put in
    // place, discard() below removes those already committed again.
    for (const o of outputs) await o.commit();
  } catch (e) {
    for (const o of outputs) await o.discard();
    throw e;
  } finally {
    masker?.free();
    vault.free();
  }
}

/** The counts of a restore, on stderr: entities and numbers, never values. */
function printRestored(report) {
  const byEntity = Object.entries(report.restored);
  const total = byEntity.reduce((n, [, c]) => n + c, 0);
  const list = byEntity.map(([entity, n]) => `${n} ${entity}`).join(', ');
  process.stderr.write(`pii-mask: restored ${total === 1 ? '1 value' : `${total} values`}${total > 0 ? ` (${list})` : ''}\n`);
  if (report.unknown > 0) {
    process.stderr.write(
      report.unknown === 1
        ? 'pii-mask: warning: 1 token-like text is not in the vault: left as it is\n'
        : `pii-mask: warning: ${report.unknown} token-like texts are not in the vault: left as they are\n`,
    );
  }
  if (report.ambiguous > 0) {
    process.stderr.write(
      report.ambiguous === 1
        ? 'pii-mask: warning: 1 name part stands for more than one value: left as it is\n'
        : `pii-mask: warning: ${report.ambiguous} name parts stand for more than one value: left as they are\n`,
    );
  }
}

async function cmdRestore(values, positionals) {
  if (positionals.length > 1) usage(`restore: one file at a time, got ${positionals.length}`);
  const file = positionals[0] ?? '-';
  if (values.vault === undefined) usage('restore: give --vault VAULT (the file mask --vault-out wrote)');
  const named = [['-o', values.output], ['--report', values.report]].filter(([, f]) => f !== undefined && !OWN_STREAMS[resolve(f)]);
  if (named.length === 2 && resolve(named[0][1]) === resolve(named[1][1])) usage('-o and --report name the same file');
  const vault = await openVault(values.vault, readPassphrase(values));
  const outputs = [];
  let restorer = null;
  try {
    const out = values.output === undefined ? new StreamOutput(process.stdout, 'restored output') : await prepareOutput(values.output, 'restored output');
    outputs.push(out);
    const reportOut = values.report === undefined ? null : await prepareOutput(values.report, 'report');
    if (reportOut !== null) outputs.push(reportOut);
    if (values.csv) {
      restorer = new CsvRestorer(vault);
      for await (const chunk of input(file)) await out.write(restorer.push(chunk));
      await out.write(restorer.finish());
    } else {
      restorer = new Restorer(vault);
      const decoder = new TextDecoder('utf-8', { fatal: true });
      const text = (chunk, stream) => {
        try {
          return decoder.decode(chunk, { stream });
        } catch {
          throw new Error(`${file === '-' ? 'stdin' : file}: not UTF-8 text`);
        }
      };
      for await (const chunk of input(file)) await out.write(Buffer.from(restorer.push(text(chunk, true)), 'utf8'));
      await out.write(Buffer.from(restorer.push(text(undefined, false)) + restorer.finish(), 'utf8'));
    }
    await out.end();
    const report = restorer.report();
    printRestored(report);
    if (reportOut !== null) {
      await reportOut.write(Buffer.from(JSON.stringify(report, null, 2) + '\n'));
      await reportOut.end();
    }
    for (const o of outputs) await o.commit();
  } catch (e) {
    for (const o of outputs) await o.discard();
    throw e;
  } finally {
    restorer?.free();
    vault.free();
  }
}

// Parts of at least 1 MiB (maskInParts'); PII_MASK_PART_BYTES sets another size, so that
// tests can cut small files into many parts.
function partBytes() {
  const n = Number(process.env.PII_MASK_PART_BYTES);
  return Number.isInteger(n) && n > 0 ? n : undefined;
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
  const entities = await declaredEntities(values);
  const parts = [];
  for await (const chunk of process.stdin) parts.push(chunk);
  const out = new StreamOutput(process.stdout, 'spans found');
  await out.write(Buffer.from(JSON.stringify(find(Buffer.concat(parts).toString('utf8'), entities)) + '\n'));
  await out.end();
}

/** A --k or --max-classes value: a whole number of at least `min`. */
function wholeNumber(values, name, min) {
  if (values[name] === undefined) return undefined;
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) usage(`--${name} takes a whole number of at least ${min}`);
  return n;
}

async function cmdRisk(values, positionals) {
  const file = oneFile('risk', positionals);
  if (values.quasi === undefined) usage('risk: name the quasi-identifier columns with --quasi COL,COL,...');
  const options = csvOptions(values);
  options.quasi = values.quasi.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (values.sensitive !== undefined) options.sensitive = values.sensitive;
  if (values.threshold !== undefined) {
    const r = Number(values.threshold);
    if (!(r > 0 && r <= 1)) usage('--threshold takes a risk above 0 and at most 1, e.g. 0.2');
    options.threshold = r;
  }
  const maxClasses = wholeNumber(values, 'max-classes', 1);
  if (maxClasses !== undefined) options.maxClasses = maxClasses;
  const k = wholeNumber(values, 'k', 1);
  if (k !== undefined) options.target = k;
  if (values.population !== undefined) {
    try {
      options.population = await readFile(values.population, 'utf8');
    } catch (e) {
      throw fileError(e, values.population, 'population table');
    }
  }
  let policy = null;
  if (values.policy !== undefined) {
    policy = await readPolicy(values);
    const key = readKey(values);
    if (key !== undefined) options.key = key;
  }
  let analyzer;
  try {
    analyzer = new RiskAnalyzer(options, policy);
  } catch (e) {
    if (options.key === undefined && e.code === 'missing_key') e.message += KEY_HINT;
    throw e;
  }
  let result;
  try {
    for await (const chunk of input(file)) analyzer.push(chunk);
    result = analyzer.finish();
  } finally {
    analyzer.free();
  }
  const out = new StreamOutput(process.stdout, 'risk figures');
  await out.write(Buffer.from(JSON.stringify(result, null, 2) + '\n'));
  await out.end();
  if (!result.exact) {
    process.stderr.write(`pii-mask: more than ${options.maxClasses ?? 200000} distinct combinations: the figures are estimated from ${(result.sampled * 100).toPrecision(3)}% of them (--max-classes N counts more exactly)\n`);
  }
  if (k !== undefined && result.k < k) {
    const s = result.suggestion;
    const hint = s?.reached
      ? `; the "suggestion" reaches k = ${s.k}: ${s.columns.map((c) => `"${c.column}": ${JSON.stringify(c.op)}`).join(', ')}`
      : '';
    throw new Error(`k is ${result.k}, below --k ${k}${policy === null ? '' : ' after the policy'}${hint}`);
  }
}

async function version() {
  const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

// Compiled once: --jobs sends it to the worker threads, which then share
// its code instead of each compiling the .wasm again.
let wasmModule = null;

async function main(argv) {
  // A one-shot `find` runs the .wasm briefly: V8's baseline (Liftoff) code
  // does it, and optimising the hot functions again (TurboFan) cost more CPU
  // than the search itself, from a short sentence (0.15 s) to 7 MB of notes
  // (measured). Set before compiling; the flag is V8's own, present since
  // Node 16. Other commands stream big files and want optimised code.
  if (argv[0] === 'find') setFlagsFromString('--liftoff-only');
  wasmModule = await WebAssembly.compile(await readFile(new URL('./pii_mask_bg.wasm', import.meta.url)));
  await init(wasmModule);
  const options = cliOptions();
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    process.stdout.write(helpText());
    return;
  }
  if (values.version) {
    process.stdout.write(`pii-mask ${await version()}\n`);
    return;
  }
  const [command, ...rest] = positionals;
  if (cliCommands().some((c) => c.name === command)) checkCommandOptions(command, values, options);
  const names = cliCommands().map((c) => c.name);
  try {
    switch (command) {
      case 'scan':
        return await cmdScan(values, rest);
      case 'mask':
        return await cmdMask(values, rest);
      case 'find':
        return await cmdFind(values, rest);
      case 'risk':
        return await cmdRisk(values, rest);
      case 'restore':
        return await cmdRestore(values, rest);
      case undefined:
        return usage(`which command? ${names.join(', ')} (see pii-mask --help)`);
      default:
        return usage(`unknown command ${JSON.stringify(command)} (see pii-mask --help)`);
    }
  } catch (e) {
    throw optionError(e, values);
  }
}

/** Run as the command (not when imported: a test imports optionsMarkdown). */
function run() {
  // Temporary files are removed if we are interrupted (Ctrl-C, kill).
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
  // Write errors are handled where the output is written (StreamOutput, which
  // lets a run remove its temporary files first); this only keeps an 'error'
  // event from throwing.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});

  main(process.argv.slice(2)).then(
    () => {
      process.exitCode = 0;
    },
    (e) => {
      if (e instanceof ReaderGone) {
        process.exitCode = 0;
        return;
      }
      // Options the core refuses are usage errors too; everything else is about
      // the input, the policy or the key.
      const usageError = e instanceof UsageError || e?.code === 'invalid_option';
      if (progressOpen) process.stderr.write('\n');
      process.stderr.write(`pii-mask: ${e instanceof Error ? e.message : String(e)}\n`);
      if (usageError) process.stderr.write('Try pii-mask --help\n');
      process.exitCode = usageError ? 2 : 1;
    },
  );
}

function realpathOrNull(path) {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

// Run when node runs this file, also through the npm bin link; not when imported.
if (process.argv[1] !== undefined && realpathOrNull(process.argv[1]) === realpathOrNull(fileURLToPath(import.meta.url))) run();
