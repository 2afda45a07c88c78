#!/usr/bin/env node
// The benchmark: pii-mask against the JavaScript way of doing the same job,
// every way pii-mask runs, on generated files. One command prints the
// README's table.
//
//   node bench/run.mjs [--sizes 10,100,1000] [--policies explicit,notes,auto]
//                      [--jobs N] [--runs 1] [--only LIST] [--json]
//
// For each size it generates bench/data-<N>mb.csv once (deterministic; the
// notes column is about a quarter of the bytes), then for each policy runs:
//   js-node        the JavaScript way in Node (bench/baseline.mjs)
//   node           the `pii-mask` CLI (wasm in Node), --jobs 1 and --jobs N
//   native         the native binary (target/release/pii-mask), --jobs 1 and N
//   chromium       maskFile() from pii-mask/worker in headless Chromium,
//                  workers: 1 and workers: N
//   js-chromium    the JavaScript way in a Web Worker in headless Chromium
// (--only picks some of these, comma-separated). Each run is a fresh process
// (a fresh browser for Chromium). MB/s is the file's size over the wall
// time: of the whole process for Node and native (start-up included), from
// "file handed over" to "last byte out" in Chromium. Peak memory, twice: the
// peak RSS (GNU time's %M for Node and native; the page's renderer process's
// VmHWM in Chromium, its workers are threads there) and the peak of the same
// process's private memory (sampled, bench/memory.mjs): RSS includes shared
// libraries, which for Chromium is ~100 MiB of its code in every process.
// Worker threads (--jobs) are in the CLI's one process.
// Output is dropped (/dev/null; onOutput in the browser) so the disk is not
// measured. "x JS" is the MB/s over the JavaScript way's in the same
// environment (Node rows against js-node, Chromium rows against js-chromium,
// native against js-node); `auto` has no JavaScript equivalent, so its ratio
// is against the explicit job's JavaScript way, which does less.
//
// Needs: scripts/build.sh (pkg/), `npm ci` in bench/ (papaparse,
// @noble/hashes), scripts/setup.sh (chromium; esbuild in examples/tooling,
// which bundles the JavaScript way for the browser). MB = 10^6 bytes.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { descendants, renderers, sampler } from './memory.mjs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
export const KEY = 'pii-mask benchmark key, 32 bytes';

/** The job the JavaScript way also does: bench/baseline.mjs's JOBS.explicit. */
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
const POLICIES = {
  explicit: EXPLICIT_POLICY,
  notes: { version: 1, default: { op: 'keep' }, auto: false, columns: { notes: { op: 'scrub' } } },
  auto: { version: 1, default: { op: 'keep' }, auto: true, columns: {} },
};
// Which of the JavaScript way's jobs each policy is compared with.
const JS_JOB = { explicit: 'explicit', notes: 'notes', auto: 'explicit' };

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('--sizes', '10,100,1000').split(',').map(Number);
const policies = opt('--policies', 'explicit,notes,auto').split(',');
const jobs = Number(opt('--jobs', String(Math.min(availableParallelism(), 4))));
const runs = Number(opt('--runs', '1'));
const only = new Set(opt('--only', 'js-node,node,native,chromium,js-chromium').split(','));
const asJson = args.includes('--json');
for (const p of policies) if (!POLICIES[p]) throw new Error(`unknown policy ${p}: explicit, notes or auto`);

const work = mkdtempSync(join(tmpdir(), 'pii-mask-bench-'));
const note = (s) => process.stderr.write(s + '\n');

// ------------------------------------------------------------- processes

/**
 * Run a command under GNU time; {wallMs, maxRssKb, privateKb} or {error}.
 * maxRssKb: GNU time's peak RSS; privateKb: the peak of the command's
 * private memory, sampled (worker threads are in the same process).
 */
function timed(cmd, argv, env = {}) {
  const t0 = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%M', cmd, ...argv], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PII_MASK_KEY: KEY, ...env },
  });
  const mem = sampler(() => descendants(child.pid));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-64 << 10)));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const { privateKb } = mem.stop();
      const lines = stderr.trim().split('\n');
      if (status !== 0) return resolve({ error: lines.slice(-3, -1).join(' ').slice(0, 200) || `exit ${status}` });
      resolve({ wallMs, maxRssKb: Number(lines.at(-1)), privateKb });
    });
  });
}

