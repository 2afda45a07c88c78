#!/usr/bin/env node
// The page's (www/) memory in headless Chromium while it masks a big file
// the way a user does: file chosen, preview, Run (the scanner's suggested
// operators), output kept in a Blob. Prints the page's renderer process's
// peak RSS and peak private memory (bench/memory.mjs) after each step, and
// those of a blank page's renderer, the floor. Not a test.
//
//   bash scripts/build.sh                       # www/pkg/
//   node bench/page-memory.mjs [FILE.csv] [--www DIR]
//
// FILE defaults to bench/data-100mb.csv (made by bench/gen.mjs when missing).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { haveChromium, launchChromium, serveDir, CHROMIUM } from '../tests/node/page/harness.mjs';
import { renderers, sampler } from './memory.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const www = flag('--www') ?? join(ROOT, 'www');
const file = args[0] ?? join(ROOT, 'bench', 'data-100mb.csv');
if (!haveChromium) throw new Error(`${CHROMIUM} not found`);
if (!existsSync(file)) execFileSync(process.execPath, [join(ROOT, 'bench/gen.mjs'), '100', file], { stdio: 'inherit' });

const mib = ({ rssKb, privateKb }) => `${(rssKb / 1024).toFixed(0)} MiB RSS, ${(privateKb / 1024).toFixed(0)} MiB private`;
const server = await serveDir(www);
const browser = await launchChromium();
try {
  const blank = await browser.newPage();
  await blank.goto('about:blank');
  await blank.waitForTimeout(500);
  console.log(`blank page's renderer: ${mib(sampler(() => renderers(process.pid)).stop())}`);
  await blank.close();

  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('pii-mask-panel[ready]');
  await page.waitForTimeout(1000); // the warm-up
  // From here on only this page's renderer is left to sample.
  const mem = sampler(() => renderers(process.pid));
  console.log(`page loaded: ${mib(mem.peak())}`);
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => performance.getEntriesByName('pii-mask:preview-painted', 'measure').length > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  console.log(`file previewed: ${mib(mem.peak())}`);
  const t0 = Date.now();
  await page.click('#run-btn');
  await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 1_200_000 });
  console.log(`file masked (${((Date.now() - t0) / 1000).toFixed(1)} s): ${mib(mem.stop())}`);
} finally {
  await browser.close();
  server.close();
}
