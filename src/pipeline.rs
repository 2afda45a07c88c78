//! The streaming masker: chunks in, masked bytes out, and a report.

use crate::classify::{classify, column_name, header_hint, widen, ColumnStats};
use crate::csv::{Encoding, ReadOptions, Reader, Record, Writer};
use crate::detect::Entity;
use crate::ops::{Action, MIN_KEY_BYTES};
use crate::policy::{ColumnRef, Op, Policy};
use crate::report::{ColumnReport, Report};
use crate::Error;
use std::collections::BTreeMap;

/// How to read the input and the key for `hash`.
#[derive(Clone, Debug)]
pub struct MaskOptions {
    /// The key for `hash` (at least 16 bytes).
    pub key: Option<Vec<u8>>,
    /// `None` sniffs the delimiter.
    pub delimiter: Option<u8>,
    /// Whether the first record names the columns.
    pub has_header: bool,
    pub allow_ragged: bool,
    /// With an `auto` policy, how many rows are classified before output
    /// starts (they are held in memory until then).
    pub sample_rows: usize,
    /// Neutralise cells a spreadsheet would run as formulas (OWASP "CSV
    /// injection"): a cell starting with `=`, `+`, `-`, `@`, tab or CR gets
    /// a leading `'`. Off by default (it changes values such as `-5`); the
    /// page turns it on for downloads meant for spreadsheets.
    pub escape_formulas: bool,
    /// How the input's bytes are read as text; the output is UTF-8.
    pub encoding: Encoding,
}

impl Default for MaskOptions {
    fn default() -> MaskOptions {
        MaskOptions {
            key: None,
            delimiter: None,
            has_header: true,
            allow_ragged: false,
            sample_rows: 1000,
            escape_formulas: false,
            encoding: Encoding::Utf8,
        }
    }
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
}

struct Core {
    policy: Policy,
    key: Option<Vec<u8>>,
    has_header: bool,
    sample_rows: usize,
    escape_formulas: bool,
    seen_first: bool,
    names: Option<Vec<String>>,
    /// The header as it was, written out byte for byte (names may not be UTF-8).
    header: Vec<Vec<u8>>,
    /// Rows held back while an `auto` policy waits for its sample.
    held: Vec<(u64, Vec<Vec<u8>>)>,
    stats: Vec<ColumnStats>,
    plan: Option<Plan>,
    writer: Option<Writer>,
    delimiter: Option<u8>,
    rows: u64,
    entities: BTreeMap<Entity, u64>,
    /// Scratch for one cell's new value.
    cell: Vec<u8>,
}

struct Plan {
    columns: Vec<Column>,
    /// For cells beyond the header's width (ragged rows allowed).
    extra: Action,
}

struct Column {
    name: String,
    op: Op,
    entity: Option<Entity>,
    action: Action,
    changed: u64,
}

impl Masker {
    /// Checks the policy against the options: a policy that hashes needs a
    /// key of at least 16 bytes.
    pub fn new(policy: Policy, opts: MaskOptions) -> Result<Masker, Error> {
        if let Some(key) = &opts.key {
            if key.len() < MIN_KEY_BYTES {
                return Err(Error::Key(format!(
                    "the key is {} bytes; at least {MIN_KEY_BYTES} bytes (128 bits) are required",
                    key.len()
                )));
            }
        }
        if opts.key.is_none() && policy.needs_key() {
            let which = policy
                .columns
                .iter()
                .find(|(_, op)| matches!(op, Op::Hash { .. }))
                .map_or("the default operator".to_string(), |(c, _)| {
                    format!("column {c}")
                });
            return Err(Error::Key(format!(
                "the policy hashes {which}, but no key was given"
            )));
        }
        let reader = Reader::new(ReadOptions {
            delimiter: opts.delimiter,
            allow_ragged: opts.allow_ragged,
            encoding: opts.encoding,
        });
        Ok(Masker {
            reader,
            core: Core {
                policy,
                key: opts.key,
                has_header: opts.has_header,
                sample_rows: opts.sample_rows.max(1),
                escape_formulas: opts.escape_formulas,
                seen_first: false,
                names: None,
                header: Vec::new(),
                held: Vec::new(),
                stats: Vec::new(),
                plan: None,
                writer: None,
                delimiter: opts.delimiter,
                rows: 0,
                entities: BTreeMap::new(),
                cell: Vec::new(),
            },
        })
    }