function policyFile(name) {
  const path = join(work, `${name}.json`);
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(POLICIES[name]));
  return path;
}

const cli = join(ROOT, 'pkg', 'cli.js');
const nativeBin = join(ROOT, 'target', 'release', 'pii-mask');
const runners = {
  'js-node': (file, policy) => timed(process.execPath, [join(HERE, 'baseline.mjs'), file, '/dev/null', '--job', JS_JOB[policy]]),
  node: (file, policy, n) => timed(process.execPath, [cli, 'mask', file, '--policy', policyFile(policy), '--jobs', String(n)]),
  native: (file, policy, n) => timed(nativeBin, ['mask', file, '--policy', policyFile(policy), '--jobs', String(n)]),
};

// --------------------------------------------------------------- browser

let browserSetup = null;
async function browser() {
  if (browserSetup) return browserSetup;
  const { serveDir, launchChromium, haveChromium } = await import('../tests/node/page/harness.mjs');
  if (!haveChromium) throw new Error('no chromium (scripts/setup.sh installs it)');
  // The JavaScript way as one classic script for a worker: Papa Parse is
  // not an ES module, so esbuild (pinned in examples/tooling) bundles it.
  const esbuild = join(ROOT, 'examples', 'tooling', 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, [join(HERE, 'browser', 'baseline-worker.mjs'), '--bundle', '--format=iife', `--outfile=${join(ROOT, 'bench', 'browser', 'baseline-worker.bundle.js')}`, '--log-level=warning'], {
    cwd: HERE,
    stdio: 'inherit',
  });
  const server = await serveDir(ROOT);
  browserSetup = { server, launchChromium, origin: `http://127.0.0.1:${server.address().port}` };
  return browserSetup;
}

/** The page's renderer (not Chromium's UI's) peaks, sampled from now: {peak(), stop()}. */
const rendererSampler = () => sampler(() => renderers(process.pid));

let blankFloor = null;
/** A blank page's renderer (about:blank), once: the least any Chromium row can be. */
async function blankPage() {
  if (blankFloor) return blankFloor;
  const { launchChromium } = await browser();
  const b = await launchChromium();
  try {
    await (await b.newPage()).goto('about:blank');
    await new Promise((r) => setTimeout(r, 500));
    blankFloor = rendererSampler().stop();
  } finally {
    await b.close();
  }
  return blankFloor;
}

async function inChromium(file, how) {
  const { origin, launchChromium } = await browser();
  await blankPage();
  const b = await launchChromium();
  try {
    const page = await b.newPage();
    page.on('pageerror', (e) => note(`page error: ${e.message}`));
    await page.goto(`${origin}/bench/browser/matrix.html`);
    await page.setInputFiles('input[type=file]', file);
    // The page's renderer before the job: Chromium's own share of the peak.
    const mem = rendererSampler();
    const before = mem.peak();
    const r = await page.evaluate((h) => window.runJob(h), how);
    const peak = mem.stop();
    return { ...r, maxRssKb: peak.rssKb, privateKb: peak.privateKb, before };
  } catch (e) {
    return { error: String(e.message).split('\n')[0].slice(0, 200) };
  } finally {
    await b.close();
  }
}

runners.chromium = (file, policy, n) => inChromium(file, { kind: 'pii-mask', policy: POLICIES[policy], key: KEY, workers: n });
runners['js-chromium'] = (file, policy) => inChromium(file, { kind: 'js', job: JS_JOB[policy], key: KEY });

// ----------------------------------------------------------------- table

function ensureData(mb) {
  const path = join(HERE, `data-${mb}mb.csv`);
  if (!existsSync(path)) execFileSync(process.execPath, [join(HERE, 'gen.mjs'), String(mb), path], { stdio: 'inherit' });
  return path;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(name, file, policy, n) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const r = await runners[name](file, policy, n);
    if (r.error) return r;
    rs.push(r);
  }
  return { wallMs: median(rs.map((r) => r.wallMs)), maxRssKb: median(rs.map((r) => r.maxRssKb)), privateKb: median(rs.map((r) => r.privateKb)), before: rs[0].before };
}

