//! The command line's commands and options, described once: the `pii-mask`
//! CLI builds its argument parser, its help, its "this command does not take
//! --x" check and the README's option table from these, and a native binary
//! would read the same table.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// One command: `pii-mask scan ...`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Command {
    pub name: &'static str,
    /// The synopsis, e.g. `pii-mask scan FILE.csv [options]`.
    pub usage: &'static str,
    pub description: &'static str,
}

/// One option: `--name` (or `-s`), a flag or one that takes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CliOption {
    pub name: &'static str,
    pub short: Option<char>,
    /// The value's placeholder in help (`FILE`); `None` for a flag.
    pub value: Option<&'static str>,
    /// The commands that take it.
    pub commands: &'static [&'static str],
    /// One line, for help and the README.
    pub description: &'static str,
}

impl CliOption {
    /// Whether `command` takes this option.
    pub fn taken_by(&self, command: &str) -> bool {
        self.commands.contains(&command)
    }
}

/// As JavaScript's `util.parseArgs` describes an option: `type` is
/// `"string"` or `"boolean"`; `short` and `value` only when there is one.
impl Serialize for CliOption {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("CliOption", 6)?;
        o.serialize_field("name", self.name)?;
        o.serialize_field(
            "type",
            if self.value.is_some() {
                "string"
            } else {
                "boolean"
            },
        )?;
        match self.short {
            Some(c) => o.serialize_field("short", &c.to_string())?,
            None => o.skip_field("short")?,
        }
        match self.value {
            Some(v) => o.serialize_field("value", v)?,
            None => o.skip_field("value")?,
        }
        o.serialize_field("commands", self.commands)?;
        o.serialize_field("description", self.description)?;
        o.end()
    }
}

const ALL: &[&str] = &["scan", "mask", "find", "risk", "restore"];
/// The commands that read a policy.
const POLICY: &[&str] = &["scan", "mask", "find", "risk"];
/// The commands that read a CSV file.
const CSV: &[&str] = &["scan", "mask", "risk"];
const FILES: &[&str] = &["scan", "mask"];
const MASK: &[&str] = &["mask"];
const RISK: &[&str] = &["risk"];
const MASK_RISK: &[&str] = &["mask", "risk"];
const RESTORE: &[&str] = &["restore"];
/// The commands that write a file and its report.
const WRITE: &[&str] = &["mask", "restore"];

pub const COMMANDS: &[Command] = &[
    Command {
        name: "scan",
        usage: "pii-mask scan FILE.csv [options]",
        description: "Classify the columns; print JSON.",
    },
    Command {
        name: "mask",
        usage: "pii-mask mask FILE.csv (--policy POLICY.json | --auto) [options]",
        description: "Mask the file; write the result to -o or stdout.",
    },
    Command {
        name: "find",
        usage: "pii-mask find [options] < TEXT",
        description: "Read text on stdin; print the PII spans found as JSON \
                      [{type, start, end, text, score}] (UTF-16 offsets).",
    },
    Command {
        name: "risk",
        usage: "pii-mask risk FILE.csv --quasi COL,... [--policy POLICY.json] [options]",
        description: "Measure re-identification risk (k-anonymity, l-diversity, prosecutor, \
                      journalist and marketer risk) of the quasi-identifier columns; with \
                      --policy, of the masked output (the input's under \"before\"); print JSON.",
    },
    Command {
        name: "restore",
        usage: "pii-mask restore --vault VAULT [FILE|-] [-o OUT] [options]",
        description: "Put the original values back into text that quotes tokens (an AI's \
                      answer, Markdown, JSON; with --csv a CSV, cell by cell); write the \
                      result to -o or stdout, the counts to stderr.",
    },
];

