//! The user's rules: which operator each column gets.
//!
//! A policy is JSON, versioned and validated when it is loaded:
//!
//! ```
//! use pii_mask::Policy;
//! let policy = Policy::from_json(r##"{"version": 1, "default": {"op": "keep"},
//!     "columns": {"email": {"op": "mask"}, "#5": {"op": "drop"}}}"##).unwrap();
//! assert!(!policy.auto);
//! let err = Policy::from_json(r#"{"version": 1, "columns": {"email": {"op": "blur"}}}"#).unwrap_err();
//! assert!(err.to_string().contains("column \"email\""));
//! ```

use crate::custom::CustomEntities;
use crate::detect::{with_declared, Entity};
use crate::validate::Validation;
use crate::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The only policy format version so far.
pub const VERSION: u32 = 1;

/// What to do with the cells of one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub enum Op {
    /// Leave the cells as they are.
    Keep,
    /// Remove the column, header included.
    Drop,
    /// Replace each non-empty cell with a label.
    Redact {
        /// The label (default `[ENTITY]` when the column's entity is known,
        /// else `[REDACTED]`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        /// What the column holds, for the `[ENTITY]` label (default: what the
        /// scanner or the header says).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity: Option<Entity>,
    },
    /// Hide most of each value. Without `chars`, the mask fits the entity:
    /// an email keeps its domain, a card its last four digits, separators
    /// stay; a value of no known entity, or too short, is masked whole.
    Mask {
        /// The masking character (default `*`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        char: Option<char>,
        /// Mask this many characters from the start (from the end with
        /// `from_end`), as Presidio's mask operator does; at least 1. A count
        /// never shows more than the entity's own mask: a value that is an
        /// entity (the column's, or recognised in it) gets at least that
        /// mask, and in a column of a known entity a value that is not that
        /// entity is masked whole.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
        chars: Option<usize>,
        /// Count `chars` from the end of the value.
        #[serde(default, skip_serializing_if = "is_false")]
        from_end: bool,
        /// What the column holds, for the mask's shape (default: what the
        /// scanner or the header says, else judged value by value).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity: Option<Entity>,
    },
    /// Replace each value with a hex digest under the key (the `key` option,
    /// at least 16 bytes, needed by every `hash` whatever its algorithm).
    /// Equal values get equal pseudonyms in every column and file hashed
    /// with that key, so tables still join.
    Hash {
        /// Hex characters kept, 8 to 64 (default 16).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 8, max = 64)))]
        length: Option<usize>,
        /// `hmac-sha256` (the default) or `sha256`.
        #[serde(default, skip_serializing_if = "is_default")]
        algorithm: HashAlgorithm,
        /// Derive a key of its own for this column (from the key and the
        /// column's name), so equal values in two columns do not link.
        #[serde(default, skip_serializing_if = "is_false")]
        per_column: bool,
    },
    /// Replace each value with a token that names its entity and a number
    /// (`PERSON_048213`), or with a realistic fake value of the same shape
    /// (`"style": "surrogate"`), recorded in the vault so that an AI's
    /// answer quoting it can be restored; needs the key, like `hash`. Equal
    /// values get equal tokens in every column and file tokenized with that
    /// key and vault.
    Tokenize {
        /// The entity the token names (default: the column's, else
        /// `VALUE`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity: Option<Entity>,
        /// `token` (the default): `PERSON_048213`; `surrogate`: a fake value
        /// of the entity's format (a name from the name lists, an email at
        /// `example.com`, a fictional phone number, a test card number, ...).
        #[serde(default, skip_serializing_if = "is_default_style")]
        style: TokenStyle,
    },
    /// Keep a coarser value: `"to": "year"` keeps a date's year (a value
    /// without one is redacted); `"prefix"` keeps the first `chars` letters
    /// and digits of a postcode (default 3) and masks the rest; `"band"`
    /// puts a number in its band (`width`, or between `edges`; below `min`
    /// and from `max` on, one band each: `<18`, `90+`); `"round"` rounds a
    /// number to a multiple of `step`; `"month"`, `"quarter"` and `"week"`
    /// keep that much of a date (ISO week). The number operators write an
    /// empty cell for a value that is not a number (counted in the report);
    /// the date ones `[DATE_TIME]` for a value that is no date.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(extend("allOf" = [
            {
                "if": { "properties": { "to": { "const": "year" } } },
                "then": { "not": { "anyOf": [
                    {"required": ["chars"]}, {"required": ["width"]}, {"required": ["edges"]},
                    {"required": ["min"]}, {"required": ["max"]}, {"required": ["step"]},
                    {"required": ["format"]}
                ] } }
            },
            {
                "if": { "properties": { "to": { "const": "prefix" } } },
                "then": { "not": { "anyOf": [
                    {"required": ["width"]}, {"required": ["edges"]}, {"required": ["min"]},
                    {"required": ["max"]}, {"required": ["step"]}, {"required": ["format"]}
                ] } }
            },
            {
                "if": { "properties": { "to": { "const": "band" } } },
                "then": {
                    "oneOf": [{"required": ["width"]}, {"required": ["edges"]}],
                    "not": { "anyOf": [{"required": ["chars"]}, {"required": ["step"]}, {"required": ["format"]}] }
                }
            },
            {
                "if": { "properties": { "to": { "const": "round" } } },
                "then": {
                    "required": ["step"],
                    "not": { "anyOf": [
                        {"required": ["chars"]}, {"required": ["width"]}, {"required": ["edges"]},
                        {"required": ["min"]}, {"required": ["max"]}, {"required": ["format"]}
                    ] }
                }
            },
            {
                "if": { "properties": { "to": { "enum": ["month", "quarter", "week"] } } },
                "then": { "not": { "anyOf": [
                    {"required": ["chars"]}, {"required": ["width"]}, {"required": ["edges"]},
                    {"required": ["min"]}, {"required": ["max"]}, {"required": ["step"]}
                ] } }
            }
        ]))
    )]
    Generalize {
        to: Generalization,
        /// With `prefix`: letters and digits kept, at least 1 (default: by
        /// the postcode's shape: a UK outward code, a Canadian FSA, two of
        /// four digits, three of five).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
        chars: Option<usize>,
        /// With `band`: the width of each band, above 0 (bands start at
        /// `min`, else at 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        width: Option<f64>,
        /// With `band` instead of `width`: the bands' bounds, increasing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        edges: Option<Vec<f64>>,
        /// With `band`: values below it become one band (bottom-coding).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// With `band`: values from it on become one band (top-coding).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        /// With `round`: the step, above 0, at most 6 decimals.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<f64>,
        /// With `month`, `quarter` or `week`: how the dates are written
        /// (`%Y %m %d %H %M %S`, e.g. `%d/%m/%Y`); default ISO `%Y-%m-%d`,
        /// a time after it allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// Add calibrated random noise to a number (differential privacy's
    /// Laplace or Gaussian mechanism, sampled exactly on a grid; needs the
    /// key). The same input, policy and key give the same noise.
    Noise {
        /// `laplace` (ε-DP) or `gaussian` ((ε, δ)-DP, ε below 1).
        mechanism: NoiseMechanism,
        /// The privacy budget ε spent on this column, above 0.
        epsilon: f64,
        /// With `gaussian`: δ, above 0 and below 1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delta: Option<f64>,
        /// How much one person can change a value (e.g. 1 for a count, the
        /// cap for a capped income), above 0.
        sensitivity: f64,
        /// The grid the output is on (default 1: whole numbers; 0.01 for
        /// cents); at most 6 decimals.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<f64>,
        /// Clamp the output to at least this (post-processing; no cost).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Clamp the output to at most this.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// Move each date by a number of days drawn for its subject, the value
    /// of another column of the row (`by`, e.g. a patient id), with the
    /// key: one subject's dates all move together, in every row, column and
    /// file masked with the same key and `days`, so the intervals between
    /// them are kept. The offset is in `[-days, +days]`, never 0 unless
    /// `allow_zero`. The date is written back in its own format; a value
    /// that is no date becomes `[DATE_TIME]`.
    #[serde(rename = "date_shift")]
    DateShift {
        /// The column whose value names the subject, by header or `#N`: its
        /// value as read, even when that column is masked too.
        by: String,
        /// The largest shift in days, 1 to 36500.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 36500)))]
        days: u32,
        /// Let a subject's offset be 0 (default false: every date moves).
        #[serde(default, skip_serializing_if = "is_false")]
        allow_zero: bool,
        /// How the dates are written (`%Y %m %d %H %M %S`, e.g.
        /// `%d/%m/%Y %H:%M`); default ISO `%Y-%m-%d`, a time after it kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// Keep the first `max` characters of each value (Unicode scalar
    /// values, never part of one): caps free text. The report counts the
    /// cells cut (`truncated`).
    Truncate {
        /// Characters kept, at least 1.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
        max: usize,
    },
    /// Keep the text but replace each piece of personal data in it with
    /// `[ENTITY]`, or with its token (`"replace": "tokenize"`).
    Scrub {
        /// Replace only these kinds (built-in names or the policy's own);
        /// every kind when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1)))]
        entities: Option<Vec<Entity>>,
        /// `label` (the default): `[ENTITY]`; `tokenize`: the piece's token,
        /// as `tokenize` makes it (needs the key).
        #[serde(default, skip_serializing_if = "is_default_replace")]
        replace: ScrubReplace,
        /// With `"replace": "tokenize"`: `token` (the default) or
        /// `surrogate`, as for `tokenize`.
        #[serde(default, skip_serializing_if = "is_default_style")]
        style: TokenStyle,
    },
}

fn is_default_replace(r: &ScrubReplace) -> bool {
    *r == ScrubReplace::default()
}

fn is_default_style(s: &TokenStyle) -> bool {
    *s == TokenStyle::default()
}

/// What `tokenize` (and `scrub` with `"replace": "tokenize"`) writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TokenStyle {
    /// A readable placeholder, `ENTITY_NNNNNN`.
    #[default]
    Token,
    /// A realistic, format-preserving fake value that is never one of the
    /// vault's original values.
    Surrogate,
}

/// What `scrub` puts in place of each piece of personal data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ScrubReplace {
    /// `[ENTITY]`.
    #[default]
    Label,
    /// The piece's token (`PERSON_048213`), recorded in the vault.
    Tokenize,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default(a: &HashAlgorithm) -> bool {
    *a == HashAlgorithm::default()
}

/// The distribution of `noise`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum NoiseMechanism {
    /// Discrete Laplace, scale sensitivity/ε.
    Laplace,
    /// Discrete Gaussian, σ = sensitivity·sqrt(2 ln(1.25/δ))/ε.
    Gaussian,
}

