//! The streaming masker: chunks in, masked bytes out, and a report.

use crate::classify::{column_name, header_hint, looks_like_data, Header, Profile, Row};
use crate::csv::{CsvOptions, Encoding, Reader, Record, Writer};
use crate::custom::CustomEntities;
use crate::detect::Entity;
use crate::ops::{mentions::Known, Action, RowView, MIN_KEY_BYTES};
use crate::policy::{ColumnRef, HashAlgorithm, Op, Policy};
use crate::report::{
    Audit, ColumnReport, Digest, KeptColumn, NoiseBudget, Report, Residual, Warning,
};
use crate::split::{PartStart, Tally};
use crate::validate::{Validator, Verdict};
use crate::vault::Vault;
use crate::{Error, ErrorKind};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;

/// How to read the input, write the output, and the key for `hash`.
#[derive(Clone, Debug)]
pub struct MaskOptions {
    /// The key for `hash` (at least 16 bytes).
    pub key: Option<Vec<u8>>,
    /// How the input is read: delimiter, ragged rows, encoding.
    pub csv: CsvOptions,
    /// Whether the first record names the columns (decided from the data
    /// by default).
    pub header: Header,
    /// How many rows are profiled: with an `auto` policy they are held in
    /// memory until classified, before output starts.
    pub sample_rows: usize,
    /// How the output is written.
    pub write: WriteOptions,
    /// Digest the policy, the input and the output for an audit record
    /// (`Report::audit`); costs one SHA-256 pass over each.
    pub audit: bool,
    /// Where `tokenize` records token -> original: give a vault opened
    /// from a file to continue it (same key, same tokens). Without one the
    /// masker starts an empty vault ([`Masker::vault`]).
    pub vault: Option<Vault>,
    /// Measure the re-identification risk of these quasi-identifiers in
    /// the input and in the output as they stream (read in the input's
    /// dialect and header, whatever the options' own say): the figures are
    /// [`Masker::risk`] and, with `audit`, in the audit record.
    pub risk: Option<crate::risk::RiskOptions>,
}

impl Default for MaskOptions {
    fn default() -> MaskOptions {
        MaskOptions {
            key: None,
            csv: CsvOptions::default(),
            header: Header::Auto,
            sample_rows: 1000,
            write: WriteOptions::default(),
            audit: false,
            vault: None,
            risk: None,
        }
    }
}

/// How the output is written. The defaults keep the input's dialect; the
/// others make a file that spreadsheets open right.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Neutralise cells a spreadsheet would run as formulas (OWASP "CSV
    /// injection") with a leading `'`: a cell starting with `=`, `@`, tab
    /// or CR, or with `+`/`-` and more than a number or phone number. Off
    /// by default (it changes values); the page turns it on for downloads
    /// meant for spreadsheets.
    pub escape_formulas: bool,
    /// Start the output with a UTF-8 byte-order mark, which Excel needs to
    /// read a CSV as UTF-8 rather than the system's code page.
    pub bom: bool,
    /// The output's delimiter; `None` keeps the input's. `;` suits
    /// spreadsheets in locales whose decimal separator is a comma.
    pub delimiter: Option<u8>,
}

/// Masks a CSV pushed in chunks of any size. The output does not depend on
/// where the chunks are cut.
///
/// ```
/// use pii_mask::{Masker, MaskOptions, Policy};
/// let policy = Policy::from_json(r#"{"version": 1, "columns": {"email": {"op": "mask"}}}"#).unwrap();
/// let mut m = Masker::new(policy, MaskOptions::default()).unwrap();
/// let mut out = Vec::new();
/// m.push(b"id,email\n1,ann@exam", &mut out).unwrap();
/// m.push(b"ple.com\n", &mut out).unwrap();
/// let report = m.finish(&mut out).unwrap();
/// assert_eq!(out, b"id,email\n1,***@example.com\n");
/// assert_eq!(report.columns[1].changed, 1);
/// ```
pub struct Masker {
    reader: Reader,
    core: Core,
    audit: Option<Box<Auditing>>,
    /// With [`MaskOptions::risk`]: measuring, then the figures.
    measure: Option<Box<crate::risk::Measure>>,
    risk: Option<crate::risk::RiskAssessment>,
}

/// The running digests of an audited run.
struct Auditing {
    policy: String,
    input: Sha256,
    input_bytes: u64,
    output: Sha256,
    output_bytes: u64,
}

