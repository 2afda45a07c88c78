//! Validation rules: the policy's `validate` section checks each row's
//! original values (before any operator) and rejects the file, drops the
//! bad rows, or flags them in a column of their own.
//!
//! ```
//! use pii_mask::{Masker, MaskOptions, Policy};
//! let policy = Policy::from_json(r#"{"version": 1, "validate": {"mode": "flag",
//!     "columns": {"age": {"type": "integer", "min": 0, "max": 120}}}}"#).unwrap();
//! let mut m = Masker::new(policy, MaskOptions::default()).unwrap();
//! let mut out = Vec::new();
//! m.push(b"name,age\nAnn,34\nBo,150\nCy,old\n", &mut out).unwrap();
//! let report = m.finish(&mut out).unwrap();
//! assert_eq!(out, b"name,age,_invalid\nAnn,34,\nBo,150,age:max\nCy,old,age:type\n");
//! assert_eq!(report.validation.unwrap().rows_failed, 2);
//! ```
//!
//! The report and errors name the line, the column and the rule, never the
//! value. Memory: `unique` keeps a 128-bit keyed digest per distinct value
//! (about 40 bytes with the set's overhead), at most [`MAX_UNIQUE`] in all.

use crate::ops::date::{DateFormat, DateKey};
use crate::policy::ColumnRef;
use crate::report::{ValidationProblem, ValidationReport};
use crate::{Error, ErrorKind};
use hmac::{Hmac, Mac};
use regex_automata::hybrid::{dfa, regex};
use regex_automata::util::syntax;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;
use std::collections::{BTreeMap, HashSet};

/// Problems listed (and, with `reject`, the run stopped at) by default.
pub const DEFAULT_MAX_PROBLEMS: usize = 100;

/// The most problems a policy may ask to list: the list is held in memory.
pub const MAX_PROBLEMS_LIMIT: usize = 1_000_000;

/// The flag column's default name.
pub const DEFAULT_FLAG_COLUMN: &str = "_invalid";

/// Distinct values `unique` remembers, over all its columns: beyond, new
/// values are no longer remembered (a later copy of one is missed) and the
/// report lists the column under `uniqueIncomplete`. About 160 MB at most.
pub const MAX_UNIQUE: usize = 4_000_000;

/// A pattern's length limit, as for declared entities.
const MAX_PATTERN: usize = 1000;

/// What happens to rows that break a rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ValidationMode {
    /// Fail the run (error `validation_failed`) at the first `max_problems`
    /// problems, or at the end of the file with those found.
    #[default]
    Reject,
    /// Leave the bad rows out of the output and count them.
    Drop,
    /// Keep every row and add a column naming the rules each row broke
    /// (`age:max;email:type`), empty for good rows.
    Flag,
}

impl ValidationMode {
    pub fn name(self) -> &'static str {
        match self {
            ValidationMode::Reject => "reject",
            ValidationMode::Drop => "drop",
            ValidationMode::Flag => "flag",
        }
    }
}

/// The policy's `validate` section: rules per column, checked on the
/// original values before any operator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Validation {
    /// `reject` (the default), `drop` or `flag`.
    #[serde(default)]
    pub mode: ValidationMode,
    /// With `reject`, the run stops at this many problems; in every mode,
    /// the report lists this many and counts the rest (default 100, at
    /// most 1000000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 1_000_000)))]
    pub max_problems: Option<usize>,
    /// With `flag`: the added column's name (default `_invalid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
    pub flag_column: Option<String>,
    /// The rules of each column, by header name or `#N` (0-based).
    #[serde(default)]
    pub columns: BTreeMap<String, Rules>,
}