/// How `generalize` coarsens a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Generalization {
    /// A date to its year.
    Year,
    /// A postcode to its leading characters.
    Prefix,
    /// A number to its band.
    Band,
    /// A number to a multiple of a step.
    Round,
    /// A date to its month (`2024-03`).
    Month,
    /// A date to its quarter (`2024-Q1`).
    Quarter,
    /// A date to its ISO 8601 week (`2024-W10`).
    Week,
}

/// How `hash` derives its output from the key and the value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum HashAlgorithm {
    /// HMAC-SHA256 under the key: cannot be reversed by guessing values
    /// without the key.
    #[default]
    #[serde(rename = "hmac-sha256")]
    HmacSha256,
    /// SHA-256 of key || value: a salted hash, weaker than HMAC (length
    /// extension; documented for compatibility with older pipelines).
    #[serde(rename = "sha256")]
    Sha256,
}

impl Op {
    /// `generalize` with the default parameters of `to` (`band` and
    /// `round` have none: they need a width, edges or a step).
    pub fn generalize(to: Generalization) -> Op {
        Op::Generalize {
            to,
            chars: None,
            width: None,
            edges: None,
            min: None,
            max: None,
            step: None,
            format: None,
        }
    }

    /// The operator's name as written in a policy.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Keep => "keep",
            Op::Drop => "drop",
            Op::Redact { .. } => "redact",
            Op::Mask { .. } => "mask",
            Op::Hash { .. } => "hash",
            Op::Tokenize { .. } => "tokenize",
            Op::Generalize { .. } => "generalize",
            Op::Noise { .. } => "noise",
            Op::DateShift { .. } => "date_shift",
            Op::Truncate { .. } => "truncate",
            Op::Scrub { .. } => "scrub",
        }
    }

    /// `scrub` of every kind, replacing with `[ENTITY]`.
    pub fn scrub() -> Op {
        Op::Scrub {
            entities: None,
            replace: ScrubReplace::Label,
            style: TokenStyle::Token,
        }
    }

    /// Whether the operator needs the key: keyed hashes, tokens, and the
    /// randomness of `noise` and `date_shift` (HMACs under the key).
    pub fn needs_key(&self) -> bool {
        matches!(
            self,
            Op::Hash { .. } | Op::Noise { .. } | Op::DateShift { .. }
        ) || self.tokenizes()
    }

    /// Whether the operator records tokens in the vault.
    pub fn tokenizes(&self) -> bool {
        matches!(
            self,
            Op::Tokenize { .. }
                | Op::Scrub {
                    replace: ScrubReplace::Tokenize,
                    ..
                }
        )
    }

    /// What the type cannot say: the field at fault and why.
    fn check(&self) -> Result<(), (&'static str, String)> {
        match self {
            Op::Hash {
                length: Some(n), ..
            } if !(8..=64).contains(n) => {
                Err(("length", format!("hash length must be 8 to 64, not {n}")))
            }
            Op::Generalize { .. } => crate::ops::Generalizer::new(self).map(|_| ()),
            Op::Truncate { max: 0 } => Err((
                "max",
                "truncate max must be at least 1 (0 would keep nothing: use redact or drop)".into(),
            )),
            Op::Mask { chars: Some(0), .. } => Err((
                "chars",
                "mask chars must be at least 1 (0 would mask nothing)".into(),
            )),
            Op::Scrub {
                entities: Some(list),
                ..
            } if list.is_empty() => Err(("entities", "scrub entities must not be empty".into())),
            Op::Scrub {
                replace: ScrubReplace::Label,
                style: TokenStyle::Surrogate,
                ..
            } => Err((
                "style",
                "scrub style surrogate needs \"replace\": \"tokenize\"".into(),
            )),
            Op::Noise {
                mechanism,
                epsilon,
                delta,
                sensitivity,
                step,
                min,
                max,
            } => crate::ops::noise::NoiseParams::new(
                *mechanism,
                *sensitivity,
                *epsilon,
                *delta,
                step.unwrap_or(1.0),
                *min,
                *max,
            )
            .map(|_| ())
            .map_err(|e| (e.0, e.1)),
            Op::DateShift {
                by, days, format, ..
            } => crate::ops::shift::check(by, *days, format.as_deref()).map(|_| ()),
            _ => Ok(()),
        }
    }
}

