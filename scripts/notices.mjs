#!/usr/bin/env node
// Writes THIRD_PARTY_NOTICES.md for the npm package (scripts/build.sh runs it
// into pkg/): every crate compiled into pii_mask_bg.wasm with its version,
// licence expression, repository and the licence text(s) it ships, then the
// Rust standard library and the embedded data (src/detect/data/LICENSES.md).
//
//   node scripts/notices.mjs pkg/THIRD_PARTY_NOTICES.md   # or no argument: stdout
//
// The crates are those of `cargo tree -e normal --target wasm32-unknown-unknown`
// less proc-macros and everything only they depend on (they run in the
// compiler on the build machine and are not in the .wasm): the rows of
// SUPPLY_CHAIN.md's table marked wasm32 or both. cargo tree gives each one's
// licence expression and repository; its licence files are read from its
// source directory in the cargo registry ($CARGO_HOME/registry/src/*/NAME-VERSION,
// there after `cargo fetch` or any `cargo build`). Not `cargo metadata`: it
// wants every package of Cargo.lock, dev-dependencies included, on disk, which
// a build for wasm32 does not download. No network: cargo runs with --offline
// --locked. The output is sorted and holds no path, date or machine name, so
// the same Cargo.lock, toolchain and data give the same bytes.
//
// Which text: where a crate offers a choice (MIT OR Apache-2.0, Unlicense OR
// MIT) the MIT licence is used and only its text is given (an alternative only
// if the crate ships no MIT text, and the file says so); an AND (e.g.
// unicode-ident's "(MIT OR Apache-2.0) AND Unicode-3.0") needs every part.
// A licence file is recognised by its text, not its name. When a crate ships
// no file holding the text of the licence chosen (nor of an alternative), the
// script fails and names the crate: it never writes a licence text itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGET = 'wasm32-unknown-unknown';
const DATA_NOTICES = 'src/detect/data/LICENSES.md';

function fail(message) {
  process.stderr.write(`notices.mjs: ${message}\n`);
  process.exit(1);
}

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  } catch (e) {
    fail(
      `${cmd} ${args.join(' ')} failed (Cargo.lock out of date, or the crates not fetched yet: ` +
        `run \`cargo fetch\` or \`cargo build --target ${TARGET}\`):\n${e.stderr || e.message}`,
    );
  }
}

/**
 * Every crate compiled for wasm32 (proc-macro subtrees left out), sorted:
 * { name, version, license, repository }, and the project's own version.
 */
