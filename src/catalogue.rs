//! What the core offers, described for interfaces to render: operators with
//! their parameters, entities, encodings, delimiters and error codes; and a
//! policy resolved against a scanned file, column by column. The page, the
//! worker and the command line show these and keep no copy of a rule.

use crate::classify::ScanResult;
use crate::detect::Entity;
use crate::policy::{Op, Policy, VERSION};
use crate::{Error, ErrorKind};
use serde::Serialize;
use serde_json::{json, Value};

/// Everything an interface needs to offer choices.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Catalogue {
    pub operators: Vec<OperatorInfo>,
    pub entities: Vec<EntityInfo>,
    pub encodings: Vec<EncodingInfo>,
    pub delimiters: Vec<DelimiterInfo>,
    pub errors: Vec<ErrorInfo>,
    pub policy_version: u32,
    /// The shortest key `hash` accepts, in bytes.
    pub key_min_bytes: usize,
    /// Policies named after standards, to start from.
    pub presets: Vec<crate::presets::Preset>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OperatorInfo {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "crate::schema::op_name")
    )]
    pub name: &'static str,
    pub description: &'static str,
    /// Whether it needs the key (a secret of 16+ bytes).
    pub needs_key: bool,
    pub params: Vec<ParamInfo>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ParamInfo {
    pub name: &'static str,
    /// `integer`, `number`, `numbers`, `boolean`, `string`, `char`, `enum`,
    /// `entity` or `entities`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<&'static str>>,
    /// Of an enum's values, those that make a whole operator with no other
    /// parameter (when some need more, as `band` needs a width). For an
    /// optional enum: the values other than the default that interfaces
    /// offer as choices of their own (`tokenize` with style `surrogate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standalone: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// What applies when the parameter is left out (null: it depends, as
    /// the description says).
    pub default: Value,
    pub required: bool,
    pub description: &'static str,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct EntityInfo {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Entity"))]
    pub name: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct EncodingInfo {
    pub label: &'static str,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DelimiterInfo {
    pub value: &'static str,
    pub name: &'static str,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ErrorInfo {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "crate::schema::error_code")
    )]
    pub code: &'static str,
    pub description: &'static str,
}

fn param(
    name: &'static str,
    kind: &'static str,
    default: Value,
    description: &'static str,
) -> ParamInfo {
    ParamInfo {
        name,
        kind,
        values: None,
        standalone: None,
        min: None,
        max: None,
        default,
        required: false,
        description,
    }
}

