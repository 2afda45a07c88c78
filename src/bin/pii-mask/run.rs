//! The commands, over the library directly.

use crate::files::{self, file_error, prepare, Input, Output};
use crate::json;
use crate::parts;
use pii_mask::cli_options::{self, CliOption, COMMANDS, OPTIONS};
use pii_mask::csv::Encoding;
use pii_mask::custom::CustomEntities;
use pii_mask::risk::Suggestion;
use pii_mask::{CsvOptions, Error, ErrorKind, Header, MaskOptions, Policy, ScanOptions};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};

pub(crate) const CHUNK: usize = 1 << 20;
const KEY_HINT: &str = " (set PII_MASK_KEY or use --key-file FILE)";
const ENCODING_HINT: &str =
    "if the file was saved as Windows-1252 (\"ANSI\"), add --encoding windows-1252";

/// Why a run stopped.
pub enum Failure {
    /// Exit 2, with a pointer to --help.
    Usage(String),
    /// Exit 1.
    Fail(String),
    /// stdout's reader went away: exit 0.
    ReaderGone,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        // Options the core refuses are usage errors too.
        if e.kind() == ErrorKind::InvalidOption {
            Failure::Usage(e.to_string())
        } else {
            Failure::Fail(e.to_string())
        }
    }
}

pub(crate) fn usage<T>(message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::Usage(message.into()))
}

pub(crate) fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "pii-mask: {line}");
}

/// The options given, by name; a flag's value is `None`.
pub(crate) type Values = BTreeMap<&'static str, Option<String>>;

pub(crate) fn flag(values: &Values, name: &str) -> bool {
    values.contains_key(name)
}

pub(crate) fn value<'a>(values: &'a Values, name: &str) -> Option<&'a str> {
    values.get(name).and_then(|v| v.as_deref())
}

fn option_label(o: &CliOption) -> String {
    match o.short {
        Some(c) => format!("-{c}, --{}", o.name),
        None => format!("--{}", o.name),
    }
}

