#!/usr/bin/env node
// The page in headless Chromium (Debian's, via playwright-core): time from
// "file chosen" to "preview shown", and end-to-end MB/s of masking a whole
// file through the page's Web Worker with the scanner's suggested operators
// (what the page presets; the same as `--auto` for columns classified from
// the first 1000 rows). Not a test: nothing here runs in CI.
//
//   bash scripts/build.sh                       # www/pkg/
//   node bench/gen.mjs 100 /tmp/page-bench-100mb.csv   # or let this script make it
//   node bench/browser.mjs [FILE.csv] [--runs N] [--save]
//   node bench/browser.mjs --wide 100000 [--rows 20] [--www DIR]
//
// --save also downloads the masked file (Blob path) and reports its size.
// --wide N makes a file N columns wide (an email column every 1,000) and
// times file chosen -> preview painted, then operator changes: the change
// painted, and the preview back (the page defers it for very wide files),
// and the longest task on the page's main thread during each (long tasks:
// over 50 ms; the tab answers no input meanwhile). --www serves another copy
// of the page (e.g. an older commit's www/ with this build's pkg/).
// MB = 10^6 bytes.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { haveChromium, launchChromium, serveDir, CHROMIUM } from '../tests/node/page/harness.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const runs = Number(flag('--runs') ?? 3);
const wide = flag('--wide');
const wideRows = Number(flag('--rows') ?? 20);
const www = flag('--www') ?? join(ROOT, 'www');
const save = args.includes('--save') && args.splice(args.indexOf('--save'), 1);
const file = args[0] ?? '/tmp/page-bench-100mb.csv';

if (!haveChromium) throw new Error(`${CHROMIUM} not found`);
if (!existsSync(join(ROOT, 'www/pkg/pii_mask_bg.wasm'))) throw new Error('www/pkg/ missing: run scripts/build.sh');
if (wide) {
  await benchWide(Number(wide), wideRows);
  process.exit(0);
}
if (!existsSync(file)) {
  console.error(`generating ${file} (100 MB)…`);
  execFileSync(process.execPath, [join(ROOT, 'bench/gen.mjs'), '100', file], { stdio: 'inherit' });
}
const size = statSync(file).size;

const server = await serveDir(join(ROOT, 'www'));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const fresh = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(`${origin}/`);
    await page.waitForSelector('pii-mask-panel[ready]');
    return page;
  };
  // Time from the choice (click or file input change) to the preview painted,
  // on the page's clock: the page's User Timing measure. "cold": the first
  // file in a freshly loaded page (the wasm's detectors are built on first
  // use); "warm": the next one.
  const measured = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').at(-1)?.duration, name);
  const chosen = async (page, choose) => {
    await page.evaluate(() => performance.clearMeasures());
    await choose();
    await page.waitForFunction(() => performance.getEntriesByName('pii-mask:preview-painted', 'measure').length > 0, null, { timeout: 60_000 });
    return measured(page, 'pii-mask:preview-painted');
  };
  const r = { sampleCold: [], sampleWarm: [], bigCold: [], bigWarm: [], mask: [] };
  let page;
  for (let i = 0; i < runs; i++) {
    page = await fresh();
    r.sampleCold.push(await chosen(page, () => page.click('#sample')));
    r.sampleWarm.push(await chosen(page, () => page.click('#sample')));
    await page.close();
    page = await fresh();
    r.bigCold.push(await chosen(page, () => page.setInputFiles('#file', file)));
    r.bigWarm.push(await chosen(page, () => page.setInputFiles('#file', file)));
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.click('#run-btn');
    if (i === 0) {
      // A look at the progress display, for a human (test-output/ is git-ignored).
      await page.waitForTimeout(700);
      await page.locator('#run').scrollIntoViewIfNeeded();
      mkdirSync(join(ROOT, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-output/page-running.png') });
    }
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 600_000 });
    const runMs = await measured(page, 'pii-mask:run');
    const t = { runMs, mbPerSec: size / 1e6 / (runMs / 1000) };
    r.mask.push(t.mbPerSec);
    const long = await page.evaluate(() => window.__longTasks);
    r.longTasks = Math.max(r.longTasks ?? 0, long.length);
    r.longest = Math.max(r.longest ?? 0, ...long, 0);
    console.error(`run ${i + 1}: masking ${(t.runMs / 1000).toFixed(2)} s = ${t.mbPerSec.toFixed(1)} MB/s`);
    if (i < runs - 1) await page.close();
  }
  let saved = '';
  if (save) {
    const t0 = Date.now();
    // Where the residual check found personal data, the page asks first.
    const button = (await page.isVisible('#residual')) ? '#download-anyway' : '#download';
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const path = await dl.path();
    saved = `\nmasked file: ${(statSync(path).size / 1e6).toFixed(1)} MB, download handed over in ${Date.now() - t0} ms`;
  }
  const ops = await page.$$eval('select.op-select', (els) => els.map((s) => `${s.dataset.column}=${s.value}`).join(' '));
  const ms = (xs) => `${median(xs).toFixed(0)} ms`;
  console.log(
    `chromium ${browser.version()}, ${runs} runs, medians; file chosen -> preview painted:\n` +
      `  sample.csv (6 kB, fetch included): cold ${ms(r.sampleCold)}, warm ${ms(r.sampleWarm)}\n` +
      `  ${file} (${(size / 1e6).toFixed(1)} MB): cold ${ms(r.bigCold)}, warm ${ms(r.bigWarm)}\n` +
      `masking the whole file through the worker, end to end: ${median(r.mask).toFixed(1)} MB/s ` +
      `(min ${Math.min(...r.mask).toFixed(1)}, max ${Math.max(...r.mask).toFixed(1)})\n` +
      `main thread while masking: at most ${r.longTasks} long tasks (> 50 ms) per run, the longest ${r.longest.toFixed(0)} ms\n` +
      `operators: ${ops}` +
      saved,
  );
} finally {
  await browser.close();
  server.close();
}