pub const OPTIONS: &[CliOption] = &[
    CliOption {
        name: "policy",
        short: None,
        value: Some("POLICY.json"),
        commands: POLICY,
        description: "the policy (JSON); scan and find look for its own \"entities\" too",
    },
    CliOption {
        name: "auto",
        short: None,
        value: None,
        commands: MASK,
        description: "apply the suggested operator to every column (with --policy: to every \
                      column the policy does not list)",
    },
    CliOption {
        name: "preset",
        short: None,
        value: Some("NAME"),
        commands: MASK,
        description: "start from a policy named after a standard: hipaa-safe-harbor, \
                      gdpr-pseudonymisation or analytics (README: Presets); instead of --policy",
    },
    CliOption {
        name: "output",
        short: Some('o'),
        value: Some("OUT.csv"),
        commands: WRITE,
        description: "write the masked CSV (restore: the restored text) here, not to stdout; a \
                      file is replaced only once all went well",
    },
    CliOption {
        name: "report",
        short: None,
        value: Some("REPORT.json"),
        commands: WRITE,
        description: "write the report (counts only, never values) as JSON; with -o, both are \
                      written or neither",
    },
    CliOption {
        name: "audit",
        short: None,
        value: Some("AUDIT.json"),
        commands: MASK,
        description: "write an audit record as JSON: the report (rows, each column's operator \
                      and changed cells, validation) with the tool's version, the policy and \
                      its SHA-256, the input's and output's SHA-256 and sizes, rows read and \
                      written, the risk of the --quasi columns, and the time (never a value); \
                      written with the output or not at all",
    },
    // Accepted, and unused, by scan and find, like PII_MASK_KEY: one alias
    // can then serve every command.
    CliOption {
        name: "key-file",
        short: None,
        value: Some("FILE"),
        commands: ALL,
        description: "read the hash key from FILE (UTF-8 text, one trailing newline ignored) \
                      instead of PII_MASK_KEY",
    },
    CliOption {
        name: "out-dir",
        short: None,
        value: Some("DIR"),
        commands: MASK,
        description: "write each masked file into DIR under its own name (for several input \
                      files, which then share one key and one vault); instead of -o",
    },
    CliOption {
        name: "vault-out",
        short: None,
        value: Some("VAULT"),
        commands: MASK,
        description: "write the vault (each token and its original value, encrypted with the \
                      passphrase) to VAULT, replaced only once all went well; restore needs it",
    },
    CliOption {
        name: "vault-in",
        short: None,
        value: Some("VAULT"),
        commands: MASK,
        description: "continue this vault: values it holds get their tokens again; with \
                      --vault-out the merged vault is written there (it may be the same file)",
    },
    CliOption {
        name: "vault",
        short: None,
        value: Some("VAULT"),
        commands: RESTORE,
        description: "the vault the tokens are restored from (written by mask --vault-out)",
    },
    CliOption {
        name: "passphrase-file",
        short: None,
        value: Some("FILE"),
        commands: &["mask", "restore"],
        description: "read the vault's passphrase from FILE (UTF-8 text, one trailing newline \
                      ignored) instead of PII_MASK_PASSPHRASE",
    },
    CliOption {
        name: "csv",
        short: None,
        value: None,
        commands: RESTORE,
        description: "the input is a CSV: restore cell by cell and quote the values again as \
                      they need (restoring the masked file gives the original back)",
    },
    CliOption {
        name: "delimiter",
        short: None,
        value: Some("D"),
        commands: CSV,
        description: "the field delimiter: one character or its name (comma, semicolon, tab, \
                      pipe); detected when not given",
    },
    CliOption {
        name: "header",
        short: None,
        value: None,
        commands: CSV,
        description: "the first row is a header (default: decided from the data)",
    },
    CliOption {
        name: "no-header",
        short: None,
        value: None,
        commands: CSV,
        description: "the first row is data; columns are named #0, #1, ...",
    },
    CliOption {
        name: "allow-ragged",
        short: None,
        value: None,
        commands: CSV,
        description: "accept rows with a different number of fields",
    },
    CliOption {
        name: "encoding",
        short: None,
        value: Some("E"),
        commands: CSV,
        description: "the input's encoding: utf-8 (default) or windows-1252 (\"ANSI\"); the \
                      output is always UTF-8",
    },
    CliOption {
        name: "escape-formulas",
        short: None,
        value: None,
        commands: MASK,
        description: "prefix with ' the cells a spreadsheet would run as formulas",
    },
    CliOption {
        name: "bom",
        short: None,
        value: None,
        commands: MASK,
        description: "start the output with a UTF-8 byte-order mark (Excel reads it as UTF-8)",
    },
    CliOption {
        name: "output-delimiter",
        short: None,
        value: Some("D"),
        commands: MASK,
        description: "the output's delimiter (default: the input's); e.g. ; for spreadsheets",
    },
    CliOption {
        name: "sample-rows",
        short: None,
        value: Some("N"),
        commands: FILES,
        description: "rows sampled to classify the columns (scan, and mask --auto; default 1000)",
    },
    CliOption {
        name: "jobs",
        short: None,
        value: Some("N"),
        commands: MASK,
        description: "threads masking parts of a file at once, with output and report as one \
                      (default: the cores; one for stdin, validation rules or tokenize)",
    },
    CliOption {
        name: "strict",
        short: None,
        value: None,
        commands: MASK,
        description: "fail (exit 1, nothing written) when personal data is still seen in the \
                      output",
    },
    CliOption {
        name: "quasi",
        short: None,
        value: Some("COLS"),
        commands: MASK_RISK,
        description: "the quasi-identifier columns, comma-separated names or #N (what an \
                      attacker may know: age, birth date, postcode, gender, ...); with mask \
                      and --audit, their risk before and after goes in the audit record",
    },
    CliOption {
        name: "sensitive",
        short: None,
        value: Some("COL"),
        commands: MASK_RISK,
        description: "a sensitive column: its l-diversity is measured",
    },
    CliOption {
        name: "k",
        short: None,
        value: Some("K"),
        commands: RISK,
        description: "suggest the least lossy generalisation that reaches k = K (\"suggestion\"), and fail (exit 1) when k is below K (after the policy, when one is given)",
    },
    CliOption {
        name: "population",
        short: None,
        value: Some("FILE.csv"),
        commands: RISK,
        description: "the population's class sizes (the quasi-identifier columns and count): \
                      the journalist and marketer risks need it",
    },
    CliOption {
        name: "threshold",
        short: None,
        value: Some("R"),
        commands: RISK,
        description: "a record is at risk when its risk is above R (default 0.2)",
    },
    CliOption {
        name: "max-classes",
        short: None,
        value: Some("N"),
        commands: RISK,
        description: "distinct combinations counted exactly (default 200000); beyond, the \
                      figures are estimated and say so",
    },
    CliOption {
        name: "help",
        short: Some('h'),
        value: None,
        commands: ALL,
        description: "print this help",
    },
    CliOption {
        name: "version",
        short: Some('v'),
        value: None,
        commands: ALL,
        description: "print the version",
    },
];