/// The operators in the order interfaces list them, with their parameters.
fn operators() -> Vec<OperatorInfo> {
    let op = |name, description, needs_key, params| OperatorInfo {
        name,
        description,
        needs_key,
        params,
    };
    let entity = |what| param("entity", "entity", Value::Null, what);
    vec![
        op("keep", "leave the cells as they are", false, vec![]),
        op("drop", "remove the column, header included", false, vec![]),
        op(
            "redact",
            "replace each non-empty cell with a label",
            false,
            vec![
                param("text", "string", Value::Null, "the label; default [ENTITY] when the column's entity is known, else [REDACTED]"),
                entity("the entity named in the default label; default the column's"),
            ],
        ),
        op(
            "mask",
            "hide most of each value; without chars the mask fits the entity (an email keeps its domain, a card its last four digits)",
            false,
            vec![
                param("char", "char", json!("*"), "the masking character"),
                ParamInfo {
                    min: Some(1),
                    ..param("chars", "integer", Value::Null, "mask this many characters from the start (or the end) instead of fitting the entity")
                },
                param("from_end", "boolean", json!(false), "with chars: mask the last characters, not the first"),
                entity("the entity whose shape the mask fits; default the column's"),
            ],
        ),
        op(
            "hash",
            "replace each value with a keyed hash (hex): equal values get equal pseudonyms under the same key, so tables still join",
            true,
            vec![
                ParamInfo {
                    min: Some(8),
                    max: Some(64),
                    ..param("length", "integer", json!(16), "hex characters kept")
                },
                ParamInfo {
                    values: Some(vec!["hmac-sha256", "sha256"]),
                    ..param("algorithm", "enum", json!("hmac-sha256"), "hmac-sha256; sha256 (key then value) only for compatibility with older pipelines")
                },
                param("per_column", "boolean", json!(false), "derive a key for this column from the key and its name, so equal values in two columns do not link"),
            ],
        ),
        op(
            "tokenize",
            "replace each value with a token naming its entity and a number (PERSON_048213), or with a realistic fake value of its format (style surrogate), kept in the vault so an AI's answer can be restored; equal values get equal tokens under the same key",
            true,
            vec![
                entity("the entity the token names; default the column's, else VALUE"),
                ParamInfo {
                    values: Some(vec!["token", "surrogate"]),
                    standalone: Some(vec!["surrogate"]),
                    ..param("style", "enum", json!("token"), "token: PERSON_048213; surrogate: a fake value of the entity's format (a name from the name lists, an email at example.com, a fictional phone number, a test card number, a shifted date), never one of the vault's originals")
                },
            ],
        ),
        op(
            "generalize",
            "keep a coarser value: a date's year, quarter, month or week, a postcode's leading characters, a number's band or a rounded number",
            false,
            vec![
                ParamInfo {
                    values: Some(vec!["year", "quarter", "month", "week", "prefix", "band", "round"]),
                    standalone: Some(vec!["year", "quarter", "month", "week", "prefix"]),
                    required: true,
                    ..param("to", "enum", Value::Null, "year: a date to its year; quarter, month, week: a date to its quarter (2024-Q1), month (2024-03) or ISO week (2024-W10); prefix: a postcode to its first chars letters and digits; band: a number to its band (width or edges); round: a number to a multiple of step")
                },
                ParamInfo {
                    min: Some(1),
                    ..param("chars", "integer", Value::Null, "with prefix: letters and digits kept (default by the postcode's shape: a UK outward code, a Canadian FSA, 2 of 4 digits, 3 of 5)")
                },
                param("width", "number", Value::Null, "with band: the width of each band, above 0 (bands start at min, else at 0)"),
                param("edges", "numbers", Value::Null, "with band instead of width: the bands' bounds, increasing"),
                param("min", "number", Value::Null, "with band: values below it become one band (<min)"),
                param("max", "number", Value::Null, "with band: values from it on become one band (max+)"),
                param("step", "number", Value::Null, "with round: the step, above 0, at most 6 decimals"),
                param("format", "string", Value::Null, "with quarter, month, week: how the dates are written (%Y %m %d %H %M %S), default ISO %Y-%m-%d"),
            ],
        ),
        op(
            "noise",
            "add calibrated random noise to a number (differential privacy: the Laplace or Gaussian mechanism, sampled exactly on a grid); the same input and key give the same noise",
            true,
            vec![
                ParamInfo {
                    values: Some(vec!["laplace", "gaussian"]),
                    required: true,
                    ..param("mechanism", "enum", Value::Null, "laplace: epsilon-DP; gaussian: (epsilon, delta)-DP, epsilon below 1")
                },
                ParamInfo {
                    required: true,
                    ..param("epsilon", "number", Value::Null, "the privacy budget spent on this column, above 0")
                },
                param("delta", "number", Value::Null, "with gaussian: delta, above 0 and below 1 (e.g. 1e-6)"),
                ParamInfo {
                    required: true,
                    ..param("sensitivity", "number", Value::Null, "how much one person can change a value, above 0")
                },
                param("step", "number", json!(1), "the grid the output is on (1: whole numbers, 0.01: cents)"),
                param("min", "number", Value::Null, "clamp the output to at least this"),
                param("max", "number", Value::Null, "clamp the output to at most this"),
            ],
        ),
        op(
            "date_shift",
            "move each date by a number of days drawn for its subject (another column's value, with the key): one subject's dates move together in every row and file, so intervals are kept",
            true,
            vec![
                ParamInfo {
                    required: true,
                    ..param("by", "string", Value::Null, "the column naming the subject (e.g. patient_id), by header or #N; its value as read, even when it is masked too")
                },
                ParamInfo {
                    required: true,
                    min: Some(1),
                    max: Some(36_500),
                    ..param("days", "integer", Value::Null, "the largest shift: each subject's offset is in [-days, +days]")
                },
                param("allow_zero", "boolean", json!(false), "let a subject's offset be 0 (by default every date moves)"),
                param("format", "string", Value::Null, "how the dates are written (%Y %m %d %H %M %S), default ISO %Y-%m-%d (a time after it kept)"),
            ],
        ),
        op(
            "truncate",
            "keep the first max characters of each value (free text capped; characters, never part of one); the report counts the cells cut",
            false,
            vec![ParamInfo {
                required: true,
                min: Some(1),
                ..param("max", "integer", Value::Null, "characters kept, at least 1")
            }],
        ),
        op(
            "scrub",
            "keep the text but replace each piece of personal data in it with [ENTITY], or with its token",
            false,
            vec![
                param("entities", "entities", Value::Null, "only these kinds (default all)"),
                ParamInfo {
                    values: Some(vec!["label", "tokenize"]),
                    standalone: Some(vec!["tokenize"]),
                    ..param("replace", "enum", json!("label"), "label: [ENTITY]; tokenize: the piece's token, as tokenize makes it (needs the key)")
                },
                ParamInfo {
                    values: Some(vec!["token", "surrogate"]),
                    ..param("style", "enum", json!("token"), "with replace tokenize: token or surrogate, as for tokenize")
                },
            ],
        ),
    ]
}

