#!/usr/bin/env bash
# Install everything the build and the tests need on a fresh machine.
# Idempotent: quiet and fast when everything is already there.
#   bash scripts/setup.sh          what the build and the tests need
#   bash scripts/setup.sh build    only what the build needs (steps 1-3)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
command -v node >/dev/null || die "node not found: install Node.js 20 or newer"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || die "Node.js $(node --version) is too old: pii-mask needs Node 20 or newer"

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli (wasm-bindgen + wasm-bindgen-test-runner) at exactly the
#    version of the wasm-bindgen crate in Cargo.lock.
[ -f Cargo.lock ] || { say "cargo generate-lockfile"; cargo generate-lockfile; }
want="$(lock_wasm_bindgen_version)"
[ -n "$want" ] || die "no wasm-bindgen entry in Cargo.lock"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ] || [ "$have_runner" != "$want" ]; then
  say "cargo install wasm-bindgen-cli --version $want (had: ${have:-none}; takes ~2 min)"
  # --locked fails on some machines (a dependency version in its lock file is
  # not served by the registry); fall back to a fresh resolution.
  cargo install wasm-bindgen-cli --version "$want" --locked --force \
    || { say "--locked install failed; retrying without --locked"
         cargo install wasm-bindgen-cli --version "$want" --force; }
  [ "$(wasm-bindgen --version | awk '{print $2}')" = "$want" ] \
    || die "wasm-bindgen on PATH is not $want (is ~/.cargo/bin first on PATH?)"
fi

# 3. npm devDependencies (binaryen's wasm-opt, csv-spectrum, playwright-core,
#    typescript, typedoc for scripts/docs.sh), exact versions from package-lock.json. The stamp keeps a
#    second run from reinstalling.
if [ -f package-lock.json ]; then
  stamp="node_modules/.pii-mask-setup-stamp"
  sum="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    echo "$sum" > "$stamp"
  fi
else
  say "npm install (no package-lock.json yet)"
  npm install --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = build ]; then
  exit 0
fi

# 4. Debian's chromium + chromedriver for browser tests (never a downloaded
#    browser build). Not needed to build or serve, so only CI treats a failure
#    here as fatal.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "apt-get install chromium chromium-driver"
  if ! { as_root apt-get update -qq \
         && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }; then
    if [ "${CI:-}" = true ]; then die "could not install chromium chromium-driver"; fi
    say "warning: could not install chromium; browser tests will not run"
  fi
fi

# 5. cargo-fuzz (pinned) for scripts/fuzz.sh; the nightly toolchain it needs
#    is installed by rustup (fuzz targets build with -Z flags).
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo-fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  say "cargo install cargo-fuzz --version $CARGO_FUZZ_VERSION (takes ~1 min)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked \
    || cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "rustup toolchain install nightly --profile minimal"
  rustup toolchain install nightly --profile minimal
fi

# 6. Debian's nginx for tests/node/deploy.test.mjs (not started as a service:
#    the test runs its own on a loopback port). Only CI treats a failure as fatal.
if [ ! -x /usr/sbin/nginx ]; then
  say "apt-get install nginx"
  if ! { as_root apt-get update -qq \
         && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }; then
    if [ "${CI:-}" = true ]; then die "could not install nginx"; fi
    say "warning: could not install nginx; the deployment test will be SKIPPED"
  fi
fi

# 7. The bundlers the examples are built with (examples/tooling: Vite,
#    webpack, esbuild, Rollup, and Deno from its npm package, at pinned
#    versions), for
#    tests/node/examples.test.mjs. The stamp is the lock's hash (the test
#    checks the same one and installs them itself when it differs).
if [ -f examples/tooling/package-lock.json ]; then
  stamp="examples/tooling/node_modules/.pii-mask-stamp"
  sum="$(sha256sum < examples/tooling/package-lock.json | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    say "npm ci (examples/tooling)"
    (cd examples/tooling && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$sum" > "$stamp"
  fi
fi
