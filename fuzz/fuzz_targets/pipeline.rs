//! The streaming masker with a policy drawn from the input, cut into chunks.
//!
//! Input: 8 configuration bytes, then the CSV.
//!   byte 0: bit 0 auto, bit 1 key given, bit 2 no header row, bit 3 allow
//!           ragged, bits 4-5 delimiter (sniff , ; tab), bit 6 sample of 2
//!           rows (else 1000), bit 7 name columns by header (else `#N`)
//!   byte 1: the default operator; bytes 2-5: operators of columns 0-3
//!           (low 3 bits: keep drop redact mask hash/tokenize scrub
//!           generalize/noise/date_shift,
//!           7 = not listed; high 5 bits pick parameters)
//!   bytes 6-7: chunk-cut seed; the top bit of byte 7 says "header row"
//!           (without bit 2 of byte 0 and this, the header is sniffed)
//!
//! Invariants: no panic; output, report and error identical to a one-shot
//! push; the scanner agrees with itself over the same cuts; `preview` does
//! not panic; kept cells come out unchanged; a masked, hashed or redacted
//! cell never comes out as its original value (unless the operator's own
//! result is that value, e.g. `"----"` under `mask`); and no original value
//! (6+ bytes) of a masked, hashed, redacted or dropped column appears as a
//! whole output cell, unless it is also a value of a kept or scrubbed column,
//! a header name, or what an operator produced from another value (this
//! follows from the cell-by-cell check below). Header cells that are
//! themselves personal data, and cells beyond the header (ragged rows), are
//! held to the same rule as the column's cells.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pii_mask::classify::looks_like_data;
use pii_mask::csv::{read_all, CsvOptions};
use pii_mask::detect::Entity;
use pii_mask::ops::{mask_cell, Generalizer};
use pii_mask::policy::{
    ColumnRef, Generalization, HashAlgorithm, NoiseMechanism, Op, ScrubReplace, TokenStyle,
};
use pii_mask::{
    pipeline::preview, ErrorKind, Header, MaskOptions, Masker, Policy, Report, ScanOptions, Scanner,
};
use pii_mask_fuzz::{chunks, cuts, Config};

const KEY: &[u8] = b"fuzzing key, 32 bytes long......";

fn op(byte: u8) -> Option<Op> {
    let v = byte >> 3;
    let entity = Entity::ALL[usize::from(v >> 1) % Entity::ALL.len()];
    Some(match byte & 7 {
        0 => Op::Keep,
        1 => Op::Drop,
        2 => Op::Redact {
            text: (v & 1 != 0).then(|| "gone!!".to_string()),
            entity: (v & 2 != 0).then_some(entity),
        },
        3 => Op::Mask {
            char: (v & 1 != 0).then_some('#'),
            chars: (v & 2 != 0).then_some(1 + usize::from(v >> 2)),
            from_end: v & 4 != 0,
            entity: (v & 16 != 0).then_some(entity),
        },
        4 if v & 3 == 3 => Op::Tokenize {
            entity: (v & 4 != 0).then_some(entity),
            style: if v & 8 != 0 {
                TokenStyle::Surrogate
            } else {
                TokenStyle::Token
            },
        },
        4 => Op::Hash {
            length: (v & 1 != 0).then_some(8 + usize::from(v >> 1)),
            algorithm: if v & 16 != 0 {
                HashAlgorithm::Sha256
            } else {
                HashAlgorithm::HmacSha256
            },
            per_column: v & 8 != 0,
        },
        5 => Op::Scrub {
            entities: (v & 2 != 0).then(|| vec![entity, Entity::EmailAddress]),
            replace: if v & 4 != 0 {
                ScrubReplace::Tokenize
            } else {
                ScrubReplace::Label
            },
            // Surrogates only where the pieces are tokenized (else refused).
            style: if v & 12 == 12 {
                TokenStyle::Surrogate
            } else {
                TokenStyle::Token
            },
        },
        6 if v & 8 != 0 => Op::Noise {
            mechanism: if v & 1 != 0 {
                NoiseMechanism::Gaussian
            } else {
                NoiseMechanism::Laplace
            },
            epsilon: 0.5,
            delta: (v & 1 != 0).then_some(1e-6),
            sensitivity: f64::from(1 + (v >> 2)),
            step: (v & 2 != 0).then_some(0.25),
            min: (v & 16 != 0).then_some(0.0),
            max: None,
        },
        6 => {
            let generalize = |to, chars, width, edges, max, step| Op::Generalize {
                to,
                chars,
                width,
                edges,
                min: None,
                max,
                step,
                format: None,
            };
            match v % 6 {
                0 => Op::generalize(Generalization::Year),
                3 => Op::Truncate {
                    max: 1 + usize::from(v >> 3),
                },
                // Keyed by the first column's original value.
                5 => Op::DateShift {
                    by: "#0".to_string(),
                    days: 1 + u32::from(v >> 3),
                    allow_zero: v & 4 != 0,
                    format: (v & 2 != 0).then(|| "%d/%m/%Y".to_string()),
                },
                4 => Op::generalize(if v & 8 != 0 {
                    Generalization::Week
                } else {
                    Generalization::Quarter
                }),
                1 => generalize(
                    Generalization::Prefix,
                    (v & 4 != 0).then_some(1 + usize::from(v >> 3)),
                    None,
                    None,
                    None,
                    None,
                ),
                2 => generalize(
                    Generalization::Band,
                    None,
                    (v & 4 == 0).then_some(f64::from(1 + (v >> 3))),
                    (v & 4 != 0).then(|| vec![0.0, 18.0, 65.5]),
                    (v & 8 != 0).then_some(90.0),
                    None,
                ),
                _ => generalize(
                    Generalization::Round,
                    None,
                    None,
                    None,
                    None,
                    Some(if v & 4 != 0 { 0.25 } else { 100.0 }),
                ),
            }
        }
        _ => return None,
    })
}