/// The rules of one column. An empty cell breaks only `required`; the
/// other rules apply to non-empty cells.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ValidationRules"))]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// What every value must be (as written, no spaces around it).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ValueType>,
    /// With `"type": "date"`: the values' format, with `%Y` (4-digit year),
    /// `%m`, `%d`, `%H`, `%M`, `%S` (2 digits each) and `%%`; default
    /// `%Y-%m-%d`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// With `"type": "enum"`: the values allowed (exactly as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
    pub values: Option<Vec<String>>,
    /// The least value: a number with `integer` and `number`, a date in
    /// the column's format with `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Bound>,
    /// The greatest value, as `min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Bound>,
    /// The fewest characters (Unicode scalar values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    /// The most characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// A regular expression the whole value must match (linear time; ASCII
    /// classes; at most 1000 bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 1000)))]
    pub pattern: Option<String>,
    /// The cell must not be empty.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// No two non-empty cells of the column may be equal (the second and
    /// later copies break the rule).
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The fields of a column's rules, in the order they are checked.
pub(crate) const RULE_FIELDS: [&str; 10] = [
    "required",
    "type",
    "format",
    "values",
    "min",
    "max",
    "min_length",
    "max_length",
    "pattern",
    "unique",
];

/// The fields of `validate`.
pub(crate) const FIELDS: [&str; 4] = ["mode", "max_problems", "flag_column", "columns"];

/// What a column's values must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// Digits with an optional sign: `-12`, `+3`, `0042`.
    Integer,
    /// A decimal number: `-12.5`, `.5`, `1e3`.
    Number,
    /// A date (or time) in the column's `format`, that exists in the
    /// calendar.
    Date,
    /// An email address: `local@domain.tld`.
    Email,
    /// One of `values`.
    Enum,
    /// Any text (the length and pattern rules still apply).
    String,
}

/// A `min` or `max`: a number, or a date written in the column's format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ValidationBound"))]
#[serde(
    untagged,
    expecting = "a number, or a date written in the column's format"
)]
pub enum Bound {
    Number(f64),
    Date(String),
}

/// A policy key as one token of a JSON pointer (RFC 6901).
fn pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads the policy's `validate` section; each problem goes to `errors`
/// with the field it is about.
pub(crate) fn read(v: &Value, errors: &mut Vec<Error>) -> Option<Validation> {
    let before = errors.len();
    let err = |kind, msg: String, field: String| {
        Error::policy(kind, format!("validate: {msg}")).at_field(field)
    };
    let Value::Object(obj) = v else {
        errors.push(err(
            ErrorKind::PolicyInvalid,
            format!("must be an object, not {v}"),
            "/validate".into(),
        ));
        return None;
    };
    for key in obj.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
        errors.push(err(
            ErrorKind::PolicyUnknownField,
            format!("unknown field \"{key}\" (expected {})", FIELDS.join(", ")),
            format!("/validate/{}", pointer(key)),
        ));
    }
    let mut spec = Validation {
        mode: ValidationMode::Reject,
        max_problems: None,
        flag_column: None,
        columns: BTreeMap::new(),
    };
    if let Some(m) = obj.get("mode") {
        match serde_json::from_value(m.clone()) {
            Ok(mode) => spec.mode = mode,
            Err(_) => errors.push(err(
                ErrorKind::PolicyInvalid,
                format!("mode must be \"reject\", \"drop\" or \"flag\", not {m}"),
                "/validate/mode".into(),
            )),
        }
    }
    match obj.get("max_problems") {
        None => {}
        Some(n) => match n.as_u64() {
            Some(n) if (1..=MAX_PROBLEMS_LIMIT as u64).contains(&n) => {
                spec.max_problems = Some(n as usize)
            }
            _ => errors.push(err(
                ErrorKind::PolicyInvalid,
                format!(
                    "max_problems must be a whole number from 1 to {MAX_PROBLEMS_LIMIT}, not {n}"
                ),
                "/validate/max_problems".into(),
            )),
        },
    }
    match obj.get("flag_column") {
        None => {}
        Some(Value::String(s)) if !s.is_empty() => spec.flag_column = Some(s.clone()),
        Some(s) => errors.push(err(
            ErrorKind::PolicyInvalid,
            format!("flag_column must be a column name (non-empty text), not {s}"),
            "/validate/flag_column".into(),
        )),
    }
    if spec.flag_column.is_some() && spec.mode != ValidationMode::Flag {
        errors.push(err(
            ErrorKind::PolicyInvalid,
            format!(
                "flag_column is for \"mode\": \"flag\"; this policy's mode is \"{}\"",
                spec.mode.name()
            ),
            "/validate/flag_column".into(),
        ));
    }
    match obj.get("columns") {
        None => {}
        Some(Value::Object(map)) => {
            for (col, rules) in map {
                let field = format!("/validate/columns/{}", pointer(col));
                if let Some(r) = read_rules(col, rules, &field, errors) {
                    spec.columns.insert(col.clone(), r);
                }
            }
        }
        Some(c) => errors.push(err(
            ErrorKind::PolicyInvalid,
            format!("columns must be an object, not {c}"),
            "/validate/columns".into(),
        )),
    }
    (errors.len() == before).then_some(spec)
}

