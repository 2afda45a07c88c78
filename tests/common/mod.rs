//! Helpers shared by the integration tests: where the peer projects'
//! conformance data lives, and a small driver for the streaming `Masker`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pii_mask::detect::{find, Entity};
use pii_mask::{Error, MaskOptions, Masker, Policy};
use serde_json::Value;

/// The folder `../shared/conformance/<sub>` beside the repository (override
/// with `PII_MASK_CONFORMANCE_DIR`). When it is absent the caller must skip,
/// and this prints a loud notice so a skip is never mistaken for a pass.
/// With `PII_MASK_REQUIRE_CONFORMANCE=1` absence is a failure instead (CI).
pub fn conformance_dir(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("PII_MASK_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance"));
    let dir = base.join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("PII_MASK_REQUIRE_CONFORMANCE").as_deref() == Ok("1") {
        panic!(
            "PII_MASK_REQUIRE_CONFORMANCE=1 but the conformance data is missing: {}",
            dir.display()
        );
    }
    loud(&format!(
        "\n################################################################\n\
         SKIPPED: ../shared/conformance not found ({})\n\
         These conformance tests did NOT run. Set PII_MASK_REQUIRE_CONFORMANCE=1\n\
         to make this a failure.\n\
         ################################################################\n",
        dir.display()
    ));
    None
}

/// Writes to the real stderr, past the test harness's output capture (which
/// only intercepts the `print!`/`eprint!` macros), so skips and summaries
/// show even when the test passes.
pub fn loud(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON in {}: {e}", path.display()))
}

pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("bad JSON on line {} of {}: {e}", i + 1, path.display()))
        })
        .collect()
}

pub const KEEP_ALL: &str = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{}}"#;

/// Options for one masker run (rebuilt for every run: `MaskOptions` is not
/// assumed to be `Clone`).
#[derive(Clone, Debug)]
pub struct Opts {
    pub key: Option<Vec<u8>>,
    pub delimiter: Option<u8>,
    pub has_header: bool,
    pub allow_ragged: bool,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            key: None,
            delimiter: None,
            has_header: true,
            allow_ragged: false,
        }
    }
}

impl Opts {
    pub fn to_mask_options(&self) -> MaskOptions {
        MaskOptions {
            key: self.key.clone(),
            header: self.has_header.into(),
            csv: pii_mask::CsvOptions {
                delimiter: self.delimiter,
                allow_ragged: self.allow_ragged,
                ..Default::default()
            },
            ..MaskOptions::default()
        }
    }
}

/// Runs `input` through a fresh `Masker`, pushing the pieces between the
/// given cut positions (sorted, deduplicated, clamped to the input length).
/// Returns the whole output and the report as JSON.
pub fn mask_with_cuts(
    policy_json: &str,
    opts: &Opts,
    input: &[u8],
    cuts: &[usize],
) -> Result<(Vec<u8>, Value), Error> {
    let policy = Policy::from_json(policy_json)?;
    let mut masker = Masker::new(policy, opts.to_mask_options())?;
    let mut out = Vec::new();
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(input.len())).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut start = 0;
    for c in cuts {
        masker.push(&input[start..c], &mut out)?;
        start = c;
    }
    masker.push(&input[start..], &mut out)?;
    let report = masker.finish(&mut out)?;
    let report = serde_json::to_value(&report).expect("report serialises");
    Ok((out, report))
}

/// The whole input in one push.
pub fn mask_once(policy_json: &str, opts: &Opts, input: &[u8]) -> Result<(Vec<u8>, Value), Error> {
    mask_with_cuts(policy_json, opts, input, &[])
}

/// The input pushed in pieces of `size` bytes.
pub fn mask_chunked(
    policy_json: &str,
    opts: &Opts,
    input: &[u8],
    size: usize,
) -> Result<(Vec<u8>, Value), Error> {
    let cuts: Vec<usize> = (1..=input.len() / size.max(1))
        .map(|i| i * size.max(1))
        .collect();
    mask_with_cuts(policy_json, opts, input, &cuts)
}

/// Rows as UTF-8 strings, for readable assertions.
pub fn rows_to_strings(rows: &[Vec<Vec<u8>>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect()
        })
        .collect()
}

pub fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// The findings in `text` as (entity, matched text).
pub fn spans(text: &str) -> Vec<(Entity, &str)> {
    find(text)
        .iter()
        .map(|f| (f.entity, &text[f.start..f.end]))
        .collect()
}