/// What an operator must write for a non-empty `cell` could be `cell`
/// itself (so finding it unchanged is no leak).
fn may_stay(op: &Op, column_entity: Option<Entity>, cell: &[u8]) -> bool {
    match op {
        // Noise may land on the value itself (that is the mechanism).
        Op::Keep | Op::Scrub { .. } | Op::Noise { .. } => true,
        // A token is `ENTITY_` and digits from the value under the key.
        Op::Drop | Op::Hash { .. } | Op::Tokenize { .. } => false,
        Op::Redact { text, entity } => {
            let label = match (text, entity.or(column_entity)) {
                (Some(t), _) => t.clone(),
                (None, Some(e)) => format!("[{}]", e.as_str()),
                (None, None) => "[REDACTED]".to_string(),
            };
            label.as_bytes() == cell
        }
        Op::Mask {
            char,
            chars,
            from_end,
            entity,
        } => {
            let Ok(text) = std::str::from_utf8(cell) else {
                return false;
            };
            let ch = char.unwrap_or('*');
            mask_cell(text, ch, *chars, *from_end, entity.or(column_entity)).0 == text
        }
        // A date always moves unless a zero shift is allowed; a value that
        // is no date becomes `[DATE_TIME]`.
        Op::DateShift { allow_zero, .. } => *allow_zero || cell == b"[DATE_TIME]",
        // A value no longer than `max` stays whole.
        Op::Truncate { max } => std::str::from_utf8(cell).is_ok_and(|t| t.chars().count() <= *max),
        Op::Generalize { .. } => {
            let Ok(text) = std::str::from_utf8(cell) else {
                return false;
            };
            let mut out = Vec::new();
            let _ = Generalizer::new(op).map(|g| g.apply(text, &mut out));
            out == cell
        }
    }
}

/// The default-parameter operator the scanner suggests under a name.
fn suggested(name: &str, entity: Option<Entity>) -> Op {
    match name {
        "generalize" => Op::generalize(if entity == Some(Entity::DateTime) {
            Generalization::Year
        } else {
            Generalization::Prefix
        }),
        "drop" => Op::Drop,
        "redact" => Op::Redact {
            text: None,
            entity: None,
        },
        "mask" => Op::Mask {
            char: None,
            chars: None,
            from_end: false,
            entity: None,
        },
        "hash" => Op::Hash {
            length: None,
            algorithm: HashAlgorithm::HmacSha256,
            per_column: false,
        },
        "scrub" => Op::scrub(),
        _ => Op::Keep,
    }
}

fn mask(
    policy: &Policy,
    opts: &MaskOptions,
    parts: &[&[u8]],
) -> Result<(Vec<u8>, Report), pii_mask::Error> {
    let mut m = Masker::new(policy.clone(), opts.clone())?;
    let mut out = Vec::new();
    for p in parts {
        m.push(p, &mut out)?;
    }
    let report = m.finish(&mut out)?;
    Ok((out, report))
}

