//! How easily a table's people could be re-identified from the columns an
//! attacker may know about them (quasi-identifiers: age, birth date,
//! postcode, gender, job title, ...), before and after a policy.
//!
//! Records with the same values in every quasi-identifier form an
//! equivalence class. From the class sizes `f` (and, when the user gives a
//! population table, the population's class sizes `F`), pii-mask reports:
//!
//! - **k-anonymity**: `k` = the smallest class; records in classes smaller
//!   than 2, 5 and 10.
//! - **distinct l-diversity** of a sensitive column: `l` = the fewest
//!   distinct sensitive values in any class (counted up to [`L_CAP`]).
//! - the **prosecutor, journalist and marketer** risks as ARX defines them
//!   (after El Emam, *Guide to the De-Identification of Personal Health
//!   Information*, 2013), each as `atRisk` (share of records whose risk is
//!   above `threshold`), `highest` and `average`:
//!   - prosecutor: a record's risk is `1/f`; highest `1/min f`; average
//!     `classes / records`.
//!   - journalist (needs the population): a record's risk is `1/F`; highest
//!     `1/min F`; average `max(classes / ΣF, Σ(f/F) / records)`.
//!   - marketer (needs the population): average `Σ(f/F) / records`.
//!
//! Memory is one entry per distinct combination. Beyond
//! [`RiskOptions::max_classes`] entries the count switches to a stated
//! approximation: only the combinations whose hash falls in a share
//! `2^-level` of the hash space are kept (the share halves each time the
//! table fills up again). A kept combination was kept from its first record
//! on, so its size is exact; the figures are then estimated from those
//! classes (`exact: false`, `sampled` gives the share).

mod suggest;

pub use suggest::{ladder, SuggestedColumn, Suggestion, MAX_TRIED};

use crate::classify::{Header, Profile, Row};
use crate::csv::{CsvOptions, Reader, Record};
use crate::custom::CustomEntities;
use crate::pipeline::{MaskOptions, Masker, WriteOptions};
use crate::policy::Policy;
use crate::report::Report;
use crate::Error;
use serde::Serialize;
use std::collections::HashMap;

/// Distinct sensitive values counted per class; more count as this many.
pub const L_CAP: usize = 100;

/// What to measure, and how the input is read.
#[derive(Clone, Debug)]
pub struct RiskOptions {
    /// The quasi-identifier columns, by header name or as `#N`.
    pub quasi: Vec<String>,
    /// The sensitive column for l-diversity, if any.
    pub sensitive: Option<String>,
    /// A record is at risk when its risk is above this (default 0.2: in a
    /// class of fewer than 5).
    pub threshold: f64,
    /// Distinct combinations counted exactly before the approximation.
    pub max_classes: usize,
    /// The population's class sizes, as a CSV: the quasi-identifier columns
    /// by name, and a `count` column.
    pub population: Option<Vec<u8>>,
    /// Suggest the least lossy generalisation that reaches this k.
    pub target: Option<u64>,
    pub csv: CsvOptions,
    pub header: Header,
}

impl Default for RiskOptions {
    fn default() -> RiskOptions {
        RiskOptions {
            quasi: Vec::new(),
            sensitive: None,
            threshold: 0.2,
            max_classes: 200_000,
            population: None,
            target: None,
            csv: CsvOptions::default(),
            header: Header::Auto,
        }
    }
}

/// The figures for one table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Risk {
    /// Data rows read.
    pub records: u64,
    /// Equivalence classes (distinct quasi-identifier combinations).
    pub classes: u64,
    /// The smallest class: the table is k-anonymous for this k (0 when empty).
    pub k: u64,
    /// Records in classes smaller than 2, 5 and 10.
    #[serde(rename = "records_below")]
    pub records_below: RecordsBelow,
    /// Distinct l-diversity of the sensitive column; null without one.
    pub l: Option<u64>,
    pub risk: Risks,
    /// The risk above which a record counts as at risk.
    pub threshold: f64,
    /// Whether every class was counted (false: estimated, see `sampled`).
    pub exact: bool,
    /// The share of classes the figures come from (1 when exact).
    pub sampled: f64,
    /// Sample classes the population table did not list (taken as their
    /// sample size); null without a population.
    pub population_missing: Option<u64>,
    /// With a target k: the least lossy generalisation of the
    /// quasi-identifiers that reaches it, found on the input's values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
}