impl Auditing {
    fn wrote(&mut self, bytes: &[u8]) {
        self.output.update(bytes);
        self.output_bytes += bytes.len() as u64;
    }
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|&b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

struct Core {
    policy: Policy,
    key: Option<Vec<u8>>,
    /// Token -> original, for `tokenize`.
    vault: Vault,
    sample_rows: usize,
    write: WriteOptions,
    profile: Profile,
    /// Records held until the header is decided (and, with an `auto`
    /// policy, until the sample is classified).
    held: Vec<Row>,
    plan: Option<Plan>,
    writer: Option<Writer>,
    delimiter: Option<u8>,
    rows: u64,
    /// The first data row of the part this masker masks (0 for a whole
    /// file); `rows` counts from the file's start.
    first_row: u64,
    entities: BTreeMap<Entity, u64>,
    residual: ResidualCheck,
    /// Scratch for one cell's new value.
    cell: Vec<u8>,
    /// Where in `cell` the operator wrote surrogates.
    made: Vec<std::ops::Range<usize>>,
    /// For previews: every row as written, cell by cell.
    capture: Option<Vec<CapturedRow>>,
    /// The policy's validation rules, once the columns are known.
    validator: Option<Validator>,
    /// For previews: per data row, the rules it broke (`age:max;...`).
    capture_invalid: Option<Vec<String>>,
}

struct Plan {
    columns: Vec<Column>,
    /// Cells beyond the header's width (ragged rows allowed) that the
    /// policy names by index.
    beyond: BTreeMap<usize, Action>,
    /// Other cells beyond the header's width: the policy's default, or a
    /// scrub when the default keeps (a cell no column vouches for is not
    /// let through unread).
    extra: Action,
    /// The columns whose values `scrub` removes from the row's text too:
    /// those that hold an entity and are masked (not kept), when some
    /// column scrubs.
    known: Vec<(usize, Entity)>,
}

struct Column {
    name: String,
    op: Op,
    entity: Option<Entity>,
    action: Action,
    changed: u64,
    /// With `noise`: cells that were not numbers.
    not_numbers: u64,
    /// With `truncate`: cells cut.
    truncated: u64,
}

/// Rows checked for personal data left in the output: every row at first,
/// then every 2nd, 4th, ... so that the whole length of any file is
/// sampled with a bounded number of checks (about `BUDGET` per doubling).
struct ResidualCheck {
    custom: CustomEntities,
    /// Whose surrogates are never reported.
    vault: Vault,
    stride: u64,
    checked_at_stride: u64,
    checked: u64,
    /// Per column (`usize::MAX` for cells beyond the header) and entity.
    seen: BTreeMap<(usize, Entity), u64>,
}

const RESIDUAL_BUDGET: u64 = 500;

impl ResidualCheck {
    fn new(custom: CustomEntities, vault: Vault) -> ResidualCheck {
        ResidualCheck {
            custom,
            vault,
            stride: 1,
            checked_at_stride: 0,
            checked: 0,
            seen: BTreeMap::new(),
        }
    }

    /// Whether data row `row` (0-based) is checked.
    fn wants(&mut self, row: u64) -> bool {
        if row % self.stride != 0 {
            return false;
        }
        self.checked += 1;
        self.checked_at_stride += 1;
        if self.checked_at_stride >= RESIDUAL_BUDGET {
            self.stride *= 2;
            self.checked_at_stride = 0;
        }
        true
    }

    /// Starts over as if rows `0..row` had been offered: which rows are
    /// checked depends on the row number alone. Counts start at zero.
    fn restart_at(&mut self, row: u64) {
        self.stride = 1;
        self.checked_at_stride = 0;
        self.checked = 0;
        self.seen.clear();
        let mut next = 0;
        while next < row {
            self.wants(next);
            next = (next + 1).div_ceil(self.stride) * self.stride;
        }
        self.checked = 0;
    }

    /// Looks for personal data in a cell as it is written. Dates and places
    /// alone identify nobody; they are reported as kept, not as residue.
    /// What the masker wrote is no residue: neither surrogates (those the
    /// operator just wrote, at `made`, byte ranges of `text`, nor any other
    /// the vault made) nor tokens of the vault (`PERSON_659591` reads like
    /// a name to the detectors).
    fn look(&mut self, column: usize, text: &[u8], made: &[std::ops::Range<usize>]) {
        let Ok(text) = std::str::from_utf8(text) else {
            return;
        };
        let mut seen: Vec<Entity> = Vec::new();
        let vault = &self.vault;
        let tokens = vault_tokens(text, vault);
        self.custom.find_each(text, |f| {
            let fake = made
                .iter()
                .chain(&tokens)
                .any(|m| m.start < f.end && f.start < m.end)
                || vault.is_surrogate(&text[f.start..f.end]);
            if !fake
                && !matches!(f.entity, Entity::DateTime | Entity::Location)
                && !seen.contains(&f.entity)
            {
                seen.push(f.entity);
            }
        });
        for e in seen {
            *self.seen.entry((column, e)).or_insert(0) += 1;
        }
    }
}

/// Byte ranges of the words of `text` (runs of ASCII letters, digits and
/// `_`) that are tokens the vault holds.
fn vault_tokens(text: &str, vault: &Vault) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    if vault.is_empty() {
        return found;
    }
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && word(bytes[i]) {
            i += 1;
        }
        let w = &text[start..i];
        if w.contains('_') && vault.get(w).is_some() {
            found.push(start..i);
        }
    }
    found
}

/// An operator of `column` that could not be built for want of a key.
fn key_error(e: Error, column: &str) -> Error {
    Error::key(e.kind(), format!("column {column}: {}", e.message())).in_column(column)
}

