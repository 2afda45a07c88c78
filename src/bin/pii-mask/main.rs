//! `pii-mask`, native: the same commands, options, messages, exit codes and
//! output bytes as the Node CLI (js/cli.js), over the library directly. The
//! options and the help come from the core's table (`pii_mask::cli_options`).
//! Native only: on wasm32 (where `cargo test` still builds binaries) it is
//! an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod json;
#[cfg(not(target_arch = "wasm32"))]
mod parts;
#[cfg(not(target_arch = "wasm32"))]
mod roundtrip;
#[cfg(not(target_arch = "wasm32"))]
mod run;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    run::main();
}
