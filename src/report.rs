//! What was done: counts per column and entity. Never a raw value.

use crate::detect::Entity;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Data rows written (the header not counted).
    pub rows: u64,
    pub delimiter: String,
    pub header: bool,
    pub columns: Vec<ColumnReport>,
    /// Pieces of personal data recognised, by entity: the spans `scrub`
    /// replaced and the values `mask` shaped.
    pub entities: BTreeMap<Entity, u64>,
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
