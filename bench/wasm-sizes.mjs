// Where the bytes of the .wasm are: code size per function, summed per crate
// or per module of this crate, from the name section. The package's .wasm has
// none (wasm-opt drops it); read cargo's output, or keep the names through
// the optimiser:
//   cargo build --release --target wasm32-unknown-unknown --lib --no-default-features
//   node bench/wasm-sizes.mjs target/wasm32-unknown-unknown/release/pii_mask.wasm          # per crate
//   node bench/wasm-sizes.mjs FILE.wasm --modules      # pii_mask's modules apart
//   node bench/wasm-sizes.mjs FILE.wasm --functions 50 # the 50 largest functions
// Generic code counts where it was defined (core's sorts, serde's visitors),
// not for the crate that instantiated it. Sizes are raw bytes of code bodies;
// gzip takes about 40% of them.
import { readFileSync } from 'node:fs';

const [file, mode = '--crates', arg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/wasm-sizes.mjs FILE.wasm [--crates | --modules | --functions N]');
  process.exit(2);
}
const buf = readFileSync(file);
let p = 8;
function leb() {
  let r = 0;
  let s = 0;
  let b;
  do {
    b = buf[p++];
    r += (b & 0x7f) * 2 ** s;
    s += 7;
  } while (b & 0x80);
  return r;
}
function name() {
  const n = leb();
  const s = buf.subarray(p, p + n).toString();
  p += n;
  return s;
}

let imported = 0;
const bodies = [];
const names = new Map();
const sections = [];
while (p < buf.length) {
  const id = buf[p++];
  const size = leb();
  const end = p + size;
  const custom = id === 0 ? name() : '';
  sections.push({ id, custom, size });
  if (custom === 'name') {
    while (p < end) {
      const sub = buf[p++];
      const subEnd = leb() + p;
      if (sub === 1) for (let i = leb(); i > 0; i--) names.set(leb(), name());
      p = subEnd;
    }
  } else if (id === 2) {
    for (let i = leb(); i > 0; i--) {
      name();
      name();
      const kind = buf[p++];
      if (kind === 0) {
        leb();
        imported++;
      } else if (kind === 1) {
        p++;
        if (leb() & 1) leb();
        leb();
      } else if (kind === 2) {
        if (leb() & 1) leb();
        leb();
      } else if (kind === 3) p += 2;
      else leb();
    }
  } else if (id === 10) {
    for (let i = leb(); i > 0; i--) {
      const n = leb();
      bodies.push(n);
      p += n;
    }
  }
  p = end;
}
if (names.size === 0) console.error(`${file} has no name section: every function counts as unnamed`);

// Rust's legacy mangling (_ZN...E) read back into a path.
function demangle(n) {
  if (!n.startsWith('_ZN')) return n;
  const parts = [];
  let q = 3;
  while (q < n.length && n[q] !== 'E') {
    const digits = /^\d+/.exec(n.slice(q));
    if (!digits) break;
    q += digits[0].length;
    parts.push(n.slice(q, q + Number(digits[0])));
    q += Number(digits[0]);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  const escapes = { LT: '<', GT: '>', C: ',', RF: '&', BP: '*', u20: ' ', u27: "'", u5b: '[', u5d: ']', u7b: '{', u7d: '}' };
  return parts
    .join('::')
    .replace(/\$([A-Za-z0-9]+)\$/g, (m, e) => escapes[e] ?? m)
    .replace(/\.\./g, '::')
    .replace(/^_</, '<');
}

const fns = bodies.map((size, i) => ({ name: demangle(names.get(i + imported) ?? `(unnamed ${i + imported})`), size }));
const total = bodies.reduce((a, b) => a + b, 0);
const data = sections.filter((s) => s.id === 11).reduce((a, s) => a + s.size, 0);
console.log(`${file}: ${buf.length} bytes; code ${total} in ${bodies.length} functions, data ${data}`);

if (mode === '--functions') {
  fns.sort((a, b) => b.size - a.size);
  for (const f of fns.slice(0, Number(arg) || 40)) console.log(String(f.size).padStart(8), f.name);
} else {
  // The crate is the path's first segment (the self type's in `<T as Trait>`);
  // with --modules, pii_mask's functions count for their module.
  const group = (n) => {
    if (mode === '--modules') {
      const m = /pii_mask::[a-z_0-9]+(?:::[a-z_0-9]+)?/.exec(n);
      if (m) return m[0];
    }
    const c = /^<?&?(?:mut |dyn )?([A-Za-z_][A-Za-z_0-9]*)(?:\[[0-9a-f]+\])?::/.exec(n);
    if (c) return c[1];
    if (/slice::sort/.test(n)) return 'core';
    return n.startsWith('(unnamed') ? '(unnamed)' : '(other)';
  };
  const sums = new Map();
  for (const f of fns) sums.set(group(f.name), (sums.get(group(f.name)) ?? 0) + f.size);
  for (const [g, s] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 60)) {
    console.log(String(s).padStart(8), `${((100 * s) / total).toFixed(1)}%`.padStart(6), g);
  }
}