// What `policy.schema.json` describes and `Policy::to_json` writes;
// `Policy::from_value` reads it field by field, to say where each problem is.
/// A pii-mask policy: which operator each column of a CSV file gets.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Policy"))]
#[serde(deny_unknown_fields)]
pub struct PolicyJson {
    /// Where editors find this schema; pii-mask ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The policy format's version: this is version 1.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "version_schema"))]
    pub version: u32,
    /// The user's own entities, by name, found in columns and text like the
    /// built-in ones and nameable wherever an entity is.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "entities_schema"))]
    pub entities: serde_json::Map<String, Value>,
    /// The operator of the columns the policy does not list (unless `auto`);
    /// `keep` when not given.
    #[serde(default = "keep")]
    pub default: Op,
    /// Apply the scanner's suggestion to every column the policy does not
    /// list.
    #[serde(default)]
    pub auto: bool,
    /// The operator of each column the policy names: by its header, or as
    /// `#N` for the column at 0-based index N.
    #[serde(default)]
    pub columns: BTreeMap<String, Op>,
    /// With `auto`: the operator for the columns found to hold an entity
    /// (built-in or declared), instead of the scanner's suggestion (text
    /// the scanner scrubs stays scrubbed). The presets are written with it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "BTreeMap<Entity, Op>"))]
    pub detected: BTreeMap<String, Op>,
    /// Rules each row's original values must keep, and what happens to
    /// rows that break them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validate: Option<Validation>,
}

