#!/usr/bin/env bash
# Build the wasm and assemble the npm package in pkg/ (and a copy in www/pkg/).
# Needs what scripts/setup.sh installs.
#   WASM_OPT_LEVEL=-Oz bash scripts/build.sh   # smaller, ~1.3x slower (default -O3)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OPT="${WASM_OPT_LEVEL:--O3}"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
want="$(lock_wasm_bindgen_version)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
[ "$have" = "$want" ] || die "wasm-bindgen ${have:-missing}, Cargo.lock wants $want: run scripts/setup.sh"
[ -x "$WASM_OPT" ] || die "node_modules/.bin/wasm-opt missing: run scripts/setup.sh"

# Without the word lists compiled in (the feature `lists`): they go beside
# the .wasm as pii_mask_lists.txt, which the loader fetches (src/detect/lists.rs).
say "cargo build --release --target wasm32-unknown-unknown --no-default-features"
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say "wasm-bindgen --target web"
wasm-bindgen --target web --out-dir "$tmp" --out-name pii_mask \
  target/wasm32-unknown-unknown/release/pii_mask.wasm

say "wasm-opt $OPT"
"$WASM_OPT" "$OPT" "$tmp/pii_mask_bg.wasm" -o "$tmp/pii_mask_bg.opt.wasm"
mv "$tmp/pii_mask_bg.opt.wasm" "$tmp/pii_mask_bg.wasm"

say "pii_mask_lists.txt"
# The format src/detect/lists.rs reads: a version line, then per list its
# name and length in bytes and its text, in the order of lists::NAMES.
{
  echo "pii-mask lists $(crate_version)"
  for n in given_names given_names_ssa surnames surnames_2010 places stopwords; do
    f="src/detect/data/$n.txt"
    echo "@$n $(wc -c < "$f")"
    cat "$f"
  done
} > "$tmp/pii_mask_lists.txt"

say "assemble pkg/"
# Licence notices of the crates and data compiled into the .wasm (fails, before
# pkg/ is touched, when a crate ships no licence text: see SUPPLY_CHAIN.md).
node scripts/notices.mjs "$tmp/THIRD_PARTY_NOTICES.md"
rm -rf pkg
mkdir pkg
cp "$tmp/pii_mask.js" "$tmp/pii_mask.d.ts" "$tmp/pii_mask_bg.wasm" "$tmp/pii_mask_lists.txt" pkg/
cp js/index.js js/node.js js/index.cjs js/index.d.ts js/types.gen.d.ts js/policy.schema.json js/worker.js js/worker-client.js js/worker-client.d.ts js/cli.js pkg/
# The CommonJS entry's types: the same declarations, read as CommonJS by
# TypeScript (a .d.ts in a "type": "module" package is read as ES module).
cp js/index.d.ts pkg/index.d.cts
cp js/types.gen.d.ts pkg/types.gen.d.cts
sed -i "s#'./types.gen.js'#'./types.gen.cjs'#g" pkg/index.d.cts
# <pii-mask-panel>: the page's flow as a custom element (pii-mask/panel).
mkdir pkg/panel
cp js/panel/*.js js/panel/panel.d.ts pkg/panel/
cp js/README.md pkg/README.md
[ -f LICENSE ] && cp LICENSE pkg/
cp "$tmp/THIRD_PARTY_NOTICES.md" pkg/
chmod +x pkg/cli.js
VERSION="$(crate_version)" node --input-type=module -e '
import { writeFileSync } from "node:fs";
const pkg = {
  name: "pii-mask",
  version: process.env.VERSION,
  description: "Mask, hash and pseudonymise personal data (PII) in CSV files on your own machine: WebAssembly for browsers and Node",
  license: "MIT",
  type: "module",
  main: "./index.cjs",
  module: "./index.js",
  browser: "./index.js",
  types: "./index.d.ts",
  // Each environment gets its entry with no configuration. The first key that
  // matches wins: browsers, workers and Deno get index.js (no Node built-in
  // reachable; the .wasm found with new URL(..., import.meta.url), which
  // bundlers follow), the import of Node node.js (reads the .wasm with fs), any
  // require index.cjs (an async init() loads node.js).
  exports: {
    ".": {
      browser: { types: "./index.d.ts", default: "./index.js" },
      worker: { types: "./index.d.ts", default: "./index.js" },
      deno: { types: "./index.d.ts", default: "./index.js" },
      node: {
        import: { types: "./index.d.ts", default: "./node.js" },
        require: { types: "./index.d.cts", default: "./index.cjs" },
      },
      import: { types: "./index.d.ts", default: "./index.js" },
      require: { types: "./index.d.cts", default: "./index.cjs" },
      default: { types: "./index.d.ts", default: "./index.js" },
    },
    "./node": { types: "./index.d.ts", default: "./node.js" },
    "./worker": { types: "./worker-client.d.ts", default: "./worker-client.js" },
    "./worker.js": "./worker.js",
    "./panel": { types: "./panel/panel.d.ts", default: "./panel/panel.js" },
    "./pii_mask_bg.wasm": "./pii_mask_bg.wasm",
    "./pii_mask_lists.txt": "./pii_mask_lists.txt",
    "./policy.schema.json": "./policy.schema.json",
    "./package.json": "./package.json",
  },
  bin: { "pii-mask": "./cli.js" },
  engines: { node: ">=20" },
  files: [
    "index.js", "node.js", "index.cjs", "index.d.ts", "index.d.cts", "types.gen.d.ts", "types.gen.d.cts", "policy.schema.json", "pii_mask.js", "pii_mask.d.ts", "pii_mask_bg.wasm", "pii_mask_lists.txt",
    "worker.js", "worker-client.js", "worker-client.d.ts", "cli.js", "README.md", "LICENSE",
    "THIRD_PARTY_NOTICES.md", "panel/",
  ],
  // Importing these does something: panel.js defines <pii-mask-panel>; the
  // workers start listening (an app that brings its own worker imports
  // worker.js for that alone, which bundlers would drop without this).
  sideEffects: ["./panel/panel.js", "./worker.js", "./panel/core-worker.js"],
  keywords: ["pii", "csv", "mask", "anonymize", "pseudonymize", "gdpr", "wasm", "privacy"],
};
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
'

rm -rf www/pkg
cp -r pkg www/pkg

raw=$(wc -c < pkg/pii_mask_bg.wasm)
gz=$(gzip -9 -c pkg/pii_mask_bg.wasm | wc -c)
lists_gz=$(gzip -9 -c pkg/pii_mask_lists.txt | wc -c)
say "pkg/ ready: pii_mask_bg.wasm $raw bytes raw, $gz bytes gzipped (wasm-opt $OPT); pii_mask_lists.txt $lists_gz bytes gzipped"