/// One column's rules, checked field by field.
fn read_rules(col: &str, v: &Value, field: &str, errors: &mut Vec<Error>) -> Option<Rules> {
    let err = |kind, msg: String, at: String| {
        Error::policy(kind, format!("validate: column \"{col}\": {msg}"))
            .in_column(col)
            .at_field(at)
    };
    let Value::Object(obj) = v else {
        errors.push(err(
            ErrorKind::PolicyInvalid,
            format!("the rules must be an object, not {v}"),
            field.into(),
        ));
        return None;
    };
    let before = errors.len();
    for key in obj.keys().filter(|k| !RULE_FIELDS.contains(&k.as_str())) {
        errors.push(err(
            ErrorKind::PolicyUnknownField,
            format!(
                "unknown rule `{key}` (rules: `{}`)",
                RULE_FIELDS.join("`, `")
            ),
            format!("{field}/{}", pointer(key)),
        ));
    }
    if errors.len() > before {
        return None;
    }
    // Field by field, so that a wrong value is placed exactly.
    for key in RULE_FIELDS {
        let Some(one) = obj.get(key) else { continue };
        let single = Value::Object([(key.to_string(), one.clone())].into_iter().collect());
        if let Err(e) = serde_json::from_value::<Rules>(single) {
            let msg = e.to_string();
            let msg = msg.split(" at line").next().unwrap_or(&msg);
            errors.push(err(
                ErrorKind::PolicyInvalid,
                format!("{key}: {msg}"),
                format!("{field}/{key}"),
            ));
        }
    }
    if errors.len() > before {
        return None;
    }
    let rules: Rules = match serde_json::from_value(v.clone()) {
        Ok(r) => r,
        Err(e) => {
            errors.push(err(ErrorKind::PolicyInvalid, e.to_string(), field.into()));
            return None;
        }
    };
    match Check::compile(&rules) {
        Ok(_) => Some(rules),
        Err((sub, msg)) => {
            errors.push(err(ErrorKind::PolicyInvalid, msg, format!("{field}/{sub}")));
            None
        }
    }
}