fn keep() -> Op {
    Op::Keep
}

#[cfg(not(target_arch = "wasm32"))]
fn version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": VERSION })
}

#[cfg(not(target_arch = "wasm32"))]
fn entities_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let builtin: Vec<&str> = Entity::ALL.iter().map(|e| e.as_str()).collect();
    schemars::json_schema!({
        "type": "object",
        "additionalProperties": g.subschema_for::<crate::custom::EntityDecl>(),
        "propertyNames": {
            "pattern": crate::custom::NAME_PATTERN,
            "not": { "enum": builtin }
        }
    })
}

/// How a policy names a column: by header, or `#N` (0-based).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColumnRef {
    Name(String),
    Index(usize),
}

impl ColumnRef {
    pub(crate) fn parse(key: &str) -> ColumnRef {
        match key.strip_prefix('#').and_then(|n| n.parse().ok()) {
            Some(i) => ColumnRef::Index(i),
            None => ColumnRef::Name(key.to_string()),
        }
    }
}

impl std::fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColumnRef::Name(n) => write!(f, "\"{n}\""),
            ColumnRef::Index(i) => write!(f, "#{i}"),
        }
    }
}

/// The user's rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Applied to columns the policy does not list (unless `auto`).
    pub default: Op,
    /// Apply the scanner's suggestion to every column not listed.
    pub auto: bool,
    pub columns: BTreeMap<ColumnRef, Op>,
    /// The user's own entities, found in columns and text like the
    /// built-in ones and nameable wherever an entity is.
    pub entities: CustomEntities,
    /// Rules each row's original values must keep (`validate`).
    pub validate: Option<Validation>,
    /// With `auto`: the operator of a column found to hold the entity.
    pub detected: BTreeMap<Entity, Op>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            default: Op::Keep,
            auto: false,
            columns: BTreeMap::new(),
            entities: CustomEntities::default(),
            validate: None,
            detected: BTreeMap::new(),
        }
    }
}

impl Policy {
    /// A policy that applies the scanner's suggestion to every column.
    pub fn auto() -> Policy {
        Policy {
            auto: true,
            ..Policy::default()
        }
    }