impl Masker {
    /// Checks the policy against the options: a policy that hashes needs a
    /// key of at least 16 bytes.
    pub fn new(policy: Policy, opts: MaskOptions) -> Result<Masker, Error> {
        if let Some(key) = &opts.key {
            if key.len() < MIN_KEY_BYTES {
                return Err(Error::key(
                    ErrorKind::KeyTooShort,
                    format!(
                        "the key is {} bytes; at least {MIN_KEY_BYTES} bytes (128 bits) are required",
                        key.len()
                    ),
                ));
            }
        }
        if opts.key.is_none() && policy.needs_key() {
            let which = policy
                .columns
                .iter()
                .find(|(_, op)| op.needs_key())
                .map_or("the default operator".to_string(), |(c, _)| {
                    format!("column {c}")
                });
            let verb = if policy
                .columns
                .values()
                .chain([&policy.default])
                .any(|op| matches!(op, Op::Hash { .. }))
            {
                "hashes"
            } else {
                "tokenizes"
            };
            return Err(Error::key(
                ErrorKind::MissingKey,
                format!("the policy {verb} {which}, but no key was given"),
            ));
        }
        let reader = Reader::new(opts.csv.clone());
        let sample_rows = opts.sample_rows.max(1);
        let custom = policy.entities.clone();
        let vault = opts.vault.unwrap_or_default();
        let audit = opts.audit.then(|| {
            Box::new(Auditing {
                policy: policy.to_json(),
                input: Sha256::new(),
                input_bytes: 0,
                output: Sha256::new(),
                output_bytes: 0,
            })
        });
        let measure = match opts.risk {
            Some(r) => Some(Box::new(crate::risk::Measure::new(
                crate::risk::RiskOptions {
                    csv: opts.csv.clone(),
                    header: opts.header,
                    ..r
                },
                opts.write.delimiter,
            )?)),
            None => None,
        };
        Ok(Masker {
            audit,
            measure,
            risk: None,
            reader,
            core: Core {
                policy,
                key: opts.key,
                vault: vault.clone(),
                sample_rows,
                write: opts.write,
                profile: Profile::new(opts.header, sample_rows, custom.clone()),
                residual: ResidualCheck::new(custom, vault),
                held: Vec::new(),
                plan: None,
                writer: None,
                delimiter: opts.csv.delimiter,
                rows: 0,
                first_row: 0,
                entities: BTreeMap::new(),
                cell: Vec::new(),
                made: Vec::new(),
                capture: None,
                validator: None,
                capture_invalid: None,
            },
        })
    }