    /// Reads `chunk` and appends the masked bytes that are ready to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
        let core = &mut self.core;
        self.reader.push(chunk, &mut |r| core.on_record(r, out))
    }

    /// Ends the input, appends the rest of the output, returns the report.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<Report, Error> {
        let core = &mut self.core;
        self.reader.finish(&mut |r| core.on_record(r, out))?;
        if core.plan.is_none() && core.seen_first {
            core.start(out)?;
        }
        Ok(self.report())
    }

    /// What has been done so far.
    pub fn report(&self) -> Report {
        let core = &self.core;
        let columns = core.plan.as_ref().map_or_else(Vec::new, |p| {
            p.columns
                .iter()
                .enumerate()
                .map(|(index, c)| ColumnReport {
                    index,
                    name: c.name.clone(),
                    op: c.op.name(),
                    entity: c.entity,
                    changed: c.changed,
                })
                .collect()
        });
        Report {
            rows: core.rows,
            delimiter: char::from(core.delimiter.unwrap_or(b',')).to_string(),
            header: core.has_header,
            columns,
            entities: core.entities.clone(),
        }
    }
}

impl Core {
    fn on_record(&mut self, rec: &Record<'_>, out: &mut Vec<u8>) -> Result<(), Error> {
        if !self.seen_first {
            self.seen_first = true;
            self.delimiter = Some(rec.delimiter());
            self.writer = Some(Writer::new(rec.delimiter(), rec.line_ending()));
            if self.has_header {
                let names = rec.iter().map(|f| String::from_utf8_lossy(f).into_owned());
                self.names = Some(names.collect());
                self.header = rec.iter().map(<[u8]>::to_vec).collect();
                if !self.policy.auto {
                    self.start(out)?;
                }
                return Ok(());
            }
        }
        if self.plan.is_none() {
            if !self.policy.auto {
                widen(&mut self.stats, None, rec.len());
                return self
                    .start(out)
                    .and_then(|()| self.write_row(rec.line(), rec.iter(), out));
            }
            widen(&mut self.stats, self.names.as_deref(), rec.len());
            for (stats, cell) in self.stats.iter_mut().zip(rec.iter()) {
                stats.observe(cell);
            }
            self.held
                .push((rec.line(), rec.iter().map(<[u8]>::to_vec).collect()));
            if self.held.len() >= self.sample_rows {
                self.start(out)?;
            }
            return Ok(());
        }
        self.write_row(rec.line(), rec.iter(), out)
    }

    /// Fixes the plan (classifying the sample if the policy is `auto`),
    /// writes the header, and releases the rows held back.
    fn start(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let names = self.names.as_deref();
        let width = names.map_or(0, <[String]>::len).max(self.stats.len());
        widen(&mut self.stats, names, width);
        let scans: Vec<_> = (0..width)
            .map(|i| classify(i, &column_name(names, i), &self.stats[i]))
            .collect();
        let suggested: Vec<Op> = scans.iter().map(|s| s.suggested.clone()).collect();
        let ops = self.policy.resolve(names, width, Some(&suggested))?;
        let key = self.key.as_deref();
        let mut columns = Vec::with_capacity(width);
        for (i, op) in ops.into_iter().enumerate() {
            let name = column_name(names, i);
            let entity = if self.policy.auto && scans[i].entity.is_some() {
                scans[i].entity
            } else {
                names.and_then(|_| header_hint(&name).entity)
            };
            let action = Action::compile(&op, entity, key).map_err(|e| {
                Error::Key(format!("column {}: {e}", ColumnRef::Name(name.clone())))
            })?;
            columns.push(Column {
                name,
                op,
                entity,
                action,
                changed: 0,
            });
        }
        let extra = Action::compile(&self.policy.default, None, key).map_err(Error::Key)?;
        self.plan = Some(Plan { columns, extra });
        if self.names.is_some() {
            let header = std::mem::take(&mut self.header);
            self.write_row(0, header.iter().map(Vec::as_slice), out)?;
            self.rows = 0;
        }
        for (line, row) in std::mem::take(&mut self.held) {
            self.write_row(line, row.iter().map(Vec::as_slice), out)?;
        }
        Ok(())
    }