    /// Parses and validates a policy.
    pub fn from_json(json: &str) -> Result<Policy, Error> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| Error::policy(ErrorKind::PolicyJson, format!("not valid JSON: {e}")))?;
        Policy::from_value(value)
    }

    /// Validates a policy already parsed into JSON values: the error is the
    /// first of the problems [`validate`] lists.
    pub fn from_value(value: Value) -> Result<Policy, Error> {
        read(&value).map_err(|mut errors| errors.swap_remove(0))
    }

    /// The operator `auto` gives a column the policy does not list: the
    /// policy's own for the entity found in it (`detected`), else the
    /// scanner's suggestion.
    /// Text the scanner would scrub stays scrubbed: `detected` is for the
    /// columns whose cells are the entity.
    pub fn suggestion(&self, entity: Option<Entity>, scanner: &Op) -> Op {
        if matches!(scanner, Op::Scrub { .. }) {
            return scanner.clone();
        }
        entity
            .and_then(|e| self.detected.get(&e))
            .unwrap_or(scanner)
            .clone()
    }

    /// The policy as JSON (round-trips through [`Policy::from_json`]).
    pub fn to_json(&self) -> String {
        let json = PolicyJson {
            schema: None,
            version: VERSION,
            entities: match self.entities.to_value() {
                Value::Object(map) => map,
                _ => serde_json::Map::new(),
            },
            default: self.default.clone(),
            auto: self.auto,
            columns: self
                .columns
                .iter()
                .map(|(k, op)| {
                    let key = match k {
                        ColumnRef::Name(n) => n.clone(),
                        ColumnRef::Index(i) => format!("#{i}"),
                    };
                    (key, op.clone())
                })
                .collect(),
            detected: self
                .detected
                .iter()
                .map(|(e, op)| (e.as_str().to_string(), op.clone()))
                .collect(),
            validate: self.validate.clone(),
        };
        serde_json::to_string(&json).unwrap_or_default()
    }

    /// Where the operator of a column is in the policy, as a JSON pointer:
    /// under `columns` by its name or `#N`, else `default`.
    pub(crate) fn field_of(&self, name: Option<&str>, index: usize) -> String {
        match name.map(|n| ColumnRef::Name(n.to_string())) {
            Some(key) if self.columns.contains_key(&key) => {
                format!("/columns/{}", pointer(name.unwrap_or_default()))
            }
            _ if self.columns.contains_key(&ColumnRef::Index(index)) => {
                format!("/columns/#{index}")
            }
            _ => "/default".to_string(),
        }
    }

    /// Whether any operator the policy names needs a key.
    pub fn needs_key(&self) -> bool {
        std::iter::once(&self.default)
            .chain(self.columns.values())
            .any(Op::needs_key)
    }

    /// Picks an operator for every column of a file. `names` is the header
    /// (None without one); `suggested` gives the scanner's choice per column
    /// when the policy is `auto`.
    pub fn resolve(
        &self,
        names: Option<&[String]>,
        width: usize,
        suggested: Option<&[Op]>,
    ) -> Result<Vec<Op>, Error> {
        let resolved = self.resolve_with(names, width, suggested, false)?;
        Ok(resolved.ops)
    }

    /// Like [`Policy::resolve`] for files with ragged rows: a column named
    /// `#N` beyond the header's width is allowed, for the rows that have it.
    pub fn resolve_ragged(
        &self,
        names: Option<&[String]>,
        width: usize,
        suggested: Option<&[Op]>,
    ) -> Result<Resolved, Error> {
        self.resolve_with(names, width, suggested, true)
    }

    fn resolve_with(
        &self,
        names: Option<&[String]>,
        width: usize,
        suggested: Option<&[Op]>,
        ragged: bool,
    ) -> Result<Resolved, Error> {
        let mut beyond = Vec::new();
        let mut ops: Vec<Option<(Op, &ColumnRef)>> = vec![None; width];
        // Columns by header name, so that a policy naming thousands of
        // columns of a wide file resolves in linear time.
        let mut by_name: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        if !self.columns.is_empty() {
            for (i, n) in names.unwrap_or_default().iter().take(width).enumerate() {
                by_name.entry(n.as_str()).or_default().push(i);
            }
        }
        for (key, op) in &self.columns {
            let targets: Vec<usize> = match key {
                ColumnRef::Index(i) if *i < width => vec![*i],
                ColumnRef::Index(i) if ragged => {
                    beyond.push((*i, op.clone()));
                    continue;
                }
                ColumnRef::Index(i) => {
                    return Err(Error::policy(
                        ErrorKind::PolicyUnknownColumn,
                        format!(
                            "column #{i} does not exist: the file has {width} columns (#0 to #{})",
                            width.saturating_sub(1)
                        ),
                    )
                    .in_column(format!("#{i}"))
                    .at_field(format!("/columns/#{i}")))
                }
                ColumnRef::Name(name) => {
                    let Some(names) = names else {
                        return Err(Error::policy(
                            ErrorKind::PolicyNoHeader,
                            format!(
                                "column \"{name}\": the file has no header row, so name columns #0, #1, ..."
                            ),
                        )
                        .in_column(name.as_str())
                        .at_field(format!("/columns/{}", pointer(name))));
                    };
                    let hits = by_name.get(name.as_str()).cloned().unwrap_or_default();
                    if hits.is_empty() {
                        return Err(Error::policy(
                            ErrorKind::PolicyUnknownColumn,
                            format!(
                                "column \"{name}\" is not in the header (columns: {})",
                                names.join(", ")
                            ),
                        )
                        .in_column(name.as_str())
                        .at_field(format!("/columns/{}", pointer(name))));
                    }
                    hits
                }
            };
            for i in targets {
                if let Some((_, other)) = &ops[i] {
                    return Err(Error::policy(
                        ErrorKind::PolicyDuplicateColumn,
                        format!("column #{i} is named twice, as {other} and as {key}"),
                    )
                    .in_column(format!("#{i}")));
                }
                ops[i] = Some((op.clone(), key));
            }
        }
        let ops: Vec<Op> = ops
            .into_iter()
            .enumerate()
            .map(|(i, op)| match (op, suggested) {
                (Some((op, _)), _) => op,
                (None, Some(s)) if self.auto => s.get(i).cloned().unwrap_or(Op::Keep),
                (None, _) => self.default.clone(),
            })
            .collect();
        if width > 0 && ops.iter().all(|op| *op == Op::Drop) {
            return Err(Error::policy(
                ErrorKind::PolicyAllDropped,
                "every column is dropped: nothing would be left",
            ));
        }
        Ok(Resolved { ops, beyond })
    }
}

