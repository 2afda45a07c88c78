//! Hostile and broken files (DESIGN promise 5): each gets a clear outcome
//! through both `Masker` and `scan`, never a crash or a hang; an error names
//! its line (and column, for a cell an operator cannot read). Scanning time
//! grows linearly with regex-hostile cells (compared at n and 4n, with a
//! generous bound, never an absolute time). The multi-GB file is measured by
//! hand: `node bench/bigfile.mjs`.

use std::time::{Duration, Instant};

use pii_mask::csv::Encoding;
use pii_mask::{
    scan, Error, ErrorKind, MaskOptions, Masker, Policy, Report, ScanOptions, ScanResult,
};

const KEY: &[u8] = b"hostile-test key of 32 bytes....";

fn policy(json: &str) -> Policy {
    Policy::from_json(json).expect("test policy parses")
}

fn keep_all() -> Policy {
    policy(r#"{"version": 1}"#)
}

fn opts() -> MaskOptions {
    MaskOptions {
        key: Some(KEY.to_vec()),
        header: pii_mask::Header::Present,
        ..MaskOptions::default()
    }
}

/// Masks `input` pushed in `chunk`-byte pieces.
fn mask_in(
    p: Policy,
    o: MaskOptions,
    input: &[u8],
    chunk: usize,
) -> Result<(Vec<u8>, Report), Error> {
    let mut m = Masker::new(p, o)?;
    let mut out = Vec::new();
    for piece in input.chunks(chunk.max(1)) {
        m.push(piece, &mut out)?;
    }
    let report = m.finish(&mut out)?;
    Ok((out, report))
}

fn mask(p: Policy, input: &[u8]) -> Result<(Vec<u8>, Report), Error> {
    mask_in(p, opts(), input, 7)
}

fn scan_all(input: &[u8]) -> Result<ScanResult, Error> {
    scan(input, ScanOptions::default())
}

// ------------------------------------------------------------ empty, header

#[test]
fn empty_file_gives_empty_output_and_no_columns() {
    let (out, report) = mask(keep_all(), b"").unwrap();
    assert!(out.is_empty());
    assert_eq!(report.rows, 0);
    assert!(report.columns.is_empty());
    let (out, _) = mask(Policy::auto(), b"").unwrap();
    assert!(out.is_empty());
    let s = scan_all(b"").unwrap();
    assert_eq!((s.rows, s.columns.len()), (0, 0));
    // Only blank lines: the same as empty.
    let (out, report) = mask(keep_all(), b"\n\r\n\n").unwrap();
    assert!(out.is_empty() && report.rows == 0);
}

#[test]
fn header_only_file_keeps_its_header_and_has_no_rows() {
    for p in [
        keep_all(),
        Policy::auto(),
        policy(r#"{"version":1,"columns":{"email":{"op":"mask"}}}"#),
    ] {
        let (out, report) = mask(p, b"name,email\n").unwrap();
        assert_eq!(out, b"name,email\n");
        assert_eq!(report.rows, 0);
        assert_eq!(report.columns.len(), 2);
    }
    // A header without a final newline.
    let (out, _) = mask(keep_all(), b"name,email").unwrap();
    assert_eq!(out, b"name,email\n");
    let s = scan_all(b"name,email\n").unwrap();
    assert_eq!(s.rows, 0);
    assert_eq!(s.columns.len(), 2);
    // The policy is still checked against the header.
    let err = mask(
        policy(r#"{"version":1,"columns":{"mail":{"op":"mask"}}}"#),
        b"name,email\n",
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("\"mail\" is not in the header"),
        "{err}"
    );
}

// ------------------------------------------------------- malformed structure

#[test]
fn unclosed_quote_names_the_line_where_the_field_starts() {
    let input = b"id,notes\n1,fine\n2,\"starts here\nand never\nends\n";
    for p in [keep_all(), Policy::auto()] {
        let err = mask(p, input).unwrap_err();
        assert_eq!(
            (err.kind(), err.line()),
            (ErrorKind::UnclosedQuote, Some(3))
        );
        assert_eq!(
            err.to_string(),
            "line 3: unclosed quote: the quoted field that starts here never ends"
        );
    }
    let err = scan_all(input).unwrap_err();
    assert_eq!((err.code(), err.line()), ("unclosed_quote", Some(3)));
}

#[test]
fn ragged_rows_name_their_line_unless_allowed() {
    let input = b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n";
    let err = mask(keep_all(), input).unwrap_err();
    assert_eq!((err.kind(), err.line()), (ErrorKind::RaggedRow, Some(3)));
    assert!(
        err.to_string()
            .starts_with("line 3: expected 3 fields, found 2"),
        "{err}"
    );
    assert_eq!(scan_all(input).unwrap_err().line(), Some(3));
    let allowed = MaskOptions {
        allow_ragged: true,
        ..opts()
    };
    let (out, report) = mask_in(keep_all(), allowed, input, 5).unwrap();
    assert_eq!(out, input);
    assert_eq!(report.rows, 3);
    let s = scan(
        input,
        ScanOptions {
            allow_ragged: true,
            ..ScanOptions::default()
        },
    )
    .unwrap();
    assert_eq!(s.rows, 3);
}

#[test]
fn deeply_quoted_fields_unescape_and_round_trip() {
    // Fields made of nothing but doubled quotes, quotes around delimiters
    // and newlines, and a quote-heavy cell 200k bytes long.
    let long = "\"".repeat(100_000);
    let long_csv = format!("\"{}\"", long.replace('"', "\"\""));
    let input = format!("a,b\n\"\"\"\"\"\"\"\"\"\"\"\",\"\"\"a,b\"\"\nc\"\"\"\n\"\",{long_csv}\n");
    let (out, report) = mask(keep_all(), input.as_bytes()).unwrap();
    assert_eq!(report.rows, 2);
    let rows = pii_mask::csv::read_all(&out, &Default::default()).unwrap();
    let original = pii_mask::csv::read_all(input.as_bytes(), &Default::default()).unwrap();
    assert!(rows == original, "kept quoted fields read back the same");
    assert_eq!(rows[1][0], b"\"\"\"\"\"");
    assert_eq!(rows[1][1], b"\"a,b\"\nc\"");
    assert!(
        rows[2][1] == long.as_bytes(),
        "the 100k-quote cell reads back"
    );
    // Scrubbed, the quotes stay text, and nothing breaks out of the cell.
    let (out, _) = mask(
        policy(r#"{"version":1,"default":{"op":"scrub"}}"#),
        input.as_bytes(),
    )
    .unwrap();
    let rows = pii_mask::csv::read_all(&out, &Default::default()).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 2));
    assert!(scan_all(input.as_bytes()).is_ok());
}

// --------------------------------------------------------------- bad bytes

#[test]
fn invalid_utf8_passes_through_kept_and_hashed_columns() {
    let input = b"name,notes\nAnn,\xff\xfe caf\xe9\n";
    let (out, _) = mask(keep_all(), input).unwrap();
    assert_eq!(out, input, "kept bytes are not decoded");
    let (out, report) = mask(
        policy(r#"{"version":1,"columns":{"notes":{"op":"hash"}}}"#),
        input,
    )
    .unwrap();
    assert!(out.starts_with(b"name,notes\nAnn,"));
    assert_eq!(report.columns[1].changed, 1);
    let (out, _) = mask(
        policy(r#"{"version":1,"columns":{"notes":{"op":"redact"}}}"#),
        input,
    )
    .unwrap();
    assert_eq!(out, b"name,notes\nAnn,[REDACTED]\n");
    let s = scan_all(input).unwrap();
    assert_eq!(s.rows, 1);
}

#[test]
fn the_scan_names_the_first_line_that_is_not_utf8() {
    let input = b"name,notes\nAnn,fine\nBo,caf\xe9\nCy,\xff\n";
    assert_eq!(scan_all(input).unwrap().invalid_utf8_line, Some(3));
    assert_eq!(scan_all(b"a\nok\n").unwrap().invalid_utf8_line, None);
    let header = scan_all(b"caf\xe9\n1\n").unwrap();
    assert_eq!(header.invalid_utf8_line, Some(1), "the header counts");
}

#[test]
fn windows_1252_when_chosen_is_decoded_and_masked_as_text() {
    // "José Müller", "café – 12 €" as older Excel saves them ("ANSI").
    let input = b"name,email,notes\nJos\xe9 M\xfcller,jose@example.com,caf\xe9 \x96 12 \x80\n";
    let p = policy(r#"{"version":1,"columns":{"email":{"op":"mask"},"notes":{"op":"scrub"}}}"#);
    assert!(
        mask(p.clone(), input).is_err(),
        "read as UTF-8 it is refused"
    );
    let o = MaskOptions {
        encoding: Encoding::Windows1252,
        ..opts()
    };
    let whole = mask_in(p.clone(), o.clone(), input, usize::MAX).unwrap();
    let text = String::from_utf8(whole.0.clone()).expect("output is UTF-8");
    assert_eq!(
        text,
        "name,email,notes\nJosé Müller,****@example.com,café – 12 €\n"
    );
    for chunk in [1, 2, 5] {
        assert_eq!(
            mask_in(p.clone(), o.clone(), input, chunk).unwrap().0,
            whole.0
        );
    }
    let s = scan(
        input,
        ScanOptions {
            encoding: Encoding::Windows1252,
            ..ScanOptions::default()
        },
    )
    .unwrap();
    assert_eq!(s.invalid_utf8_line, None);
    assert_eq!(
        s.columns[1].entity.map(|e| e.as_str()),
        Some("EMAIL_ADDRESS")
    );
}

#[test]
fn invalid_utf8_in_a_text_operator_column_names_line_and_column() {
    let input = b"name,notes\nAnn,fine\nBo,fine too\nCy,\xff\xfe caf\xe9\n";
    for op in ["mask", "scrub"] {
        let p = policy(&format!(
            r#"{{"version":1,"columns":{{"notes":{{"op":"{op}"}}}}}}"#
        ));
        let err = mask(p, input).unwrap_err();
        assert_eq!(
            (err.kind(), err.line(), err.column()),
            (ErrorKind::InvalidUtf8, Some(4), Some("notes")),
            "{op}"
        );
        let msg = err.to_string();
        assert!(
            msg.starts_with("line 4, column notes: cell is not valid UTF-8 text")
                && msg.contains("Windows-1252"),
            "{msg}"
        );
    }
    // Without a header the column is named by its index.
    let p = policy(r##"{"version":1,"columns":{"#1":{"op":"scrub"}}}"##);
    let o = MaskOptions {
        header: pii_mask::Header::Absent,
        ..opts()
    };
    let err = mask_in(p, o, input, 3).unwrap_err();
    assert_eq!(
        (err.code(), err.line(), err.column()),
        ("invalid_utf8", Some(4), Some("#1"))
    );
}

#[test]
fn nul_bytes_are_ordinary_bytes() {
    let input = b"id,notes\n\x001\x00,a\x00b ann@example.com\x00\n2,\x00\x00\x00\n";
    let (out, report) = mask(keep_all(), input).unwrap();
    assert_eq!(out, input);
    assert_eq!(report.rows, 2);
    let (out, _) = mask(
        policy(r#"{"version":1,"columns":{"notes":{"op":"scrub"}}}"#),
        input,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("a\0b [EMAIL_ADDRESS]\0"), "{text:?}");
    assert!(!text.contains("ann@example.com"));
    assert_eq!(scan_all(input).unwrap().rows, 2);
    // A NUL where a delimiter is expected is not a delimiter.
    let (out, report) = mask(keep_all(), b"a\x00b\n1\x002\n").unwrap();
    assert_eq!(
        (out.as_slice(), report.columns.len()),
        (&b"a\x00b\n1\x002\n"[..], 1)
    );
}

// -------------------------------------------------------------------- size

/// A 50 MB field, generated and pushed in 1 MiB chunks, never whole in the
/// test's memory: it must come out redacted (or hashed) as one cell.
#[test]
fn a_50_mb_single_field_streams_through() {
    const FIELD: usize = 50 * 1000 * 1000;
    const CHUNK: usize = 1 << 20;
    let run = |p: Policy| {
        let mut m = Masker::new(p, opts()).unwrap();
        let mut out = Vec::new();
        m.push(b"id,blob,tail\n1,\"", &mut out).unwrap();
        let piece: Vec<u8> = b"lorem ipsum, \"\"quoted\"\" ann@example.com\n"
            .iter()
            .copied()
            .cycle()
            .take(CHUNK)
            .collect();
        let mut sent = 0;
        while sent < FIELD {
            m.push(&piece, &mut out).unwrap();
            sent += piece.len();
            assert!(
                out.len() < 64,
                "output held back until the record ends: {} bytes",
                out.len()
            );
        }
        m.push(b"\",end\n2,short,end\n", &mut out).unwrap();
        let report = m.finish(&mut out).unwrap();
        (out, report)
    };
    let (out, report) = run(policy(
        r#"{"version":1,"columns":{"blob":{"op":"redact"}}}"#,
    ));
    assert_eq!(out, b"id,blob,tail\n1,[REDACTED],end\n2,[REDACTED],end\n");
    assert_eq!(report.rows, 2);
    let (out, _) = run(policy(
        r#"{"version":1,"columns":{"blob":{"op":"hash","length":8}}}"#,
    ));
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("1,") && lines[1].ends_with(",end") && lines[1].len() == 2 + 8 + 4,
        "{}",
        lines[1]
    );
}

#[test]
fn a_hundred_thousand_columns() {
    const N: usize = 100_000;
    let header: Vec<String> = (0..N).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..N)
        .map(|i| {
            if i % 1000 == 7 {
                format!("u{i}@example.com")
            } else {
                i.to_string()
            }
        })
        .collect();
    let input = format!(
        "{}\n{}\n{}\n",
        header.join(","),
        row.join(","),
        row.join(",")
    );
    let p = policy(r##"{"version":1,"columns":{"#99999":{"op":"redact"},"c7":{"op":"mask"}}}"##);
    let (out, report) = mask_in(p, opts(), input.as_bytes(), 1 << 16).unwrap();
    assert_eq!(report.rows, 2);
    assert_eq!(report.columns.len(), N);
    let text = String::from_utf8(out).unwrap();
    let second = text.lines().nth(1).unwrap();
    assert!(
        second.starts_with("0,1,2,3,4,5,6,**@example.com,8,"),
        "{}",
        &second[..40]
    );
    assert!(second.ends_with(",99998,[REDACTED]"));
    let s = scan_all(input.as_bytes()).unwrap();
    assert_eq!(s.columns.len(), N);
    assert_eq!(s.columns[7].suggested.name(), "mask");
    let (_, report) = mask_in(Policy::auto(), opts(), input.as_bytes(), 1 << 16).unwrap();
    assert_eq!(report.columns[7].op, "mask");
    // A ragged row in a wide file names its line.
    let bad = format!("{}\n{}\n1,2\n", header.join(","), row.join(","));
    let err = mask(keep_all(), bad.as_bytes()).unwrap_err();
    assert_eq!((err.kind(), err.line()), (ErrorKind::RaggedRow, Some(3)));
    assert!(err
        .to_string()
        .contains(&format!("expected {N} fields, found 2")));
}

// ------------------------------------------------- regex-hostile, linear time

/// The quickest of three runs of `f`.
fn fastest(f: impl Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// One cell holding `cell`, scanned (classification reads every cell whole
/// and looks for PII inside it) and scrubbed.
fn scan_and_scrub(cell: &str) {
    let csv = format!("notes\n\"{}\"\n", cell.replace('"', "\"\""));
    scan_all(csv.as_bytes()).expect("scan");
    let p = policy(r#"{"version":1,"columns":{"notes":{"op":"scrub"}}}"#);
    let (_, report) = mask_in(p, opts(), csv.as_bytes(), 1 << 16).expect("scrub");
    assert_eq!(report.rows, 1);
}

/// Time at 4n over time at n, for a cell built by repeating `unit`.
fn growth(unit: &str, n: usize) -> (f64, Duration) {
    let make = |len: usize| unit.repeat(len / unit.len());
    let (small, large) = (make(n), make(4 * n));
    scan_and_scrub(&small); // warm the detector up
    let a = fastest(|| scan_and_scrub(&small));
    let b = fastest(|| scan_and_scrub(&large));
    (b.as_secs_f64() / a.as_secs_f64().max(1e-6), b)
}

const HOSTILE: &[&str] = &[
    "7",    // 100k digits
    "@",    // 100k at signs
    ".",    // 100k dots
    "a.",   // a domain that never ends
    "a@",   // emails that never close
    "a.a@", // local parts and domains in turn
    "1-",   // phone-like runs
    "1 ",   // digit groups
    "+1 ",  // international prefixes
    "a:",   // IPv6-like
    "1:",   // IPv6-like, digits
    "ab:",  // MAC-like
    "01/",  // dates without end
    "www.", // URL prefixes
    "ghp_", // token prefixes
    "eyJ.", // JWT prefixes
    "Ann ", // names, name, name, ...
    "é",    // non-ASCII
    "\"",   // quotes (doubled in the CSV)
];

#[test]
fn regex_hostile_cells_scan_in_linear_time() {
    const N: usize = 20_000;
    let mut report = Vec::new();
    for unit in HOSTILE {
        // A second measurement before calling it quadratic (which would
        // be ~16): a busy machine can slow one run down.
        let (mut ratio, mut at_4n) = growth(unit, N);
        if ratio >= 10.0 {
            (ratio, at_4n) = growth(unit, N);
        }
        report.push(format!(
            "{unit:?}: 4n/n = {ratio:.1} ({:.0} ms at 4n)",
            at_4n.as_secs_f64() * 1e3
        ));
        assert!(
            ratio < 10.0,
            "scanning {unit:?} repeated grows super-linearly: 4x the input took {ratio:.1}x the time\n{}",
            report.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// A run of dotted numbers (`1.1.1.1.1...`, a version string gone wild)
/// makes `detect::find` quadratic: every position starts an IPv4 candidate
/// that is rejected as part of a dotted run, and the next search from one
/// byte on scans to the end of the run again (the domain pattern stays
/// alive). 40 KB takes ~1.8 s in release; a 1 MB cell would take ~20 min.
#[test]
fn dotted_number_runs_scan_in_linear_time() {
    let (ratio, _) = growth("1.", 5_000);
    assert!(
        ratio < 10.0,
        "\"1.\" repeated: 4x the input took {ratio:.1}x the time"
    );
}

/// URLs glued together (`http://ahttp://a...`) make `detect::find`
/// quadratic the same way: each candidate runs to the end of the run and is
/// rejected, and the next search starts one byte on. 80 KB takes ~1.6 s in
/// release.
#[test]
fn glued_urls_scan_in_linear_time() {
    let (ratio, _) = growth("http://a", 5_000);
    assert!(
        ratio < 10.0,
        "\"http://a\" repeated: 4x the input took {ratio:.1}x the time"
    );
}

// ------------------------------------------------------------- fuzz finds

/// Found by the `pipeline` fuzz target: with ragged rows allowed, a row
/// whose every cell falls in dropped columns is written as an empty line,
/// which CSV readers skip; when it is the header (narrower than the data,
/// under `auto`), the first data row is read as the header instead.
#[test]
fn a_row_whose_cells_are_all_dropped_does_not_vanish() {
    let p = policy(
        r##"{"version":1,"default":{"op":"drop"},"auto":true,"columns":{"#0":{"op":"drop"}}}"##,
    );
    let o = MaskOptions {
        allow_ragged: true,
        sample_rows: 2,
        ..opts()
    };
    let (out, report) = mask_in(p, o, b"a\nx\ny,\n", 64).unwrap();
    assert_eq!(report.rows, 2);
    let rows = pii_mask::csv::read_all(
        &out,
        &pii_mask::csv::ReadOptions {
            delimiter: Some(b','),
            allow_ragged: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        rows.len(),
        3,
        "header and two rows, got {:?}",
        String::from_utf8_lossy(&out)
    );
}

/// Found by the `pipeline` fuzz target: header names are decoded lossily to
/// name columns and written back from that, so a header cell that is not
/// UTF-8 comes out changed (U+FFFD) even when its column is kept.
#[test]
fn a_non_utf8_header_name_is_kept_byte_for_byte() {
    let input = b"caf\xe9,id\n1,2\n";
    let (out, _) = mask(keep_all(), input).unwrap();
    assert_eq!(out, input);
}

/// Found by the `csv_reader` fuzz target: a BOM after 20 or more blank
/// lines is stripped when the input arrives in one piece (csv-core strips a
/// BOM at the start of what it is fed, after the reader skipped the blank
/// lines) but kept when it arrives a byte at a time.
#[test]
fn a_bom_after_blank_lines_does_not_depend_on_chunking() {
    let input = [&b"\n".repeat(20)[..], b"\xEF\xBB\xBFa,b\n1,2\n"].concat();
    let whole = mask_in(keep_all(), opts(), &input, input.len()).unwrap();
    let bytewise = mask_in(keep_all(), opts(), &input, 1).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&whole.0),
        String::from_utf8_lossy(&bytewise.0)
    );
}