    fn write_row<'a>(
        &mut self,
        line: u64,
        cells: impl Iterator<Item = &'a [u8]>,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let (Some(plan), Some(writer)) = (&mut self.plan, &mut self.writer) else {
            return Err(Error::State("internal: row before plan"));
        };
        let header = line == 0;
        let entities = &mut self.entities;
        let escape = self.escape_formulas;
        let mut field = |out: &mut Vec<u8>, value: &[u8]| {
            if escape
                && matches!(
                    value.first(),
                    Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
                )
            {
                let mut quoted = Vec::with_capacity(value.len() + 1);
                quoted.push(b'\'');
                quoted.extend_from_slice(value);
                writer.field(out, &quoted);
            } else {
                writer.field(out, value);
            }
        };
        for (i, cell) in cells.enumerate() {
            let column = plan.columns.get_mut(i);
            let action = column.as_ref().map_or(&plan.extra, |c| &c.action);
            match action {
                Action::Drop => {
                    if let Some(c) = column {
                        c.changed += u64::from(!header && !cell.is_empty());
                    }
                }
                Action::Keep => field(out, cell),
                _ if header => field(out, cell),
                action => {
                    let result = action.apply(cell, &mut self.cell, &mut |e| {
                        *entities.entry(e).or_insert(0) += 1;
                    });
                    if result.is_err() {
                        return Err(Error::InvalidUtf8 {
                            line,
                            column: column_name(self.names.as_deref(), i),
                        });
                    }
                    if let Some(c) = column {
                        c.changed += u64::from(self.cell.as_slice() != cell);
                    }
                    field(out, &self.cell);
                }
            }
        }
        writer.end_record(out);
        self.rows += 1;
        Ok(())
    }
}

/// The first rows of a file, original and masked side by side.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Preview {
    /// The header row, if the file has one.
    pub header: Option<Vec<String>>,
    pub original: Vec<Vec<String>>,
    /// Aligned with `original`: `None` where the column is dropped.
    pub masked: Vec<Vec<Option<String>>>,
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
/// ```
pub fn preview(
    input: &[u8],
    policy: Policy,
    opts: MaskOptions,
    limit: usize,
    complete: bool,
) -> Result<Preview, Error> {
    // Re-encode the complete records wanted, so the masker sees a whole file.
    let mut reader = Reader::new(ReadOptions {
        delimiter: opts.delimiter,
        allow_ragged: opts.allow_ragged,
        encoding: opts.encoding,
    });
    let wanted = limit + usize::from(opts.has_header);
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
        delimiter: reader.delimiter().or(opts.delimiter),
        encoding: Encoding::Utf8,
        ..opts
    };
    let has_header = opts.has_header;
    let mut masker = Masker::new(policy, opts.clone())?;
    let mut out = Vec::new();
    masker.push(&clean, &mut out)?;
    let report = masker.finish(&mut out)?;
    let read = ReadOptions {
        delimiter: opts.delimiter,
        allow_ragged: true,
        ..ReadOptions::default()
    };
    let mut masked_rows = crate::csv::read_all(&out, &read)?.into_iter();
    let text = |f: &[u8]| String::from_utf8_lossy(f).into_owned();
    let mut rows = records
        .iter()
        .map(|r| r.iter().map(|f| text(f)).collect::<Vec<_>>());
    let header = if has_header {
        masked_rows.next();
        rows.next()
    } else {
        None
    };
    let kept: Vec<bool> = report.columns.iter().map(|c| c.op != "drop").collect();
    let original: Vec<Vec<String>> = rows.collect();
    let masked = original
        .iter()
        .zip(masked_rows)
        .map(|(orig, out)| {
            let mut out = out.into_iter();
            (0..orig.len())
                .map(|i| match kept.get(i) {
                    Some(false) => None,
                    _ => out.next().map(|f| text(&f)),
                })
                .collect()
        })
        .collect();
    Ok(Preview {
        header,
        original,
        masked,
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
                escape_formulas: escape,
                ..MaskOptions::default()
            };
            let mut m = Masker::new(Policy::default(), opts).unwrap();
            let mut out = Vec::new();
            m.push(input, &mut out).unwrap();
            m.finish(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(run(false), "a,b\n=1+1,@SUM(A1)\n-5,\tx\nplain,+1 415\n");
        assert_eq!(run(true), "a,b\n'=1+1,'@SUM(A1)\n'-5,'\tx\nplain,'+1 415\n");
    }
}