/// The operator of every column, and of the columns beyond the header's
/// width that the policy names by index.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub ops: Vec<Op>,
    pub beyond: Vec<(usize, Op)>,
}

/// One problem of a policy, for editors and forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Problem {
    /// The error code: one of the `policy_*` codes.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "crate::schema::error_code")
    )]
    pub code: String,
    /// Where: a JSON pointer such as `/columns/email/length` (`""` for the
    /// policy as a whole).
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
}

impl From<&Error> for Problem {
    fn from(e: &Error) -> Problem {
        Problem {
            code: e.code().to_string(),
            field: e.field().unwrap_or("").to_string(),
            message: e.to_string(),
        }
    }
}

/// Every problem of a policy in JSON form, in the order its fields are
/// read; empty when it is valid. [`Policy::from_value`] fails with the
/// first.
pub fn validate(value: &Value) -> Vec<Problem> {
    match read(value) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(Problem::from).collect(),
    }
}

/// The fields of a policy, in the order they are read.
const FIELDS: [&str; 8] = [
    "$schema", "version", "entities", "default", "auto", "columns", "detected", "validate",
];

/// Reads a policy, or lists everything wrong with it (never an empty list).
fn read(value: &Value) -> Result<Policy, Vec<Error>> {
    let invalid =
        |msg: String, field: &str| Error::policy(ErrorKind::PolicyInvalid, msg).at_field(field);
    let Value::Object(obj) = value else {
        return Err(vec![invalid("must be a JSON object".into(), "")]);
    };
    let mut errors = Vec::new();
    let version = |msg: String| Error::policy(ErrorKind::PolicyVersion, msg).at_field("/version");
    match obj.get("version") {
        Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
        // Version 1 is the only one so far: nothing older to migrate.
        Some(v) if v.as_u64().is_some_and(|n| n > u64::from(VERSION)) => {
            errors.push(version(format!(
                "version {v} is not supported: it is newer than this pii-mask reads (version {VERSION}); update pii-mask, or write the policy for version {VERSION}"
            )))
        }
        Some(v) => errors.push(version(format!(
            "version {v} is not supported: set \"version\": {VERSION} (the only policy version so far)"
        ))),
        None => errors.push(version(format!("\"version\" is missing (use {VERSION})"))),
    }
    match obj.get("$schema") {
        None | Some(Value::String(_)) => {}
        Some(v) => errors.push(invalid(
            format!("\"$schema\" must be a string, not {v}"),
            "/$schema",
        )),
    }
    let entities = read_entities(obj.get("entities"), &mut errors);
    // Operators may name the declared entities (`scrub`'s `entities`).
    let (default, auto, columns, detected) = with_declared(entities.entities().collect(), || {
        let default = match obj.get("default") {
            Some(v) => read_op(v, "default: ", "/default", &mut errors),
            None => Some(Op::Keep),
        };
        let auto = match obj.get("auto") {
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                errors.push(invalid(
                    format!("\"auto\" must be true or false, not {v}"),
                    "/auto",
                ));
                false
            }
            None => false,
        };
        let mut columns = BTreeMap::new();
        match obj.get("columns") {
            Some(Value::Object(map)) => {
                for (key, v) in map {
                    let field = format!("/columns/{}", pointer(key));
                    let what = format!("column \"{key}\": ");
                    if let Some(op) = read_op(v, &what, &field, &mut errors) {
                        columns.insert(ColumnRef::parse(key), op);
                    }
                }
            }
            Some(v) => errors.push(invalid(
                format!("\"columns\" must be an object, not {v}"),
                "/columns",
            )),
            None => {}
        }
        let mut detected = BTreeMap::new();
        match obj.get("detected") {
            Some(Value::Object(map)) => {
                for (key, v) in map {
                    let field = format!("/detected/{}", pointer(key));
                    let Ok(entity) = serde_json::from_value::<Entity>(Value::String(key.clone()))
                    else {
                        errors.push(invalid(
                            format!("detected: {key:?} is no entity (a built-in name, or one the policy declares under \"entities\")"),
                            &field,
                        ));
                        continue;
                    };
                    let what = format!("detected {key}: ");
                    if let Some(op) = read_op(v, &what, &field, &mut errors) {
                        detected.insert(entity, op);
                    }
                }
                if !map.is_empty() && !auto {
                    errors.push(invalid(
                        "\"detected\" applies to the columns the scanner decides: set \"auto\": true".into(),
                        "/detected",
                    ));
                }
            }
            Some(v) => errors.push(invalid(
                format!("\"detected\" must be an object, not {v}"),
                "/detected",
            )),
            None => {}
        }
        (default, auto, columns, detected)
    });
    let validate = obj
        .get("validate")
        .and_then(|v| crate::validate::read(v, &mut errors));
    for key in obj.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
        errors.push(
            Error::policy(
                ErrorKind::PolicyUnknownField,
                format!(
                    "unknown field \"{key}\" (expected version, default, auto, columns, detected, entities, validate)"
                ),
            )
            .at_field(format!("/{}", pointer(key))),
        );
    }
    match default {
        Some(default) if errors.is_empty() => Ok(Policy {
            default,
            auto,
            columns,
            entities,
            validate,
            detected,
        }),
        _ => Err(errors),
    }
}