/// The operator of this name, as the catalogue describes it (built once).
pub fn operator(name: &str) -> Option<&'static OperatorInfo> {
    static OPERATORS: std::sync::OnceLock<Vec<OperatorInfo>> = std::sync::OnceLock::new();
    OPERATORS
        .get_or_init(operators)
        .iter()
        .find(|o| o.name == name)
}

/// What each built-in entity is, in a few words.
pub fn describe(entity: Entity) -> &'static str {
    match entity {
        Entity::EmailAddress => "an email address",
        Entity::PhoneNumber => "a phone number",
        Entity::CreditCard => "a payment card number (Luhn-checked)",
        Entity::IbanCode => "an IBAN (mod-97 checked)",
        Entity::UsSsn => "a US Social Security number",
        Entity::IpAddress => "an IPv4 or IPv6 address",
        Entity::Url => "a web address",
        Entity::DateTime => "a date or time",
        Entity::MacAddress => "a network card's MAC address",
        Entity::Person => "a person's name",
        Entity::Location => "a place: address, street, town or postcode",
        Entity::UkNino => "a UK National Insurance number",
        Entity::UkNhs => "a UK NHS number",
        Entity::UsItin => "a US Individual Taxpayer Identification Number",
        Entity::UsPassport => "a passport number",
        Entity::UsDriverLicense => "a driving licence number",
        Entity::UsBankNumber => "a US bank account number",
        Entity::AbaRoutingNumber => "a US ABA routing number",
        Entity::CaSin => "a Canadian Social Insurance Number",
        Entity::NlBsn => "a Dutch citizen service number (BSN)",
        Entity::DeTaxId => "a German tax identification number",
        Entity::EsNif => "a Spanish tax number (NIF/DNI)",
        Entity::EsNie => "a Spanish foreigner's number (NIE)",
        Entity::FrNir => "a French social security number (NIR)",
        Entity::ItFiscalCode => "an Italian fiscal code",
        Entity::InAadhaar => "an Indian Aadhaar number",
        Entity::AuTfn => "an Australian tax file number",
        Entity::AuMedicare => "an Australian Medicare number",
        Entity::SgNricFin => "a Singapore NRIC/FIN",
        Entity::Crypto => "a cryptocurrency wallet address",
        Entity::ApiKey => "an API key or access token",
        Entity::Custom(_) => "declared in the policy",
    }
}

/// The catalogue.
///
/// ```
/// let c = pii_mask::catalogue::catalogue();
/// let hash = c.operators.iter().find(|o| o.name == "hash").unwrap();
/// assert!(hash.needs_key);
/// assert!(c.entities.iter().any(|e| e.name == "EMAIL_ADDRESS"));
/// ```
pub fn catalogue() -> Catalogue {
    Catalogue {
        operators: operators(),
        entities: Entity::ALL
            .into_iter()
            .map(|e| EntityInfo {
                name: e.as_str(),
                description: describe(e),
            })
            .collect(),
        encodings: crate::csv::Encoding::ALL
            .into_iter()
            .map(|e| EncodingInfo {
                label: e.label(),
                name: e.name(),
                aliases: e.aliases(),
            })
            .collect(),
        delimiters: vec![
            DelimiterInfo {
                value: ",",
                name: "comma",
            },
            DelimiterInfo {
                value: ";",
                name: "semicolon",
            },
            DelimiterInfo {
                value: "\t",
                name: "tab",
            },
            DelimiterInfo {
                value: "|",
                name: "pipe",
            },
        ],
        errors: ErrorKind::ALL
            .into_iter()
            .map(|k| ErrorInfo {
                code: k.code(),
                description: k.description(),
            })
            .collect(),
        policy_version: VERSION,
        key_min_bytes: crate::ops::MIN_KEY_BYTES,
        presets: crate::presets::presets(),
    }
}