async function benchWide(width, rows) {
  const isEmail = (i) => i % 1000 === 7;
  const head = Array.from({ length: width }, (_, i) => (isEmail(i) ? `email${i}` : `c${i}`)).join(',');
  const body = Array.from({ length: rows }, (_, r) => Array.from({ length: width }, (_, i) => (isEmail(i) ? `u${r}.${i}@example.com` : String((r * i) % 97))).join(','));
  const buffer = Buffer.from(`${head}\n${body.join('\n')}\n`);
  const server = await serveDir(www);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    // The longest long task since the last call (0 when none).
    const longest = () => page.evaluate(() => Math.max(0, ...window.__longTasks.splice(0)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('pii-mask-panel[ready]');
    await page.waitForTimeout(1000); // the warm-up
    await longest();
    // From a path: a buffer would be decoded by playwright's script in the page, a long task of its own.
    const path = join(tmpdir(), `pii-mask-wide-${width}x${rows}.csv`);
    writeFileSync(path, buffer);
    await page.setInputFiles('#file', path);
    await page.waitForFunction(() => performance.getEntriesByName('pii-mask:preview-painted', 'measure').length > 0, null, { timeout: 300_000 });
    const load = await page.evaluate(() => performance.getEntriesByName('pii-mask:preview-painted', 'measure').at(-1).duration);
    const loadLongest = await longest();
    const changes = [];
    for (const [i, op] of [[7, 'redact'], [8, 'drop'], [7, 'mask'], [3, 'hash'], [3, 'keep']]) {
      // On the page's clock: the select's change handled, the next frame painted, the preview back.
      const t = await page.evaluate(
        ([i, op]) =>
          new Promise((resolve) => {
            const select = document.querySelector('pii-mask-panel').shadowRoot.querySelector(`select.op-select[data-index="${i}"]`);
            const t0 = performance.now();
            select.value = op;
            select.dispatchEvent(new Event('change'));
            requestAnimationFrame(() =>
              setTimeout(() => {
                const painted = performance.now() - t0;
                const back = () =>
                  document.querySelector('pii-mask-panel').shadowRoot.getElementById('preview-summary').textContent.startsWith('Updating') ? setTimeout(back, 20) : resolve({ painted, back: performance.now() - t0 });
                back();
              }),
            );
          }),
        [i, op],
      );
      changes.push({ ...t, longest: await longest() });
    }
    const ms = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `chromium ${browser.version()}, ${width.toLocaleString('en')} columns x ${rows} rows (${(buffer.length / 1e6).toFixed(1)} MB):\n` +
        `  file chosen -> preview painted: ${load.toFixed(0)} ms, longest main-thread task ${loadLongest.toFixed(0)} ms\n` +
        `  operator change -> painted: ${ms(changes.map((c) => c.painted))} ms\n` +
        `  operator change -> preview back: ${ms(changes.map((c) => c.back))} ms\n` +
        `  longest main-thread task per change: ${ms(changes.map((c) => c.longest))} ms`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}