/// The policy's `entities`; each bad declaration is a problem of its own.
fn read_entities(v: Option<&Value>, errors: &mut Vec<Error>) -> CustomEntities {
    let Some(v) = v else {
        return CustomEntities::default();
    };
    let Value::Object(map) = v else {
        errors.push(
            Error::policy(
                ErrorKind::PolicyEntities,
                format!("\"entities\" must be an object, not {v}"),
            )
            .at_field("/entities"),
        );
        return CustomEntities::default();
    };
    if let Ok(all) = CustomEntities::from_value(v) {
        return all;
    }
    // Declaration by declaration, to find every bad one; the good ones stay
    // declared, so that operators naming them are not reported too.
    let mut good = serde_json::Map::new();
    for (name, def) in map {
        let one = Value::Object([(name.clone(), def.clone())].into_iter().collect());
        match CustomEntities::from_value(&one) {
            Ok(_) => {
                good.insert(name.clone(), def.clone());
            }
            Err(msg) => errors.push(
                Error::policy(ErrorKind::PolicyEntities, msg)
                    .at_field(format!("/entities/{}", pointer(name))),
            ),
        }
    }
    CustomEntities::from_value(&Value::Object(good)).unwrap_or_default()
}

/// One operator; `what` starts its messages and `field` points at it.
fn read_op(v: &Value, what: &str, field: &str, errors: &mut Vec<Error>) -> Option<Op> {
    // A field the operator does not have (the catalogue's parameters, which
    // a test holds to `Op`'s schema) is reported by name and place.
    if let Value::Object(obj) = v {
        let name = obj.get("op").and_then(Value::as_str);
        if let Some(info) = name.and_then(crate::catalogue::operator) {
            let (name, known): (&str, Vec<&str>) =
                (info.name, info.params.iter().map(|p| p.name).collect());
            let before = errors.len();
            for key in obj
                .keys()
                .filter(|k| *k != "op" && !known.contains(&k.as_str()))
            {
                let takes = match known[..] {
                    [] => "no other field".to_string(),
                    _ => format!("`{}`", known.join("`, `")),
                };
                errors.push(
                    Error::policy(
                        ErrorKind::PolicyUnknownField,
                        format!("{what}unknown field `{key}` ({name} takes {takes})"),
                    )
                    .at_field(format!("{field}/{}", pointer(key))),
                );
            }
            if errors.len() > before {
                return None;
            }
        }
    }
    let op: Op = match serde_json::from_value(v.clone()) {
        Ok(op) => op,
        Err(e) => {
            errors.push(
                Error::policy(ErrorKind::PolicyInvalid, format!("{what}{e}")).at_field(field),
            );
            return None;
        }
    };
    match op.check() {
        Ok(()) => Some(op),
        Err((sub, msg)) => {
            errors.push(
                Error::policy(ErrorKind::PolicyInvalid, format!("{what}{msg}"))
                    .at_field(format!("{field}/{sub}")),
            );
            None
        }
    }
}