/// Records in classes smaller than 2, 5 and 10.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RecordsBelow {
    #[serde(rename = "2")]
    pub two: u64,
    #[serde(rename = "5")]
    pub five: u64,
    #[serde(rename = "10")]
    pub ten: u64,
}

/// The three attacker models; journalist and marketer need a population.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Risks {
    pub prosecutor: RiskSummary,
    pub journalist: Option<RiskSummary>,
    pub marketer: Option<MarketerRisk>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RiskSummary {
    /// Share of records whose risk is above the threshold.
    pub at_risk: f64,
    /// The highest risk of any record.
    pub highest: f64,
    /// The share of records re-identified on average.
    pub average: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct MarketerRisk {
    /// The share of records re-identified on average.
    pub average: f64,
}

/// Before and after a policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RiskAssessment {
    /// The figures of the masked table (and the suggestion, found on the
    /// input's values).
    #[serde(flatten)]
    pub after: Risk,
    /// The figures of the input.
    pub before: Risk,
}

/// The key of a class: each value with its length, so `("ab","c")` and
/// `("a","bc")` differ.
fn push_key(key: &mut Vec<u8>, value: &[u8]) {
    key.extend_from_slice(&(value.len() as u32).to_le_bytes());
    key.extend_from_slice(value);
}

/// FNV-1a, then a SplitMix64 finish: the same on every platform, so an
/// approximate run keeps the same classes in the CLI, the page and natively.
fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

struct Class {
    hash: u64,
    count: u64,
    /// Distinct sensitive values (hashes), sorted, at most [`L_CAP`].
    values: Vec<u64>,
}

/// The classes of one table, counted as records arrive.
struct Classes {
    map: HashMap<Box<[u8]>, Class>,
    /// Classes are kept when their hash's top `level` bits are zero.
    level: u32,
    max: usize,
    records: u64,
    sensitive: bool,
}

impl Classes {
    fn new(max: usize, sensitive: bool) -> Classes {
        Classes {
            map: HashMap::new(),
            level: 0,
            max: max.max(1),
            records: 0,
            sensitive,
        }
    }

    fn kept(&self, hash: u64) -> bool {
        self.level == 0 || hash >> (64 - self.level) == 0
    }

    fn add(&mut self, key: &[u8], sensitive: Option<&[u8]>) {
        self.records += 1;
        let hash = stable_hash(key);
        if !self.kept(hash) {
            return;
        }
        let class = match self.map.get_mut(key) {
            Some(c) => c,
            None => {
                self.map.insert(
                    key.into(),
                    Class {
                        hash,
                        count: 0,
                        values: Vec::new(),
                    },
                );
                if self.map.len() > self.max {
                    self.thin();
                }
                match self.map.get_mut(key) {
                    Some(c) => c,
                    None => return, // thinned away
                }
            }
        };
        class.count += 1;
        if let Some(v) = sensitive {
            let h = stable_hash(v);
            if class.values.len() < L_CAP {
                if let Err(at) = class.values.binary_search(&h) {
                    class.values.insert(at, h);
                }
            }
        }
    }

    /// Halves the share of classes kept until the table fits.
    fn thin(&mut self) {
        while self.map.len() > self.max && self.level < 63 {
            self.level += 1;
            let level = self.level;
            self.map.retain(|_, c| c.hash >> (64 - level) == 0);
        }
    }