/// A date format, compiled: literal bytes and fields.
/// Integer: an optional sign, then digits.
fn is_integer(v: &[u8]) -> bool {
    let digits = match v.first() {
        Some(b'+' | b'-') => &v[1..],
        _ => v,
    };
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// A decimal number as written in data: sign, digits, a point, an exponent
/// (no `inf`, `NaN`, hex or spaces).
fn number(v: &[u8]) -> Option<f64> {
    let mut i = usize::from(matches!(v.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let from = *i;
        while v.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let mut n = digits(&mut i);
    if v.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(v.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(v.get(i), Some(b'+' | b'-')));
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != v.len() {
        return None;
    }
    std::str::from_utf8(v)
        .ok()?
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
}

/// An email address's shape: one `@`; a local part of the characters RFC
/// 5322 allows unquoted, dots not at its ends or doubled; a domain of two
/// or more labels of letters, digits and inner hyphens, the last not all
/// digits. Non-ASCII letters are allowed (internationalised addresses).
fn is_email(v: &[u8]) -> bool {
    if v.len() > 254 {
        return false;
    }
    let Some(at) = v.iter().position(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&v[..at], &v[at + 1..]);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.first() != Some(&b'.')
        && local.last() != Some(&b'.')
        && !local.windows(2).any(|w| w == b"..")
        && local.iter().all(|&b| {
            b >= 0x80 || b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b)
        });
    let labels: Vec<&[u8]> = domain.split(|&b| b == b'.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.first() != Some(&b'-')
                && l.last() != Some(&b'-')
                && l.iter()
                    .all(|&b| b >= 0x80 || b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|l| !l.iter().all(u8::is_ascii_digit));
    local_ok && domain_ok
}

/// One column's rules, compiled.
#[derive(Clone, Debug)]
struct Check {
    required: bool,
    kind: Option<ValueType>,
    date: Option<DateFormat>,
    values: HashSet<Vec<u8>>,
    min: Option<Limit>,
    max: Option<Limit>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<std::sync::Arc<regex::Regex>>,
    unique: bool,
}

#[derive(Clone, Copy, Debug)]
enum Limit {
    Number(f64),
    Date(DateKey),
}

impl Check {
    /// Compiles the rules, or says which field is wrong and why.
    fn compile(r: &Rules) -> Result<Check, (&'static str, String)> {
        let kind = r.kind;
        if r.format.is_some() && kind != Some(ValueType::Date) {
            return Err(("format", "format is for \"type\": \"date\"".into()));
        }
        if r.values.is_some() && kind != Some(ValueType::Enum) {
            return Err(("values", "values is for \"type\": \"enum\"".into()));
        }
        if kind == Some(ValueType::Enum) && r.values.as_ref().is_none_or(Vec::is_empty) {
            return Err((
                "values",
                "\"type\": \"enum\" needs \"values\": the values allowed".into(),
            ));
        }
        let date = match kind {
            Some(ValueType::Date) => Some(
                DateFormat::parse(r.format.as_deref().unwrap_or("%Y-%m-%d"))
                    .map_err(|m| ("format", m))?,
            ),
            _ => None,
        };
        let limit = |which: &'static str,
                     b: &Option<Bound>|
         -> Result<Option<Limit>, (&'static str, String)> {
            let Some(b) = b else { return Ok(None) };
            match (kind, b, &date) {
                (Some(ValueType::Integer | ValueType::Number), Bound::Number(n), _) => {
                    Ok(Some(Limit::Number(*n)))
                }
                (Some(ValueType::Date), Bound::Date(s), Some(f)) => f
                    .read(s.as_bytes())
                    .map(|k| Some(Limit::Date(k)))
                    .ok_or_else(|| {
                        (which, format!("{which} {s:?} is not a date in the column's format"))
                    }),
                (Some(ValueType::Date), Bound::Number(n), _) => Err((
                    which,
                    format!("{which} of a date column is a date in its format, not {n}"),
                )),
                (Some(ValueType::Integer | ValueType::Number), Bound::Date(s), _) => Err((
                    which,
                    format!("{which} of a number column is a number, not {s:?}"),
                )),
                _ => Err((
                    which,
                    format!("{which} needs \"type\": \"integer\", \"number\" or \"date\" (for lengths, min_length and max_length)"),
                )),
            }
        };
        let min = limit("min", &r.min)?;
        let max = limit("max", &r.max)?;
        let above = match (min, max) {
            (Some(Limit::Number(a)), Some(Limit::Number(b))) => a > b,
            (Some(Limit::Date(a)), Some(Limit::Date(b))) => a > b,
            _ => false,
        };
        if above {
            return Err(("max", "max is below min".into()));
        }
        if let (Some(a), Some(b)) = (r.min_length, r.max_length) {
            if a > b {
                return Err(("max_length", "max_length is below min_length".into()));
            }
        }
        let pattern = match &r.pattern {
            None => None,
            Some(p) if p.len() > MAX_PATTERN => {
                return Err((
                    "pattern",
                    format!("pattern longer than {MAX_PATTERN} bytes"),
                ))
            }
            Some(p) => Some(std::sync::Arc::new(
                compile_pattern(p).map_err(|m| ("pattern", m))?,
            )),
        };
        Ok(Check {
            required: r.required,
            kind,
            date,
            values: r
                .values
                .iter()
                .flatten()
                .map(|v| v.as_bytes().to_vec())
                .collect(),
            min,
            max,
            min_length: r.min_length,
            max_length: r.max_length,
            pattern,
            unique: r.unique,
        })
    }
}

/// The pattern, anchored at both ends: the whole value must match. The
/// same engine as declared entities (linear time, ASCII classes).
fn compile_pattern(p: &str) -> Result<regex::Regex, String> {
    regex::Regex::builder()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .dfa(dfa::Config::new().cache_capacity(2 << 20))
        .build(&format!("^(?:{p})$"))
        .map_err(|e| {
            // The syntax error underneath says what is wrong and where.
            let mut msg = e.to_string();
            let mut cause = std::error::Error::source(&e);
            while let Some(c) = cause {
                msg = c.to_string();
                cause = c.source();
            }
            format!("pattern does not compile: {msg}")
        })
}

/// What to do with a row.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Write it as it is (masked).
    Write,
    /// Leave it out.
    Skip,
    /// Write it with this flag cell.
    Flag(String),
}

struct Target {
    index: usize,
    /// As users see it: the header name or `#N`.
    name: String,
    check: Check,
    cache: Option<regex::Cache>,
    /// With `unique`: the digests seen.
    seen: HashSet<u128>,
    /// `unique` stopped remembering new values (the bound).
    full: bool,
}

/// The compiled `validate` section, with what it found so far.
pub(crate) struct Validator {
    mode: ValidationMode,
    max_problems: usize,
    flag_column: String,
    targets: Vec<Target>,
    /// The HMAC key of `unique`'s digests.
    mac: Hmac<Sha256>,
    remembered: usize,
    rows_checked: u64,
    rows_failed: u64,
    dropped: u64,
    problems: Vec<ValidationProblem>,
    not_listed: u64,
    /// Scratch: the rules one row broke.
    broken: Vec<(usize, &'static str)>,
    /// The rules the last row checked broke, as the flag column says them.
    last: String,
    /// Never fail (`reject` leaves bad rows out instead): for previews.
    pub(crate) lenient: bool,
}

impl Validator {
    /// Fixes the rules on the file's columns. `key` keys `unique`'s
    /// digests (the masker's key when there is one).
    pub(crate) fn new(
        spec: &Validation,
        names: Option<&[String]>,
        width: usize,
        key: Option<&[u8]>,
    ) -> Result<Validator, Error> {
        let flag_column = spec
            .flag_column
            .clone()
            .unwrap_or_else(|| DEFAULT_FLAG_COLUMN.to_string());
        if spec.mode == ValidationMode::Flag && names.is_some_and(|n| n.contains(&flag_column)) {
            return Err(Error::policy(
                ErrorKind::PolicyInvalid,
                format!(
                    "validate: the file already has a column \"{flag_column}\"; name the flag column otherwise with \"flag_column\""
                ),
            )
            .at_field("/validate/flag_column"));
        }
        let mut targets = Vec::new();
        for (key, rules) in &spec.columns {
            let field = format!("/validate/columns/{}", pointer(key));
            let indices: Vec<usize> = match ColumnRef::parse(key) {
                ColumnRef::Index(i) if i < width => vec![i],
                ColumnRef::Index(i) => {
                    return Err(Error::policy(
                        ErrorKind::PolicyUnknownColumn,
                        format!(
                            "validate: column #{i} does not exist: the file has {width} columns (#0 to #{})",
                            width.saturating_sub(1)
                        ),
                    )
                    .in_column(format!("#{i}"))
                    .at_field(field));
                }
                ColumnRef::Name(name) => {
                    let Some(names) = names else {
                        return Err(Error::policy(
                            ErrorKind::PolicyNoHeader,
                            format!("validate: column \"{name}\": the file has no header row, so name columns #0, #1, ..."),
                        )
                        .in_column(name.as_str())
                        .at_field(field));
                    };
                    let hits: Vec<usize> = names
                        .iter()
                        .take(width)
                        .enumerate()
                        .filter(|(_, n)| **n == name)
                        .map(|(i, _)| i)
                        .collect();
                    if hits.is_empty() {
                        return Err(Error::policy(
                            ErrorKind::PolicyUnknownColumn,
                            format!(
                                "validate: column \"{name}\" is not in the header (columns: {})",
                                names.join(", ")
                            ),
                        )
                        .in_column(name.as_str())
                        .at_field(field));
                    }
                    hits
                }
            };
            let check = Check::compile(rules).map_err(|(sub, msg)| {
                Error::policy(
                    ErrorKind::PolicyInvalid,
                    format!("validate: column \"{key}\": {msg}"),
                )
                .at_field(format!("{field}/{sub}"))
            })?;
            for index in indices {
                let name = match names.and_then(|n| n.get(index)) {
                    Some(n) => n.clone(),
                    None => format!("#{index}"),
                };
                let cache = check.pattern.as_ref().map(|p| p.create_cache());
                targets.push(Target {
                    index,
                    name,
                    check: check.clone(),
                    cache,
                    seen: HashSet::new(),
                    full: false,
                });
            }
        }
        // Problems are listed in column order within a row.
        targets.sort_by_key(|t| t.index);
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(key.unwrap_or(b"pii-mask validate unique"))
            .map_err(|_| Error::state("internal: HMAC key"))?;
        Ok(Validator {
            mode: spec.mode,
            max_problems: spec.max_problems.unwrap_or(DEFAULT_MAX_PROBLEMS),
            flag_column,
            targets,
            mac,
            remembered: 0,
            rows_checked: 0,
            rows_failed: 0,
            dropped: 0,
            problems: Vec::new(),
            not_listed: 0,
            broken: Vec::new(),
            last: String::new(),
            lenient: false,
        })
    }

    /// The flag column's name, with `flag`.
    pub(crate) fn flag_column(&self) -> Option<&str> {
        (self.mode == ValidationMode::Flag).then_some(self.flag_column.as_str())
    }

    /// Checks one data row (`cell(i)`: its `i`th cell, `None` past its
    /// end). With `reject`, fails once `max_problems` are found.
    pub(crate) fn check<'a>(
        &mut self,
        line: u64,
        cell: impl Fn(usize) -> Option<&'a [u8]>,
    ) -> Result<Verdict, Error> {
        self.rows_checked += 1;
        self.broken.clear();
        self.last.clear();
        for (t, target) in self.targets.iter_mut().enumerate() {
            let v = cell(target.index).unwrap_or_default();
            let c = &target.check;
            if v.is_empty() {
                if c.required {
                    self.broken.push((t, "required"));
                }
                continue;
            }
            let mut num = None;
            let mut date = None;
            let typed = match c.kind {
                Some(ValueType::Integer) => {
                    num = number(v).filter(|_| is_integer(v));
                    num.is_some()
                }
                Some(ValueType::Number) => {
                    num = number(v);
                    num.is_some()
                }
                Some(ValueType::Date) => {
                    date = c.date.as_ref().and_then(|f| f.read(v));
                    date.is_some()
                }
                Some(ValueType::Email) => is_email(v),
                Some(ValueType::Enum) => c.values.contains(v),
                Some(ValueType::String) | None => true,
            };
            if !typed {
                self.broken.push((t, "type"));
            } else {
                let cmp = |l: &Limit| match (l, num, date) {
                    (Limit::Number(b), Some(n), _) => n.partial_cmp(b),
                    (Limit::Date(b), _, Some(d)) => Some(d.cmp(b)),
                    _ => None,
                };
                if c.min.as_ref().and_then(cmp) == Some(std::cmp::Ordering::Less) {
                    self.broken.push((t, "min"));
                }
                if c.max.as_ref().and_then(cmp) == Some(std::cmp::Ordering::Greater) {
                    self.broken.push((t, "max"));
                }
            }
            if c.min_length.is_some() || c.max_length.is_some() {
                let len = String::from_utf8_lossy(v).chars().count();
                if c.min_length.is_some_and(|m| len < m) {
                    self.broken.push((t, "min_length"));
                }
                if c.max_length.is_some_and(|m| len > m) {
                    self.broken.push((t, "max_length"));
                }
            }
            if let (Some(re), Some(cache)) = (&c.pattern, target.cache.as_mut()) {
                if !re.is_match(cache, v) {
                    self.broken.push((t, "pattern"));
                }
            }
            if c.unique {
                let mut mac = self.mac.clone();
                mac.update(&(target.index as u64).to_le_bytes());
                mac.update(v);
                let d = mac.finalize().into_bytes();
                let mut first = [0u8; 16];
                first.copy_from_slice(&d[..16]);
                let digest = u128::from_le_bytes(first);
                if target.seen.contains(&digest) {
                    self.broken.push((t, "unique"));
                } else if self.remembered < MAX_UNIQUE {
                    target.seen.insert(digest);
                    self.remembered += 1;
                } else {
                    target.full = true;
                }
            }
        }
        if self.broken.is_empty() {
            return Ok(match self.mode {
                ValidationMode::Flag => Verdict::Flag(String::new()),
                _ => Verdict::Write,
            });
        }
        self.rows_failed += 1;
        for &(t, rule) in &self.broken {
            if self.problems.len() < self.max_problems {
                self.problems.push(ValidationProblem {
                    line,
                    column: self.targets[t].name.clone(),
                    rule: rule.to_string(),
                });
            } else {
                self.not_listed += 1;
            }
        }
        for &(t, rule) in &self.broken {
            if !self.last.is_empty() {
                self.last.push(';');
            }
            self.last.push_str(&self.targets[t].name);
            self.last.push(':');
            self.last.push_str(rule);
        }
        match self.mode {
            ValidationMode::Reject
                if !self.lenient
                    && (self.not_listed > 0 || self.problems.len() >= self.max_problems) =>
            {
                Err(self.failure(true))
            }
            ValidationMode::Reject => Ok(Verdict::Skip),
            ValidationMode::Drop => {
                self.dropped += 1;
                Ok(Verdict::Skip)
            }
            ValidationMode::Flag => Ok(Verdict::Flag(self.last.clone())),
        }
    }

    /// The rules the last row checked broke (`age:max;email:type`), empty
    /// when it broke none.
    pub(crate) fn last_failure(&self) -> &str {
        &self.last
    }

    /// At the end of the input: with `reject`, any problem fails the run.
    pub(crate) fn finish(&self) -> Result<(), Error> {
        match (self.mode, self.problems.is_empty()) {
            (ValidationMode::Reject, false) if !self.lenient => Err(self.failure(false)),
            _ => Ok(()),
        }
    }

    /// The `validation_failed` error: where the problems are, never a value.
    fn failure(&self, stopped: bool) -> Error {
        let n = self.problems.len();
        let first = self
            .problems
            .first()
            .map(|p| {
                format!(
                    "; the first: line {}, column \"{}\": {}",
                    p.line, p.column, p.rule
                )
            })
            .unwrap_or_default();
        let how = if stopped && n == 1 {
            "stopped at the first problem (max_problems)".to_string()
        } else if stopped {
            format!("stopped at the first {n} problems (max_problems)")
        } else if n == 1 {
            "1 problem".to_string()
        } else {
            format!("{n} problems")
        };
        Error::new(
            ErrorKind::ValidationFailed,
            format!("validation failed: {how}{first}"),
        )
        .with_problems(self.problems.clone())
    }

    /// What was found so far.
    pub(crate) fn report(&self) -> ValidationReport {
        ValidationReport {
            mode: self.mode,
            flag_column: self.flag_column().map(String::from),
            rows_checked: self.rows_checked,
            rows_failed: self.rows_failed,
            dropped: self.dropped,
            problems: self.problems.clone(),
            problems_not_listed: self.not_listed,
            unique_incomplete: self
                .targets
                .iter()
                .filter(|t| t.full)
                .map(|t| t.name.clone())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_data_writes_them() {
        for ok in ["0", "-12", "+3", "12.5", ".5", "5.", "1e3", "-2.5E-3"] {
            assert!(number(ok.as_bytes()).is_some(), "{ok}");
        }
        for bad in [
            "", "-", ".", "1e", "inf", "NaN", "0x10", " 1", "1,5", "1e400",
        ] {
            assert!(number(bad.as_bytes()).is_none(), "{bad}");
        }
        assert!(is_integer(b"-0042") && !is_integer(b"4.0") && !is_integer(b"+"));
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        let f = DateFormat::parse("%Y-%m-%d").unwrap();
        assert!(f.read(b"2024-02-29").is_some());
        assert!(f.read(b"2023-02-29").is_none());
        assert!(f.read(b"1900-02-29").is_none());
        assert!(f.read(b"2000-02-29").is_some());
        assert!(f.read(b"2024-04-31").is_none());
        assert!(f.read(b"2024-13-01").is_none());
        assert!(f.read(b"2024-1-01").is_none());
        assert!(f.read(b"2024-01-01x").is_none());
        let t = DateFormat::parse("%d/%m/%Y %H:%M").unwrap();
        assert!(t.read(b"31/12/1999 23:59").is_some());
        assert!(t.read(b"31/12/1999 24:00").is_none());
        assert!(DateFormat::parse("%Q").is_err());
        assert!(DateFormat::parse("plain").is_err());
        assert!(DateFormat::parse("%Y-%Y").is_err());
    }

    #[test]
    fn emails_have_the_usual_shape() {
        for ok in ["a@b.co", "ann.lee+x@mail.example.org", "zoë@exämple.de"] {
            assert!(is_email(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "",
            "a",
            "@b.co",
            "a@",
            "a@b",
            "a@@b.co",
            "a b@c.de",
            ".a@b.co",
            "a..b@c.de",
            "a@-b.co",
            "a@b.123",
            "a@b..co",
        ] {
            assert!(!is_email(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn rules_that_do_not_fit_say_which_field() {
        let bad = |json: &str| {
            let r: Rules = serde_json::from_str(json).unwrap();
            Check::compile(&r).unwrap_err()
        };
        assert_eq!(bad(r#"{"min": 1}"#).0, "min");
        assert_eq!(bad(r#"{"type": "integer", "min": 5, "max": 1}"#).0, "max");
        assert_eq!(bad(r#"{"type": "date", "min": "1 May"}"#).0, "min");
        assert_eq!(bad(r#"{"type": "enum"}"#).0, "values");
        assert_eq!(bad(r#"{"format": "%Y"}"#).0, "format");
        assert_eq!(bad(r#"{"pattern": "(("}"#).0, "pattern");
        assert_eq!(bad(r#"{"min_length": 3, "max_length": 2}"#).0, "max_length");
    }
}
