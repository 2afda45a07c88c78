//! The JavaScript boundary: the only file that knows wasm-bindgen. It
//! converts options and results and nothing else; all logic is in the core.

use crate::schema::{HeaderOption, JsMaskOptions, JsRiskOptions, JsScanOptions};
use crate::{
    classify::Header, custom::CustomEntities, pipeline, policy::Policy, CsvOptions, Error,
    ErrorKind, ScanOptions, WriteOptions,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

fn header(h: Option<HeaderOption>) -> Header {
    h.map_or(Header::Auto, Header::from)
}

/// Options as JavaScript passes them, read into one of the boundary's
/// types (`schema::JsMaskOptions`, `schema::JsScanOptions`, which the
/// TypeScript types are generated from).
fn options<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    // Through a JSON value: serde-wasm-bindgen reads only the fields a
    // struct names, so a misspelt option would pass unnoticed.
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
        .map_err(|e| error(Error::option("", format!("{e}"))))?;
    let Some(map) = json.as_object() else {
        return Err(error(Error::option("", "options must be an object")));
    };
    serde_json::from_value(json.clone()).map_err(|e| {
        // Name the option that is unknown or wrong: the first that fails alone.
        let field = map
            .iter()
            .find(|(k, v)| {
                serde_json::from_value::<T>(serde_json::json!({ k.as_str(): v })).is_err()
            })
            .map_or("", |(k, _)| k.as_str());
        error(Error::option(field, format!("{e}")))
    })
}

/// An error unless the word lists are loaded (the .wasm is built without
/// them: see `detect::lists`); every export that may detect calls it first.
fn lists() -> Result<(), JsValue> {
    crate::detect::lists::require().map_err(error)
}

/// Whether the word lists are there (loaded, or compiled into this build).
#[wasm_bindgen(js_name = listsReady)]
pub fn lists_ready() -> bool {
    crate::detect::lists::ready()
}

/// Hands over the word lists: the text of `pii_mask_lists.txt`.
#[wasm_bindgen(js_name = setLists)]
pub fn set_lists(text: &str) -> Result<(), JsValue> {
    crate::detect::lists::install(text).map_err(error)
}

fn delimiter(d: Option<String>) -> Result<Option<u8>, JsValue> {
    match d.as_deref() {
        None => Ok(None),
        Some(s) if s.len() == 1 && s.is_ascii() => Ok(s.bytes().next()),
        Some(s) => Err(error(Error::option(
            "delimiter",
            format!("delimiter must be one ASCII character, not {s:?}"),
        ))),
    }
}

fn encoding(label: Option<String>) -> Result<crate::csv::Encoding, JsValue> {
    label.map_or(Ok(crate::csv::Encoding::Utf8), |l| {
        crate::csv::Encoding::from_label(&l).map_err(error)
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&ser)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// A JavaScript `Error` with the message, and `code`, `line`, `column` and
/// `field` where they apply: callers branch on `code`, never on the text.
fn error(e: Error) -> JsValue {
    let js = js_sys::Error::new(&e.to_string());
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.code()));
    if let Some(line) = e.line() {
        set("line", JsValue::from_f64(line as f64));
    }
    if let Some(column) = e.column() {
        set("column", JsValue::from_str(column));
    }
    if let Some(field) = e.field() {
        set("field", JsValue::from_str(field));
    }
    if !e.problems().is_empty() {
        if let Ok(problems) = to_js(&e.problems()) {
            set("problems", problems);
        }
    }
    js.into()
}

/// A policy given as a plain object or as JSON text.
fn policy_json(value: JsValue) -> Result<serde_json::Value, JsValue> {
    if let Some(text) = value.as_string() {
        return serde_json::from_str(&text).map_err(|e| {
            error(Error::new(
                ErrorKind::PolicyJson,
                format!("policy: not valid JSON: {e}"),
            ))
        });
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| error(Error::new(ErrorKind::PolicyInvalid, format!("policy: {e}"))))
}

fn policy(value: JsValue) -> Result<Policy, JsValue> {
    Policy::from_value(policy_json(value)?).map_err(error)
}