/// As Node's `util.parseArgs` in strict mode with positionals, and its
/// messages.
fn parse(argv: &[String]) -> Result<(Values, Vec<String>), Failure> {
    let unknown = |name: &str| -> Failure {
        if argv.iter().any(|a| a == "--key" || a.starts_with("--key=")) {
            return Failure::Usage(
                "the key is never taken from a flag value; set PII_MASK_KEY or use --key-file FILE"
                    .into(),
            );
        }
        if argv
            .iter()
            .any(|a| a == "--passphrase" || a.starts_with("--passphrase="))
        {
            return Failure::Usage("the passphrase is never taken from a flag value; set PII_MASK_PASSPHRASE or use --passphrase-file FILE".into());
        }
        Failure::Usage(format!("Unknown option '{name}'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"{name}\""))
    };
    let mut values = Values::new();
    let mut positionals = Vec::new();
    let mut i = 0;
    // The value of string option `o`, from `inline` or the next argument.
    let take = |o: &CliOption,
                shown: &str,
                inline: Option<String>,
                i: &mut usize|
     -> Result<String, Failure> {
        if let Some(v) = inline {
            return Ok(v);
        }
        match argv.get(*i + 1) {
            None => Err(Failure::Usage(format!(
                "Option '{} <value>' argument missing",
                option_label(o)
            ))),
            Some(v) if v.len() > 1 && v.starts_with('-') => Err(Failure::Usage(format!(
                "Option '{shown}' argument is ambiguous.\nDid you forget to specify the option argument for '{shown}'?\nTo specify an option argument starting with a dash use '{shown}=-XYZ'."
            ))),
            Some(v) => {
                *i += 1;
                Ok(v.clone())
            }
        }
    };
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            positionals.extend(argv[i + 1..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let shown = format!("--{name}");
            let Some(o) = OPTIONS.iter().find(|o| o.name == name) else {
                return Err(unknown(&shown));
            };
            if o.value.is_some() {
                let v = take(o, &shown, inline, &mut i)?;
                values.insert(o.name, Some(v));
            } else if inline.is_some() {
                return usage(format!("Option '{shown}' does not take an argument"));
            } else {
                values.insert(o.name, None);
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let letters: Vec<char> = a[1..].chars().collect();
            for (j, c) in letters.iter().enumerate() {
                let shown = format!("-{c}");
                let Some(o) = OPTIONS.iter().find(|o| o.short == Some(*c)) else {
                    return Err(unknown(&shown));
                };
                if o.value.is_some() {
                    let rest: String = letters[j + 1..].iter().collect();
                    let inline = (!rest.is_empty()).then_some(rest);
                    let v = take(o, &shown, inline, &mut i)?;
                    values.insert(o.name, Some(v));
                    break;
                }
                values.insert(o.name, None);
            }
        } else {
            positionals.push(a.clone());
        }
        i += 1;
    }
    Ok((values, positionals))
}

/// The options `command` was given and does not take: a usage error.
fn check_command_options(command: &str, values: &Values) -> Result<(), Failure> {
    if let Some(stray) = OPTIONS
        .iter()
        .find(|o| values.contains_key(o.name) && !o.taken_by(command))
    {
        let takes: Vec<String> = OPTIONS
            .iter()
            .filter(|o| o.taken_by(command))
            .map(|o| format!("--{}", o.name))
            .collect();
        return usage(format!(
            "{command} does not take --{} (it takes {})",
            stray.name,
            takes.join(" ")
        ));
    }
    Ok(())
}

/// `--delimiter tab` (or any name the core gives a delimiter), `\t`, or the
/// character itself, checked as the core checks it.
fn delimiter_of(values: &Values, name: &str) -> Result<Option<u8>, Failure> {
    let Some(d) = value(values, name) else {
        return Ok(None);
    };
    let cat = pii_mask::catalogue::catalogue();
    let d = if d == "\\t" {
        "\t"
    } else {
        cat.delimiters
            .iter()
            .find(|x| x.name == d.to_lowercase())
            .map_or(d, |x| x.value)
    };
    if d.len() == 1 && d.is_ascii() {
        return Ok(d.bytes().next());
    }
    let examples: Vec<&str> = cat
        .delimiters
        .iter()
        .map(|x| {
            if x.value.trim().is_empty() {
                x.name
            } else {
                x.value
            }
        })
        .collect();
    usage(format!(
        "--{name} takes one character, e.g. {}, got {}",
        examples.join(" "),
        json::compact_string(value(values, name).unwrap_or_default())
    ))
}

/// JavaScript's `Number(s)`, for the numbers options take.
fn js_number(s: &str) -> f64 {
    let t = s.trim();
    if t.is_empty() {
        return 0.0;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return match t.trim_start_matches(['+', '-']) {
            "Infinity" if t.starts_with('-') => f64::NEG_INFINITY,
            "Infinity" => f64::INFINITY,
            _ => f64::NAN,
        };
    }
    t.parse().unwrap_or(f64::NAN)
}

fn is_integer(n: f64) -> bool {
    n.is_finite() && n.fract() == 0.0
}

/// What scan, mask and risk share.
struct Csv {
    csv: CsvOptions,
    header: Header,
    sample_rows: Option<usize>,
}

/// The checks of the Node CLI's `csvOptions`, in its order; the delimiter
/// and encoding are checked later, where the core checks them.
fn csv_options(values: &Values) -> Result<Csv, Failure> {
    if flag(values, "header") && flag(values, "no-header") {
        return usage("give --header or --no-header, not both");
    }
    let header = if flag(values, "header") {
        Header::from(true)
    } else if flag(values, "no-header") {
        Header::from(false)
    } else {
        Header::Auto
    };
    let sample_rows = match value(values, "sample-rows") {
        None => None,
        Some(s) => {
            let n = js_number(s);
            if !is_integer(n) || n <= 0.0 {
                return usage("--sample-rows takes a positive whole number");
            }
            Some(n as usize)
        }
    };
    Ok(Csv {
        csv: CsvOptions {
            delimiter: None,
            allow_ragged: flag(values, "allow-ragged"),
            encoding: Encoding::Utf8,
        },
        header,
        sample_rows,
    })
}

/// The delimiter and encoding, as the core would refuse them.
fn finish_csv(values: &Values, csv: &mut CsvOptions) -> Result<(), Failure> {
    csv.delimiter = delimiter_of(values, "delimiter")?;
    if let Some(label) = value(values, "encoding") {
        csv.encoding = Encoding::from_label(label).map_err(|_| {
            let labels: Vec<&str> = pii_mask::catalogue::catalogue()
                .encodings
                .iter()
                .map(|x| x.label)
                .collect();
            Failure::Usage(format!(
                "--encoding takes {}, got {}",
                labels.join(" or "),
                json::compact_string(label)
            ))
        })?;
    }
    Ok(())
}

fn one_file(command: &str, positionals: &[String]) -> Result<String, Failure> {
    match positionals {
        [] => usage(format!("{command}: which file? (use - for stdin)")),
        [f] => Ok(f.clone()),
        _ => usage(format!(
            "{command}: one file at a time, got {}",
            positionals.len()
        )),
    }
}

fn read_key(values: &Values) -> Result<Option<String>, Failure> {
    if let Some(path) = value(values, "key-file") {
        let bytes = std::fs::read(path).map_err(|e| file_error(&e, path, "key file", false))?;
        // Strictly: lossy decoding would map different binary keys to one.
        let Ok(mut key) = String::from_utf8(bytes) else {
            return Err(Failure::Fail(format!("{path}: the key is not UTF-8 text; use a text key, e.g. head -c 32 /dev/urandom | base64")));
        };
        if key.ends_with('\n') {
            key.pop();
            if key.ends_with('\r') {
                key.pop();
            }
        }
        if key.is_empty() {
            return Err(Failure::Fail(format!("{path}: the key file is empty")));
        }
        return Ok(Some(key));
    }
    Ok(std::env::var_os("PII_MASK_KEY")
        .map(|k| k.to_string_lossy().into_owned())
        .filter(|k| !k.is_empty()))
}

/// The policy as JSON, `--auto` applied; the auto policy without --policy.
fn read_policy(values: &Values) -> Result<Value, Failure> {
    if let Some(name) = value(values, "preset") {
        if value(values, "policy").is_some() {
            return usage("--preset and --policy: give one (save the preset from the page, or write it out, to edit it)");
        }
        let presets = pii_mask::presets::presets();
        return match presets.iter().find(|p| p.name == name) {
            Some(p) => Ok(p.policy.clone()),
            None => usage(format!(
                "no preset {}: the presets are {}",
                Value::String(name.to_string()),
                presets
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
    }
    let Some(path) = value(values, "policy") else {
        return Ok(json!({"version": 1, "auto": true, "default": {"op": "keep"}, "columns": {}}));
    };
    let bytes = std::fs::read(path).map_err(|e| file_error(&e, path, "policy file", false))?;
    let text = String::from_utf8_lossy(&bytes);
    let policy: Value = serde_json::from_str(&text).map_err(|e| {
        Failure::Fail(format!(
            "{path}: policy: not valid JSON: {e}; a policy is a JSON object like {{\"version\":1,\"columns\":{{...}}}}"
        ))
    })?;
    let mut policy = json::as_javascript(policy);
    let Some(map) = policy.as_object_mut() else {
        return Err(Failure::Fail(format!(
            "{path}: a policy is a JSON object like {{\"version\":1,\"columns\":{{...}}}}"
        )));
    };
    if flag(values, "auto") {
        map.insert("auto".into(), Value::Bool(true));
    }
    Ok(policy)
}

/// The user's own entities declared in --policy, if given.
fn declared_entities(values: &Values) -> Result<CustomEntities, Failure> {
    if value(values, "policy").is_none() {
        return Ok(CustomEntities::default());
    }
    match read_policy(values)?.get("entities") {
        None | Some(Value::Null) => Ok(CustomEntities::default()),
        Some(v) => CustomEntities::from_value(v).map_err(|e| {
            Failure::from(
                Error::new(ErrorKind::PolicyEntities, format!("options: {e}"))
                    .at_field("/entities"),
            )
        }),
    }
}

fn print_warnings(warnings: Option<&Value>) {
    for w in warnings.and_then(Value::as_array).into_iter().flatten() {
        say(&format!(
            "warning: {}",
            w.get("message").and_then(Value::as_str).unwrap_or_default()
        ));
    }
}

/// Reads `file` into `push`, chunk by chunk; `progress` sees each chunk.
fn stream(
    file: &str,
    mut push: impl FnMut(&[u8]) -> Result<(), Failure>,
    mut progress: impl FnMut(usize),
) -> Result<(), Failure> {
    let mut input = Input::open(file)?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = input.read(&mut buf, file)?;
        if n == 0 {
            return Ok(());
        }
        push(&buf[..n])?;
        progress(n);
    }
}

fn cmd_scan(values: &Values, positionals: &[String]) -> Result<(), Failure> {
    let file = one_file("scan", positionals)?;
    let mut c = csv_options(values)?;
    let entities = declared_entities(values)?;
    finish_csv(values, &mut c.csv)?;
    let mut scanner = pii_mask::Scanner::new(ScanOptions {
        csv: c.csv,
        header: c.header,
        sample_rows: c.sample_rows.unwrap_or(ScanOptions::default().sample_rows),
        entities,
    });
    stream(&file, |chunk| Ok(scanner.push(chunk)?), |_| {})?;
    let result = scanner.finish()?;
    let mut out = Output::stdout("scan result");
    let mut bytes = json::pretty(&result);
    bytes.push(b'\n');
    out.write(&bytes)?;
    out.end()?;
    let v = serde_json::to_value(&result).unwrap_or_default();
    print_warnings(v.get("warnings"));
    if let Some(line) = v.get("invalidUtf8Line").and_then(Value::as_u64) {
        say(&format!("line {line} is not valid UTF-8; {ENCODING_HINT}"));
    }
    Ok(())
}

fn rows(n: u64) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

/// What the policy's validation rules did, in counts.
fn print_validation(v: Option<&Value>) {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return;
    };
    let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    let what = match v.get("mode").and_then(Value::as_str) {
        Some("drop") => format!("{} dropped", rows(n("dropped"))),
        Some("flag") => format!(
            "flagged in column {}",
            json::compact_string(v.get("flagColumn").unwrap_or(&Value::Null))
        ),
        Some("reject") => "none rejected".into(),
        _ => "undefined".into(),
    };
    let failed = if n("rowsFailed") == 0 {
        format!("{} checked, all keep the rules", rows(n("rowsChecked")))
    } else {
        format!(
            "{} of {} broke the rules, {what}",
            n("rowsFailed"),
            rows(n("rowsChecked"))
        )
    };
    let listed = v
        .get("problems")
        .and_then(Value::as_array)
        .map_or(0, Vec::len) as u64;
    let more = if n("problemsNotListed") > 0 {
        format!(
            "; {} problems, the report lists the first {listed}",
            listed + n("problemsNotListed")
        )
    } else {
        String::new()
    };
    say(&format!("validation: {failed}{more}"));
    let incomplete: Vec<&str> = v
        .get("uniqueIncomplete")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if !incomplete.is_empty() {
        say(&format!("warning: validation: too many distinct values to remember them all in {}: later copies may be missed by \"unique\"", incomplete.join(", ")));
    }
}

/// What the user should know about a finished run: never a value from the file.
fn print_report(report: &Value, strict: bool) {
    print_validation(report.get("validation"));
    if report.get("headerGuessed") == Some(&Value::Bool(true))
        && report.get("header") != Some(&Value::Bool(true))
    {
        say("the first row looks like data, not a header; reading it as data (--header to say otherwise)");
    }
    print_warnings(report.get("warnings"));
    let list = |k: &str| {
        report
            .get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let kept = list("kept");
    if !kept.is_empty() {
        let names: Vec<&str> = kept
            .iter()
            .map(|c| c.get("name").and_then(Value::as_str).unwrap_or_default())
            .collect();
        if kept.len() == 1 {
            say(&format!(
                "1 column that mentions people is left unchanged: {}",
                names.join(", ")
            ));
        } else {
            say(&format!(
                "{} columns that mention people are left unchanged: {}",
                kept.len(),
                names.join(", ")
            ));
        }
    }
    let residual = list("residual");
    if !residual.is_empty() {
        // "email: 3 EMAIL_ADDRESS; notes: 2 PERSON": types and counts, never values.
        let mut by_column: Vec<(u64, String, Vec<String>)> = Vec::new();
        for r in &residual {
            let index = r.get("index").and_then(Value::as_u64).unwrap_or(0);
            let seen = format!(
                "{} {}",
                r.get("count").and_then(Value::as_u64).unwrap_or(0),
                r.get("entity").and_then(Value::as_str).unwrap_or_default()
            );
            match by_column.iter_mut().find(|c| c.0 == index) {
                Some(c) => c.2.push(seen),
                None => by_column.push((
                    index,
                    r.get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .into(),
                    vec![seen],
                )),
            }
        }
        // A JavaScript Map keeps insertion order, as here.
        let where_: Vec<String> = by_column
            .iter()
            .map(|(_, name, seen)| format!("{name}: {}", seen.join(", ")))
            .collect();
        let sampled = rows(
            report
                .get("residualSampled")
                .and_then(Value::as_u64)
                .unwrap_or(0),
        );
        let hint = if strict {
            ""
        } else {
            " (--strict fails instead)"
        };
        say(&format!("warning: personal data is still in the output, seen in {sampled} sampled across the file: {}{hint}", where_.join("; ")));
    }
}

/// Now as `new Date().toISOString()` writes it.
fn iso_now() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

/// Whether a progress line is open on stderr (an error starts a new line).
static PROGRESS_OPEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// On a terminal, long runs show how far they are.
struct Progress {
    on: bool,
    total: Option<u64>,
    start: std::time::Instant,
    shown: Option<std::time::Instant>,
    done: u64,
}

impl Progress {
    fn new(file: &str) -> Progress {
        let on = std::io::stderr().is_terminal();
        let total = if on && file != "-" {
            std::fs::metadata(file)
                .ok()
                .map(|m| m.len())
                .filter(|n| *n > 0)
        } else {
            None
        };
        Progress {
            on,
            total,
            start: std::time::Instant::now(),
            shown: None,
            done: 0,
        }
    }

    fn step(&mut self, n: usize, last: bool) {
        if !self.on {
            return;
        }
        self.done += n as u64;
        let now = std::time::Instant::now();
        if !last
            && self
                .shown
                .is_some_and(|s| now - s < std::time::Duration::from_millis(250))
        {
            return;
        }
        self.shown = Some(now);
        let secs = (now - self.start).as_secs_f64().max(1e-3);
        let rate = self.done as f64 / 1e6 / secs;
        let mut line = format!("pii-mask: {:.1} MB", self.done as f64 / 1e6);
        if let Some(t) = self.total {
            line += &format!(" of {:.1} MB", t as f64 / 1e6);
        }
        line += &format!(", {rate:.1} MB/s");
        if let Some(t) = self.total.filter(|_| !last && rate > 0.0) {
            let left = (t.saturating_sub(self.done)) as f64 / 1e6 / rate;
            line += &format!(", {} s left", left.ceil());
        }
        let _ = write!(
            std::io::stderr(),
            "\r{line}\x1b[K{}",
            if last { "\n" } else { "" }
        );
        PROGRESS_OPEN.store(!last, std::sync::atomic::Ordering::Relaxed);
    }
}

/// `--jobs N`, or the cores the system offers.
fn jobs(values: &Values) -> Result<usize, Failure> {
    match value(values, "jobs") {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(s) => {
            let n = js_number(s);
            if !is_integer(n) || n <= 0.0 {
                return usage("--jobs takes a positive whole number");
            }
            Ok((n as usize).min(256))
        }
    }
}

fn with_key_hint(e: Error, key: &Option<String>) -> Failure {
    let missing = e.code() == "missing_key";
    let mut f = Failure::from(e);
    if key.is_none() && missing {
        if let Failure::Fail(m) | Failure::Usage(m) = &mut f {
            m.push_str(KEY_HINT);
        }
    }
    f
}

fn cmd_mask(values: &Values, positionals: &[String]) -> Result<(), Failure> {
    let mut targets = crate::roundtrip::mask_targets(values, positionals)?;
    if value(values, "policy").is_none()
        && value(values, "preset").is_none()
        && !flag(values, "auto")
    {
        return usage("mask: give --policy POLICY.json, --preset NAME or --auto");
    }
    let mut named: Vec<(&str, &str)> = [
        ("-o", "output"),
        ("--report", "report"),
        ("--audit", "audit"),
        ("--vault-out", "vault-out"),
    ]
    .into_iter()
    .filter_map(|(a, k)| value(values, k).map(|f| (a, f)))
    .collect();
    if value(values, "out-dir").is_some() {
        // The first input's output after the others, as the Node CLI lists them.
        named.extend(
            targets[1..]
                .iter()
                .filter_map(|t| Some(("--out-dir", t.path.as_deref()?))),
        );
        named.extend(targets[0].path.as_deref().map(|p| ("--out-dir", p)));
    }
    let named: Vec<(&str, &str)> = named
        .into_iter()
        .filter(|(_, f)| files::own_stream(f).is_none())
        .collect();
    for (i, (a, f)) in named.iter().enumerate() {
        if let Some((b, _)) = named[i + 1..]
            .iter()
            .find(|(_, g)| files::resolve(g) == files::resolve(f))
        {
            return usage(format!("{a} and {b} name the same file"));
        }
    }
    let quasi = value(values, "quasi").map(|q| {
        q.split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    });
    if value(values, "audit").is_none() && (quasi.is_some() || value(values, "sensitive").is_some())
    {
        return usage("mask: --quasi and --sensitive measure risk for the audit record: give --audit AUDIT.json too");
    }
    if value(values, "sensitive").is_some() && quasi.is_none() {
        return usage("mask: --sensitive needs --quasi COL,COL,...");
    }
    let mut c = csv_options(values)?;
    let key = read_key(values)?;
    let policy = read_policy(values)?;
    let keep_vault = value(values, "vault-in").is_some() || value(values, "vault-out").is_some();
    let passphrase = if keep_vault {
        Some(crate::roundtrip::read_passphrase(values)?)
    } else {
        None
    };
    // One vault for every input: equal values get equal tokens across files.
    let vault = match value(values, "vault-in") {
        Some(p) => crate::roundtrip::open_vault(p, passphrase.as_ref().map_or("", |p| p.as_str()))?,
        None => pii_mask::Vault::new(),
    };
    let tokens_before = vault.stats().tokens;
    // In the order the core checks them.
    let out_delimiter = delimiter_of(values, "output-delimiter")?;
    finish_csv(values, &mut c.csv)?;
    let opts = MaskOptions {
        key: key.clone().map(String::into_bytes),
        csv: c.csv,
        header: c.header,
        sample_rows: c.sample_rows.unwrap_or(MaskOptions::default().sample_rows),
        write: pii_mask::WriteOptions {
            escape_formulas: flag(values, "escape-formulas"),
            bom: flag(values, "bom"),
            delimiter: out_delimiter,
        },
        audit: value(values, "audit").is_some(),
        vault: Some(vault.clone()),
        risk: quasi.map(|quasi| pii_mask::risk::RiskOptions {
            quasi,
            sensitive: value(values, "sensitive").map(String::from),
            ..pii_mask::risk::RiskOptions::default()
        }),
    };
    let jobs = jobs(values)?;
    let policy = Policy::from_value(policy).map_err(|e| with_key_hint(e, &key))?;
    let new_masker =
        || pii_mask::Masker::new(policy.clone(), opts.clone()).map_err(|e| with_key_hint(e, &key));
    // A bad policy or key is said before any output is prepared.
    let mut masker = new_masker()?;

    let several = targets.len() > 1;
    let mut outputs: Vec<Output> = Vec::new();
    let run = (|| -> Result<(), Failure> {
        // All decided before any work, so a refused --report costs no masking.
        for t in &targets {
            outputs.push(match &t.path {
                None => Output::stdout("masked output"),
                Some(p) => prepare(p, "masked output")?,
            });
        }
        let mut extra = |name: &str, what: &str| -> Result<Option<usize>, Failure> {
            match value(values, name) {
                Some(p) => {
                    outputs.push(prepare(p, what)?);
                    Ok(Some(outputs.len() - 1))
                }
                None => Ok(None),
            }
        };
        let report_at = extra("report", "report")?;
        let audit_at = extra("audit", "audit record")?;
        let vault_at = extra("vault-out", "vault")?;
        let strict = flag(values, "strict");
        let mut last_report = None;
        for (i, t) in targets.iter_mut().enumerate() {
            if i > 0 {
                masker = new_masker()?;
            }
            let file = t.file.as_str();
            let mut progress = Progress::new(file);
            let mut buf = Vec::with_capacity(CHUNK + CHUNK / 8);
            let masked = (|| -> Result<(), Failure> {
                let error = |e| mask_error(e, &key);
                let output = &mut outputs[i];
                parts::mask(
                    file,
                    &policy,
                    &opts,
                    jobs,
                    &mut masker,
                    parts::Sinks {
                        write: &mut |b| output.write(b),
                        progress: &mut |n| progress.step(n, false),
                        error: &error,
                    },
                )?;
                buf.clear();
                masker.finish(&mut buf).map_err(|e| mask_error(e, &key))?;
                outputs[i].write(&buf)
            })();
            let masked = match masked {
                Err(Failure::Fail(m)) if several => Err(Failure::Fail(format!("{file}: {m}"))),
                other => other,
            };
            masked?;
            progress.step(0, true);
            outputs[i].end()?;
            let report = masker.report();
            let report_json = serde_json::to_value(&report).unwrap_or_default();
            print_report(&report_json, strict);
            let residual = report_json
                .get("residual")
                .and_then(Value::as_array)
                .is_some_and(|r| !r.is_empty());
            if strict && residual {
                let path = t.path.as_deref();
                let where_ = if outputs[i].direct() {
                    format!("; it was already written to {}", path.unwrap_or("stdout"))
                } else if several {
                    "; nothing written".to_string()
                } else {
                    format!("; {} not written", path.unwrap_or_default())
                };
                let of = if several {
                    format!(" of {file}")
                } else {
                    String::new()
                };
                return Err(Failure::Fail(format!(
                    "--strict: personal data is still in the output{of}{where_}"
                )));
            }
            last_report = Some(report);
        }
        let added = vault.stats().tokens - tokens_before;
        if vault_at.is_none() && added > 0 {
            let n = if added == 1 {
                "1 new token".to_string()
            } else {
                format!("{added} new tokens")
            };
            say(&format!("warning: tokenize made {n} and no --vault-out keeps them: their originals cannot be restored"));
        }
        if let (Some(i), Some(report)) = (report_at, &last_report) {
            let mut bytes = json::pretty(report);
            bytes.push(b'\n');
            outputs[i].write(&bytes)?;
            outputs[i].end()?;
        }
        if let (Some(i), Some(report)) = (audit_at, &last_report) {
            #[derive(serde::Serialize)]
            struct Audit<'a> {
                time: String,
                #[serde(flatten)]
                report: &'a pii_mask::Report,
            }
            let mut bytes = json::pretty(&Audit {
                time: iso_now(),
                report,
            });
            bytes.push(b'\n');
            outputs[i].write(&bytes)?;
            outputs[i].end()?;
        }
        if let Some(i) = vault_at {
            let bytes = vault.export(passphrase.as_ref().map_or("", |p| p.as_str()))?;
            outputs[i].write(&bytes)?;
            outputs[i].end()?;
        }
        // The masked outputs first, the vault last: if one cannot be put in
        // place, discard() removes those already committed again.
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

/// An error while masking, as the Node CLI says it.
fn mask_error(e: Error, key: &Option<String>) -> Failure {
    if e.code() == "validation_failed" {
        if PROGRESS_OPEN.swap(false, std::sync::atomic::Ordering::Relaxed) {
            let _ = writeln!(std::io::stderr());
        }
        for p in e.problems() {
            let p = serde_json::to_value(p).unwrap_or_default();
            say(&format!(
                "line {}, column {}: {}",
                p.get("line").map(json::compact_string).unwrap_or_default(),
                json::compact_string(p.get("column").unwrap_or(&Value::Null)),
                p.get("rule").and_then(Value::as_str).unwrap_or_default()
            ));
        }
    }
    if e.code() == "invalid_utf8" {
        return Failure::Fail(format!(
            "line {}, column {}: cell is not valid UTF-8 text; {ENCODING_HINT}",
            e.line().map_or("undefined".into(), |l| l.to_string()),
            e.column().unwrap_or("undefined")
        ));
    }
    with_key_hint(e, key)
}

fn cmd_find(values: &Values, positionals: &[String]) -> Result<(), Failure> {
    if !positionals.is_empty() {
        return usage("find reads its text from stdin and takes no file");
    }
    let entities = declared_entities(values)?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(&e, "stdin", "text", false))?;
    let spans = entities.find_utf16(&String::from_utf8_lossy(&bytes));
    let mut out = Output::stdout("spans found");
    let mut text = json::compact(&spans);
    text.push(b'\n');
    out.write(&text)?;
    out.end()
}

/// A --k or --max-classes value: a whole number of at least `min`.
fn whole_number(values: &Values, name: &str, min: f64) -> Result<Option<f64>, Failure> {
    let Some(s) = value(values, name) else {
        return Ok(None);
    };
    let n = js_number(s);
    if !is_integer(n) || n < min {
        return usage(format!("--{name} takes a whole number of at least {min}"));
    }
    Ok(Some(n))
}

fn cmd_risk(values: &Values, positionals: &[String]) -> Result<(), Failure> {
    let file = one_file("risk", positionals)?;
    let Some(quasi) = value(values, "quasi") else {
        return usage("risk: name the quasi-identifier columns with --quasi COL,COL,...");
    };
    let mut c = csv_options(values)?;
    let d = pii_mask::risk::RiskOptions::default();
    let threshold = match value(values, "threshold") {
        None => d.threshold,
        Some(s) => {
            let r = js_number(s);
            if !(r > 0.0 && r <= 1.0) {
                return usage("--threshold takes a risk above 0 and at most 1, e.g. 0.2");
            }
            r
        }
    };
    let max_classes = whole_number(values, "max-classes", 1.0)?;
    let k = whole_number(values, "k", 1.0)?;
    let population = match value(values, "population") {
        None => None,
        Some(p) => {
            let bytes =
                std::fs::read(p).map_err(|e| file_error(&e, p, "population table", false))?;
            Some(String::from_utf8_lossy(&bytes).into_owned().into_bytes())
        }
    };
    let (policy, key) = if value(values, "policy").is_some() {
        (Some(read_policy(values)?), read_key(values)?)
    } else {
        (None, None)
    };
    finish_csv(values, &mut c.csv)?;
    let opts = pii_mask::risk::RiskOptions {
        quasi: quasi
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect(),
        sensitive: value(values, "sensitive").map(String::from),
        threshold,
        max_classes: max_classes.map_or(d.max_classes, |n| n as usize),
        population,
        target: k.map(|n| n as u64),
        csv: c.csv,
        header: c.header,
    };
    let (result, suggestion): (Value, Option<Suggestion>) = match &policy {
        None => {
            let mut r = pii_mask::risk::RiskAnalyzer::new(opts)?;
            stream(&file, |chunk| Ok(r.push(chunk)?), |_| {})?;
            let result = r.finish()?;
            write_json(&result, "risk figures")?;
            let s = result.suggestion.clone();
            (serde_json::to_value(&result).unwrap_or_default(), s)
        }
        Some(p) => {
            let mask = MaskOptions {
                key: key.clone().map(String::into_bytes),
                ..MaskOptions::default()
            };
            let mut r = Policy::from_value(p.clone())
                .and_then(|p| pii_mask::risk::RiskAssessor::new(opts, p, mask))
                .map_err(|e| with_key_hint(e, &key))?;
            stream(&file, |chunk| Ok(r.push(chunk)?), |_| {})?;
            let result = r.finish()?;
            write_json(&result, "risk figures")?;
            let s = result.after.suggestion.clone();
            (serde_json::to_value(&result).unwrap_or_default(), s)
        }
    };
    if result.get("exact") == Some(&Value::Bool(false)) {
        let sampled = result.get("sampled").and_then(Value::as_f64).unwrap_or(0.0);
        say(&format!(
            "more than {} distinct combinations: the figures are estimated from {}% of them (--max-classes N counts more exactly)",
            max_classes.map_or("200000".into(), json::js_number),
            json::to_precision3(sampled * 100.0)
        ));
    }
    let got = result.get("k").and_then(Value::as_f64).unwrap_or(0.0);
    if let Some(k) = k.filter(|k| got < *k) {
        // Typed, not through a JSON value: an operator's fields keep their order.
        let hint = match &suggestion {
            Some(s) if s.reached => {
                let cols: Vec<String> = s
                    .columns
                    .iter()
                    .map(|c| format!("\"{}\": {}", c.column, json::compact_string(&c.op)))
                    .collect();
                format!(
                    "; the \"suggestion\" reaches k = {}: {}",
                    s.k,
                    cols.join(", ")
                )
            }
            _ => String::new(),
        };
        return Err(Failure::Fail(format!(
            "k is {}, below --k {}{}{hint}",
            json::js_number(got),
            json::js_number(k),
            if policy.is_none() {
                ""
            } else {
                " after the policy"
            }
        )));
    }
    Ok(())
}

fn write_json<T: serde::Serialize>(value: &T, what: &str) -> Result<(), Failure> {
    let mut out = Output::stdout(what);
    let mut bytes = json::pretty(value);
    bytes.push(b'\n');
    out.write(&bytes)?;
    out.end()
}

fn main_inner(argv: &[String]) -> Result<(), Failure> {
    let (values, positionals) = parse(argv)?;
    if flag(&values, "help") {
        return Output::stdout("help").write(cli_options::help_text().as_bytes());
    }
    if flag(&values, "version") {
        return Output::stdout("version")
            .write(format!("pii-mask {}\n", env!("CARGO_PKG_VERSION")).as_bytes());
    }
    let command = positionals.first().map(String::as_str);
    let rest = positionals.get(1..).unwrap_or_default();
    if let Some(c) = command.filter(|c| COMMANDS.iter().any(|k| k.name == *c)) {
        check_command_options(c, &values)?;
    }
    match command {
        Some("scan") => cmd_scan(&values, rest),
        Some("mask") => cmd_mask(&values, rest),
        Some("find") => cmd_find(&values, rest),
        Some("risk") => cmd_risk(&values, rest),
        Some("restore") => crate::roundtrip::cmd_restore(&values, rest),
        None => {
            let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
            usage(format!(
                "which command? {} (see pii-mask --help)",
                names.join(", ")
            ))
        }
        Some(other) => usage(format!(
            "unknown command {} (see pii-mask --help)",
            json::compact_string(other)
        )),
    }
}

pub fn main() {
    files::signals::install();
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = main_inner(&argv);
    let _ = std::io::stdout().flush();
    let code = match result {
        Ok(()) | Err(Failure::ReaderGone) => 0,
        Err(f) => {
            let (m, usage_error) = match f {
                Failure::Usage(m) => (m, true),
                Failure::Fail(m) => (m, false),
                Failure::ReaderGone => (String::new(), false),
            };
            if PROGRESS_OPEN.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = writeln!(std::io::stderr());
            }
            say(&m);
            if usage_error {
                let _ = writeln!(std::io::stderr(), "Try pii-mask --help");
                2
            } else {
                1
            }
        }
    };
    if let Ok(t) = files::TEMPORARY.lock() {
        for f in t.iter() {
            let _ = std::fs::remove_file(f);
        }
    }
    std::process::exit(code);
}
