#!/usr/bin/env node
// Benchmarks pii-mask (the wasm package in pkg/, in Node) against the
// JavaScript way (bench/baseline.mjs), and optionally the native build.
//
//   node bench/run.mjs [--sizes 20,50] [--runs 3] [--native] [--keep-output]
//
// For each size it generates bench/data-<N>mb.csv (once; deterministic), then
// runs each configuration `--runs` times in a fresh Node process and reports
// the median:
//   wasm --auto     Masker with {"auto": true}: suggested operators everywhere
//   wasm policy     Masker with EXPLICIT_POLICY (the same job as the baseline)
//   JS baseline     Papa Parse + regexes + @noble/hashes (bench/baseline.mjs)
//   native policy   (--native) `cargo run --release --example bench`, same policy
// Columns: whole process MB/s (wall clock of the process, start-up included),
// steady-state MB/s (after the module is loaded and the first 1 MiB chunk is
// done), and peak RSS. MB = 10^6 bytes. Output goes to /dev/null unless
// --keep-output.
//
// Needs: `bash scripts/build.sh` (makes pkg/) and `npm install` in bench/.
// PII_MASK_PKG=DIR measures another build of the package instead of pkg/.

import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, openSync, readSync, closeSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const CHUNK = 1 << 20;

export const EXPLICIT_POLICY = {
  version: 1,
  default: { op: 'keep' },
  auto: false,
  columns: {
    email: { op: 'mask' },
    first_name: { op: 'hash', length: 16 },
    last_name: { op: 'hash', length: 16 },
    card: { op: 'mask' },
    iban: { op: 'redact' },
    ssn: { op: 'redact' },
    notes: { op: 'scrub' },
  },
};
const AUTO_POLICY = { version: 1, default: { op: 'keep' }, auto: true, columns: {} };
const KEY = 'pii-mask benchmark key, 32 bytes';

// ------------------------------------------------------------------ child mode

async function loadPkg() {
  // PII_MASK_PKG: another build of the package (e.g. an older commit's),
  // to compare two builds in the same hour.
  const pkgDir = process.env.PII_MASK_PKG ?? join(ROOT, 'pkg');
  const meta = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  let entry = meta.module ?? meta.main ?? 'index.js';
  // What Node's `import` picks from `exports` (older builds had a flat map).
  const pick = (e) => {
    if (typeof e === 'string' || e == null) return e;
    const key = ['node', 'import', 'default'].find((k) => k in e);
    return key === undefined ? undefined : pick(e[key]);
  };
  entry = pick(meta.exports?.['.'] ?? meta.exports) ?? entry;
  return import(pathToFileURL(join(pkgDir, entry)).href);
}

async function child(impl, file, outPath) {
  const t0 = performance.now();
  const size = statSync(file).size;
  let steadyStart = null;
  let steadyBytes = 0;
  let rows = null;
  if (impl === 'baseline') {
    const { runBaseline } = await import('./baseline.mjs');
    // The baseline streams; its start-up is module loading only.
    steadyStart = performance.now();
    steadyBytes = size;
    const r = await runBaseline(file, outPath, KEY);
    rows = r.rows;
  } else {
    const pkg = await loadPkg();
    await pkg.init();
    const policy = impl === 'wasm-auto' ? AUTO_POLICY : EXPLICIT_POLICY;
    const masker = new pkg.Masker(policy, { key: KEY });
    const fd = openSync(file, 'r');
    const out = openSync(outPath, 'w');
    const buf = new Uint8Array(CHUNK);
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const o = masker.push(buf.subarray(0, n));
      if (o.length) writeSync(out, o);
      if (first) {
        first = false;
        steadyStart = performance.now();
        steadyBytes = size - n;
      }
    }
    const tail = masker.finish();
    if (tail.length) writeSync(out, tail);
    rows = masker.report()?.rows ?? null;
    masker.free?.();
    closeSync(fd);
    closeSync(out);
  }
  const t1 = performance.now();
  const steadyMs = t1 - (steadyStart ?? t0);
  process.stdout.write(JSON.stringify({
    impl, bytes: size, rows,
    insideMs: t1 - t0,
    steadyMs,
    steadyBytes,
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n');
}

// ------------------------------------------------------------------ parent mode

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ensureData(mb) {
  const path = join(HERE, `data-${mb}mb.csv`);
  if (!existsSync(path)) {
    execFileSync(process.execPath, [join(HERE, 'gen.mjs'), String(mb), path], { stdio: 'inherit' });
  }
  return path;
}

function runChild(impl, file, outPath) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', impl, file, outPath], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${impl} failed (exit ${r.status}):\n${r.stderr}`);
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...res, wallMs };
}