    /// Reads `chunk` and appends the masked bytes that are ready to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
        if let Some(m) = &mut self.measure {
            m.input(chunk)?;
        }
        let core = &mut self.core;
        let start = out.len();
        self.reader.push(chunk, &mut |r| core.on_record(r, out))?;
        if let Some(a) = &mut self.audit {
            a.input.update(chunk);
            a.input_bytes += chunk.len() as u64;
            a.wrote(&out[start..]);
        }
        if let Some(mut m) = self.measure.take() {
            let counted = m.output(&out[start..], &|| self.report());
            self.measure = Some(m);
            counted?;
        }
        Ok(())
    }

    /// Ends the input, appends the rest of the output, returns the report.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<Report, Error> {
        let core = &mut self.core;
        let start = out.len();
        self.reader.finish(&mut |r| core.on_record(r, out))?;
        if core.plan.is_none() && !core.held.is_empty() {
            core.start(out)?;
        }
        if let Some(v) = &core.validator {
            v.finish()?;
        }
        if let Some(a) = &mut self.audit {
            a.wrote(&out[start..]);
        }
        if let Some(mut m) = self.measure.take() {
            self.risk = Some(m.finish(&out[start..], &self.report())?);
        }
        Ok(self.report())
    }

    /// With [`MaskOptions::risk`], after [`Masker::finish`]: the
    /// quasi-identifiers' figures in the input (`before`) and the output.
    pub fn risk(&self) -> Option<&crate::risk::RiskAssessment> {
        self.risk.as_ref()
    }

    /// The vault `tokenize` fills (the one given in the options, or the
    /// masker's own): export it after [`Masker::finish`].
    pub fn vault(&self) -> Vault {
        self.core.vault.clone()
    }

    /// Data rows written so far (cheap, for progress).
    pub fn rows(&self) -> u64 {
        self.core.rows
    }

    /// What has been done so far.
    pub fn report(&self) -> Report {
        let core = &self.core;
        let plan = core.plan.as_ref();
        let columns: Vec<ColumnReport> = plan.map_or_else(Vec::new, |p| {
            p.columns
                .iter()
                .enumerate()
                .map(|(index, c)| ColumnReport {
                    index,
                    name: c.name.clone(),
                    op: c.op.name(),
                    entity: c.entity,
                    changed: c.changed,
                    noise: match &c.op {
                        Op::Noise {
                            mechanism,
                            epsilon,
                            delta,
                            sensitivity,
                            ..
                        } => Some(NoiseBudget {
                            mechanism: *mechanism,
                            epsilon: *epsilon,
                            delta: *delta,
                            sensitivity: *sensitivity,
                        }),
                        _ => None,
                    },
                    not_numbers: c.not_numbers,
                    truncated: c.truncated,
                })
                .collect()
        });
        let name = |i: usize| {
            columns
                .get(i)
                .map_or_else(|| "cells beyond the header".to_string(), |c| c.name.clone())
        };
        let kept = match plan {
            Some(p) => core
                .profile
                .columns()
                .into_iter()
                .filter(|s| p.columns.get(s.index).is_some_and(|c| c.op == Op::Keep))
                .filter_map(|s| {
                    let mut entities: Vec<Entity> = s
                        .entities
                        .iter()
                        .filter(|e| e.share >= KEPT_SHARE)
                        .map(|e| e.entity)
                        .collect();
                    if let Some(e) = s.entity.filter(|e| !entities.contains(e)) {
                        entities.insert(0, e);
                    }
                    (!entities.is_empty()).then_some(KeptColumn {
                        index: s.index,
                        name: s.name,
                        entities,
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        let residual = core
            .residual
            .seen
            .iter()
            .map(|(&(index, entity), &count)| Residual {
                index: (index != usize::MAX).then_some(index),
                name: name(index),
                entity,
                count,
            })
            .collect();
        let validation = core.validator.as_ref().map(Validator::report);
        let dropped = validation.as_ref().map_or(0, |v| v.dropped);
        Report {
            rows: core.rows,
            delimiter: char::from(core.delimiter.unwrap_or(b',')).to_string(),
            header: core.profile.header().unwrap_or(false),
            header_guessed: core.profile.guessed(),
            columns,
            entities: core.entities.clone(),
            warnings: plan.map_or_else(Vec::new, |p| warnings(p, core.rows)),
            kept,
            residual,
            residual_sampled: core.residual.checked,
            validation,
            vault: core
                .policy
                .columns
                .values()
                .chain([&core.policy.default])
                .any(Op::tokenizes)
                .then(|| core.vault.stats()),
            audit: self.audit.as_ref().map(|a| Audit {
                tool: "pii-mask",
                version: env!("CARGO_PKG_VERSION"),
                policy_sha256: hex(&Sha256::digest(a.policy.as_bytes())),
                policy: a.policy.clone(),
                input: Digest {
                    sha256: hex(&a.input.clone().finalize()),
                    bytes: a.input_bytes,
                },
                output: Digest {
                    sha256: hex(&a.output.clone().finalize()),
                    bytes: a.output_bytes,
                },
                rows_read: core.rows + dropped,
                rows_written: core.rows,
                risk: self.risk.clone(),
            }),
        }
    }
}

/// Masking in parts, several at once: see [`crate::split`] for the host's
/// side.
impl Masker {
    /// Why a run with this policy cannot be cut into
    /// parts with the output and report of one pass; `None` when it can.
    pub fn unsplittable(policy: &Policy) -> Option<&'static str> {
        if policy.validate.is_some() {
            // `unique` needs every row, and rows left out shift the row
            // numbers that later parts would start from.
            return Some("the policy has validation rules");
        }
        let mut ops = policy
            .columns
            .values()
            .chain([&policy.default])
            .chain(policy.detected.values());
        if ops.any(Op::tokenizes) {
            // One vault, filled in file order: token numbers depend on the
            // values met before (a collision takes the next number).
            return Some("the policy tokenizes");
        }
        None
    }

    /// How many records the head (the first part) must hold: enough to fix
    /// the header, the plan and the profile behind the report's `kept`.
    pub fn head_records(policy: &Policy, opts: &MaskOptions) -> u64 {
        let sample = opts.sample_rows.max(1);
        let profile = Profile::new(opts.header, sample, policy.entities.clone());
        // `sample + 1` records fill the sample with or without a header.
        profile.needs().max(sample + 1) as u64
    }

    /// A masker for the parts after the head: it reads the head (writing
    /// nothing) and so fixes the plan the main masker fixed from it.
    pub fn for_parts(policy: Policy, opts: MaskOptions, head: &[u8]) -> Result<Masker, Error> {
        if let Some(why) = Masker::unsplittable(&policy) {
            return Err(Error::state(&format!("cannot mask in parts: {why}")));
        }
        let opts = MaskOptions {
            audit: false,
            ..opts
        };
        let mut m = Masker::new(policy, opts)?;
        let mut sink = Vec::new();
        m.push(head, &mut sink)?;
        if m.core.plan.is_none() || !m.core.profile.full() || !m.reader.between_records() {
            return Err(Error::state("internal: the head does not fix the plan"));
        }
        Ok(m)
    }

    /// Starts a part at `start`; counts start at zero.
    pub fn begin_part(&mut self, start: PartStart) -> Result<(), Error> {
        if !self.reader.resume_at_line(start.line) {
            return Err(Error::state("internal: a part starts inside a record"));
        }
        let core = &mut self.core;
        let header = core.profile.header() == Some(true);
        let first_row = start.record.saturating_sub(u64::from(header));
        core.rows = first_row;
        core.first_row = first_row;
        core.entities.clear();
        core.residual.restart_at(first_row);
        if let Some(plan) = &mut core.plan {
            for c in &mut plan.columns {
                c.changed = 0;
                c.not_numbers = 0;
            }
        }
        Ok(())
    }

    /// Ends a part: `last` for the input's last part, which may end without
    /// a line break (or inside a quote: the error then names its line).
    pub fn end_part(&mut self, out: &mut Vec<u8>, last: bool) -> Result<Tally, Error> {
        let core = &mut self.core;
        if last {
            self.reader.finish(&mut |r| core.on_record(r, out))?;
        } else if !self.reader.between_records() {
            return Err(Error::state("internal: a part ends inside a record"));
        }
        let core = &self.core;
        Ok(Tally {
            rows: core.rows - core.first_row,
            entities: core
                .entities
                .iter()
                .map(|(e, n)| (e.as_str().to_string(), *n))
                .collect(),
            columns: core.plan.as_ref().map_or_else(Vec::new, |p| {
                p.columns
                    .iter()
                    .map(|c| (c.changed, c.not_numbers))
                    .collect()
            }),
            residual: core
                .residual
                .seen
                .iter()
                .map(|(&(i, e), &n)| ((i != usize::MAX).then_some(i), e.as_str().to_string(), n))
                .collect(),
            residual_checked: core.residual.checked,
        })
    }

    /// Adds a part's counts to this, the main masker's.
    pub fn absorb(&mut self, tally: &Tally) -> Result<(), Error> {
        let core = &mut self.core;
        let custom = &core.policy.entities;
        let entity = |name: &str| {
            Entity::from_name(name)
                .or_else(|| custom.entities().find(|e| e.as_str() == name))
                .ok_or_else(|| Error::state("internal: a part names an unknown entity"))
        };
        for (name, n) in &tally.entities {
            *core.entities.entry(entity(name)?).or_insert(0) += n;
        }
        for ((i, name), n) in tally.residual.iter().map(|(i, e, n)| ((i, e), n)) {
            let key = (i.unwrap_or(usize::MAX), entity(name)?);
            *core.residual.seen.entry(key).or_insert(0) += n;
        }
        if let Some(plan) = &mut core.plan {
            for (c, (changed, not_numbers)) in plan.columns.iter_mut().zip(&tally.columns) {
                c.changed += changed;
                c.not_numbers += not_numbers;
            }
        }
        core.residual.checked += tally.residual_checked;
        core.rows += tally.rows;
        Ok(())
    }

    /// Feeds a part's input and output, in file order, to the audit
    /// digests of the main masker (nothing without `audit`).
    pub fn audit_part(&mut self, input: &[u8], output: &[u8]) {
        if let Some(a) = &mut self.audit {
            a.input.update(input);
            a.input_bytes += input.len() as u64;
            a.wrote(output);
        }
    }
}

/// A kept column is listed as mentioning people when at least this share
/// of its sampled cells holds personal data.
const KEPT_SHARE: f64 = 0.05;

/// What the user should know about the operators in force.
fn warnings(plan: &Plan, rows: u64) -> Vec<Warning> {
    let mut out = Vec::new();
    for c in &plan.columns {
        let Op::Hash {
            length, algorithm, ..
        } = &c.op
        else {
            continue;
        };
        if *algorithm == HashAlgorithm::Sha256 {
            out.push(Warning {
                code: "sha256_algorithm",
                column: Some(c.name.clone()),
                message: format!(
                    "column {}: the \"sha256\" algorithm (SHA-256 of key then value) is kept only for compatibility; it allows length extension. Use the default, \"hmac-sha256\"",
                    c.name
                ),
            });
        }
        // Birthday bound: n values in 16^len pseudonyms give about
        // n^2 / (2 * 16^len) pairs that collide.
        let len = length.unwrap_or(16) as i32;
        let n = rows as f64;
        let collisions = n * n / (2.0 * 16f64.powi(len));
        if collisions >= 0.01 {
            out.push(Warning {
                code: "short_hash",
                column: Some(c.name.clone()),
                message: format!(
                    "column {}: pseudonyms of {len} hex characters for {rows} rows: about {} collisions expected (different values, same pseudonym); use a length of 16 or more",
                    c.name,
                    if collisions < 1.0 { format!("{collisions:.2}") } else { format!("{collisions:.0}") }
                ),
            });
        }
    }
    out
}

impl Core {
    /// Records to hold before the plan can be fixed.
    fn needs(&self) -> usize {
        let sample = if self.policy.auto {
            self.sample_rows + 1
        } else {
            0
        };
        self.profile.needs().max(sample)
    }

    fn on_record(&mut self, rec: &Record<'_>, out: &mut Vec<u8>) -> Result<(), Error> {
        if self.writer.is_none() {
            self.delimiter = Some(rec.delimiter());
            let delimiter = self.write.delimiter.unwrap_or(rec.delimiter());
            self.writer = Some(Writer::new(delimiter, rec.line_ending()));
            if self.write.bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
        }
        if self.plan.is_none() {
            self.held
                .push((rec.line(), rec.iter().map(<[u8]>::to_vec).collect()));
            if self.held.len() >= self.needs() {
                self.start(out)?;
            }
            return Ok(());
        }
        // Once the plan is fixed, the profile serves the report's `kept`
        // list only: columns that are not kept need not be read twice.
        if let Some(plan) = &self.plan {
            let kept = |i: usize| plan.columns.get(i).is_some_and(|c| c.op == Op::Keep);
            self.profile.observe_some(rec.iter(), kept);
        }
        // The original values are checked, before any operator.
        let verdict = match self.validator.as_mut() {
            Some(v) => v.check(rec.line(), |i| rec.get(i))?,
            None => Verdict::Write,
        };
        self.write_row(rec.line(), rec.iter(), |i| rec.get(i), false, verdict, out)
    }

    /// Decides the header, fixes the plan (classifying the sample if the
    /// policy is `auto`), and writes the records held back.
    fn start(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let held = std::mem::take(&mut self.held);
        let skip = self.profile.decide(&held);
        let names = self.profile.names();
        let width = self.profile.width();
        let scans = if self.policy.auto {
            self.profile.columns()
        } else {
            Vec::new()
        };
        let suggested: Vec<Op> = scans
            .iter()
            .map(|s| self.policy.suggestion(s.entity, &s.suggested))
            .collect();
        let resolved = self.policy.resolve_ragged(names, width, Some(&suggested))?;
        let key = self.key.as_deref();
        let mut columns = Vec::with_capacity(width);
        for (i, op) in resolved.ops.into_iter().enumerate() {
            let name = column_name(names, i);
            let entity = match scans.get(i).and_then(|s| s.entity) {
                Some(e) => Some(e),
                None => names.and_then(|_| header_hint(&name).entity),
            };
            let custom = &self.policy.entities;
            let mut action = Action::compile(&op, entity, key, &name, custom, &self.vault)
                .map_err(|e| key_error(e, &ColumnRef::Name(name.clone()).to_string()))?;
            action.bind(names, width).map_err(|msg| {
                let field = self
                    .policy
                    .field_of(names.and_then(|n| n.get(i)).map(String::as_str), i);
                Error::policy(
                    ErrorKind::PolicyUnknownColumn,
                    format!("column {}: {msg}", ColumnRef::Name(name.clone())),
                )
                .in_column(name.as_str())
                .at_field(format!("{field}/by"))
            })?;
            columns.push(Column {
                name,
                op,
                entity,
                action,
                changed: 0,
                not_numbers: 0,
                truncated: 0,
            });
        }
        let mut beyond = BTreeMap::new();
        for (i, op) in resolved.beyond {
            let name = format!("#{i}");
            let mut action =
                Action::compile(&op, None, key, &name, &self.policy.entities, &self.vault)
                    .map_err(|e| key_error(e, &name))?;
            action.bind(names, width).map_err(|msg| {
                Error::policy(
                    ErrorKind::PolicyUnknownColumn,
                    format!("column {name}: {msg}"),
                )
                .in_column(name.as_str())
                .at_field(format!("/columns/{name}/by"))
            })?;
            beyond.insert(i, action);
        }
        let custom = &self.policy.entities;
        let mut extra = match &self.policy.default {
            Op::Keep => Action::compile(&Op::scrub(), None, key, "", custom, &self.vault),
            op => Action::compile(op, None, key, "", custom, &self.vault),
        }
        .map_err(|e| Error::key(e.kind(), e.message()))?;
        extra.bind(names, width).map_err(|msg| {
            Error::policy(ErrorKind::PolicyUnknownColumn, format!("default: {msg}"))
                .at_field("/default/by")
        })?;
        let scrubs = columns.iter().map(|c| &c.action).chain(beyond.values());
        let scrubs = scrubs
            .chain([&extra])
            .any(|a| matches!(a, Action::Scrub { .. }));
        let known = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| scrubs && !matches!(c.action, Action::Keep))
            .filter_map(|(i, c)| Some((i, c.entity?)))
            .collect();
        self.plan = Some(Plan {
            columns,
            beyond,
            extra,
            known,
        });
        if let Some(spec) = &self.policy.validate {
            let mut v = Validator::new(spec, names, width, key)?;
            // A preview shows the bad rows rather than failing.
            v.lenient = self.capture.is_some();
            self.validator = Some(v);
        }
        for (n, (line, row)) in held.iter().enumerate() {
            let header = n < skip;
            let verdict = match self.validator.as_mut() {
                Some(v) if !header => v.check(*line, |i| row.get(i).map(Vec::as_slice))?,
                Some(v) => match v.flag_column() {
                    Some(name) => Verdict::Flag(name.to_string()),
                    None => Verdict::Write,
                },
                None => Verdict::Write,
            };
            self.write_row(
                *line,
                row.iter().map(Vec::as_slice),
                |i| row.get(i).map(Vec::as_slice),
                header,
                verdict,
                out,
            )?;
        }
        Ok(())
    }

    /// Writes one row: `cells` in order, `get` the same cells by index (the
    /// original value an operator reads from another column).
    fn write_row<'a>(
        &mut self,
        line: u64,
        cells: impl Iterator<Item = &'a [u8]>,
        get: impl Fn(usize) -> Option<&'a [u8]>,
        header: bool,
        verdict: Verdict,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let skip = verdict == Verdict::Skip;
        if skip && self.capture.is_none() {
            return Ok(());
        }
        // The preview shows a row left out (`drop`) masked all the same; it
        // is neither written nor counted.
        let counted = !header && !skip;
        let mut sink = Vec::new();
        let out = if skip { &mut sink } else { out };
        let mut uncounted = BTreeMap::new();
        if let (Some(flags), false) = (self.capture_invalid.as_mut(), header) {
            flags.push(
                self.validator
                    .as_ref()
                    .map_or_else(String::new, |v| v.last_failure().to_string()),
            );
        }
        let (Some(plan), Some(writer)) = (&mut self.plan, &mut self.writer) else {
            return Err(Error::state("internal: row before plan"));
        };
        let entities = if skip {
            &mut uncounted
        } else {
            &mut self.entities
        };
        let escape = self.write.escape_formulas;
        let check = counted && self.residual.wants(self.rows);
        let residual = &mut self.residual;
        // The preview's copy of the row as written: `None` where dropped.
        let mut row: Option<CapturedRow> = self.capture.is_some().then(Vec::new);
        let mut field = |out: &mut Vec<u8>, value: &[u8], row: &mut Option<CapturedRow>| {
            let quoted;
            let written = if escape && runs_as_formula(value) {
                quoted = [b"'", value].concat();
                &quoted[..]
            } else {
                value
            };
            writer.field(out, written);
            if let Some(r) = row {
                r.push(Some(String::from_utf8_lossy(written).into_owned()));
            }
        };
        let width = plan.columns.len();
        let known: Vec<Known<'_>> = plan
            .known
            .iter()
            .filter_map(|&(column, entity)| {
                let value = std::str::from_utf8(get(column)?).ok()?;
                Some(Known {
                    entity,
                    value,
                    column,
                })
            })
            .collect();
        for (i, cell) in cells.enumerate() {
            let column = plan.columns.get_mut(i);
            let action = match &column {
                Some(c) => &c.action,
                None => plan.beyond.get(&i).unwrap_or(&plan.extra),
            };
            // A header cell is a name, written as it is, unless it is itself
            // personal data: then it gets what its column's cells get.
            if header && !looks_like_data(&String::from_utf8_lossy(cell)) {
                if matches!(action, Action::Drop) {
                    if let Some(r) = row.as_mut() {
                        r.push(None);
                    }
                } else {
                    field(out, cell, &mut row);
                }
                continue;
            }
            match action {
                Action::Drop => {
                    if let Some(r) = row.as_mut() {
                        r.push(None);
                    }
                    if let Some(c) = column {
                        c.changed += u64::from(counted && !cell.is_empty());
                        // What the column holds went too: the report counts it.
                        if let (Some(e), false) = (c.entity, cell.is_empty()) {
                            *entities.entry(e).or_insert(0) += 1;
                        }
                    }
                }
                Action::Keep => {
                    if check {
                        residual.look(i, cell, &[]);
                    }
                    field(out, cell, &mut row);
                }
                action => {
                    let mut found = 0;
                    let made = &mut self.made;
                    let subject = action.subject().and_then(&get).unwrap_or_default();
                    let view = RowView {
                        subject,
                        known: &known,
                        column: i,
                    };
                    let result = action.apply(cell, line, view, &mut self.cell, made, &mut |e| {
                        found += 1;
                        *entities.entry(e).or_insert(0) += 1;
                    });
                    // A whole-cell operator in a column known to hold an
                    // entity handled one of it, though it looked for none.
                    let whole = !matches!(action, Action::Scrub { .. });
                    if let (true, 0, false, Some(e)) = (
                        whole,
                        found,
                        cell.is_empty(),
                        column.as_ref().and_then(|c| c.entity),
                    ) {
                        *entities.entry(e).or_insert(0) += 1;
                    }
                    if result.is_err() {
                        return Err(Error::new(
                            ErrorKind::InvalidUtf8,
                            "cell is not valid UTF-8 text (if the file was saved as Windows-1252 or \"ANSI\", read it with that encoding)",
                        )
                        .at_line(line)
                        .in_column(column_name(self.profile.names(), i)));
                    }
                    // Text an operator keeps (some of) is checked like kept text.
                    if check && matches!(action, Action::Scrub { .. } | Action::Truncate(_)) {
                        let at = if i < width { i } else { usize::MAX };
                        residual.look(at, &self.cell, &self.made);
                    }
                    let numeric = match action {
                        Action::Noise(_) => true,
                        Action::Generalize(g) => g.numeric(),
                        _ => false,
                    };
                    let not_number = numeric && self.cell.is_empty() && !cell.is_empty();
                    let cut = matches!(action, Action::Truncate(_)) && self.cell.len() < cell.len();
                    if let (Some(c), true) = (column, counted) {
                        c.changed += u64::from(self.cell.as_slice() != cell);
                        c.not_numbers += u64::from(not_number);
                        c.truncated += u64::from(cut);
                    }
                    field(out, &self.cell, &mut row);
                }
            }
        }
        if let Verdict::Flag(flag) = &verdict {
            // Not in the preview's row, which stays aligned with the input's.
            let mut none = None;
            field(out, flag.as_bytes(), &mut none);
        }
        writer.end_record(out);
        if let (Some(rows), Some(r)) = (self.capture.as_mut(), row) {
            rows.push(r);
        }
        if counted {
            self.rows += 1;
        }
        Ok(())
    }
}

/// A row as the masker wrote it: each input cell's output, `None` where the
/// column is dropped.
type CapturedRow = Vec<Option<String>>;

/// Whether a spreadsheet opening the cell could run it (OWASP "CSV
/// injection"): it starts with `=` or `@`, a tab or CR; or with `+` or `-`
/// followed by more than a number or a phone number. Plain numbers
/// (`-120.50`, `+3`) and phone shapes, masked or not (`+1 415 555 0132`,
/// `+** *** ****`), are arithmetic at worst: only a function name, a
/// reference or DDE (`cmd|' /C calc'!A0`) can reach out, and those need
/// letters or other signs.
fn runs_as_formula(value: &[u8]) -> bool {
    match value.first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !value[1..].iter().all(|&b| {
            b.is_ascii_digit()
                || matches!(
                    b,
                    b' ' | b'.' | b',' | b'(' | b')' | b'/' | b'*' | b'-' | b'+'
                )
        }),
        _ => false,
    }
}

