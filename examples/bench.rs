//! Native throughput of the masker, for bench/run.mjs (`--native`).
//!
//!   PII_MASK_KEY=... cargo run --release --example bench -- FILE.csv [POLICY.json | --auto] [OUT.csv]
//!
//! Streams FILE through `Masker` in 1 MiB chunks, discards the output (or
//! writes it to OUT.csv, to compare two builds' output byte for byte), and
//! prints one JSON line: {"bytes","rows","ms","mb_per_s","max_rss_kb"}.
//! MB = 10^6 bytes. Not a test: benchmarks are never timed tests.

use std::io::{Read, Write};
use std::time::Instant;

use pii_mask::{MaskOptions, Masker, Policy};

const AUTO: &str = r#"{"version":1,"default":{"op":"keep"},"auto":true,"columns":{}}"#;

fn max_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .ok_or("usage: bench FILE.csv [POLICY.json | --auto] [OUT.csv]")?;
    let policy_json = match args.next().as_deref() {
        None | Some("--auto") => AUTO.to_string(),
        Some(path) => std::fs::read_to_string(path)?,
    };
    let mut sink: Box<dyn std::io::Write> = match args.next() {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::sink()),
    };
    let policy = Policy::from_json(&policy_json)?;
    let key = std::env::var("PII_MASK_KEY")
        .unwrap_or_else(|_| "pii-mask benchmark key, 32 bytes".into())
        .into_bytes();
    let opts = MaskOptions {
        key: Some(key),
        ..MaskOptions::default()
    };

    let start = Instant::now();
    let mut masker = Masker::new(policy, opts)?;
    let mut input = std::fs::File::open(&file)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut out = Vec::with_capacity(2 << 20);
    let mut bytes = 0u64;
    let mut out_bytes = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        masker.push(&buf[..n], &mut out)?;
        out_bytes += out.len() as u64;
        sink.write_all(&out)?;
        out.clear();
    }
    let report = masker.finish(&mut out)?;
    out_bytes += out.len() as u64;
    sink.write_all(&out)?;
    sink.flush()?;
    let secs = start.elapsed().as_secs_f64();
    let report = serde_json::to_value(&report)?;
    println!(
        "{}",
        serde_json::json!({
            "bytes": bytes,
            "bytes_out": out_bytes,
            "rows": report["rows"],
            "ms": secs * 1000.0,
            "mb_per_s": bytes as f64 / 1e6 / secs,
            "max_rss_kb": max_rss_kb(),
        })
    );
    Ok(())
}