fn custom(v: Option<serde_json::Value>) -> Result<CustomEntities, JsValue> {
    v.map_or(Ok(CustomEntities::default()), |v| {
        CustomEntities::from_value(&v).map_err(|e| {
            error(
                Error::new(ErrorKind::PolicyEntities, format!("options: {e}"))
                    .at_field("/entities"),
            )
        })
    })
}

fn mask_options(value: JsValue, vault: Option<&Vault>) -> Result<pipeline::MaskOptions, JsValue> {
    if !value.is_undefined()
        && !value.is_null()
        && js_sys::Reflect::has(&value, &"entities".into()).unwrap_or(false)
    {
        return Err(error(Error::option(
            "entities",
            "entities belong in the policy when masking",
        )));
    }
    let o: JsMaskOptions = options(value)?;
    let out_delimiter = delimiter(o.output_delimiter).map_err(|_| {
        error(Error::option(
            "outputDelimiter",
            "outputDelimiter must be one ASCII character",
        ))
    })?;
    let audit = o.audit.unwrap_or(false);
    if !audit && (o.quasi.is_some() || o.sensitive.is_some()) {
        let field = if o.quasi.is_some() {
            "quasi"
        } else {
            "sensitive"
        };
        return Err(error(Error::option(
            field,
            format!("{field} measures risk for the audit record: set audit: true too"),
        )));
    }
    if o.sensitive.is_some() && o.quasi.is_none() {
        return Err(error(Error::option(
            "sensitive",
            "sensitive needs quasi, the quasi-identifier columns",
        )));
    }
    Ok(pipeline::MaskOptions {
        key: o.key.map(String::into_bytes),
        header: header(o.header),
        sample_rows: o
            .sample_rows
            .unwrap_or(pipeline::MaskOptions::default().sample_rows),
        csv: csv_options(o.delimiter, o.allow_ragged, o.encoding)?,
        write: WriteOptions {
            escape_formulas: o.escape_formulas.unwrap_or(false),
            bom: o.bom.unwrap_or(false),
            delimiter: out_delimiter,
        },
        audit,
        // A handle on the caller's vault (the same one, not a copy):
        // `tokenize` adds to it.
        vault: vault.map(|v| v.inner.clone()),
        risk: o.quasi.map(|quasi| crate::risk::RiskOptions {
            quasi,
            sensitive: o.sensitive,
            ..crate::risk::RiskOptions::default()
        }),
    })
}

fn csv_options(
    d: Option<String>,
    allow_ragged: Option<bool>,
    e: Option<String>,
) -> Result<CsvOptions, JsValue> {
    Ok(CsvOptions {
        delimiter: delimiter(d)?,
        allow_ragged: allow_ragged.unwrap_or(false),
        encoding: encoding(e)?,
    })
}

/// Streams a CSV through a policy.
#[wasm_bindgen]
pub struct Masker {
    inner: pipeline::Masker,
    /// What the last part counted (masking in parts).
    tally: Option<crate::split::Tally>,
    /// The last part's output, its room kept for the next.
    out: Vec<u8>,
}

/// Masking in parts over several workers (see `crate::split`); used by the
/// package's CLI and worker client, not part of its documented API.
#[wasm_bindgen]
impl Masker {
    /// Why this policy must run in one pass, or `undefined`.
    pub fn unsplittable(policy_value: JsValue) -> Result<Option<String>, JsValue> {
        Ok(pipeline::Masker::unsplittable(&policy(policy_value)?).map(str::to_string))
    }

    #[wasm_bindgen(js_name = headRecords)]
    pub fn head_records(policy_value: JsValue, options_value: JsValue) -> Result<f64, JsValue> {
        let opts = mask_options(options_value, None)?;
        Ok(pipeline::Masker::head_records(&policy(policy_value)?, &opts) as f64)
    }

    /// A masker for the parts after `head`, the first part.
    #[wasm_bindgen(js_name = forParts)]
    pub fn for_parts(
        policy_value: JsValue,
        options_value: JsValue,
        head: &[u8],
    ) -> Result<Masker, JsValue> {
        lists()?;
        let opts = mask_options(options_value, None)?;
        let inner =
            pipeline::Masker::for_parts(policy(policy_value)?, opts, head).map_err(error)?;
        Ok(Masker {
            inner,
            tally: None,
            out: Vec::new(),
        })
    }