/// The first rows of a file, original and masked side by side.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Preview {
    /// The header row, if the file has one.
    pub header: Option<Vec<String>>,
    pub original: Vec<Vec<String>>,
    /// Aligned with `original`: `None` where the column is dropped.
    pub masked: Vec<Vec<Option<String>>>,
    /// Aligned with `original`, with a policy's `validate` section: the
    /// rules each row breaks (`age:max;email:type`), empty for a good row.
    /// A preview never fails for them; rows `drop` or `reject` would leave
    /// out are shown but not in `output`.
    pub invalid: Vec<String>,
    /// The masked rows (and header) as the masker writes them: what a
    /// download of these rows would hold, for copying.
    pub output: String,
    pub report: Report,
}

/// Masks the first `limit` data rows of `input`, which may be only the start
/// of a file (`complete == false`): then a record cut off at the end is left
/// out rather than reported as an error. Cells are decoded lossily for display.
///
/// ```
/// use pii_mask::{pipeline::preview, MaskOptions, Policy};
/// let policy = Policy::from_json(r#"{"version": 1, "columns": {"b": {"op": "drop"}}}"#).unwrap();
/// let p = preview(b"a,b\n1,2\n3,\"unfinished", policy, MaskOptions::default(), 10, false).unwrap();
/// assert_eq!(p.original, [["1", "2"]]);
/// assert_eq!(p.masked, [[Some("1".to_string()), None]]);
/// // Without a header, `limit` rows all the same.
/// let rows = b"ann@example.com,1\nbo@example.org,2\ncy@example.net,3\n";
/// let p = preview(rows, Policy::default(), MaskOptions::default(), 2, true).unwrap();
/// assert_eq!((p.header, p.original.len()), (None, 2));
/// ```
pub fn preview(
    input: &[u8],
    policy: Policy,
    opts: MaskOptions,
    limit: usize,
    complete: bool,
) -> Result<Preview, Error> {
    // Re-encode the complete records wanted, so the masker sees a whole file.
    let mut reader = Reader::new(opts.csv.clone());
    // One more than asked, in case the first turns out to be a header.
    let wanted = limit + 1;
    let mut records: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut clean = Vec::new();
    let mut writer: Option<Writer> = None;
    let mut take = |r: &Record<'_>| {
        if records.len() < wanted {
            let w = writer.get_or_insert_with(|| Writer::new(r.delimiter(), r.line_ending()));
            for f in r.iter() {
                w.field(&mut clean, f);
            }
            w.end_record(&mut clean);
            records.push(r.iter().map(<[u8]>::to_vec).collect());
        }
        Ok(())
    };
    reader.push(input, &mut take)?;
    if complete {
        reader.finish(&mut take)?;
    } else {
        reader.flush(&mut take)?;
    }
    // `clean` is UTF-8 already: the masker must not decode it again.
    let opts = MaskOptions {
        csv: CsvOptions {
            delimiter: reader.delimiter().or(opts.csv.delimiter),
            encoding: Encoding::Utf8,
            ..opts.csv.clone()
        },
        ..opts
    };
    let mut masker = Masker::new(policy, opts)?;
    masker.core.capture = Some(Vec::new());
    masker.core.capture_invalid = Some(Vec::new());
    let mut out = Vec::new();
    masker.push(&clean, &mut out)?;
    let report = masker.finish(&mut out)?;
    let text = |f: &[u8]| String::from_utf8_lossy(f).into_owned();
    let skip = usize::from(report.header);
    let header = records
        .first()
        .filter(|_| report.header)
        .map(|r| r.iter().map(|f| text(f)).collect());
    let original: Vec<Vec<String>> = records
        .iter()
        .skip(skip)
        .take(limit)
        .map(|r| r.iter().map(|f| text(f)).collect())
        .collect();
    let masked: Vec<Vec<Option<String>>> = masker
        .core
        .capture
        .take()
        .unwrap_or_default()
        .into_iter()
        .skip(skip)
        .take(limit)
        .collect();
    let invalid: Vec<String> = masker
        .core
        .capture_invalid
        .take()
        .unwrap_or_default()
        .into_iter()
        .take(limit)
        .collect();
    Ok(Preview {
        header,
        original,
        masked,
        invalid,
        output: String::from_utf8_lossy(&out).into_owned(),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_only_when_asked() {
        let input = b"a,b\n=1+1,@SUM(A1)\n-5,\"\tx\"\nplain,+1 415\n";
        let run = |escape| {
            let opts = MaskOptions {
                write: WriteOptions {
                    escape_formulas: escape,
                    ..WriteOptions::default()
                },
                ..MaskOptions::default()
            };
            let mut m = Masker::new(Policy::default(), opts).unwrap();
            let mut out = Vec::new();
            m.push(input, &mut out).unwrap();
            m.finish(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(run(false), "a,b\n=1+1,@SUM(A1)\n-5,\tx\nplain,+1 415\n");
        assert_eq!(run(true), "a,b\n'=1+1,'@SUM(A1)\n-5,'\tx\nplain,+1 415\n");
    }

    #[test]
    fn the_report_counts_what_whole_cell_operators_handled() {
        let policy = Policy::from_json(
            r#"{"version": 1, "columns": {"ssn": {"op": "redact"}, "ip": {"op": "hash"}, "email": {"op": "drop"}, "notes": {"op": "scrub"}}}"#,
        )
        .unwrap();
        let opts = MaskOptions {
            key: Some(b"a key of sixteen bytes or more".to_vec()),
            ..MaskOptions::default()
        };
        let mut m = Masker::new(policy, opts).unwrap();
        let mut out = Vec::new();
        let rows = "ssn,ip,email,notes\n\
            536-22-1234,10.1.2.3,ann@example.com,call 415-555-0132\n\
            536-22-9876,10.1.2.4,,fine\n";
        m.push(rows.as_bytes(), &mut out).unwrap();
        let report = m.finish(&mut out).unwrap();
        let count = |e: Entity| report.entities.get(&e).copied().unwrap_or(0);
        assert_eq!(count(Entity::UsSsn), 2);
        assert_eq!(count(Entity::IpAddress), 2);
        assert_eq!(count(Entity::EmailAddress), 1, "the empty cell held none");
        assert_eq!(count(Entity::PhoneNumber), 1);
    }

    #[test]
    fn output_for_spreadsheets_has_a_bom_and_its_own_delimiter() {
        let opts = MaskOptions {
            write: WriteOptions {
                bom: true,
                delimiter: Some(b';'),
                escape_formulas: false,
            },
            ..MaskOptions::default()
        };
        let mut m = Masker::new(Policy::default(), opts).unwrap();
        let mut out = Vec::new();
        m.push(b"a,b\n1.5,\"x;y\"\n", &mut out).unwrap();
        m.finish(&mut out).unwrap();
        assert_eq!(out, b"\xEF\xBB\xBFa;b\n1.5;\"x;y\"\n");
    }

    #[test]
    fn numbers_and_phones_are_not_formulas_but_functions_are() {
        for cell in [
            "-120.50",
            "+3",
            "-1,234.5",
            "+1 415 555 0132",
            "+** *** ****",
            "-",
            "+(0)20 7946",
        ] {
            assert!(!runs_as_formula(cell.as_bytes()), "{cell}");
        }
        for cell in [
            "=1+1",
            "@SUM(A1)",
            "+HYPERLINK(\"x\")",
            "-2+3+cmd|' /C calc'!A0",
            "+A1",
            "-1e3",
            "\tx",
            "\r1",
        ] {
            assert!(runs_as_formula(cell.as_bytes()), "{cell}");
        }
    }
}