fn scan_json(opts: &ScanOptions, parts: &[&[u8]]) -> Result<String, pii_mask::Error> {
    let mut s = Scanner::new(opts.clone());
    for p in parts {
        s.push(p)?;
    }
    let r = s.finish()?;
    Ok(serde_json::to_string(&r).unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let (cfg, csv) = Config::split(data, 8);
    let flags = cfg.byte(0);
    // The formula escape stays off (the default): the cell-by-cell checks
    // below compare kept cells byte for byte; it has its own tests.
    let opts = MaskOptions {
        key: (flags & 2 != 0).then(|| KEY.to_vec()),
        header: match (flags & 4 != 0, cfg.byte(7) & 0x80 != 0) {
            (true, _) => Header::Absent,
            (false, true) => Header::Present,
            (false, false) => Header::Auto,
        },
        sample_rows: if flags & 64 != 0 { 2 } else { 1000 },
        csv: CsvOptions {
            delimiter: [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(flags >> 4) & 3],
            allow_ragged: flags & 8 != 0,
            ..CsvOptions::default()
        },
        ..MaskOptions::default()
    };
    let read = CsvOptions {
        encoding: Default::default(),
        ..opts.csv.clone()
    };
    let input = read_all(csv, &read).ok();

    // The policy: columns named only where they exist, so most inputs get
    // past `resolve`.
    let width = input
        .as_ref()
        .and_then(|rows| rows.first())
        .map_or(0, Vec::len);
    // Names for the policy, if the first row turns out to be a header.
    let header: Option<Vec<String>> = match (&input, opts.header != Header::Absent) {
        (Some(rows), true) => rows.first().map(|r| {
            r.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect()
        }),
        _ => None,
    };
    let mut policy = Policy {
        default: op(cfg.byte(1)).unwrap_or(Op::Keep),
        auto: flags & 1 != 0,
        columns: Default::default(),
        ..Policy::default()
    };
    for i in 0..4.min(width) {
        if let Some(o) = op(cfg.byte(2 + i)) {
            let key = match &header {
                // A header spelt `#N` cannot be named in a policy: `#N` is
                // always the index (documented), so such columns go by index.
                Some(names) if flags & 128 != 0 && !names[i].starts_with('#') => {
                    ColumnRef::Name(names[i].clone())
                }
                _ => ColumnRef::Index(i),
            };
            policy.columns.insert(key, o);
        }
    }

    // Chunk-cut invariance of the masker and the scanner.
    let cut = cuts(csv.len(), u16::from_le_bytes([cfg.byte(6), cfg.byte(7)]));
    let parts = chunks(csv, &cut);
    let once = mask(&policy, &opts, &[csv]);
    let chunked = mask(&policy, &opts, &parts);
    assert_eq!(
        once, chunked,
        "masker result depends on chunking (cuts {cut:?})"
    );
    let scan_opts = ScanOptions {
        header: opts.header,
        sample_rows: opts.sample_rows,
        entities: policy.entities.clone(),
        csv: opts.csv.clone(),
    };
    {
        assert_eq!(
            scan_json(&scan_opts, &[csv]),
            scan_json(&scan_opts, &parts),
            "scan depends on chunking"
        );
    }
    let _ = preview(csv, policy.clone(), opts.clone(), 5, false);
    let _ = preview(csv, policy.clone(), opts.clone(), 5, true);

    // Validation rules in every mode (flags & 16): the same output, report
    // or error (problems included) however the input is cut, and a preview
    // never fails for them. The cell-by-cell checks below assume every row
    // written as read, so such a run ends here.
    if flags & 16 != 0 {
        const RULES: [&str; 8] = [
            r#"{"type":"integer","min":0,"max":100}"#,
            r#"{"type":"email","unique":true}"#,
            r#"{"type":"date","format":"%d/%m/%Y","max":"31/12/2020"}"#,
            r#"{"required":true,"max_length":4}"#,
            r#"{"pattern":"[a-z]+|[0-9]{2,}","min_length":2}"#,
            r#"{"type":"enum","values":["a","b"]}"#,
            r#"{"type":"number","min":-1.5,"unique":true}"#,
            r#"{"unique":true}"#,
        ];
        let mode = ["reject", "drop", "flag"][usize::from(cfg.byte(1) % 3)];
        let cols: Vec<String> = (0..4.min(width))
            .map(|i| {
                format!(
                    "\"#{i}\":{}",
                    RULES[usize::from(cfg.byte(2 + i)) % RULES.len()]
                )
            })
            .collect();
        let json = format!(
            r#"{{"mode":"{mode}","max_problems":3,"columns":{{{}}}}}"#,
            cols.join(",")
        );
        let mut checked = policy.clone();
        checked.validate = Some(serde_json::from_str(&json).expect("the rules parse"));
        assert_eq!(
            mask(&checked, &opts, &[csv]),
            mask(&checked, &opts, &parts),
            "validation depends on chunking (cuts {cut:?})"
        );
        for complete in [false, true] {
            if let Err(e) = preview(csv, checked.clone(), opts.clone(), 5, complete) {
                assert_ne!(
                    e.code(),
                    "validation_failed",
                    "a preview failed for the rules"
                );
            }
        }
        return;
    }

    let (Ok((out, report)), Some(input)) = (once, input) else {
        return;
    };
    if let Err(e) = Policy::from_json(&policy.to_json()).map(|p| assert_eq!(p, policy)) {
        panic!("policy does not round-trip: {e}");
    }

    // Which operator each input column got. Column names as the masker
    // used them: a header cell that is personal data is never a name.
    let width = report.columns.len();
    let names: Option<Vec<String>> = report
        .header
        .then(|| report.columns.iter().map(|c| c.name.clone()).collect());
    for (i, c) in report.columns.iter().enumerate() {
        if let Some(h) = header
            .as_ref()
            .and_then(|h| h.get(i))
            .filter(|_| report.header)
        {
            if c.name != *h {
                assert!(
                    looks_like_data(h) && c.name == format!("#{i}"),
                    "column {i} is named {:?}, not its header",
                    c.name
                );
            }
        }
    }
    let hints: Vec<Op> = report
        .columns
        .iter()
        .map(|c| suggested(c.op, c.entity))
        .collect();
    let resolved = policy
        .resolve_ragged(names.as_deref(), width, Some(&hints))
        .expect("the masker resolved this policy");
    let ops = resolved.ops;
    for (o, c) in ops.iter().zip(&report.columns) {
        assert_eq!(o.name(), c.op, "column {} resolves differently", c.index);
    }
    // Cells beyond the header: the op named for that index, else the
    // default, else (when the default keeps) a scrub.
    let scrub = Op::scrub();
    let op_of = |i: usize| match ops.get(i) {
        Some(op) => op,
        None => match resolved.beyond.iter().find(|(j, _)| *j == i) {
            Some((_, op)) => op,
            None if policy.default == Op::Keep => &scrub,
            None => &policy.default,
        },
    };
    let entity_of = |i: usize| report.columns.get(i).and_then(|c| c.entity);
    let protected = |i: usize| {
        matches!(
            op_of(i),
            Op::Drop
                | Op::Redact { .. }
                | Op::Mask { .. }
                | Op::Hash { .. }
                | Op::Generalize { .. }
        )
    };

    let delim = report.delimiter.bytes().next();
    let output = match read_all(
        &out,
        &CsvOptions {
            delimiter: delim,
            allow_ragged: true,
            ..Default::default()
        },
    ) {
        Ok(output) => output,
        // The reader refuses input whose first bytes look UTF-16 or binary;
        // an output of NUL-laden cells can start so though its input did not.
        Err(e) if matches!(e.kind(), ErrorKind::Utf16Input | ErrorKind::BinaryInput) => return,
        Err(e) => panic!("the masker's output reads back: {e:?}"),
    };

    // Every input row comes out, in order (a ragged row whose every cell is
    // dropped as one empty field, so that it does not become a blank line).
    let expected: Vec<(bool, &Vec<Vec<u8>>)> = input
        .iter()
        .enumerate()
        .map(|(r, row)| (report.header && r == 0, row))
        .collect();
    if out.starts_with(b"\xEF\xBB\xBF") {
        return; // a header that starts with a BOM of its own reads back without it
    }
    assert_eq!(output.len(), expected.len(), "rows lost or added");

    // Every output cell is accounted to its source cell: a kept cell (or a
    // header name) is identical, a protected cell never its original value
    // (unless the operator's own result is that value), dropped cells are
    // absent. So a protected original value can come out whole only where a
    // kept or scrubbed cell holds it too, or an operator produced it from
    // another value: exactly the coincidences the leak check must allow.
    for (r, ((is_header, row), out_row)) in expected.iter().zip(&output).enumerate() {
        let is_header = *is_header;
        if (0..row.len()).all(|i| matches!(op_of(i), Op::Drop)) {
            assert_eq!(
                out_row,
                &[Vec::<u8>::new()],
                "record {r}: an all-dropped row"
            );
            continue;
        }
        let mut fields = out_row.iter();
        for (i, cell) in row.iter().enumerate() {
            let op = op_of(i);
            if matches!(op, Op::Drop) {
                continue;
            }
            let got = fields
                .next()
                .expect("an output cell for each kept input cell");
            if is_header && !looks_like_data(&String::from_utf8_lossy(cell)) {
                assert_eq!(got, cell, "header name changed");
                continue;
            }
            if matches!(op, Op::Keep) {
                assert_eq!(got, cell, "record {r}: kept cell changed");
                continue;
            }
            if cell.is_empty() {
                assert!(got.is_empty(), "record {r}: an empty cell was filled");
            } else if protected(i) && got == cell {
                assert!(
                    may_stay(op, entity_of(i), cell),
                    "record {r}: column {i} ({}) left its value unchanged: {:?}",
                    op.name(),
                    String::from_utf8_lossy(cell)
                );
            }
        }
        assert!(
            fields.next().is_none(),
            "record {r}: more output cells than kept input cells"
        );
    }
});
