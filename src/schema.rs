//! The shapes that cross the JavaScript boundary, and the JSON Schemas and
//! TypeScript declarations generated from the Rust types: the policy's
//! schema (`policy.schema.json`, shipped in the npm package) and
//! `js/types.gen.d.ts`. `tests/generated.rs` fails when the committed files
//! differ from what these functions write (`PII_MASK_REGENERATE=1 cargo test
//! --test generated` rewrites them).
//!
//! The generation runs natively only: schemars is not in the .wasm.

use crate::classify::Header;
use crate::policy::Problem;
use crate::Error;
use serde::{Deserialize, Serialize};

/// The options of `Masker`, `preview`, `maskBytes` and `createMaskStream`,
/// as JavaScript passes them.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "MaskOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsMaskOptions {
    /// The key of `hash` (its UTF-8 bytes, at least 16): every `hash`
    /// needs one, whatever its algorithm.
    pub key: Option<String>,
    /// The field delimiter, one ASCII character (`,` `;` `\t` `|` are
    /// detected from the first lines when it is not given).
    pub delimiter: Option<String>,
    /// Whether the first row names the columns; `"auto"` (the default)
    /// decides from the data.
    pub header: Option<HeaderOption>,
    /// How the bytes are read as text: `utf-8` (the default) or
    /// `windows-1252` (also `cp1252`, `latin1`, `iso-8859-1`), as older
    /// Excel saves "ANSI" files. The output is UTF-8.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "encoding_label"))]
    #[serde(default)] // for the schema: `schema_with` hides the Option
    pub encoding: Option<String>,
    /// Accept rows whose number of fields differs from the first row's.
    pub allow_ragged: Option<bool>,
    /// How many rows are profiled (default 1000); with an `auto` policy
    /// they are held in memory until classified, before output starts.
    pub sample_rows: Option<usize>,
    /// Neutralise cells a spreadsheet would run as formulas (default
    /// false): those starting with `=`, `@`, tab or CR, or with `+`/`-`
    /// and more than a number or phone number get a leading `'`.
    pub escape_formulas: Option<bool>,
    /// Start the output with a UTF-8 byte-order mark, which Excel needs to
    /// read a CSV as UTF-8 (default false).
    pub bom: Option<bool>,
    /// The output's delimiter, one ASCII character (default: the input's);
    /// `;` suits spreadsheets where the decimal separator is a comma.
    pub output_delimiter: Option<String>,
    /// Digest the policy, the input and the output into the report's
    /// `audit` (default false): with the counts, a record an auditor can
    /// check without seeing the data.
    pub audit: Option<bool>,
    /// Quasi-identifier columns (header names or `#N`) whose
    /// re-identification risk, in the input and in the output, goes into
    /// the audit record's `risk`; needs `audit`.
    pub quasi: Option<Vec<String>>,
    /// With `quasi`: a sensitive column, for l-diversity.
    pub sensitive: Option<String>,
}

/// The options of `scan` and `Scanner`, as JavaScript passes them.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "ScanOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsScanOptions {
    /// The field delimiter, one ASCII character (`,` `;` `\t` `|` are
    /// detected from the first lines when it is not given).
    pub delimiter: Option<String>,
    /// Whether the first row names the columns; `"auto"` (the default)
    /// decides from the data.
    pub header: Option<HeaderOption>,
    /// How the bytes are read as text: `utf-8` (the default) or
    /// `windows-1252` (also `cp1252`, `latin1`, `iso-8859-1`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "encoding_label"))]
    #[serde(default)] // for the schema: `schema_with` hides the Option
    pub encoding: Option<String>,
    /// Accept rows whose number of fields differs from the first row's.
    pub allow_ragged: Option<bool>,
    /// How many data rows (from the top) are classified (default 1000);
    /// all are counted.
    pub sample_rows: Option<usize>,
    /// A policy's `entities`, to be found too.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "Option<std::collections::BTreeMap<String, crate::custom::EntityDecl>>")
    )]
    pub entities: Option<serde_json::Value>,
}

