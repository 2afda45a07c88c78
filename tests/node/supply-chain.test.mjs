// Supply chain (SUPPLY_CHAIN.md): the published npm package has no runtime
// dependencies, every crate in the wasm build's dependency tree has been
// reviewed (it is in SUPPLY_CHAIN.md's table, at the same version), the
// package and the page ship the licence notices of every crate compiled into
// the .wasm and of the embedded data (THIRD_PARTY_NOTICES.md, written by
// scripts/notices.mjs), and the lock files are committed. No network: cargo
// runs with --offline --locked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'SUPPLY_CHAIN.md';
const BEGIN = '<!-- supply-chain:wasm-crates:begin -->';
const END = '<!-- supply-chain:wasm-crates:end -->';
const NOTICES = 'THIRD_PARTY_NOTICES.md';
const DEP_KEYS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'];

const read = (rel) => readFileSync(join(ROOT, rel), 'utf8');
const readJson = (rel) => JSON.parse(read(rel));

/** `name version` of every crate in the wasm build's normal dependency tree. */
function wasmTree() {
  let out;
  try {
    out = execFileSync(
      'cargo',
      ['tree', '-e', 'normal', '--target', 'wasm32-unknown-unknown', '--prefix', 'none', '--format', '{p}', '--offline', '--locked'],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    throw new Error(
      `cargo tree failed (Cargo.lock out of date with Cargo.toml, or crates not fetched yet: run scripts/setup.sh or cargo fetch):\n${e.stderr || e.message}`,
    );
  }
  const crates = new Set();
  for (const line of out.split('\n')) {
    // "name vX.Y.Z", then maybe " (proc-macro)", " (/path)" for a path crate, " (*)".
    const m = line.trim().match(/^(\S+) v(\S+)(.*)$/);
    if (!m) continue;
    if (/\((?:\/|[A-Za-z]:\\)/.test(m[3])) continue; // the project itself (a path crate)
    crates.add(`${m[1]} ${m[2]}`);
  }
  return crates;
}

/** The rows of the reviewed-crates table in SUPPLY_CHAIN.md: `name version` -> its Where cell. */
function reviewedRows() {
  const text = read(DOC);
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  assert.ok(from >= 0 && to > from, `${DOC} has the table between ${BEGIN} and ${END}`);
  const rows = new Map();
  for (const line of text.slice(from + BEGIN.length, to).split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const name = cells[0]?.replace(/`/g, '');
    const version = cells[1]?.replace(/^v/, '');
    if (!name || !/^\d+\.\d+\.\d+/.test(version ?? '')) continue; // header and separator rows
    rows.set(`${name} ${version}`, cells[2] ?? '');
  }
  return rows;
}

/** `name version` of every row of the reviewed-crates table in SUPPLY_CHAIN.md. */
const reviewedCrates = () => new Set(reviewedRows().keys());

test('the published npm package (pkg/, made by scripts/build.sh) has no runtime dependencies', (t) => {
  // The package.json that scripts/build.sh writes: check its template, so the
  // test holds without a build...
  const build = read('scripts/build.sh');
  const template = build.match(/const pkg = \{([\s\S]*?)\n\};/);
  assert.ok(template, 'scripts/build.sh writes pkg/package.json from a `const pkg = {...};` literal');
  for (const key of DEP_KEYS) {
    assert.ok(!new RegExp(`\\b${key}\\s*:`).test(template[1]), `scripts/build.sh's pkg/package.json declares no ${key}`);
  }
  // ...and the built one, when there is a build.
  if (existsSync(join(ROOT, 'pkg/package.json'))) {
    const pkg = readJson('pkg/package.json');
    assert.equal(pkg.name, 'pii-mask');
    for (const key of DEP_KEYS) assert.equal(pkg[key], undefined, `pkg/package.json has no ${key}`);
  } else {
    t.diagnostic('pkg/ is not built: checked the template in scripts/build.sh only');
  }
  // The repo root and bench/ are private workspaces with dev tooling only.
  for (const rel of ['package.json', 'bench/package.json']) {
    const pkg = readJson(rel);
    assert.equal(pkg.private, true, `${rel} is private (never published)`);
    for (const key of DEP_KEYS) assert.equal(pkg[key], undefined, `${rel} has devDependencies only, no ${key}`);
  }
});

test(`every crate in the wasm build's dependency tree is reviewed in ${DOC}`, () => {
  const tree = wasmTree();
  const doc = reviewedCrates();
  assert.ok(tree.size > 0, 'cargo tree listed crates');
  const unreviewed = [...tree].filter((c) => !doc.has(c)).sort();
  const stale = [...doc].filter((c) => !tree.has(c)).sort();
  assert.ok(
    unreviewed.length === 0 && stale.length === 0,
    `the wasm build's crates differ from the reviewed table in ${DOC}.\n` +
      (unreviewed.length ? `  In the build, not in ${DOC}: ${unreviewed.join(', ')}\n` : '') +
      (stale.length ? `  In ${DOC}, not in the build: ${stale.join(', ')}\n` : '') +
      `Review the change (see "How to redo the review" in ${DOC}), then update ${DOC}'s table to match.`,
  );
});

test(`the package and the page ship the licence notices of every crate in the .wasm and of its data (${NOTICES})`, (t) => {
  // scripts/build.sh lists the file in pkg/package.json's "files" (npm packs
  // only what "files" names, besides README, LICENSE and package.json)...
  const build = read('scripts/build.sh');
  const files = build.match(/const pkg = \{[\s\S]*?\bfiles:\s*\[([\s\S]*?)\]/);
  assert.ok(files, "scripts/build.sh's pkg/package.json template has a files list");
  assert.ok(files[1].includes(`"${NOTICES}"`), `scripts/build.sh lists ${NOTICES} in pkg/package.json's files`);
  if (!existsSync(join(ROOT, 'pkg/package.json'))) {
    t.diagnostic(`pkg/ is not built: checked the template in scripts/build.sh only`);
    return;
  }
  // ...and the built package has it, listed, with every crate compiled into
  // the .wasm: the wasm build's tree less the crates SUPPLY_CHAIN.md's table
  // says run only on the build machine (proc-macros and their dependencies).
  const rebuild = 'run scripts/build.sh (it writes the notices with scripts/notices.mjs)';
  assert.ok(readJson('pkg/package.json').files?.includes(NOTICES), `pkg/package.json lists ${NOTICES} in files: ${rebuild}`);
  assert.ok(existsSync(join(ROOT, 'pkg', NOTICES)), `pkg/${NOTICES} exists: ${rebuild}`);
  const packed = JSON.parse(
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--dry-run', '--json', '--loglevel=error', join(ROOT, 'pkg')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  assert.ok(packed[0].files.some((f) => f.path === NOTICES), `npm pack of pkg/ includes ${NOTICES}`);
  const notices = read(`pkg/${NOTICES}`);
  const rows = reviewedRows();
  const inWasm = [...wasmTree()].filter((c) => rows.get(c) !== 'build machine').sort();
  assert.ok(inWasm.length > 0, 'the .wasm has crates');
  const sections = new Map(); // `name version` -> its text, up to the next heading
  for (const m of notices.matchAll(/^### `([^`]+)` (\S+)\n([\s\S]*?)(?=^##)/gm)) sections.set(`${m[1]} ${m[2]}`, m[3]);
  const missing = inWasm.filter((c) => !sections.has(c));
  const extra = [...sections.keys()].filter((c) => !inWasm.includes(c));
  assert.ok(
    missing.length === 0 && extra.length === 0,
    `pkg/${NOTICES} does not list the crates compiled into the .wasm.\n` +
      (missing.length ? `  Missing: ${missing.join(', ')}\n` : '') +
      (extra.length ? `  Not in the .wasm: ${extra.join(', ')}\n` : '') +
      `Rebuild: ${rebuild}. If that does not fix it, scripts/notices.mjs and ${DOC}'s Where column disagree.`,
  );
  for (const [crate, body] of sections) {
    assert.match(body, /^`{3,}text\n[\s\S]*?(Permission|Redistribution)[\s\S]*?\n`{3,}$/m, `pkg/${NOTICES} gives a licence text for ${crate}`);
  }
  for (const needle of ['GeoNames, geonames.org', 'CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/', 'public domain', 'Copyright (c) 2016 widdix GmbH']) {
    assert.ok(notices.includes(needle), `pkg/${NOTICES} has the embedded data's notices (${needle})`);
  }
  // The page serves the same package (www/pkg/ is a copy of pkg/).
  assert.ok(existsSync(join(ROOT, 'www/pkg', NOTICES)), `www/pkg/${NOTICES} exists: ${rebuild}`);
  assert.equal(read(`www/pkg/${NOTICES}`), notices, `www/pkg/${NOTICES} is the same as pkg/'s: ${rebuild}`);
});

test('versions are pinned: wasm-bindgen with =, npm devDependencies exact and matching their lock files', () => {
  const cargoToml = read('Cargo.toml');
  const pin = cargoToml.match(/^wasm-bindgen\s*=\s*(?:"=([^"]+)"|\{[^}]*version\s*=\s*"=([^"]+)")/m);
  assert.ok(pin, 'Cargo.toml pins wasm-bindgen with "=" (wasm-bindgen-cli must match it exactly)');
  const locked = read('Cargo.lock').match(/^name = "wasm-bindgen"\nversion = "([^"]+)"/m);
  assert.ok(locked, 'Cargo.lock has wasm-bindgen');
  assert.equal(locked[1], pin[1] ?? pin[2], 'Cargo.lock has the pinned wasm-bindgen version');

  for (const dir of ['', 'bench/', 'examples/tooling/']) {
    const pkg = readJson(`${dir}package.json`);
    const lock = readJson(`${dir}package-lock.json`);
    const devDeps = pkg.devDependencies ?? {};
    assert.deepEqual(lock.packages[''].devDependencies ?? {}, devDeps, `${dir}package-lock.json matches ${dir}package.json`);
    for (const [name, version] of Object.entries(devDeps)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${dir}package.json: ${name} is an exact version, not a range`);
      const entry = lock.packages[`node_modules/${name}`];
      assert.equal(entry?.version, version, `${dir}package-lock.json locks ${name} at ${version}`);
      assert.match(entry.integrity ?? '', /^sha512-/, `${dir}package-lock.json has a sha512 integrity for ${name}`);
    }
  }
});

test('the lock files are tracked by git', (t) => {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    t.skip('not a git checkout');
    return;
  }
  for (const lock of ['Cargo.lock', 'package-lock.json', 'bench/package-lock.json', 'examples/tooling/package-lock.json', 'fuzz/Cargo.lock']) {
    try {
      execFileSync('git', ['ls-files', '--error-unmatch', lock], { cwd: ROOT, stdio: 'ignore' });
    } catch {
      assert.fail(`${lock} is not tracked by git: commit it`);
    }
  }
});