const CONFIGS = [
  ['js-node', 1, 'JavaScript way, Node'],
  ['node', 1, 'pii-mask CLI (wasm in Node), 1 job'],
  ['node', jobs, `pii-mask CLI (wasm in Node), ${jobs} jobs`],
  ['native', 1, 'pii-mask native, 1 thread'],
  ['native', jobs, `pii-mask native, ${jobs} threads`],
  ['js-chromium', 1, 'JavaScript way, Chromium worker'],
  ['chromium', 1, 'pii-mask in Chromium, 1 worker'],
  ['chromium', jobs, `pii-mask in Chromium, ${jobs} workers`],
];
const BASE = { 'js-node': 'js-node', node: 'js-node', native: 'js-node', chromium: 'js-chromium', 'js-chromium': 'js-chromium' };

if (only.has('native')) execFileSync('cargo', ['build', '--release', '--bin', 'pii-mask'], { cwd: ROOT, stdio: 'inherit' });
const results = [];
for (const mb of sizes) {
  const file = ensureData(mb);
  const bytes = statSync(file).size;
  for (const policy of policies) {
    const js = {};
    for (const [name, n, label] of CONFIGS) {
      if (!only.has(name)) continue;
      const r = await measure(name, file, policy, n);
      const mbps = r.error ? null : bytes / 1e6 / (r.wallMs / 1000);
      if (name.startsWith('js-')) js[name] = mbps;
      const base = js[BASE[name]];
      const row = { mb, bytes, policy, config: label, mbps, ratio: mbps && base ? mbps / base : null, peakMiB: r.error ? null : r.maxRssKb / 1024, privateMiB: r.error ? null : r.privateKb / 1024, error: r.error };
      if (r.before) row.beforeMiB = { rss: r.before.rssKb / 1024, private: r.before.privateKb / 1024 };
      results.push(row);
      note(r.error ? `${mb} MB ${policy} ${label}: failed: ${r.error}` : `${mb} MB ${policy} ${label}: ${mbps.toFixed(1)} MB/s, RSS ${row.peakMiB.toFixed(0)} MiB, private ${row.privateMiB.toFixed(0)} MiB`);
    }
  }
}
browserSetup?.server.close();

const chromiumVersion = (() => {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'chromium: not found';
  }
})();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${chromiumVersion}; ${runs} run(s) each${runs > 1 ? ', median' : ''}`;
if (asJson) {
  const blank = blankFloor && { rss: blankFloor.rssKb / 1024, private: blankFloor.privateKb / 1024 };
  console.log(JSON.stringify({ machine, blankPageMiB: blank, results }, null, 2));
} else {
  console.log(`\n${machine}. MB = 10^6 bytes.\n`);
  console.log('| file | policy | configuration | MB/s | x JS | peak RSS MiB | peak private MiB |');
  console.log('|---:|---|---|---:|---:|---:|---:|');
  for (const r of results) {
    const f = (v, d) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(d));
    console.log(`| ${r.mb} MB | ${r.policy} | ${r.config} | ${r.error ? 'failed' : f(r.mbps, 1)} | ${f(r.ratio, 1)} | ${f(r.peakMiB, 0)} | ${f(r.privateMiB, 0)} |`);
  }
  const before = results.map((r) => r.beforeMiB).filter(Boolean);
  if (blankFloor) {
    const range = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
    console.log(
      `\nChromium rows: the page's renderer process (its workers are threads in it). Floors: a blank page's renderer, ` +
        `${(blankFloor.rssKb / 1024).toFixed(0)} MiB RSS (mostly Chromium's code, shared with its other processes), ` +
        `${(blankFloor.privateKb / 1024).toFixed(0)} MiB private; the benchmark's page loaded, before the job, ` +
        `${range(before.map((b) => b.rss))} MiB RSS, ${range(before.map((b) => b.private))} MiB private.`,
    );
  }
}