    /// [`Masker::push`], its output copied into `into` when it fits (and
    /// returned as a view of it), else into a new array.
    #[wasm_bindgen(js_name = pushInto)]
    pub fn push_into(
        &mut self,
        chunk: &[u8],
        into: &js_sys::Uint8Array,
    ) -> Result<js_sys::Uint8Array, JsValue> {
        let out = &mut self.out;
        out.clear();
        self.inner.push(chunk, out).map_err(error)?;
        Ok(copied_into(out, into))
    }

    /// Masks one whole part, which begins at `line` and `record` of the
    /// file; its counts then in `tally()`. The output is copied into `into`
    /// when it fits (and returned as a view of it), else into a new array:
    /// a worker given back its output buffers leaves no garbage behind.
    #[wasm_bindgen(js_name = maskPart)]
    pub fn mask_part(
        &mut self,
        input: &[u8],
        line: f64,
        record: f64,
        last: bool,
        into: &js_sys::Uint8Array,
    ) -> Result<js_sys::Uint8Array, JsValue> {
        let start = crate::split::PartStart {
            line: line as u64,
            record: record as u64,
        };
        let out = &mut self.out;
        out.clear();
        self.inner.begin_part(start).map_err(error)?;
        self.inner.push(input, out).map_err(error)?;
        self.tally = Some(self.inner.end_part(out, last).map_err(error)?);
        Ok(copied_into(out, into))
    }

    /// The last part's counts, as JSON for `absorb` in the main masker.
    pub fn tally(&self) -> String {
        serde_json::to_string(&self.tally).unwrap_or_default()
    }

    pub fn absorb(&mut self, tally: &str) -> Result<(), JsValue> {
        let tally: Option<crate::split::Tally> = serde_json::from_str(tally)
            .map_err(|e| error(Error::state(&format!("internal: a part's tally: {e}"))))?;
        match tally {
            Some(t) => self.inner.absorb(&t).map_err(error),
            None => Err(error(Error::state("internal: a part without a tally"))),
        }
    }

    #[wasm_bindgen(js_name = auditPart)]
    pub fn audit_part(&mut self, input: &[u8], output: &[u8]) {
        self.inner.audit_part(input, output);
    }
}

/// `out` in `into` when it fits (a view of it), else in a new array.
fn copied_into(out: &[u8], into: &js_sys::Uint8Array) -> js_sys::Uint8Array {
    match u32::try_from(out.len()) {
        Ok(n) if n <= into.length() => {
            let view = into.subarray(0, n);
            view.copy_from(out);
            view
        }
        _ => js_sys::Uint8Array::from(out),
    }
}

/// Finds cuts between records (see `crate::split::Splitter`).
#[wasm_bindgen]
pub struct CsvSplitter {
    inner: crate::split::Splitter,
}

#[wasm_bindgen]
impl CsvSplitter {
    /// `undefined` when `first` is too short to fix the dialect (and not the
    /// whole input) or the dialect cannot be cut.
    pub fn start(
        first: &[u8],
        complete: bool,
        options_value: JsValue,
        head_records: f64,
        part_bytes: f64,
    ) -> Result<Option<CsvSplitter>, JsValue> {
        let opts = mask_options(options_value, None)?;
        Ok(crate::split::Splitter::new(
            first,
            complete,
            &opts.csv,
            head_records as u64,
            part_bytes as usize,
        )
        .map(|inner| CsvSplitter { inner }))
    }

    /// `[at, line, record]` of the next cut in `bytes`, or `undefined`.
    pub fn cut(&mut self, bytes: &[u8]) -> Option<Vec<f64>> {
        self.inner
            .cut(bytes)
            .map(|c| vec![c.at as f64, c.next.line as f64, c.next.record as f64])
    }
}