/// The options of `RiskAnalyzer`, as JavaScript passes them.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "RiskOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsRiskOptions {
    /// The quasi-identifier columns (what an attacker may know: age, birth
    /// date, postcode, gender, ...), by header name or as `#N`.
    pub quasi: Vec<String>,
    /// A sensitive column, for l-diversity.
    pub sensitive: Option<String>,
    /// A record is at risk when its risk is above this (default 0.2).
    pub threshold: Option<f64>,
    /// Distinct combinations counted exactly (default 200000); beyond,
    /// the figures are estimated from a share of them (`exact: false`).
    pub max_classes: Option<usize>,
    /// The population's class sizes as CSV text: the quasi-identifier
    /// columns and `count`. The journalist and marketer risks need it.
    pub population: Option<String>,
    /// Suggest the least lossy generalisation of the quasi-identifiers that
    /// makes the table k-anonymous for this k (`suggestion`).
    pub target: Option<u64>,
    /// The key of the policy's `hash` (UTF-8, at least 16 bytes).
    pub key: Option<String>,
    /// The field delimiter, one ASCII character (detected when not given).
    pub delimiter: Option<String>,
    /// Whether the first row names the columns; `"auto"` (the default)
    /// decides from the data.
    pub header: Option<HeaderOption>,
    /// How the bytes are read as text: `utf-8` (the default) or
    /// `windows-1252`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "encoding_label"))]
    #[serde(default)] // for the schema: `schema_with` hides the Option
    pub encoding: Option<String>,
    /// Accept rows whose number of fields differs from the first row's.
    pub allow_ragged: Option<bool>,
}

// `header`: `true`, `false` or `"auto"` (no doc comment: the field's is
// the one shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(inline))]
#[serde(untagged, expecting = "true, false or \"auto\"")]
pub enum HeaderOption {
    Given(bool),
    Auto(AutoWord),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(inline))]
#[serde(rename_all = "lowercase")]
pub enum AutoWord {
    Auto,
}

impl From<HeaderOption> for Header {
    fn from(h: HeaderOption) -> Header {
        match h {
            HeaderOption::Given(b) => Header::from(b),
            HeaderOption::Auto(AutoWord::Auto) => Header::Auto,
        }
    }
}

/// What `validatePolicy` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PolicyValidation {
    /// Whether the policy has no problem.
    pub ok: bool,
    /// Every problem, in the order the policy's fields are read.
    pub problems: Vec<Problem>,
}

impl From<Vec<Problem>> for PolicyValidation {
    fn from(problems: Vec<Problem>) -> PolicyValidation {
        PolicyValidation {
            ok: problems.is_empty(),
            problems,
        }
    }
}

/// What every error the JavaScript API throws carries besides its
/// `message` (the worker client rethrows them as they are).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ErrorFields {
    /// What kind of error.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "error_code"))]
    pub code: &'static str,
    /// The 1-based input line, when the error is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The column as users see it (a header name or `#N`), when the error
    /// is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Where in the policy (a JSON pointer such as `/columns/email/length`)
    /// or the options (an option's name), when the error is about a field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// With `validation_failed`: each problem found (line, column, rule;
    /// never a value), up to the policy's `max_problems`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<crate::report::ValidationProblem>>,
}

impl From<&Error> for ErrorFields {
    fn from(e: &Error) -> ErrorFields {
        ErrorFields {
            code: e.code(),
            line: e.line(),
            column: e.column().map(String::from),
            field: e.field().map(String::from),
            problems: (!e.problems().is_empty()).then(|| e.problems().to_vec()),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod generate;
#[cfg(not(target_arch = "wasm32"))]
pub use generate::{encoding_label, entity_counts, error_code, op_name, policy_schema, typescript};
