//! Masking in parts (`pii_mask::split`): a file cut by the splitter, its
//! parts masked by several part maskers and their tallies folded into the
//! main masker, gives one pass's output bytes and report, and one pass's
//! first error (same kind, same line), for random files with quoted line
//! breaks, stray quotes, CRLF, blank lines, a BOM, ragged rows and bad
//! UTF-8 in later parts, UTF-8 or Windows-1252, cut at every size.

use pii_mask::csv::Encoding;
use pii_mask::split::{PartStart, Splitter};
use pii_mask::{CsvOptions, Error, Header, MaskOptions, Masker, Policy, Report, WriteOptions};
use proptest::prelude::*;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

const PIECES: &[&str] = &[
    "alpha",
    "Bob Smith",
    "42",
    "",
    " ",
    ",",
    ";",
    "\n",
    "\r\n",
    "\"",
    "é",
    "ann.lee@example.com",
    "+1 415 555 0132",
    "4111 1111 1111 1111",
    "078-05-1124",
    "2021-05-21",
    "1250",
    "Call Ann Lee at ",
];

/// A cell as written in the file: quoted when it must be (or sometimes
/// anyway), or raw with a stray quote (`5" tall`), which csv-core reads
/// as a plain byte in an unquoted field.
fn write_cell(out: &mut Vec<u8>, cell: &str, style: u8) {
    let needs = cell
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
    if needs || style == 1 {
        out.push(b'"');
        out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else if style == 2 && !cell.is_empty() {
        out.extend_from_slice(cell.as_bytes());
        out.extend_from_slice(b"5\" tall");
    } else {
        out.extend_from_slice(cell.as_bytes());
    }
}

#[derive(Clone, Debug)]
struct Row {
    cells: Vec<(String, u8)>,
    /// 0 LF, 1 CRLF, 2 LF then a blank line.
    ending: u8,
    /// 0 fine, 1 one cell short (ragged), 2 a byte that is not UTF-8.
    fault: u8,
}

fn row(ncols: usize) -> impl Strategy<Value = Row> {
    let cell = (
        prop::collection::vec(prop::sample::select(PIECES), 0..3).prop_map(|v| v.concat()),
        0u8..3,
    );
    (
        prop::collection::vec(cell, ncols),
        0u8..3,
        prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]),
    )
        .prop_map(|(cells, ending, fault)| Row {
            cells,
            ending,
            fault,
        })
}

const COLS: [&str; 4] = ["name", "email", "notes", "income"];

fn file(rows: &[Row], bom: bool, unclosed: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    out.extend_from_slice(COLS.join(",").as_bytes());
    out.push(b'\n');
    for r in rows {
        let n = r.cells.len() - usize::from(r.fault == 1);
        for (i, (c, style)) in r.cells.iter().take(n).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_cell(&mut out, c, *style);
            if i == 0 && r.fault == 2 {
                out.push(0xFF);
            }
        }
        out.extend_from_slice(match r.ending {
            0 => b"\n",
            1 => b"\r\n",
            _ => b"\n\n",
        });
    }
    if unclosed {
        out.extend_from_slice(b"x,\"never closed\n1,2\n");
    }
    out
}

type Outcome = Result<(Vec<u8>, Report), String>;

fn said(e: Error) -> String {
    format!("{:?} line {:?}: {}", e.kind(), e.line(), e.message())
}

fn one_pass(input: &[u8], policy: &Policy, opts: &MaskOptions) -> Outcome {
    let mut m = Masker::new(policy.clone(), opts.clone()).map_err(said)?;
    let mut out = Vec::new();
    m.push(input, &mut out).map_err(said)?;
    let report = m.finish(&mut out).map_err(said)?;
    Ok((out, report))
}

/// What a host does, in file order: the splitter is fed `feed` bytes at a
/// time; part `i` goes to worker `i % workers`, each built from the head.
fn in_parts(
    input: &[u8],
    policy: &Policy,
    opts: &MaskOptions,
    part_bytes: usize,
    feed: usize,
    workers: usize,
) -> Outcome {
    assert!(Masker::unsplittable(policy).is_none());
    let head_records = Masker::head_records(policy, opts);
    let mut splitter = Splitter::new(input, true, &opts.csv, head_records, part_bytes)
        .expect("a whole input always gets a splitter");
    let mut parts: Vec<(std::ops::Range<usize>, PartStart)> = Vec::new();
    let (mut start, mut pos) = (0, 0);
    let mut at = PartStart { line: 1, record: 0 };
    while pos < input.len() {
        let end = (pos + feed).min(input.len());
        match splitter.cut(&input[pos..end]) {
            Some(cut) => {
                pos += cut.at;
                parts.push((start..pos, at));
                start = pos;
                at = cut.next;
            }
            None => pos = end,
        }
    }
    if start < input.len() || parts.is_empty() {
        parts.push((start..input.len(), at));
    }
    let head = &input[parts[0].0.clone()];
    let mut main = Masker::new(policy.clone(), opts.clone()).map_err(said)?;
    let mut out = Vec::new();
    main.push(head, &mut out).map_err(said)?;
    let mut pool: Vec<Option<Masker>> = (0..workers).map(|_| None).collect();
    let n = parts.len();
    for (i, (range, at)) in parts.iter().enumerate().skip(1) {
        let worker = match &mut pool[i % workers] {
            Some(w) => w,
            slot => {
                slot.insert(Masker::for_parts(policy.clone(), opts.clone(), head).map_err(said)?)
            }
        };
        worker.begin_part(*at).map_err(said)?;
        let mut o = Vec::new();
        worker.push(&input[range.clone()], &mut o).map_err(said)?;
        let tally = worker.end_part(&mut o, i + 1 == n).map_err(said)?;
        // Tallies cross a worker boundary as JSON in the JS hosts.
        let tally = serde_json::from_str(&serde_json::to_string(&tally).unwrap()).unwrap();
        main.absorb(&tally).map_err(said)?;
        main.audit_part(&input[range.clone()], &o);
        out.extend_from_slice(&o);
    }
    let report = main.finish(&mut out).map_err(said)?;
    Ok((out, report))
}

