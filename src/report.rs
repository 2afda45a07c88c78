//! What was done: counts per column and entity. Never a raw value.

use crate::detect::Entity;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a masker did: counts per column and entity, never a raw value.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Report {
    /// Data rows written (the header not counted).
    pub rows: u64,
    /// The field delimiter, given or detected.
    pub delimiter: String,
    /// Whether the first row was read as a header.
    pub header: bool,
    /// Whether that was decided from the data (the user did not say).
    #[serde(rename = "headerGuessed")]
    pub header_guessed: bool,
    pub columns: Vec<ColumnReport>,
    /// Pieces of personal data recognised, by entity: the spans `scrub`
    /// replaced and the values `mask` shaped.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "crate::schema::entity_counts")
    )]
    pub entities: BTreeMap<Entity, u64>,
    /// What the user should know about the operators in force (a weak hash
    /// algorithm, pseudonyms short enough to collide).
    pub warnings: Vec<Warning>,
    /// Columns left unchanged that mention people (event dates, countries,
    /// or whatever the policy keeps on purpose), from the rows profiled.
    pub kept: Vec<KeptColumn>,
    /// Personal data seen in the output, in kept columns and in text left
    /// after scrubbing, on rows sampled across the whole file. Dates and
    /// places are listed under `kept` instead. Empty when nothing was seen.
    pub residual: Vec<Residual>,
    /// Rows the residual check looked at.
    #[serde(rename = "residualSampled")]
    pub residual_sampled: u64,
    /// With a policy's `validate` section: what its rules found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation: Option<ValidationReport>,
    /// With the `audit` option: what lets an auditor check the run without
    /// seeing the data (digests of the policy, the input and the output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit: Option<Audit>,
    /// With `tokenize`: the vault's size, which grows with the distinct
    /// values tokenized (the one part of masking that is not constant in
    /// memory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vault: Option<crate::vault::VaultStats>,
}

/// The digests an audit record holds: with the report's counts, they say
/// what was done to which file, and nothing of what is in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Audit {
    /// `pii-mask`.
    pub tool: &'static str,
    /// The core's version.
    pub version: &'static str,
    /// The policy in force, as canonical JSON (keys sorted, defaults
    /// written out): the text `policySha256` digests.
    pub policy: String,
    /// SHA-256 of `policy`, hex.
    pub policy_sha256: String,
    /// The bytes read.
    pub input: Digest,
    /// The bytes written.
    pub output: Digest,
    /// Data rows read (the header not counted).
    pub rows_read: u64,
    /// Data rows written: fewer than read when validation (`drop`) left
    /// rows out. Each column's operator and changed cells are in the
    /// report's `columns`.
    pub rows_written: u64,
    /// With quasi-identifiers to measure (the `risk` mask option, the
    /// CLI's `--quasi`): the re-identification risk of the input
    /// (`before`) and of the output, measured in the same run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<crate::risk::RiskAssessment>,
}

/// A byte stream's SHA-256 (hex) and length.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Digest {
    pub sha256: String,
    pub bytes: u64,
}

/// What the policy's validation rules found: where, never a value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    /// `reject`, `drop` or `flag`.
    pub mode: crate::validate::ValidationMode,
    /// With `flag`: the name of the column added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag_column: Option<String>,
    /// Data rows checked.
    pub rows_checked: u64,
    /// Rows that broke at least one rule.
    pub rows_failed: u64,
    /// Rows left out of the output (`drop`).
    pub dropped: u64,
    /// The first problems (the policy's `max_problems`, default 100), in
    /// input order.
    pub problems: Vec<ValidationProblem>,
    /// Problems found beyond those listed.
    pub problems_not_listed: u64,
    /// `unique` columns whose values were not all remembered (beyond
    /// 4 million distinct values): a later copy of a value may be missed.
    pub unique_incomplete: Vec<String>,
}

/// One broken rule: where, and which, never the value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ValidationProblem {
    /// The 1-based input line the row starts on.
    pub line: u64,
    /// The column as users see it: its header name, or `#N`.
    pub column: String,
    /// The rule broken, as the policy names it: `required`, `type`, `min`,
    /// `max`, `min_length`, `max_length`, `pattern`, `unique`.
    pub rule: String,
}

/// Something the user should know about the operators in force.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Warning {
    /// Stable: `sha256_algorithm`, `short_hash`.
    pub code: &'static str,
    pub message: String,
    /// The column it is about, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

/// A column left unchanged that mentions people.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct KeptColumn {
    /// 0-based.
    pub index: usize,
    pub name: String,
    /// What was found in it, the column's entity first.
    pub entities: Vec<Entity>,
}

/// Personal data seen in the output.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Residual {
    /// The column, or none for cells beyond the header (ragged rows).
    pub index: Option<usize>,
    pub name: String,
    pub entity: Entity,
    /// Sampled cells in which it was seen.
    pub count: u64,
}

/// What was done to one column.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ReportColumn"))]
pub struct ColumnReport {
    /// 0-based.
    pub index: usize,
    /// The header name, or `#N`.
    pub name: String,
    /// The operator's name.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "crate::schema::op_name")
    )]
    pub op: &'static str,
    /// What the column holds, if known (policy, header or scanner).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<Entity>,
    /// Cells whose value changed (dropped columns: every non-empty cell).
    pub changed: u64,
    /// With `noise`: the mechanism and the privacy budget this column spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noise: Option<NoiseBudget>,
    /// With `noise` or a number `generalize`: cells that were not numbers,
    /// written empty.
    #[serde(rename = "notNumbers", skip_serializing_if = "is_zero")]
    pub not_numbers: u64,
    /// With `truncate`: cells longer than `max`, cut.
    #[serde(skip_serializing_if = "is_zero")]
    pub truncated: u64,
}

/// The privacy budget a `noise` column spent, as the policy set it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NoiseBudget {
    /// `laplace` or `gaussian`.
    pub mechanism: crate::policy::NoiseMechanism,
    pub epsilon: f64,
    /// With `gaussian`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    pub sensitivity: f64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}