    fn risk(&self, threshold: f64, population: Option<&Population>) -> Risk {
        let exact = self.level == 0;
        let sampled_records: u64 = self.map.values().map(|c| c.count).sum();
        let share = |n: u64| {
            if sampled_records == 0 {
                0.0
            } else {
                n as f64 / sampled_records as f64
            }
        };
        // Counts of records are estimated from the kept classes' share.
        let scale = |n: u64| {
            if exact {
                n
            } else {
                (share(n) * self.records as f64).round() as u64
            }
        };
        let mut below = RecordsBelow::default();
        let mut at_risk = 0;
        let mut k = u64::MAX;
        let mut l = u64::MAX;
        for c in self.map.values() {
            k = k.min(c.count);
            l = l.min(c.values.len() as u64);
            if c.count < 2 {
                below.two += c.count;
            }
            if c.count < 5 {
                below.five += c.count;
            }
            if c.count < 10 {
                below.ten += c.count;
            }
            if 1.0 / c.count as f64 > threshold {
                at_risk += c.count;
            }
        }
        let k = if k == u64::MAX { 0 } else { k };
        let kept = self.map.len() as u64;
        let classes = if exact {
            kept
        } else {
            (kept as f64 * 2f64.powi(self.level as i32)).round() as u64
        };
        let prosecutor = RiskSummary {
            at_risk: share(at_risk),
            highest: if k == 0 { 0.0 } else { 1.0 / k as f64 },
            average: share(kept),
        };
        let (journalist, marketer, missing) = match population {
            Some(p) => {
                let (j, m, missing) = p.risks(self, threshold, sampled_records);
                (Some(j), Some(m), Some(missing))
            }
            None => (None, None, None),
        };
        Risk {
            records: self.records,
            classes,
            k,
            records_below: RecordsBelow {
                two: scale(below.two),
                five: scale(below.five),
                ten: scale(below.ten),
            },
            l: (self.sensitive && l != u64::MAX).then_some(l),
            risk: Risks {
                prosecutor,
                journalist,
                marketer,
            },
            threshold,
            exact,
            sampled: 0.5f64.powi(self.level as i32),
            population_missing: missing,
            suggestion: None,
        }
    }
}

/// The population's class sizes, keyed like [`Classes`].
struct Population {
    sizes: HashMap<Box<[u8]>, u64>,
}

impl Population {
    fn parse(bytes: &[u8], quasi: &[String], csv: &CsvOptions) -> Result<Population, Error> {
        let bad = |msg: String| Error::option("population", format!("population table: {msg}"));
        let rows = crate::csv::read_all(bytes, csv)?;
        let Some((head, rows)) = rows.split_first() else {
            return Err(bad("it is empty".into()));
        };
        let names: Vec<String> = head
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .collect();
        let find = |name: &str| {
            names.iter().position(|n| n == name).ok_or_else(|| {
                bad(format!(
                    "no column {name:?} (it needs the quasi-identifiers and \"count\")"
                ))
            })
        };
        let cols = quasi
            .iter()
            .map(|q| find(q))
            .collect::<Result<Vec<_>, _>>()?;
        let count = find("count")?;
        let mut sizes = HashMap::new();
        let mut key = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            key.clear();
            for &c in &cols {
                push_key(&mut key, row.get(c).map_or(&[][..], Vec::as_slice));
            }
            let cell = row.get(count).map_or(&[][..], Vec::as_slice);
            let n: u64 = std::str::from_utf8(cell)
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .ok_or_else(|| bad(format!("row {}: count is not a whole number", i + 2)))?;
            *sizes.entry(key.as_slice().into()).or_insert(0) += n;
        }
        Ok(Population { sizes })
    }

    fn risks(
        &self,
        classes: &Classes,
        threshold: f64,
        sampled: u64,
    ) -> (RiskSummary, MarketerRisk, u64) {
        let (mut at_risk, mut min_f, mut sum_f, mut sum_ratio, mut missing) =
            (0u64, u64::MAX, 0u64, 0f64, 0u64);
        for (key, c) in &classes.map {
            // The population holds the sample: never fewer than it.
            let big = match self.sizes.get(key) {
                Some(&n) => n.max(c.count),
                None => {
                    missing += 1;
                    c.count
                }
            };
            if 1.0 / big as f64 > threshold {
                at_risk += c.count;
            }
            min_f = min_f.min(big);
            sum_f += big;
            sum_ratio += c.count as f64 / big as f64;
        }
        let per = |x: f64| {
            if sampled == 0 {
                0.0
            } else {
                x / sampled as f64
            }
        };
        let kept = classes.map.len() as f64;
        let average = per(sum_ratio);
        let journalist = RiskSummary {
            at_risk: per(at_risk as f64),
            highest: if min_f == u64::MAX {
                0.0
            } else {
                1.0 / min_f as f64
            },
            average: if sum_f == 0 {
                0.0
            } else {
                (kept / sum_f as f64).max(average)
            },
        };
        (journalist, MarketerRisk { average }, missing)
    }
}

