// For the tests that use the package as its users get it: `npm pack` of pkg/
// and an offline `npm install` of that tarball into a fresh project.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PKG } from './helpers.mjs';

export const run = promisify(execFile);
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** Packs pkg/ into `dir`; resolves {tarball (its path), info (npm's JSON: files, size, unpackedSize)}. */
export async function packTarball(dir) {
  mkdirSync(dir, { recursive: true });
  const { stdout } = await run(npm, ['pack', PKG, '--pack-destination', dir, '--json', ...QUIET]);
  const [info] = JSON.parse(stdout);
  return { tarball: join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))), info };
}

/**
 * A fresh project in `dir` (its package.json from `manifest`) with the
 * tarball installed, offline: the package has no dependencies.
 */
export async function installTarball(dir, tarball, manifest = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fresh-project', private: true, ...manifest }, null, 2));
  await run(npm, ['install', '--offline', '--no-save', tarball, ...QUIET], { cwd: dir });
}

/**
 * The files a module reaches by its static imports, re-exports, literal
 * dynamic imports and `new URL('x.js', import.meta.url)` (bundlers follow each
 * of these, the last for workers), from `entry` (a path). Returns
 * {files, specifiers}: every file reached and every specifier that is not a
 * relative path (a package or a `node:` built-in), with the file naming it.
 */
export function importGraph(entry, read) {
  const files = new Set();
  const specifiers = [];
  const pending = [entry];
  const patterns = [
    /\bimport\s+(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:\*|\{[^}]*\}|\*\s+as\s+\w+)\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew\s+URL\(\s*['"]([^'"]+\.m?js)['"]\s*,\s*import\.meta\.url\s*\)/g,
  ];
  while (pending.length > 0) {
    const file = pending.pop();
    if (files.has(file)) continue;
    files.add(file);
    // Comments may mention imports that are not there.
    const text = read(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const re of patterns) {
      for (const [, spec] of text.matchAll(re)) {
        if (spec.startsWith('./') || spec.startsWith('../')) pending.push(join(file, '..', spec));
        else specifiers.push({ spec, file });
      }
    }
  }
  return { files: [...files], specifiers };
}