function wasmCrates() {
  const out = run('cargo', [
    'tree', '-e', 'normal', '--target', TARGET, '--prefix', 'depth', '--no-dedupe',
    '--format', '{p}\t{l}\t{r}', '--offline', '--locked',
  ]);
  const crates = new Map();
  let own;
  let macroDepth = Infinity; // inside a proc-macro's subtree while depth > macroDepth
  for (const line of out.split('\n')) {
    const m = line.match(/^(\d+)(\S+) v(\S+)(.*?)\t(.*?)\t(.*)$/);
    if (!m) continue;
    const [, d, name, version, note, license, repository] = m;
    const depth = Number(d);
    if (depth > macroDepth) continue;
    macroDepth = Infinity;
    if (/\(proc-macro\)/.test(note)) {
      macroDepth = depth;
      continue;
    }
    if (depth === 0) {
      own = version;
      continue;
    }
    if (/\((?:\/|[A-Za-z]:\\)/.test(note)) continue; // a path crate: the project's own code
    if (note.trim()) fail(`${name} ${version} ${note.trim()}: not from a registry, scripts/notices.mjs cannot find its licence files`);
    crates.set(`${name} ${version}`, { name, version, license: license.trim() || null, repository: repository.trim() || null });
  }
  if (crates.size === 0) fail('cargo tree listed no crate for the wasm build');
  const sorted = [...crates.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0,
  );
  return { own, crates: sorted };
}

/** The crate's source directory in the cargo registry, or null. */
function sourceDir({ name, version }) {
  const src = join(process.env.CARGO_HOME || join(homedir(), '.cargo'), 'registry', 'src');
  let registries = [];
  try {
    registries = readdirSync(src).sort();
  } catch {
    return null;
  }
  for (const r of registries) {
    const dir = join(src, r, `${name}-${version}`);
    if (existsSync(join(dir, 'Cargo.toml'))) return dir;
  }
  return null;
}

/** authors and license-file from the [package] section of a crate's Cargo.toml. */
function manifestFields(dir) {
  const toml = readFileSync(join(dir, 'Cargo.toml'), 'utf8');
  const section = toml.match(/^\[package\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m)?.[1] ?? '';
  const str = (s) => (s.startsWith('"') ? JSON.parse(s) : s.slice(1, -1));
  const authors = [...(section.match(/^authors\s*=\s*\[([\s\S]*?)\]/m)?.[1] ?? '').matchAll(/"(?:[^"\\]|\\.)*"|'[^']*'/g)].map((m) => str(m[0]));
  const licenseFile = section.match(/^license-file\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')/m)?.[1];
  return { authors, licenseFile: licenseFile ? str(licenseFile) : null };
}

// --- licence expressions --------------------------------------------------

/** Parses an SPDX expression ("MIT OR Apache-2.0", old "MIT/Apache-2.0") to a tree. */
function parseExpression(expr) {
  const tokens = expr.replace(/\//g, ' OR ').match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i]?.toUpperCase();
  function atom() {
    if (tokens[i] === '(') {
      i++;
      const inner = or();
      if (tokens[i++] !== ')') throw new Error(`unbalanced brackets in "${expr}"`);
      return inner;
    }
    const id = tokens[i++];
    if (!id || ['AND', 'OR', 'WITH', ')'].includes(id.toUpperCase())) throw new Error(`cannot read "${expr}"`);
    if (peek() === 'WITH') {
      i++;
      return { id, exception: tokens[i++] };
    }
    return { id };
  }
  function and() {
    const parts = [atom()];
    while (peek() === 'AND') (i++, parts.push(atom()));
    return parts.length === 1 ? parts[0] : { and: parts };
  }
  function or() {
    const parts = [and()];
    while (peek() === 'OR') (i++, parts.push(and()));
    return parts.length === 1 ? parts[0] : { or: parts };
  }
  const tree = or();
  if (i !== tokens.length) throw new Error(`cannot read "${expr}"`);
  return tree;
}

// How a licence's text starts or what only it says (any line breaks). A file
// may hold several.
const says = (phrase) => new RegExp(phrase.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+'), 'i');
const SIGNATURES = Object.fromEntries(
  Object.entries({
    MIT: ['Permission is hereby granted, free of charge, to any person obtaining a copy'],
    'Apache-2.0': ['Apache License Version 2.0', 'TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION'],
    'BSD-3-Clause': ['Redistribution and use in source and binary forms', 'endorse or promote'],
    'BSD-2-Clause': ['Redistribution and use in source and binary forms', '!endorse or promote'],
    Unlicense: ['This is free and unencumbered software released into the public domain'],
    'Unicode-3.0': ['UNICODE LICENSE V3'],
    ISC: ['Permission to use, copy, modify, and/or distribute this software for any purpose'],
    Zlib: ["This software is provided 'as-is'", 'must not be misrepresented'],
    'CC0-1.0': ['CC0 1.0 Universal'],
  }).map(([id, phrases]) => {
    const tests = phrases.map((ph) => (ph.startsWith('!') ? { re: says(ph.slice(1)), not: true } : { re: says(ph) }));
    return [id, (t) => tests.every(({ re, not }) => re.test(t) !== Boolean(not))];
  }),
);
// Among alternatives, the first of these that the crate ships a text for.
const PREFERENCE = ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', 'ISC', 'Zlib', 'Unlicense', 'CC0-1.0', 'Unicode-3.0'];
const rank = (id) => (PREFERENCE.includes(id) ? PREFERENCE.indexOf(id) : PREFERENCE.length);
// A file's name that says which licence it holds (LICENSE-MIT, LICENSE-APACHE).
const NAME_HINT = { MIT: /MIT/i, 'Apache-2.0': /APACHE/i, 'Unicode-3.0': /UNICODE/i, Unlicense: /UNLICEN[CS]E/i };

/** Licence ids to give texts for (null when the crate ships no text for some part). */
function choose(node, has) {
  if (node.id) return has(node.id) ? [node.id] : null;
  if (node.and) {
    const parts = node.and.map((n) => choose(n, has));
    return parts.includes(null) ? null : [...new Set(parts.flat())];
  }
  const options = node.or.map((n) => choose(n, has)).filter(Boolean);
  options.sort((a, b) => a.length - b.length || Math.min(...a.map(rank)) - Math.min(...b.map(rank)));
  return options[0] ?? null;
}

/** The licence-like files next to a crate's Cargo.toml, with what they hold. */
function licenceFiles(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  return names
    .filter((n) => /^(LICEN[CS]E|COPYING|UNLICEN[CS]E|NOTICE|COPYRIGHT)/i.test(n))
    .filter((n) => statSync(join(dir, n)).isFile())
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').trimEnd();
      const holds = Object.keys(SIGNATURES).filter((id) => SIGNATURES[id](text));
      return { name, text, holds };
    });
}

const hasCopyrightLine = (text) => /^\s*(copyright\b|\(c\)|©)/im.test(text);

function fence(text) {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((s) => s.length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${text}\n${f}`;
}

// --- the crates -------------------------------------------------------------

const { own, crates } = wasmCrates();
const problems = [];
const entries = [];
for (const crate of crates) {
  const key = `${crate.name} ${crate.version}`;
  const dir = sourceDir(crate);
  if (!dir) {
    problems.push(`${key}: its source is not in the cargo registry (run \`cargo fetch\`; vendored sources are not supported)`);
    continue;
  }
  const p = { ...crate, ...manifestFields(dir) };
  const files = licenceFiles(dir);
  const found = files.map((f) => `${f.name}${f.holds.length ? ` (${f.holds.join(', ')})` : ''}`).join(', ') || 'none';
  let texts = [];
  let used;
  if (p.license) {
    let tree;
    try {
      tree = parseExpression(p.license);
    } catch (e) {
      problems.push(`${key}: licence "${p.license}": ${e.message}`);
      continue;
    }
    const ids = choose(tree, (id) => files.some((f) => f.holds.includes(id)));
    if (!ids) {
      problems.push(
        `${key} (licence "${p.license}") ships no file with the text of its licence (licence files found: ${found}). ` +
          `Its notice must ship with the .wasm: review the crate and get its licence text before releasing.`,
      );
      continue;
    }
    used = ids.join(' AND ');
    for (const id of ids.sort((a, b) => rank(a) - rank(b))) {
      let holding = files.filter((f) => f.holds.includes(id));
      const named = holding.filter((f) => NAME_HINT[id]?.test(f.name));
      if (named.length) holding = named;
      texts.push(...holding);
    }
  } else if (p.licenseFile) {
    const name = p.licenseFile;
    try {
      const text = readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n').trimEnd();
      texts.push({ name, text, holds: [] });
      used = `the crate's own licence file (${name})`;
    } catch {
      problems.push(`${key}: Cargo.toml names license-file "${name}", which is not in the crate`);
      continue;
    }
  } else {
    problems.push(`${key}: Cargo.toml has neither license nor license-file (licence files found: ${found})`);
    continue;
  }
  // Apache-2.0 §4(d): a NOTICE file travels with the work. Ship any the crate has.
  for (const f of files) if (/^NOTICE/i.test(f.name) && !texts.includes(f)) texts.push(f);
  texts = [...new Set(texts)];
  entries.push({ p, used, texts });
}

if (problems.length) {
  fail(
    `cannot write the third-party notices for the .wasm:\n  ${problems.join('\n  ')}\n` +
      'Nothing was written. See "Third-party notices" in SUPPLY_CHAIN.md.',
  );
}

// --- the file ---------------------------------------------------------------

let dataNotices;
try {
  dataNotices = readFileSync(join(ROOT, DATA_NOTICES), 'utf8').replace(/\r\n?/g, '\n').trim();
} catch {
  fail(`${DATA_NOTICES} is missing: it holds the notices of the data the .wasm embeds`);
}
const rustc = run('rustc', ['--version']).trim().split(/\s+/).slice(0, 2).join(' ');
const cell = (s) => String(s).replace(/\|/g, '\\|');
const repo = (p) => p.repository ?? '(none in its Cargo.toml)';

const out = [];
out.push(
  `# Third-party notices for pii-mask ${own}`,
  '',
  "pii-mask's own code is under the MIT licence in `LICENSE`. `pii_mask_bg.wasm` also holds",
  `code of the ${entries.length} Rust crates below and of the Rust standard library; \`pii_mask_lists.txt\``,
  'holds the name and place lists described under "Data shipped with pii-mask". Their notices follow.',
  '',
  'Where a crate offers a choice of licences ("MIT OR Apache-2.0", "Unlicense OR MIT"), pii-mask',
  'uses it under the MIT licence when the crate ships that text ("Used under" says which), and only',
  'the text of the licence used is given; "AND" means every part applies. Each text is reproduced',
  'as the crate ships it in its source package on crates.io.',
  '',
  'Generated by `scripts/notices.mjs` (run by `scripts/build.sh`) from `Cargo.lock`: the crates of',
  '`cargo tree -e normal --target wasm32-unknown-unknown` other than proc-macros and what only they',
  'use, which run in the compiler and are not in the .wasm.',
  '',
  `## Rust crates compiled into pii_mask_bg.wasm (${entries.length})`,
  '',
  '| Crate | Version | Licence | Used under | Repository |',
  '|---|---|---|---|---|',
  ...entries.map(({ p, used }) => `| \`${p.name}\` | ${p.version} | ${cell(p.license ?? 'see its licence file')} | ${cell(used)} | ${cell(repo(p))} |`),
  '',
);
for (const { p, used, texts } of entries) {
  out.push(`### \`${p.name}\` ${p.version}`, '');
  out.push(`- Licence: ${p.license ?? 'see its licence file'}; used under ${used}`);
  out.push(`- Repository: ${repo(p)}`);
  if (p.authors?.length) out.push(`- Authors (its Cargo.toml): ${p.authors.join(', ')}`);
  const noCopyright = texts.filter((t) => t.holds.includes('MIT') && !hasCopyrightLine(t.text));
  if (noCopyright.length) {
    out.push(
      `- Its ${noCopyright.map((t) => t.name).join(', ')} has no copyright line` +
        (p.authors?.length ? '; its authors, as its Cargo.toml names them, are above.' : ', and its Cargo.toml names no authors.'),
    );
  }
  out.push('');
  for (const t of texts) out.push(`${t.name}:`, '', fence(t.text), '');
}
out.push(
  '## The Rust standard library',
  '',
  `\`core\`, \`alloc\` and \`std\`, and the crates they use on wasm32 (such as \`dlmalloc\`, the memory`,
  `allocator, and \`hashbrown\`), come with the Rust toolchain (here ${rustc}), not from crates.io.`,
  'The Rust Standard Library is dual-licensed under Apache 2.0 and MIT terms; copyrights in it are',
  'retained by their contributors (https://github.com/rust-lang/rust, https://thanks.rust-lang.org).',
  'The full notices of the standard library and its dependencies are in `COPYRIGHT-library.html`,',
  'installed with every Rust toolchain in `share/doc/rust/` (`rustc --print sysroot`).',
  '',
  dataNotices,
  '',
);

const text = out.join('\n');
const dest = process.argv[2];
if (dest) {
  const tmp = `${dest}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, dest);
  process.stderr.write(`notices.mjs: ${dest}: ${entries.length} crates, ${Buffer.byteLength(text)} bytes\n`);
} else {
  process.stdout.write(text);
}