/// The width `--help` wraps its text to.
const WIDTH: usize = 79;

/// `text` cut into lines of at most `width` characters, at spaces (a word
/// longer than `width` gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

impl CliOption {
    /// How the option is written: `-o, --output OUT.csv`, `--strict`.
    pub fn spelling(&self) -> String {
        let long = match self.value {
            Some(v) => format!("--{} {v}", self.name),
            None => format!("--{}", self.name),
        };
        match self.short {
            Some(c) => format!("-{c}, {long}"),
            None => long,
        }
    }
}

/// The `--help` text, from [`COMMANDS`] and [`OPTIONS`]: the Node CLI (through
/// the wasm) and the native binary print this same text.
pub fn help_text() -> String {
    let mut out: Vec<String> = vec![
        "pii-mask: mask, hash and pseudonymise personal data in CSV files, locally.".into(),
        String::new(),
        "Usage:".into(),
    ];
    for c in COMMANDS {
        out.push(format!("  {}", c.usage));
        for l in wrap(c.description, WIDTH - 6) {
            out.push(format!("      {l}"));
        }
        let takes: Vec<String> = OPTIONS
            .iter()
            .filter(|o| o.taken_by(c.name))
            .map(|o| format!("--{}", o.name))
            .collect();
        for l in wrap(&format!("Options: {}", takes.join(" ")), WIDTH - 6) {
            out.push(format!("      {l}"));
        }
    }
    out.extend(["", "FILE may be - for stdin.", "", "Options:"].map(String::from));
    let column = 2
        + OPTIONS
            .iter()
            .map(|o| o.spelling().chars().count())
            .max()
            .unwrap_or(0)
        + 2;
    for o in OPTIONS {
        let mut lines = wrap(o.description, WIDTH - column).into_iter();
        let first = lines.next().unwrap_or_default();
        out.push(format!("  {:<w$}{first}", o.spelling(), w = column - 2));
        for l in lines {
            out.push(format!("{}{l}", " ".repeat(column)));
        }
    }
    out.push(String::new());
    out.extend(wrap(
        &format!(
            "The hash key comes from the environment variable PII_MASK_KEY or from --key-file, \
             never from a flag value or the policy file. It must be at least {} bytes. Keep it \
             secret: with it, pseudonyms can be recomputed from guesses.",
            crate::ops::MIN_KEY_BYTES
        ),
        WIDTH,
    ));
    out.push(String::new());
    out.extend(wrap(
        "The vault's passphrase comes from the environment variable PII_MASK_PASSPHRASE or \
         from --passphrase-file, never from a flag value. Whoever has the vault file and its \
         passphrase can read every original value it holds.",
        WIDTH,
    ));
    out.push(String::new());
    out.extend(wrap(
        "Exit codes: 0 ok, 1 bad input, policy, key or file (the message says which), 2 usage \
         error.",
        WIDTH,
    ));
    out.push(String::new());
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_letters_are_unique_and_commands_exist() {
        let mut names = HashSet::new();
        let mut shorts = HashSet::new();
        for o in OPTIONS {
            assert!(names.insert(o.name), "--{} twice", o.name);
            if let Some(c) = o.short {
                assert!(shorts.insert(c), "-{c} twice");
            }
            assert!(
                !o.commands.is_empty(),
                "--{} is taken by no command",
                o.name
            );
            for c in o.commands {
                assert!(
                    COMMANDS.iter().any(|k| k.name == *c),
                    "--{}: no command {c}",
                    o.name
                );
            }
            assert!(!o.description.contains('\n'), "--{}: one line", o.name);
        }
        let commands: HashSet<_> = COMMANDS.iter().map(|c| c.name).collect();
        assert_eq!(commands.len(), COMMANDS.len());
    }

    #[test]
    fn serialized_as_parse_args_describes_options() {
        let o = OPTIONS
            .iter()
            .find(|o| o.name == "output")
            .map(serde_json::to_value);
        assert_eq!(
            o.and_then(Result::ok),
            Some(
                serde_json::json!({"name": "output", "type": "string", "short": "o",
                "value": "OUT.csv", "commands": ["mask", "restore"],
                "description": OPTIONS.iter().find(|o| o.name == "output").unwrap().description})
            )
        );
        let flag = serde_json::to_value(OPTIONS[1]).ok();
        assert_eq!(
            flag.as_ref().and_then(|f| f.get("type")),
            Some(&serde_json::json!("boolean"))
        );
        assert_eq!(flag.as_ref().and_then(|f| f.get("short")), None);
    }

    #[test]
    fn help_names_every_command_and_option() {
        let help = help_text();
        for c in COMMANDS {
            assert!(help.contains(c.usage), "{}", c.name);
        }
        for o in OPTIONS {
            assert!(
                help.contains(&format!("  {}", o.spelling())),
                "--{}",
                o.name
            );
        }
        assert!(help.ends_with("usage error.\n"));
    }

    #[test]
    fn scan_does_not_take_output() {
        let o = OPTIONS.iter().find(|o| o.name == "output");
        assert_eq!(o.map(|o| o.taken_by("scan")), Some(false));
        assert_eq!(o.map(|o| o.taken_by("mask")), Some(true));
    }
}
