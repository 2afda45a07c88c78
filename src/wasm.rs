//! The JavaScript boundary: the only file that knows wasm-bindgen. It
//! converts options and results and nothing else; all logic is in the core.

use crate::{classify::Header, custom::CustomEntities, pipeline, policy::Policy, ScanOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    key: Option<String>,
    delimiter: Option<String>,
    header: Option<HeaderOption>,
    allow_ragged: Option<bool>,
    sample_rows: Option<usize>,
    escape_formulas: Option<bool>,
    encoding: Option<String>,
    /// For scanning: a policy's `entities`, to be found too.
    entities: Option<serde_json::Value>,
}

/// `header`: true, false, or "auto".
#[derive(Deserialize)]
#[serde(untagged)]
enum HeaderOption {
    Given(bool),
    Auto(AutoWord),
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum AutoWord {
    Auto,
}

fn header(h: Option<HeaderOption>) -> Header {
    match h {
        Some(HeaderOption::Given(b)) => Header::from(b),
        Some(HeaderOption::Auto(AutoWord::Auto)) | None => Header::Auto,
    }
}

fn options(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    // Through a JSON value: serde-wasm-bindgen reads only the fields a
    // struct names, so a misspelt option would pass unnoticed.
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("options: {e}")))?;
    serde_json::from_value(json).map_err(|e| JsError::new(&format!("options: {e}")))
}

fn delimiter(d: Option<String>) -> Result<Option<u8>, JsError> {
    match d.as_deref() {
        None => Ok(None),
        Some(s) if s.len() == 1 && s.is_ascii() => Ok(s.bytes().next()),
        Some(s) => Err(JsError::new(&format!(
            "options: delimiter must be one ASCII character, not {s:?}"
        ))),
    }
}

fn encoding(label: Option<String>) -> Result<crate::csv::Encoding, JsError> {
    label.map_or(Ok(crate::csv::Encoding::Utf8), |l| {
        crate::csv::Encoding::from_label(&l).map_err(error)
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))
}

fn error(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

/// A policy given as a plain object or as JSON text.
fn policy(value: JsValue) -> Result<Policy, JsError> {
    if let Some(text) = value.as_string() {
        return Policy::from_json(&text).map_err(error);
    }
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("policy: {e}")))?;
    Policy::from_value(json).map_err(error)
}

fn custom(v: Option<serde_json::Value>) -> Result<CustomEntities, JsError> {
    v.map_or(Ok(CustomEntities::default()), |v| {
        CustomEntities::from_value(&v).map_err(|e| JsError::new(&format!("options: {e}")))
    })
}

fn mask_options(o: Options) -> Result<pipeline::MaskOptions, JsError> {
    if o.entities.is_some() {
        return Err(JsError::new(
            "options: entities belong in the policy when masking",
        ));
    }
    let d = pipeline::MaskOptions::default();
    Ok(pipeline::MaskOptions {
        key: o.key.map(String::into_bytes),
        delimiter: delimiter(o.delimiter)?,
        header: header(o.header),
        allow_ragged: o.allow_ragged.unwrap_or(d.allow_ragged),
        sample_rows: o.sample_rows.unwrap_or(d.sample_rows),
        escape_formulas: o.escape_formulas.unwrap_or(d.escape_formulas),
        encoding: encoding(o.encoding)?,
    })
}

/// Streams a CSV through a policy.
#[wasm_bindgen]
pub struct Masker {
    inner: pipeline::Masker,
}

#[wasm_bindgen]
impl Masker {
    #[wasm_bindgen(constructor)]
    pub fn new(policy_value: JsValue, options_value: JsValue) -> Result<Masker, JsError> {
        let opts = mask_options(options(options_value)?)?;
        let inner = pipeline::Masker::new(policy(policy_value)?, opts).map_err(error)?;
        Ok(Masker { inner })
    }

    /// Masked bytes ready so far (may be empty).
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, JsError> {
        let mut out = Vec::with_capacity(chunk.len() + chunk.len() / 8);
        self.inner.push(chunk, &mut out).map_err(error)?;
        Ok(out)
    }

    /// The rest of the output.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsError> {
        let mut out = Vec::new();
        self.inner.finish(&mut out).map_err(error)?;
        Ok(out)
    }

    /// Data rows written so far (cheap: for progress).
    pub fn rows(&self) -> f64 {
        self.inner.rows() as f64
    }

    /// What was done so far: rows, per column the operator and changed
    /// cells, per entity the count found. Never raw values.
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.report())
    }
}

/// Classifies the columns of a CSV pushed in chunks.
#[wasm_bindgen]
pub struct Scanner {
    inner: Option<crate::Scanner>,
}

fn scan_options(value: JsValue) -> Result<ScanOptions, JsError> {
    let o = options(value)?;
    if o.key.is_some() {
        return Err(JsError::new("options: scanning takes no key"));
    }
    let d = ScanOptions::default();
    Ok(ScanOptions {
        delimiter: delimiter(o.delimiter)?,
        header: header(o.header),
        sample_rows: o.sample_rows.unwrap_or(d.sample_rows),
        allow_ragged: o.allow_ragged.unwrap_or(d.allow_ragged),
        encoding: encoding(o.encoding)?,
        entities: custom(o.entities)?,
    })
}

#[wasm_bindgen]
impl Scanner {
    #[wasm_bindgen(constructor)]
    pub fn new(options_value: JsValue) -> Result<Scanner, JsError> {
        Ok(Scanner {
            inner: Some(crate::Scanner::new(scan_options(options_value)?)),
        })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        match &mut self.inner {
            Some(s) => s.push(chunk).map_err(error),
            None => Err(JsError::new("push after finish")),
        }
    }

    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let s = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("finish called twice"))?;
        to_js(&s.finish().map_err(error)?)
    }
}

/// Classifies the columns of a whole CSV.
#[wasm_bindgen]
pub fn scan(bytes: &[u8], options_value: JsValue) -> Result<JsValue, JsError> {
    to_js(&crate::scan(bytes, scan_options(options_value)?).map_err(error)?)
}

/// Personal data in free text, with UTF-16 offsets; `entities` (a policy's
/// `entities`, or undefined) adds the user's own.
#[wasm_bindgen]
pub fn find(text: &str, entities: JsValue) -> Result<JsValue, JsError> {
    let entities = if entities.is_undefined() || entities.is_null() {
        None
    } else {
        let v: serde_json::Value = serde_wasm_bindgen::from_value(entities)
            .map_err(|e| JsError::new(&format!("entities: {e}")))?;
        Some(v)
    };
    to_js(&custom(entities)?.find_utf16(text))
}

/// The first `limit` rows of `bytes` (the whole file, or only its start when
/// `complete` is false), original and masked, for showing side by side.
#[wasm_bindgen]
pub fn preview(
    bytes: &[u8],
    policy_value: JsValue,
    options_value: JsValue,
    limit: usize,
    complete: bool,
) -> Result<JsValue, JsError> {
    let opts = mask_options(options(options_value)?)?;
    let p =
        pipeline::preview(bytes, policy(policy_value)?, opts, limit, complete).map_err(error)?;
    to_js(&p)
}