function runNative(file, policyPath) {
  execFileSync('cargo', ['build', '--release', '--example', 'bench'], { cwd: ROOT, stdio: 'inherit' });
  const exe = join(ROOT, 'target', 'release', 'examples', 'bench');
  const t0 = process.hrtime.bigint();
  const out = execFileSync(exe, [file, policyPath], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PII_MASK_KEY: KEY } });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const res = JSON.parse(out.trim().split('\n').pop());
  return { impl: 'native', bytes: res.bytes, rows: res.rows, steadyMs: res.ms, steadyBytes: res.bytes, maxRssKb: res.max_rss_kb, wallMs };
}

async function parent(argv) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const sizes = opt('--sizes', '20,50').split(',').map(Number);
  const runs = Number(opt('--runs', '3'));
  const native = argv.includes('--native');
  const keep = argv.includes('--keep-output');
  const haveWasm = existsSync(join(ROOT, 'pkg', 'package.json'));
  const haveBaseline = existsSync(join(HERE, 'node_modules', 'papaparse'));
  if (!haveWasm) console.error('note: pkg/ not found: run `bash scripts/build.sh` first; skipping wasm rows');
  if (!haveBaseline) console.error('note: bench/node_modules missing: run `npm install` in bench/; skipping the baseline');

  const impls = [
    ...(haveWasm ? [['wasm-auto', 'pii-mask wasm, --auto'], ['wasm-policy', 'pii-mask wasm, explicit policy']] : []),
    ...(haveBaseline ? [['baseline', 'JS way: Papa Parse + regex + @noble/hashes']] : []),
  ];
  let policyPath = null;
  if (native) {
    policyPath = join(HERE, '.policy.json');
    (await import('node:fs')).writeFileSync(policyPath, JSON.stringify(EXPLICIT_POLICY));
  }
  const lines = [];
  for (const mb of sizes) {
    const file = ensureData(mb);
    const size = statSync(file).size;
    for (const [impl, label] of impls) {
      const outPath = keep ? join(HERE, `out-${impl}-${mb}mb.csv`) : '/dev/null';
      const rs = [];
      for (let i = 0; i < runs; i++) rs.push(runChild(impl, file, outPath));
      lines.push(row(label, mb, size, rs));
      console.error(lines.at(-1));
    }
    if (native) {
      const rs = [];
      for (let i = 0; i < runs; i++) rs.push(runNative(file, policyPath));
      lines.push(row('pii-mask native (release), explicit policy', mb, size, rs));
      console.error(lines.at(-1));
    }
  }
  console.log(`\nNode ${process.version}, ${runs} run(s) each, median. MB = 10^6 bytes.\n`);
  console.log('| configuration | file | whole process MB/s | steady state MB/s | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const l of lines) console.log(l);
}

function row(label, mb, size, rs) {
  const whole = median(rs.map((r) => size / 1e6 / (r.wallMs / 1000)));
  const steady = median(rs.map((r) => r.steadyBytes / 1e6 / (r.steadyMs / 1000)));
  const rss = median(rs.map((r) => r.maxRssKb / 1024));
  return `| ${label} | ${mb} MB | ${whole.toFixed(1)} | ${steady.toFixed(1)} | ${rss.toFixed(0)} |`;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await parent(process.argv.slice(2));
}
