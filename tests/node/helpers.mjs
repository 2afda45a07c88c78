// Shared by the node:test files: where the built package is, a test-only CSV
// parser, a seeded generator of fake people, and a CLI runner.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PKG = join(ROOT, 'pkg');
export const CLI = join(PKG, 'cli.js');
export const KEY = 'test key: not a secret, 32 bytes';

if (!existsSync(join(PKG, 'pii_mask_bg.wasm'))) {
  throw new Error(`${PKG} has no build: run scripts/build.sh first`);
}

/** The built package's Node entry, initialised. */
export async function loadPkg() {
  const mod = await import(pathToFileURL(join(PKG, 'node.js')).href);
  await mod.init();
  return mod;
}

export function tempDir(t, prefix = 'pii-mask-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const enc = new TextEncoder();
export const dec = new TextDecoder();

export function concatBytes(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** mulberry32: a small seeded PRNG, so failures reproduce. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cut `bytes` into pieces with lengths from `nextLen()`. */
export function cut(bytes, nextLen) {
  const pieces = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.max(1, nextLen());
    pieces.push(bytes.subarray(at, at + n));
    at += n;
  }
  return pieces;
}

/**
 * RFC 4180 parser for tests only: returns an array of records (arrays of
 * strings). Records end at \n or \r\n outside quotes; a final terminator is
 * optional.
 */
export function parseCsv(text, delimiter = ',') {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let record = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      fieldStarted = true;
      i += 1;
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new Error('test parser: unclosed quote');
  if (fieldStarted || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export function quoteCsv(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const FIRST = ['Jane', 'John', 'Émilie', 'Søren', 'Aïcha', 'Mateo', 'Yuki', 'Olu', 'Zoë', 'Liam', 'Chloé', 'Marek'];
const LAST = ['Doe', 'Smith', 'Müller', 'García', 'Okafor', "O'Brien", 'Nguyen', 'Kowalski', 'Rossi', 'Dubois'];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'corp.example'];

/**
 * A fake people CSV: header id,name,email,phone,ssn,notes,plan.
 * Returns { text, rows } where rows are the unquoted field arrays.
 */
export function peopleCsv(n, { seed = 1, eol = '\n' } = {}) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const digits = (k) => Array.from({ length: k }, () => Math.floor(r() * 10)).join('');
  const header = ['id', 'name', 'email', 'phone', 'ssn', 'notes', 'plan'];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}${i}`.normalize('NFD').replace(/[^A-Za-z0-9.]/g, '').toLowerCase() + '@' + pick(DOMAINS);
    const phone = `+1 415 555 ${String(100 + (i % 900)).padStart(4, '0')}`;
    const ssn = `${String(100 + Math.floor(r() * 500))}-${String(10 + Math.floor(r() * 89))}-${String(1000 + Math.floor(r() * 8999))}`;
    const notes = pick([
      `Prefers email: ${email}`,
      `Called on "${digits(2)}" March, said: "reach me at ${email}, thanks"`,
      `Line one\nline two; café ☕ ok`,
      `VIP, renewal due`,
      ``,
    ]);
    rows.push([String(i + 1), `${first} ${last}`, email, phone, ssn, notes, pick(['free', 'pro', 'team'])]);
  }
  const text = [header, ...rows].map((row) => row.map(quoteCsv).join(',')).join(eol) + eol;
  return { header, rows, text };
}

/** Run the CLI; resolves { code, stdout, stderr } (never rejects on exit code). */
export function runCli(args, { input, env, cwd } = {}) {
  const [cmd, ...argv] = cliCommand(args);
  return runProcess(argv, { input, env, cwd }, cmd);
}

/**
 * The command line that runs `pii-mask args`: the Node CLI, or the native
 * binary named by PII_MASK_CLI (the same tests then check that it keeps the
 * same contract).
 */
export function cliCommand(args) {
  const native = process.env.PII_MASK_CLI;
  return native ? [native, ...args] : [process.execPath, CLI, ...args];
}

/** Run `node --input-type=module -e CODE` in a fresh process; resolves { code, stdout, stderr }. */
export function runNode(code, { cwd } = {}) {
  return runProcess(['--input-type=module', '-e', code], { cwd });
}

/** Run node with `argv`, feeding `input` on stdin; resolves { code, stdout, stderr }. */
function runProcess(argv, { input, env, cwd } = {}, cmd = process.execPath) {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    const child = spawn(cmd, argv, { cwd: cwd ?? ROOT, env: childEnv });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    // A command that fails before reading its stdin closes it: not an error here.
    child.stdin.on('error', () => {});
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(input ?? '');
  });
}

/** A CSV whose one data cell holds every byte that is not CSV syntax. */
export function everyByteCsv() {
  const special = new Set([0x00, 0x0a, 0x0d, 0x22, 0x2c]);
  const cell = Uint8Array.from({ length: 256 }, (_, b) => b).filter((b) => !special.has(b));
  return concatBytes([enc.encode('id,text\n1,'), cell, enc.encode('\n')]);
}