#[wasm_bindgen]
impl Masker {
    /// `vault` is the `vault` option, taken out of the options by the JS
    /// wrapper (an object handle cannot cross as JSON; wasm-bindgen takes
    /// no optional reference, so the wrapper passes a new one when none
    /// was given).
    #[wasm_bindgen(constructor)]
    pub fn new(
        policy_value: JsValue,
        options_value: JsValue,
        vault: &Vault,
    ) -> Result<Masker, JsValue> {
        lists()?;
        let opts = mask_options(options_value, Some(vault))?;
        let inner = pipeline::Masker::new(policy(policy_value)?, opts).map_err(error)?;
        Ok(Masker {
            inner,
            tally: None,
            out: Vec::new(),
        })
    }

    /// Masked bytes ready so far (may be empty).
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, JsValue> {
        let mut out = Vec::with_capacity(chunk.len() + chunk.len() / 8);
        self.inner.push(chunk, &mut out).map_err(error)?;
        Ok(out)
    }

    /// The rest of the output.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsValue> {
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
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.report())
    }
}

/// Re-identification risk of a CSV pushed in chunks; with a policy, of the
/// input and of the masked output.
#[wasm_bindgen]
pub struct RiskAnalyzer {
    inner: Option<Risk>,
}

enum Risk {
    Input(Box<crate::risk::RiskAnalyzer>),
    Policy(Box<crate::risk::RiskAssessor>),
}

#[wasm_bindgen]
impl RiskAnalyzer {
    #[wasm_bindgen(constructor)]
    pub fn new(options_value: JsValue, policy_value: JsValue) -> Result<RiskAnalyzer, JsValue> {
        lists()?;
        let o: JsRiskOptions = options(options_value)?;
        let d = crate::risk::RiskOptions::default();
        let opts = crate::risk::RiskOptions {
            quasi: o.quasi,
            sensitive: o.sensitive,
            threshold: o.threshold.unwrap_or(d.threshold),
            max_classes: o.max_classes.unwrap_or(d.max_classes),
            population: o.population.map(String::into_bytes),
            target: o.target,
            csv: csv_options(o.delimiter, o.allow_ragged, o.encoding)?,
            header: header(o.header),
        };
        let inner = if policy_value.is_undefined() || policy_value.is_null() {
            Risk::Input(Box::new(
                crate::risk::RiskAnalyzer::new(opts).map_err(error)?,
            ))
        } else {
            let mask = pipeline::MaskOptions {
                key: o.key.map(String::into_bytes),
                ..pipeline::MaskOptions::default()
            };
            Risk::Policy(Box::new(
                crate::risk::RiskAssessor::new(opts, policy(policy_value)?, mask).map_err(error)?,
            ))
        };
        Ok(RiskAnalyzer { inner: Some(inner) })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        match &mut self.inner {
            Some(Risk::Input(r)) => r.push(chunk),
            Some(Risk::Policy(r)) => r.push(chunk),
            None => Err(Error::state("push after finish")),
        }
        .map_err(error)
    }

    /// The figures (`RiskAssessment` with a policy, else `Risk`).
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        match self.inner.take() {
            Some(Risk::Input(r)) => to_js(&r.finish().map_err(error)?),
            Some(Risk::Policy(r)) => to_js(&r.finish().map_err(error)?),
            None => Err(error(Error::state("finish called twice"))),
        }
    }
}

/// Classifies the columns of a CSV pushed in chunks.
#[wasm_bindgen]
pub struct Scanner {
    inner: Option<crate::Scanner>,
}

fn scan_options(value: JsValue) -> Result<ScanOptions, JsValue> {
    if !value.is_undefined()
        && !value.is_null()
        && js_sys::Reflect::has(&value, &"key".into()).unwrap_or(false)
    {
        return Err(error(Error::option("key", "scanning takes no key")));
    }
    let o: JsScanOptions = options(value)?;
    let d = ScanOptions::default();
    Ok(ScanOptions {
        header: header(o.header),
        sample_rows: o.sample_rows.unwrap_or(d.sample_rows),
        entities: custom(o.entities)?,
        csv: csv_options(o.delimiter, o.allow_ragged, o.encoding)?,
    })
}

#[wasm_bindgen]
impl Scanner {
    #[wasm_bindgen(constructor)]
    pub fn new(options_value: JsValue) -> Result<Scanner, JsValue> {
        lists()?;
        Ok(Scanner {
            inner: Some(crate::Scanner::new(scan_options(options_value)?)),
        })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        match &mut self.inner {
            Some(s) => s.push(chunk).map_err(error),
            None => Err(error(Error::new(
                ErrorKind::InvalidState,
                "push after finish",
            ))),
        }
    }