/// One column of a policy resolved against a file.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResolvedColumn {
    pub index: usize,
    /// As shown to users: the header, or `#N`.
    pub name: String,
    /// The operator that will run, with every parameter that has a default
    /// filled in.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Op"))]
    pub op: Value,
    /// Where the operator comes from: `policy` (the column is named),
    /// `suggested` (an `auto` policy took the scanner's choice) or
    /// `default`.
    pub source: &'static str,
    pub needs_key: bool,
}

/// A policy resolved against a file.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    /// Whether masking with this policy needs a key.
    pub needs_key: bool,
    pub columns: Vec<ResolvedColumn>,
}

/// An operator as JSON with its defaults filled in.
pub fn with_defaults(op: &Op) -> Value {
    let mut v = serde_json::to_value(op).unwrap_or(Value::Null);
    if let (Value::Object(map), Some(info)) = (&mut v, operator(op.name())) {
        for p in &info.params {
            if !p.default.is_null() {
                map.entry(p.name).or_insert_with(|| p.default.clone());
            }
        }
    }
    v
}

/// Resolves `policy` against a scanned file: per column, the operator that
/// will run, as the masker resolves it (the same errors for a column the file
/// does not have, a column named twice, or every column dropped).
///
/// ```
/// use pii_mask::{catalogue::resolve, scan, Policy, ScanOptions};
/// let s = scan(b"name,email\nAnn Lee,ann@example.com\n", ScanOptions::default()).unwrap();
/// let p = Policy::from_json(r#"{"version": 1, "columns": {"email": {"op": "hash", "algorithm": "sha256"}}}"#).unwrap();
/// let r = resolve(&p, &s).unwrap();
/// assert!(r.needs_key && r.columns[1].needs_key);
/// assert_eq!(r.columns[1].op["length"], 16);
/// assert_eq!(r.columns[0].source, "default");
/// ```
pub fn resolve(policy: &Policy, scan: &ScanResult) -> Result<Resolution, Error> {
    resolve_columns(policy, &FileColumns::from(scan))
}

/// What resolution needs to know of a scanned file.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct FileColumns {
    /// Whether the first row is a header.
    pub header: bool,
    pub columns: Vec<FileColumn>,
}

#[derive(Clone, Debug, serde::Deserialize)]
pub struct FileColumn {
    /// The header, or `#N`.
    pub name: String,
    /// The scanner's suggestion, taken by `auto` policies.
    pub suggested: Op,
    /// What the column holds, for the policy's `detected` operators.
    #[serde(default)]
    pub entity: Option<Entity>,
}

impl From<&ScanResult> for FileColumns {
    fn from(scan: &ScanResult) -> FileColumns {
        FileColumns {
            header: scan.header,
            columns: scan
                .columns
                .iter()
                .map(|c| FileColumn {
                    name: c.name.clone(),
                    suggested: c.suggested.clone(),
                    entity: c.entity,
                })
                .collect(),
        }
    }
}