/// Where the quasi-identifiers and the sensitive column are in a record;
/// `None` for a column the output no longer has (dropped: the same value
/// in every record).
#[derive(Clone, Debug)]
struct Columns {
    quasi: Vec<Option<usize>>,
    sensitive: Option<Option<usize>>,
}

impl Columns {
    fn add<'a>(
        &self,
        classes: &mut Classes,
        key: &mut Vec<u8>,
        cells: &dyn Fn(usize) -> Option<&'a [u8]>,
    ) {
        key.clear();
        for q in &self.quasi {
            push_key(key, q.and_then(cells).unwrap_or_default());
        }
        let sensitive = self
            .sensitive
            .map(|s| s.and_then(cells).unwrap_or_default());
        classes.add(key, sensitive);
    }
}

/// Measures one table pushed in chunks.
///
/// ```
/// use pii_mask::risk::{RiskAnalyzer, RiskOptions};
/// let opts = RiskOptions { quasi: vec!["age".into(), "zip".into()], ..RiskOptions::default() };
/// let mut r = RiskAnalyzer::new(opts).unwrap();
/// r.push(b"age,zip,dx\n34,10115,flu\n34,10115,cold\n51,10117,flu\n").unwrap();
/// let risk = r.finish().unwrap();
/// assert_eq!((risk.k, risk.classes, risk.records_below.two), (1, 2, 1));
/// ```
pub struct RiskAnalyzer {
    reader: Reader,
    opts: RiskOptions,
    profile: Profile,
    held: Vec<Row>,
    columns: Option<Columns>,
    names: Option<Vec<String>>,
    classes: Classes,
    population: Option<Population>,
    key: Vec<u8>,
}

impl RiskAnalyzer {
    pub fn new(opts: RiskOptions) -> Result<RiskAnalyzer, Error> {
        if opts.quasi.is_empty() {
            return Err(Error::option(
                "quasi",
                "name at least one quasi-identifier column",
            ));
        }
        if opts.target == Some(0) {
            return Err(Error::option("target", "the target k is at least 1"));
        }
        if !(opts.threshold > 0.0 && opts.threshold <= 1.0) {
            return Err(Error::option(
                "threshold",
                "the threshold is a risk above 0 and at most 1",
            ));
        }
        let population = opts
            .population
            .as_deref()
            .map(|p| Population::parse(p, &opts.quasi, &CsvOptions::default()))
            .transpose()?;
        Ok(RiskAnalyzer {
            reader: Reader::new(opts.csv.clone()),
            profile: Profile::new(opts.header, 0, CustomEntities::default()),
            held: Vec::new(),
            columns: None,
            names: None,
            classes: Classes::new(opts.max_classes, opts.sensitive.is_some()),
            population,
            key: Vec::new(),
            opts,
        })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let mut reader = std::mem::replace(&mut self.reader, Reader::new(CsvOptions::default()));
        let result = reader.push(chunk, &mut |r| self.record(r));
        self.reader = reader;
        result
    }

    pub fn finish(mut self) -> Result<Risk, Error> {
        self.end()?;
        let mut risk = self
            .classes
            .risk(self.opts.threshold, self.population.as_ref());
        risk.suggestion = self.suggestion();
        Ok(risk)
    }

    fn suggestion(&self) -> Option<Suggestion> {
        let target = self.opts.target?;
        Some(suggest::suggest(&self.classes, &self.opts.quasi, target))
    }

    /// Reads the end of the input.
    fn end(&mut self) -> Result<(), Error> {
        let mut reader = std::mem::replace(&mut self.reader, Reader::new(CsvOptions::default()));
        reader.finish(&mut |r| self.record(r))?;
        self.decide()
    }