    /// Whether the scanner has the rows it samples: a caller reading a long
    /// file may stop pushing.
    #[wasm_bindgen(js_name = hasSample)]
    pub fn has_sample(&self) -> bool {
        self.inner.as_ref().is_some_and(crate::Scanner::has_sample)
    }

    /// Data rows read so far.
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |s| s.rows() as f64)
    }

    /// The classification. `complete: false` says the input pushed is only
    /// the start of a file: a record cut off at its end is left out.
    pub fn finish(&mut self, complete: Option<bool>) -> Result<JsValue, JsValue> {
        let s = self
            .inner
            .take()
            .ok_or_else(|| error(Error::new(ErrorKind::InvalidState, "finish called twice")))?;
        let result = if complete.unwrap_or(true) {
            s.finish()
        } else {
            s.finish_start()
        };
        to_js(&result.map_err(error)?)
    }
}

/// Classifies the columns of a whole CSV.
#[wasm_bindgen]
pub fn scan(bytes: &[u8], options_value: JsValue) -> Result<JsValue, JsValue> {
    lists()?;
    to_js(&crate::scan(bytes, scan_options(options_value)?).map_err(error)?)
}

/// Personal data in free text, with UTF-16 offsets; `entities` (a policy's
/// `entities`, or undefined) adds the user's own.
#[wasm_bindgen]
pub fn find(text: &str, entities: JsValue) -> Result<JsValue, JsValue> {
    lists()?;
    let entities = if entities.is_undefined() || entities.is_null() {
        None
    } else {
        let v: serde_json::Value = serde_wasm_bindgen::from_value(entities)
            .map_err(|e| error(Error::option("entities", format!("entities: {e}"))))?;
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
) -> Result<JsValue, JsValue> {
    lists()?;
    let opts = mask_options(options_value, None)?;
    let p =
        pipeline::preview(bytes, policy(policy_value)?, opts, limit, complete).map_err(error)?;
    to_js(&p)
}

/// Operators with their parameters, entities, encodings, delimiters and
/// error codes: what an interface offers, from the one place that decides.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    to_js(&crate::catalogue::catalogue())
}

/// Every problem of a policy (never throws for a bad one): `{ ok, problems:
/// [{ code, field, message }] }`.
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(policy_value: JsValue) -> Result<JsValue, JsValue> {
    let problems = match policy_json(policy_value) {
        Ok(json) => crate::policy::validate(&json),
        Err(e) => vec![crate::policy::Problem {
            code: js_sys::Reflect::get(&e, &"code".into())
                .ok()
                .and_then(|c| c.as_string())
                .unwrap_or_default(),
            field: String::new(),
            message: js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_default(),
        }],
    };
    to_js(&serde_json::json!({ "ok": problems.is_empty(), "problems": problems }))
}

/// A policy resolved against a scan result: per column the operator that
/// will run (defaults filled in), where it comes from, and whether a key is
/// needed. Throws what the masker would (an unknown column, ...).
#[wasm_bindgen(js_name = resolvePolicy)]
pub fn resolve_policy(policy_value: JsValue, scan_value: JsValue) -> Result<JsValue, JsValue> {
    let p = policy(policy_value)?;
    let json: serde_json::Value = serde_wasm_bindgen::from_value(scan_value)
        .map_err(|e| error(Error::option("scan", format!("not a scan result: {e}"))))?;
    let scan: crate::catalogue::FileColumns =
        crate::detect::with_declared(p.entities.entities().collect(), || {
            serde_json::from_value(json)
        })
        .map_err(|e| error(Error::option("scan", format!("not a scan result: {e}"))))?;
    to_js(&crate::catalogue::resolve_columns(&p, &scan).map_err(error)?)
}

/// The command line's options: `[{ name, type: "string" | "boolean", short?,
/// value?, commands, description }]`.
#[wasm_bindgen(js_name = cliOptions)]
pub fn cli_options() -> Result<JsValue, JsValue> {
    to_js(&crate::cli_options::OPTIONS)
}