/// [`resolve`] from the parts of a scan it reads (e.g. a scan result that
/// came back from JavaScript).
pub fn resolve_columns(policy: &Policy, scan: &FileColumns) -> Result<Resolution, Error> {
    let names: Vec<String> = scan.columns.iter().map(|c| c.name.clone()).collect();
    let suggested: Vec<Op> = scan
        .columns
        .iter()
        .map(|c| policy.suggestion(c.entity, &c.suggested))
        .collect();
    let width = names.len();
    let header = scan.header.then_some(names.as_slice());
    let resolved = policy.resolve_ragged(header, width, Some(&suggested))?;
    let (mut by_index, mut by_name) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for k in policy.columns.keys() {
        match k {
            crate::policy::ColumnRef::Index(j) => by_index.insert(*j),
            crate::policy::ColumnRef::Name(n) => by_name.insert(n.as_str()),
        };
    }
    let named =
        |i: usize, name: &str| by_index.contains(&i) || (scan.header && by_name.contains(name));
    let columns: Vec<ResolvedColumn> = resolved
        .ops
        .iter()
        .enumerate()
        .map(|(i, op)| ResolvedColumn {
            index: i,
            name: names[i].clone(),
            op: with_defaults(op),
            source: if named(i, &names[i]) {
                "policy"
            } else if policy.auto {
                "suggested"
            } else {
                "default"
            },
            needs_key: op.needs_key(),
        })
        .collect();
    Ok(Resolution {
        needs_key: policy.needs_key() || columns.iter().any(|c| c.needs_key),
        columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every parameter the catalogue lists is a field of the operator, and
    /// every field is listed: a fully filled operator serialises to exactly
    /// the listed names.
    #[test]
    fn parameters_match_the_operators() {
        let full = [
            json!({"op": "keep"}),
            json!({"op": "drop"}),
            json!({"op": "redact", "text": "x", "entity": "PERSON"}),
            json!({"op": "mask", "char": "#", "chars": 2, "from_end": true, "entity": "PERSON"}),
            json!({"op": "hash", "length": 20, "algorithm": "sha256", "per_column": true}),
            json!({"op": "tokenize", "entity": "PERSON", "style": "surrogate"}),
            json!({"op": "generalize", "to": "prefix", "chars": 2, "width": 1, "edges": [1], "min": 0, "max": 9, "step": 1, "format": "%Y"}),
            json!({"op": "noise", "mechanism": "gaussian", "epsilon": 0.5, "delta": 1e-6, "sensitivity": 1, "step": 0.5, "min": 0, "max": 100}),
            json!({"op": "date_shift", "by": "id", "days": 30, "allow_zero": true, "format": "%d/%m/%Y"}),
            json!({"op": "truncate", "max": 200}),
            json!({"op": "scrub", "entities": ["PERSON"], "replace": "tokenize", "style": "surrogate"}),
        ];
        let ops = operators();
        assert_eq!(ops.len(), full.len());
        for (info, v) in ops.iter().zip(full) {
            let op: Op = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(op.name(), info.name);
            let mut fields: Vec<&str> = v
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "op")
                .collect();
            let mut listed: Vec<&str> = info.params.iter().map(|p| p.name).collect();
            fields.sort_unstable();
            listed.sort_unstable();
            assert_eq!(fields, listed, "{}", info.name);
            // Defaults must be values the operator accepts.
            let mut with = serde_json::Map::new();
            with.insert("op".into(), json!(info.name));
            for p in info.params.iter().filter(|p| !p.default.is_null()) {
                with.insert(p.name.into(), p.default.clone());
            }
            if info.name == "generalize" {
                with.insert("to".into(), json!("year"));
            }
            if info.name == "truncate" {
                with.insert("max".into(), json!(200));
            }
            if info.name == "date_shift" {
                with.insert("by".into(), json!("id"));
                with.insert("days".into(), json!(30));
            }
            if info.name == "noise" {
                with.insert("mechanism".into(), json!("laplace"));
                with.insert("epsilon".into(), json!(1));
                with.insert("sensitivity".into(), json!(1));
            }
            assert!(serde_json::from_value::<Op>(Value::Object(with)).is_ok());
        }
    }

    #[test]
    fn every_entity_is_described() {
        let c = catalogue();
        assert_eq!(c.entities.len(), Entity::ALL.len());
        assert!(c.entities.iter().all(|e| !e.description.is_empty()));
    }

    #[test]
    fn resolution_takes_suggestions_and_refuses_unknown_columns() {
        let s = crate::scan(
            b"id,email\n1,ann@example.com\n2,bo@example.org\n",
            crate::ScanOptions::default(),
        )
        .unwrap();
        let auto = Policy::from_json(r#"{"version": 1, "auto": true}"#).unwrap();
        let r = resolve(&auto, &s).unwrap();
        assert_eq!(r.columns[1].source, "suggested");
        assert_eq!(r.columns[1].op["op"], "mask");
        assert!(!r.needs_key);
        let bad =
            Policy::from_json(r#"{"version": 1, "columns": {"mail": {"op": "drop"}}}"#).unwrap();
        assert_eq!(
            resolve(&bad, &s).unwrap_err().kind(),
            ErrorKind::PolicyUnknownColumn
        );
    }
}