    /// The column names as reports show them, once the header is decided.
    pub fn names(&self) -> Option<&[String]> {
        self.names.as_deref()
    }

    fn record(&mut self, r: &Record<'_>) -> Result<(), Error> {
        if let Some(cols) = &self.columns {
            cols.add(&mut self.classes, &mut self.key, &|i| r.get(i));
            return Ok(());
        }
        self.held
            .push((r.line(), r.iter().map(<[u8]>::to_vec).collect()));
        if self.held.len() >= self.profile.needs() {
            self.decide()?;
        }
        Ok(())
    }

    /// Decides the header from the records held, finds the columns, and
    /// counts the held data rows.
    fn decide(&mut self) -> Result<(), Error> {
        if self.columns.is_some() {
            return Ok(());
        }
        let held = std::mem::take(&mut self.held);
        let skip = self.profile.decide(&held);
        let width = held.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
        let names = self.profile.names().map(<[String]>::to_vec);
        let find = |field: &str, name: &str| -> Result<usize, Error> {
            let by_name = names
                .as_ref()
                .and_then(|n| n.iter().position(|x| x == name));
            let by_index = name
                .strip_prefix('#')
                .and_then(|i| i.parse::<usize>().ok())
                .filter(|&i| i < width.max(names.as_ref().map_or(0, Vec::len)));
            by_name.or(by_index).ok_or_else(|| {
                let known = names.as_ref().map_or_else(
                    || format!("#0..#{}", width.saturating_sub(1)),
                    |n| n.join(", "),
                );
                Error::option(field, format!("no column {name:?} (the columns: {known})"))
            })
        };
        let quasi = self
            .opts
            .quasi
            .iter()
            .map(|q| find("quasi", q).map(Some))
            .collect::<Result<Vec<_>, _>>()?;
        let sensitive = match &self.opts.sensitive {
            Some(s) => Some(Some(find("sensitive", s)?)),
            None => None,
        };
        let cols = Columns { quasi, sensitive };
        for (_, row) in &held[skip..] {
            cols.add(&mut self.classes, &mut self.key, &|i| {
                row.get(i).map(Vec::as_slice)
            });
        }
        self.names = Some(names.unwrap_or_else(|| (0..width).map(|i| format!("#{i}")).collect()));
        self.columns = Some(cols);
        Ok(())
    }
}

/// Measures a table before and after a policy, in one pass: the input is
/// masked as it streams and the masked rows are counted as they come out.
/// The policy's `validate` section is ignored: every row is measured.
pub struct RiskAssessor {
    masker: Masker,
    /// The masked bytes of one push, read back and then dropped.
    scratch: Vec<u8>,
}

impl RiskAssessor {
    pub fn new(
        opts: RiskOptions,
        policy: Policy,
        mask: MaskOptions,
    ) -> Result<RiskAssessor, Error> {
        // Risk is measured on every row: the policy's validation rules
        // would stop the run (`reject`), leave rows out (`drop`) or add a
        // column (`flag`), so a risk run ignores them.
        let policy = Policy {
            validate: None,
            ..policy
        };
        // The output is only read back: written in the input's dialect,
        // values as they are.
        let mask = MaskOptions {
            csv: opts.csv.clone(),
            header: opts.header,
            write: WriteOptions::default(),
            audit: false,
            risk: Some(opts),
            ..mask
        };
        Ok(RiskAssessor {
            masker: Masker::new(policy, mask)?,
            scratch: Vec::new(),
        })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.masker.push(chunk, &mut self.scratch)?;
        self.scratch.clear();
        Ok(())
    }

    pub fn finish(mut self) -> Result<RiskAssessment, Error> {
        self.masker.finish(&mut self.scratch)?;
        self.masker
            .risk()
            .cloned()
            .ok_or_else(|| Error::state("internal: no risk measured"))
    }
}

/// Risk measured alongside a mask run ([`MaskOptions::risk`]): the input's
/// figures from the chunks read, the output's from the bytes written.
pub(crate) struct Measure {
    before: RiskAnalyzer,
    after: Option<After>,
    /// Output waiting until the input's columns are known.
    out: Vec<u8>,
    /// The output's delimiter when it is not the input's.
    out_delimiter: Option<u8>,
}

