//! What was done: counts per column and entity. Never a raw value.

use crate::detect::Entity;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Data rows written (the header not counted).
    pub rows: u64,
    pub delimiter: String,
    /// Whether the first row was read as a header.
    pub header: bool,
    /// Whether that was decided from the data (the user did not say).
    #[serde(rename = "headerGuessed")]
    pub header_guessed: bool,
    pub columns: Vec<ColumnReport>,
    /// Pieces of personal data recognised, by entity: the spans `scrub`
    /// replaced and the values `mask` shaped.
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
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    /// Stable: `sha256_algorithm`, `short_hash`.
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeptColumn {
    pub index: usize,
    pub name: String,
    /// What was found in it, the column's entity first.
    pub entities: Vec<Entity>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Residual {
    /// The column, or none for cells beyond the header (ragged rows).
    pub index: Option<usize>,
    pub name: String,
    pub entity: Entity,
    /// Sampled cells in which it was seen.
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnReport {
    pub index: usize,
    /// The header name, or `#N`.
    pub name: String,
    pub op: &'static str,
    /// What the column holds, if known (policy, header or scanner).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<Entity>,
    /// Cells whose value changed (dropped columns: every non-empty cell).
    pub changed: u64,
}
