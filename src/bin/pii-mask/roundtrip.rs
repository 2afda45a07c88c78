//! The round trip's parts of the command line: the passphrase, the vault
//! file, several inputs with --out-dir, and `restore`.

use crate::files::{file_error, prepare, Input, Output};
use crate::json;
use crate::run::{flag, say, usage, value, Failure, Values, CHUNK};
use pii_mask::restore_csv::CsvRestorer;
use pii_mask::{RestoreReport, Restorer, Vault};
use std::collections::BTreeMap;
use zeroize::Zeroizing;

/// One input of `mask` and where it goes (`None`: stdout).
pub struct Target {
    pub file: String,
    pub path: Option<String>,
}

/// Node's `path.join`: the parts joined by `/`, `.` dropped, `..` taken
/// back where it can be.
fn join(dir: &str, name: &str) -> String {
    let absolute = dir.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for p in dir.split('/').chain(name.split('/')) {
        match p {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Node's `path.basename`: the last part, trailing slashes ignored.
fn basename(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// Where each input goes: -o or stdout for one file, DIR/NAME with --out-dir.
pub fn mask_targets(values: &Values, positionals: &[String]) -> Result<Vec<Target>, Failure> {
    if positionals.is_empty() {
        return usage("mask: which file? (use - for stdin)");
    }
    let Some(out_dir) = value(values, "out-dir") else {
        if positionals.len() > 1 {
            return usage(format!(
                "mask: {} files need --out-dir DIR (each is written there under its own name)",
                positionals.len()
            ));
        }
        return Ok(vec![Target {
            file: positionals[0].clone(),
            path: value(values, "output").map(String::from),
        }]);
    };
    if value(values, "output").is_some() {
        return usage("-o and --out-dir: give one");
    }
    if positionals.len() > 1
        && (value(values, "report").is_some() || value(values, "audit").is_some())
    {
        return usage("--report and --audit take one input file");
    }
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut targets = Vec::new();
    for file in positionals {
        if file == "-" {
            return usage("--out-dir: stdin (-) has no name to write it under");
        }
        let name = basename(file);
        if let Some(first) = seen.get(name) {
            return usage(format!(
                "{first} and {file} have the same name: --out-dir would write both to one file"
            ));
        }
        seen.insert(name, file);
        let path = join(out_dir, name);
        if crate::files::resolve(&path) == crate::files::resolve(file) {
            return usage(format!(
                "--out-dir {out_dir} would replace the input {file}"
            ));
        }
        targets.push(Target {
            file: file.clone(),
            path: Some(path),
        });
    }
    Ok(targets)
}

/// The vault's passphrase: --passphrase-file, else PII_MASK_PASSPHRASE;
/// never echoed.
pub fn read_passphrase(values: &Values) -> Result<Zeroizing<String>, Failure> {
    if let Some(path) = value(values, "passphrase-file") {
        let bytes =
            std::fs::read(path).map_err(|e| file_error(&e, path, "passphrase file", false))?;
        let Ok(text) = String::from_utf8(bytes) else {
            return Err(Failure::Fail(format!(
                "{path}: the passphrase is not UTF-8 text"
            )));
        };
        let mut text = Zeroizing::new(text);
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        if text.is_empty() {
            return Err(Failure::Fail(format!(
                "{path}: the passphrase file is empty"
            )));
        }
        return Ok(text);
    }
    match std::env::var_os("PII_MASK_PASSPHRASE") {
        Some(p) if !p.is_empty() => Ok(Zeroizing::new(p.to_string_lossy().into_owned())),
        _ => Err(Failure::Fail(
            "the vault needs a passphrase: set PII_MASK_PASSPHRASE or use --passphrase-file FILE"
                .into(),
        )),
    }
}

/// Opens the vault file at `path`; errors name the file, never the
/// passphrase.
pub fn open_vault(path: &str, passphrase: &str) -> Result<Vault, Failure> {
    let bytes = std::fs::read(path).map_err(|e| file_error(&e, path, "vault file", false))?;
    Vault::open(&bytes, passphrase).map_err(|e| Failure::Fail(format!("{path}: {e}")))
}

/// The counts of a restore, on stderr: entities and numbers, never values.
fn print_restored(report: &RestoreReport) {
    let total: u64 = report.restored.values().sum();
    let list: Vec<String> = report
        .restored
        .iter()
        .map(|(entity, n)| format!("{n} {entity}"))
        .collect();
    let values = if total == 1 {
        "1 value".to_string()
    } else {
        format!("{total} values")
    };
    let detail = if total > 0 {
        format!(" ({})", list.join(", "))
    } else {
        String::new()
    };
    say(&format!("restored {values}{detail}"));
    match report.unknown {
        0 => {}
        1 => say("warning: 1 token-like text is not in the vault: left as it is"),
        n => say(&format!(
            "warning: {n} token-like texts are not in the vault: left as they are"
        )),
    }
    match report.ambiguous {
        0 => {}
        1 => say("warning: 1 name part stands for more than one value: left as it is"),
        n => say(&format!(
            "warning: {n} name parts stand for more than one value: left as they are"
        )),
    }
}

/// Text or CSV, restored chunk by chunk.
enum Restoring {
    Text {
        restorer: Box<Restorer>,
        /// The end of the last chunk when it stops inside a UTF-8 sequence.
        tail: Vec<u8>,
    },
    Csv(Box<CsvRestorer>),
}

impl Restoring {
    fn push(&mut self, chunk: &[u8], name: &str, out: &mut Vec<u8>) -> Result<(), Failure> {
        match self {
            Restoring::Csv(r) => Ok(r.push(chunk, out)?),
            Restoring::Text { restorer, tail } => {
                tail.extend_from_slice(chunk);
                let valid = match std::str::from_utf8(tail) {
                    Ok(_) => tail.len(),
                    // An incomplete sequence at the end waits for the next chunk.
                    Err(e) if e.error_len().is_none() => e.valid_up_to(),
                    Err(_) => return Err(Failure::Fail(format!("{name}: not UTF-8 text"))),
                };
                let mut text = String::new();
                restorer.push(
                    std::str::from_utf8(&tail[..valid]).unwrap_or_default(),
                    &mut text,
                );
                tail.drain(..valid);
                out.extend_from_slice(text.as_bytes());
                Ok(())
            }
        }
    }

    fn finish(&mut self, name: &str, out: &mut Vec<u8>) -> Result<RestoreReport, Failure> {
        match self {
            Restoring::Csv(r) => Ok(r.finish(out)?),
            Restoring::Text { restorer, tail } => {
                if !tail.is_empty() {
                    return Err(Failure::Fail(format!("{name}: not UTF-8 text")));
                }
                let mut text = String::new();
                let report = restorer.finish(&mut text);
                out.extend_from_slice(text.as_bytes());
                Ok(report)
            }
        }
    }
}

pub fn cmd_restore(values: &Values, positionals: &[String]) -> Result<(), Failure> {
    if positionals.len() > 1 {
        return usage(format!(
            "restore: one file at a time, got {}",
            positionals.len()
        ));
    }
    let file = positionals.first().map_or("-", String::as_str);
    let Some(vault_path) = value(values, "vault") else {
        return usage("restore: give --vault VAULT (the file mask --vault-out wrote)");
    };
    let named: Vec<&str> = [value(values, "output"), value(values, "report")]
        .into_iter()
        .flatten()
        .filter(|f| crate::files::own_stream(f).is_none())
        .collect();
    if named.len() == 2 && crate::files::resolve(named[0]) == crate::files::resolve(named[1]) {
        return usage("-o and --report name the same file");
    }
    let vault = open_vault(vault_path, &read_passphrase(values)?)?;
    let name = if file == "-" { "stdin" } else { file };
    let mut outputs: Vec<Output> = Vec::new();
    let run = (|| -> Result<(), Failure> {
        outputs.push(match value(values, "output") {
            None => Output::stdout("restored output"),
            Some(p) => prepare(p, "restored output")?,
        });
        if let Some(p) = value(values, "report") {
            outputs.push(prepare(p, "report")?);
        }
        let mut r = if flag(values, "csv") {
            Restoring::Csv(Box::new(CsvRestorer::new(&vault)))
        } else {
            Restoring::Text {
                restorer: Box::new(Restorer::new(&vault)),
                tail: Vec::new(),
            }
        };
        let mut input = Input::open(file)?;
        let mut chunk = vec![0u8; CHUNK];
        let mut out = Vec::with_capacity(CHUNK + CHUNK / 8);
        loop {
            let n = input.read(&mut chunk, file)?;
            if n == 0 {
                break;
            }
            out.clear();
            r.push(&chunk[..n], name, &mut out)?;
            outputs[0].write(&out)?;
        }
        out.clear();
        let report = r.finish(name, &mut out)?;
        outputs[0].write(&out)?;
        outputs[0].end()?;
        print_restored(&report);
        if let Some(o) = outputs.get_mut(1) {
            let mut bytes = json::pretty(&report);
            bytes.push(b'\n');
            o.write(&bytes)?;
            o.end()?;
        }
        for o in outputs.iter_mut() {
            o.commit()?;
        }
        Ok(())
    })();
    if run.is_err() {
        for o in outputs.iter_mut() {
            o.discard();
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_and_basename_as_node_does() {
        assert_eq!(join("out", "a.csv"), "out/a.csv");
        assert_eq!(join("./out/", "a.csv"), "out/a.csv");
        assert_eq!(join("/tmp//x/../y", "a.csv"), "/tmp/y/a.csv");
        assert_eq!(join("../out", "a.csv"), "../out/a.csv");
        assert_eq!(join(".", "a.csv"), "a.csv");
        assert_eq!(basename("dir/a.csv"), "a.csv");
        assert_eq!(basename("a.csv"), "a.csv");
    }
}