/// The masked output, read back.
struct After {
    reader: Reader,
    skip: bool,
    columns: Columns,
    classes: Classes,
    key: Vec<u8>,
}

impl After {
    fn push(&mut self, bytes: &[u8], last: bool) -> Result<(), Error> {
        let Self {
            reader,
            skip,
            columns,
            classes,
            key,
        } = self;
        let mut on = |r: &Record<'_>| {
            if std::mem::take(skip) {
                return Ok(());
            }
            columns.add(classes, key, &|i| r.get(i));
            Ok(())
        };
        reader.push(bytes, &mut on)?;
        if last {
            reader.finish(&mut on)?;
        }
        Ok(())
    }
}

impl Measure {
    pub(crate) fn new(opts: RiskOptions, out_delimiter: Option<u8>) -> Result<Measure, Error> {
        Ok(Measure {
            before: RiskAnalyzer::new(opts)?,
            after: None,
            out: Vec::new(),
            out_delimiter,
        })
    }

    /// Counts the input's `chunk`, before the masker reads it (so that a
    /// quasi-identifier the file lacks is the error, as in a risk run).
    pub(crate) fn input(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.before.push(chunk)
    }

    /// Counts the masked bytes just written; `report` is the masker's.
    pub(crate) fn output(
        &mut self,
        written: &[u8],
        report: &dyn Fn() -> Report,
    ) -> Result<(), Error> {
        self.out.extend_from_slice(written);
        // The output is read back once the input's columns are known; until
        // then it waits in `out`.
        if self.after.is_none() && self.before.columns.is_some() && !self.out.is_empty() {
            self.after = Some(self.start_after(&report()));
        }
        if let Some(after) = &mut self.after {
            after.push(&self.out, false)?;
            self.out.clear();
        }
        Ok(())
    }

    /// The figures, once the masker has finished and `written` its last bytes.
    pub(crate) fn finish(
        &mut self,
        written: &[u8],
        report: &Report,
    ) -> Result<RiskAssessment, Error> {
        self.before.end()?;
        self.out.extend_from_slice(written);
        let mut after = match self.after.take() {
            Some(a) => a,
            None => self.start_after(report),
        };
        after.push(&std::mem::take(&mut self.out), true)?;
        let (opts, population) = (&self.before.opts, self.before.population.as_ref());
        Ok(RiskAssessment {
            after: Risk {
                suggestion: self.before.suggestion(),
                ..after.classes.risk(opts.threshold, population)
            },
            before: self.before.classes.risk(opts.threshold, population),
        })
    }

    /// Output has begun, so the masker has decided the header and the
    /// columns it drops: a column of the input is found in the output by
    /// counting the columns kept before it.
    fn start_after(&self, report: &Report) -> After {
        let dropped = |i: usize| report.columns.get(i).is_some_and(|c| c.op == "drop");
        let out_index = |i: usize| (!dropped(i)).then(|| (0..i).filter(|&j| !dropped(j)).count());
        let cols = self.before.columns.clone().unwrap_or(Columns {
            quasi: Vec::new(),
            sensitive: None,
        });
        let delimiter = self.out_delimiter.or(report.delimiter.bytes().next());
        After {
            reader: Reader::new(CsvOptions {
                delimiter,
                allow_ragged: true,
                ..CsvOptions::default()
            }),
            skip: report.header,
            columns: Columns {
                quasi: cols.quasi.iter().map(|q| q.and_then(out_index)).collect(),
                sensitive: cols.sensitive.map(|s| s.and_then(out_index)),
            },
            classes: Classes::new(self.before.opts.max_classes, cols.sensitive.is_some()),
            key: Vec::new(),
        }
    }
}

/// Measures a whole input at once.
pub fn risk(input: &[u8], opts: RiskOptions) -> Result<Risk, Error> {
    let mut r = RiskAnalyzer::new(opts)?;
    r.push(input)?;
    r.finish()
}