fn policies() -> Vec<(&'static str, Policy)> {
    [
        ("explicit", r#"{"version": 1, "columns": {"name": {"op": "hash"}, "email": {"op": "mask"}, "notes": {"op": "scrub"}, "income": {"op": "noise", "mechanism": "laplace", "epsilon": 0.5, "sensitivity": 1000, "step": 100}}}"#),
        ("keep", r#"{"version": 1, "default": {"op": "keep"}}"#),
        ("auto", r#"{"version": 1, "auto": true}"#),
        ("drop", r#"{"version": 1, "columns": {"email": {"op": "drop"}, "notes": {"op": "redact"}}, "default": {"op": "keep"}}"#),
    ]
    .into_iter()
    .map(|(n, p)| (n, Policy::from_json(p).unwrap()))
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn parts_give_one_pass_output_report_and_errors(
        rows in prop::collection::vec(row(4), 0..60),
        bom: bool,
        unclosed in prop::sample::select(vec![false, false, false, true]),
        sample_rows in 1usize..6,
        header in prop::sample::select(vec![Header::Auto, Header::Present, Header::Absent]),
        allow_ragged: bool,
        windows_1252: bool,
        audit: bool,
        write_bom: bool,
        escape_formulas: bool,
        part_bytes in 1usize..200,
        feed in 1usize..64,
        workers in 1usize..4,
    ) {
        let input = file(&rows, bom, unclosed);
        for (name, policy) in policies() {
            let opts = MaskOptions {
                key: Some(KEY.to_vec()),
                csv: CsvOptions {
                    allow_ragged,
                    encoding: if windows_1252 { Encoding::Windows1252 } else { Encoding::Utf8 },
                    ..CsvOptions::default()
                },
                header,
                sample_rows,
                audit,
                write: WriteOptions { bom: write_bom, escape_formulas, delimiter: write_bom.then_some(b';') },
                ..MaskOptions::default()
            };
            let whole = one_pass(&input, &policy, &opts);
            let parts = in_parts(&input, &policy, &opts, part_bytes, feed, workers);
            prop_assert_eq!(parts, whole, "policy {}", name);
        }
    }
}

#[test]
fn an_error_in_a_later_part_names_its_line_in_the_file() {
    let mut input = b"name,notes\n".to_vec();
    for i in 0..200 {
        input.extend_from_slice(format!("p{i},\"two\nlines\"\n").as_bytes());
    }
    input.extend_from_slice(b"only one field\n");
    let policy =
        Policy::from_json(r#"{"version": 1, "columns": {"notes": {"op": "scrub"}}}"#).unwrap();
    let opts = MaskOptions {
        sample_rows: 10,
        ..MaskOptions::default()
    };
    let mut s = Splitter::new(
        &input,
        true,
        &opts.csv,
        Masker::head_records(&policy, &opts),
        100,
    )
    .unwrap();
    let (mut cuts, mut rest) = (0, &input[..]);
    while let Some(cut) = s.cut(rest) {
        rest = &rest[cut.at..];
        cuts += 1;
    }
    assert!(cuts > 20, "{cuts} cuts");
    let parts = in_parts(&input, &policy, &opts, 100, 4096, 3).unwrap_err();
    assert_eq!(parts, one_pass(&input, &policy, &opts).unwrap_err());
    assert!(parts.contains("line Some(402)"), "{parts}");
}

#[test]
fn validation_and_tokenize_stay_in_one_pass() {
    let opts = MaskOptions::default();
    let validate =
        Policy::from_json(r#"{"version": 1, "validate": {"columns": {"id": {"unique": true}}}}"#)
            .unwrap();
    let tokenize =
        Policy::from_json(r#"{"version": 1, "columns": {"id": {"op": "tokenize"}}}"#).unwrap();
    assert!(Masker::unsplittable(&validate).is_some());
    assert!(Masker::unsplittable(&tokenize).is_some());
    assert!(Masker::for_parts(tokenize, opts, b"id\n1\n").is_err());
}

#[test]
fn a_file_with_bare_cr_line_endings_is_one_part() {
    let input = b"a,b\r1,2\r3,4\r".repeat(50);
    let mut s = Splitter::new(&input, true, &CsvOptions::default(), 2, 1).unwrap();
    assert_eq!(s.cut(&input), None);
}

#[test]
fn the_splitter_waits_for_the_sniff_sample() {
    // 64 KiB not reached and the input not complete: no dialect yet.
    assert!(Splitter::new(b"a,b\n1,2\n", false, &CsvOptions::default(), 2, 1).is_none());
}