/// A policy key as one token of a JSON pointer (RFC 6901).
fn pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r##"{"version": 1, "default": {"op": "keep"}, "auto": false,
        "columns": {"email": {"op": "mask"}, "name": {"op": "hash"},
                    "ssn": {"op": "redact"}, "notes": {"op": "scrub"}, "#5": {"op": "drop"}}}"##;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_documented_example_resolves() {
        let p = Policy::from_json(EXAMPLE).unwrap();
        assert!(p.needs_key());
        let header = names(&["name", "email", "ssn", "notes", "city", "x"]);
        let ops = p.resolve(Some(&header), 6, None).unwrap();
        let got: Vec<&str> = ops.iter().map(Op::name).collect();
        assert_eq!(got, ["hash", "mask", "redact", "scrub", "keep", "drop"]);
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        let cases = [
            (r#"{"columns": {}}"#, "\"version\" is missing"),
            (r#"{"version": 2}"#, "version 2 is not supported"),
            (
                r#"{"version": 1, "columns": {"a": {"op": "blur"}}}"#,
                "column \"a\": unknown variant `blur`",
            ),
            (
                r#"{"version": 1, "columns": {"a": {"op": "hash", "length": 3}}}"#,
                "hash length must be 8 to 64",
            ),
            (
                r#"{"version": 1, "columns": {"a": {"op": "mask", "colour": 1}}}"#,
                "unknown field `colour`",
            ),
            (
                r#"{"version": 1, "extra": true}"#,
                "unknown field \"extra\"",
            ),
            ("[1]", "must be a JSON object"),
        ];
        for (json, want) in cases {
            let err = Policy::from_json(json).unwrap_err().to_string();
            assert!(err.contains(want), "{json}: {err}");
        }
    }

    #[test]
    fn unknown_columns_are_refused_with_the_header() {
        let p =
            Policy::from_json(r#"{"version": 1, "columns": {"emial": {"op": "mask"}}}"#).unwrap();
        let err = p
            .resolve(Some(&names(&["id", "email"])), 2, None)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "policy: column \"emial\" is not in the header (columns: id, email)"
        );
        let p =
            Policy::from_json(r##"{"version": 1, "columns": {"#4": {"op": "drop"}}}"##).unwrap();
        assert!(p
            .resolve(None, 2, None)
            .unwrap_err()
            .to_string()
            .contains("#4 does not exist"));
    }

    #[test]
    fn auto_fills_only_unlisted_columns() {
        let p =
            Policy::from_json(r#"{"version": 1, "auto": true, "columns": {"b": {"op": "keep"}}}"#)
                .unwrap();
        let suggested = [Op::Drop, Op::Drop, Op::Keep];
        let ops = p
            .resolve(Some(&names(&["a", "b", "c"])), 3, Some(&suggested))
            .unwrap();
        assert_eq!(ops, [Op::Drop, Op::Keep, Op::Keep]);
    }

    #[test]
    fn round_trips_through_json() {
        let p = Policy::from_json(EXAMPLE).unwrap();
        assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
    }

    #[test]
    fn validate_lists_every_problem_where_it_is() {
        let json: Value = serde_json::from_str(
            r#"{"version": 2, "auto": "yes", "extra": 1,
                "entities": {"lower": {"pattern": "x"}, "GOOD": {"terms": ["a"]}, "A_B": {"pattern": "(("}},
                "default": {"op": "blur"},
                "columns": {"a/b": {"op": "hash", "length": 3}, "b": {"op": "mask", "colour": 1, "shade": 2},
                            "c": {"op": "scrub", "entities": ["GOOD"]}, "d": {"op": "generalize", "to": "year", "chars": 2},
                            "e": {"op": "keep"}}}"#,
        )
        .unwrap();
        let problems = validate(&json);
        let got: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.code.as_str(), p.field.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("policy_version", "/version"),
                ("policy_entities", "/entities/A_B"),
                ("policy_entities", "/entities/lower"),
                ("policy_invalid", "/default"),
                ("policy_invalid", "/auto"),
                ("policy_invalid", "/columns/a~1b/length"),
                ("policy_unknown_field", "/columns/b/colour"),
                ("policy_unknown_field", "/columns/b/shade"),
                ("policy_invalid", "/columns/d/chars"),
                ("policy_unknown_field", "/extra"),
            ]
        );
        assert!(problems[6]
            .message
            .contains("column \"b\": unknown field `colour`"));
        // The policy reader fails with the first of them.
        let err = Policy::from_value(json).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("policy_version", Some("/version"))
        );
        assert_eq!(err.to_string(), problems[0].message);
    }

    #[test]
    fn editors_may_name_the_schema() {
        let p = Policy::from_json(r#"{"$schema": "policy.schema.json", "version": 1}"#).unwrap();
        assert_eq!(p, Policy::default());
        let bad: Value = serde_json::from_str(r#"{"$schema": 1, "version": 1}"#).unwrap();
        let got = validate(&bad);
        assert_eq!(
            (got[0].code.as_str(), got[0].field.as_str()),
            ("policy_invalid", "/$schema")
        );
    }

    #[test]
    fn a_valid_policy_has_no_problems() {
        let json: Value = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(validate(&json), []);
        assert_eq!(validate(&serde_json::json!([1]))[0].field, "");
    }

    /// The reader's lists of fields are the schema's (the schema is made
    /// from the types, the reader reads field by field to say where).
    #[test]
    fn the_readers_fields_are_the_schemas() {
        let schema = schemars::schema_for!(PolicyJson);
        let mut props: Vec<&str> = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut fields = FIELDS.to_vec();
        props.sort_unstable();
        fields.sort_unstable();
        assert_eq!(props, fields);
        let ops = schemars::schema_for!(Op);
        let branches = ops.get("oneOf").and_then(Value::as_array).unwrap();
        assert_eq!(
            branches.len(),
            crate::catalogue::catalogue().operators.len()
        );
        for b in branches {
            let name = b.pointer("/properties/op/const").unwrap().as_str().unwrap();
            let mut have: Vec<&str> = b["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "op")
                .collect();
            let info = crate::catalogue::operator(name).unwrap();
            let mut known: Vec<&str> = info.params.iter().map(|p| p.name).collect();
            have.sort_unstable();
            known.sort_unstable();
            assert_eq!(have, known, "{name}");
        }
    }
}