/// The command line's commands: `[{ name, usage, description }]`.
#[wasm_bindgen(js_name = cliCommands)]
pub fn cli_commands() -> Result<JsValue, JsValue> {
    to_js(&crate::cli_options::COMMANDS)
}

/// The command line's `--help` text (the native binary prints the same).
#[wasm_bindgen(js_name = cliHelp)]
pub fn cli_help() -> String {
    crate::cli_options::help_text()
}

/// Token -> original value: filled by masking with `tokenize`, read by
/// restoring; exported encrypted.
#[wasm_bindgen]
pub struct Vault {
    inner: crate::Vault,
}

#[wasm_bindgen]
impl Vault {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Vault {
        Vault {
            inner: crate::Vault::new(),
        }
    }

    /// Opens an exported vault; a wrong passphrase or a damaged file throws
    /// (`vault_passphrase`, `vault_damaged`, `vault_format`).
    pub fn open(bytes: &[u8], passphrase: &str) -> Result<Vault, JsValue> {
        Ok(Vault {
            inner: crate::Vault::open(bytes, passphrase).map_err(error)?,
        })
    }

    /// The vault as one file, encrypted under the passphrase.
    pub fn export(&self, passphrase: &str) -> Result<Vec<u8>, JsValue> {
        self.inner.export(passphrase).map_err(error)
    }

    /// `{ tokens, bytes }`: its entries and their approximate memory.
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.stats())
    }

    /// Adds another vault's entries (made with the same key) to this one.
    pub fn absorb(&self, other: &Vault) -> Result<(), JsValue> {
        self.inner.absorb(&other.inner).map_err(error)
    }
}

/// Restores text pushed in chunks (strings); the output does not depend on
/// the cuts.
#[wasm_bindgen]
pub struct Restorer {
    inner: crate::Restorer,
    report: Option<crate::RestoreReport>,
}

#[wasm_bindgen]
impl Restorer {
    #[wasm_bindgen(constructor)]
    pub fn new(vault: &Vault) -> Restorer {
        Restorer {
            inner: crate::Restorer::new(&vault.inner),
            report: None,
        }
    }

    /// The restored text decided so far (may be empty).
    pub fn push(&mut self, chunk: &str) -> String {
        let mut out = String::with_capacity(chunk.len());
        self.inner.push(chunk, &mut out);
        out
    }

    /// The rest of the text.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        self.report = Some(self.inner.finish(&mut out));
        out
    }

    /// Counts per entity and of unknown tokens (never values), after
    /// `finish`.
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.report.clone().unwrap_or_default())
    }
}

/// Restores a CSV pushed in chunks (bytes), cell by cell, quoting the
/// values again as they need.
#[wasm_bindgen]
pub struct CsvRestorer {
    inner: crate::restore_csv::CsvRestorer,
    report: Option<crate::RestoreReport>,
}

#[wasm_bindgen]
impl CsvRestorer {
    #[wasm_bindgen(constructor)]
    pub fn new(vault: &Vault) -> CsvRestorer {
        CsvRestorer {
            inner: crate::restore_csv::CsvRestorer::new(&vault.inner),
            report: None,
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, JsValue> {
        let mut out = Vec::with_capacity(chunk.len());
        self.inner.push(chunk, &mut out).map_err(error)?;
        Ok(out)
    }

    pub fn finish(&mut self) -> Result<Vec<u8>, JsValue> {
        let mut out = Vec::new();
        self.report = Some(self.inner.finish(&mut out).map_err(error)?);
        Ok(out)
    }

    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.report.clone().unwrap_or_default())
    }
}

/// Restores a whole text: `{ text, report, spans }`, each span where an
/// original went, in UTF-16 offsets (JavaScript's string indices).
#[wasm_bindgen]
pub fn restore(text: &str, vault: &Vault) -> Result<JsValue, JsValue> {
    let (text, report, mut spans) = crate::restore::restore_marked(text, &vault.inner);
    crate::restore::spans_to_utf16(&text, &mut spans);
    to_js(&serde_json::json!({ "text": text, "report": report, "spans": spans }))
}
