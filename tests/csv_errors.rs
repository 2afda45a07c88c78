//! CSV edges and errors (DESIGN promise 5): bad input gets an error that
//! names the line, in `read_all` and in the streaming masker at any chunk
//! size; the BOM, line endings, delimiters, embedded newlines, header-only
//! and empty files behave as documented.

mod common;

use common::*;
use pii_mask::csv::{read_all, sniff_delimiter, CsvOptions};
use pii_mask::{scan, ScanOptions};

fn rows(input: &[u8], opts: &CsvOptions) -> Vec<Vec<String>> {
    rows_to_strings(&read_all(input, opts).unwrap_or_else(|e| panic!("{e} for {}", show(input))))
}

fn v(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// Asserts `input` is refused naming `line`, by read_all and by the masker
/// (whole, 1-byte and 4-byte chunks).
fn assert_error_at(input: &[u8], line: u64, what: &str) {
    let err = read_all(input, &CsvOptions::default()).expect_err(what);
    assert_eq!(err.line(), Some(line), "{what}: read_all error {err}");
    assert!(
        err.to_string().contains(&format!("line {line}")),
        "{what}: message {err:?} should name line {line}"
    );
    for size in [usize::MAX, 1, 4] {
        let err = mask_chunked(KEEP_ALL, &Opts::default(), input, size)
            .err()
            .unwrap_or_else(|| panic!("{what}: masker (chunk {size}) accepted {}", show(input)));
        assert_eq!(
            err.line(),
            Some(line),
            "{what}: masker (chunk {size}) error {err}"
        );
        assert!(
            err.to_string().contains(&format!("line {line}")),
            "{what}: masker message {err}"
        );
    }
}

#[test]
fn unclosed_quote_at_eof_names_the_line_where_the_record_starts() {
    assert_error_at(
        b"a,b\n1,2\n3,\"x\ny\nz",
        3,
        "unclosed quote after two lines",
    );
    assert_error_at(b"a,b\n\"", 2, "lone quote on the last line");
    // The quoted field opened on line 2 spans lines 2-4; the open one starts on 5.
    assert_error_at(
        b"a,b\n\"1\n2\n3\",x\n\"open,y\n",
        5,
        "after a multi-line field",
    );
    assert_error_at(b"a,b\r\n1,2\r\n3,\"never closed\r\n", 3, "CRLF file");
}

#[test]
fn ragged_row_names_its_line_and_is_accepted_when_allowed() {
    assert_error_at(b"a,b\n1,2\n3,4,5\n", 3, "too many fields");
    assert_error_at(b"a,b,c\n1,2,3\n4,5\n", 3, "too few fields");
    // Lines are physical lines: the embedded newline counts.
    assert_error_at(b"a,b\n\"x\ny\",2\n3\n", 4, "after an embedded newline");
    let allowed = CsvOptions {
        delimiter: None,
        allow_ragged: true,
        ..Default::default()
    };
    assert_eq!(
        rows(b"a,b\n1,2\n3,4,5\n6\n", &allowed),
        v(&[&["a", "b"], &["1", "2"], &["3", "4", "5"], &["6"]])
    );
    let opts = Opts {
        allow_ragged: true,
        ..Opts::default()
    };
    let (out, report) =
        mask_once(KEEP_ALL, &opts, b"a,b\n1,2\n3,4,5\n6\n").expect("ragged allowed");
    assert_eq!(
        rows(&out, &allowed),
        v(&[&["a", "b"], &["1", "2"], &["3", "4", "5"], &["6"]])
    );
    assert_eq!(report["rows"], 3);
}

#[test]
fn bom_is_stripped_even_when_split_across_chunks() {
    let input = b"\xEF\xBB\xBFemail,id\nann@example.com,1\n";
    assert_eq!(
        rows(input, &CsvOptions::default()),
        v(&[&["email", "id"], &["ann@example.com", "1"]])
    );
    // The header name is "email", not "\u{FEFF}email": a policy naming it works.
    let policy = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"email":{"op":"redact","text":"x"}}}"#;
    for cuts in [&[1usize, 2, 3][..], &[1], &[2], &[3], &[]] {
        let (out, _) = mask_with_cuts(policy, &Opts::default(), input, cuts)
            .unwrap_or_else(|e| panic!("cuts {cuts:?}: {e}"));
        assert_eq!(show(&out), show(b"email,id\nx,1\n"), "cuts {cuts:?}");
    }
    // A BOM alone is an empty file.
    let (out, _) =
        mask_with_cuts(KEEP_ALL, &Opts::default(), b"\xEF\xBB\xBF", &[1, 2]).expect("BOM only");
    assert_eq!(show(&out), show(b""));
    // U+FEFE starts with the BOM's first two bytes (EF BB BE) but is data.
    let input = "\u{FEFE}a,b\n1,2\n".as_bytes();
    let (out, _) =
        mask_with_cuts(KEEP_ALL, &Opts::default(), input, &[1, 2]).expect("U+FEFE is data");
    assert_eq!(show(&out), show(input));
}

#[test]
fn delimiter_is_sniffed_among_comma_semicolon_tab_pipe() {
    let cases: &[(&[u8], u8)] = &[
        (b"name;email;city\nAnn;ann@example.com;Paris, FR\nBob;bob@example.com;Lyon\n", b';'),
        (b"name\temail\tcity\nAnn\tann@example.com\tParis, FR\nBob\tbob@example.com\tLyon\n", b'\t'),
        (b"name|email|city\nAnn|ann@example.com|Paris, FR\nBob|bob@example.com|Lyon\n", b'|'),
        (b"name,email,city\nAnn,ann@example.com,\"Paris, FR; 75001\"\nBob,bob@example.com,Lyon\n", b','),
    ];
    for (input, d) in cases {
        assert_eq!(sniff_delimiter(input), *d, "sniffing {}", show(input));
        let r = rows(input, &CsvOptions::default());
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|row| row.len() == 3), "{r:?}");
        // The masker sniffs the same and writes the file back in that delimiter.
        let (out, _) = mask_chunked(KEEP_ALL, &Opts::default(), input, 2).expect("masks");
        assert_eq!(
            show(&out),
            show(input),
            "keep-all with sniffed {:?}",
            *d as char
        );
        let scanned =
            serde_json::to_value(scan(input, ScanOptions::default()).expect("scans")).unwrap();
        let reported = &scanned["delimiter"];
        assert!(
            *reported == serde_json::json!((*d as char).to_string())
                || *reported == serde_json::json!(*d),
            "scan reports delimiter {reported} for {:?}",
            *d as char
        );
    }
}

#[test]
fn line_endings_are_preserved() {
    for input in [
        &b"a,b\r\n1,2\r\n3,4\r\n"[..],
        b"a,b\n1,2\n3,4\n",
        b"a,b\r1,2\r3,4\r",
    ] {
        for size in [usize::MAX, 1] {
            let (out, _) = mask_chunked(KEEP_ALL, &Opts::default(), input, size).expect("masks");
            assert_eq!(show(&out), show(input), "chunk {size}");
        }
    }
    // A masked column does not change the line ending either.
    let policy = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"b":{"op":"redact","text":"R"}}}"#;
    let (out, _) = mask_once(policy, &Opts::default(), b"a,b\r\n1,2\r\n").expect("masks");
    assert_eq!(show(&out), show(b"a,b\r\n1,R\r\n"));
}

#[test]
fn quoted_fields_with_embedded_newlines_round_trip() {
    let input = "id,notes\r\n1,\"line one\nline two\"\r\n2,\"with \"\"quotes\"\", commas\r\nand CRLF\"\r\n3,\"é日本😀\"\r\n";
    let opts = CsvOptions::default();
    assert_eq!(
        rows(input.as_bytes(), &opts),
        v(&[
            &["id", "notes"],
            &["1", "line one\nline two"],
            &["2", "with \"quotes\", commas\r\nand CRLF"],
            &["3", "é日本😀"]
        ])
    );
    let (out, _) = mask_chunked(KEEP_ALL, &Opts::default(), input.as_bytes(), 3).expect("masks");
    // Quoting is normalised to "only where needed": row 3 loses its quotes.
    let want = input.replace("\"é日本😀\"", "é日本😀");
    assert_eq!(show(&out), show(want.as_bytes()));
    assert_eq!(rows(&out, &opts), rows(input.as_bytes(), &opts));
}

#[test]
fn header_only_file() {
    let policy = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"email":{"op":"mask"},"name":{"op":"drop"}}}"#;
    let (out, report) =
        mask_once(policy, &Opts::default(), b"email,name,city\n").expect("header only");
    assert_eq!(show(&out), show(b"email,city\n"));
    assert_eq!(report["rows"], 0);
    let (out, _) =
        mask_once(KEEP_ALL, &Opts::default(), b"email,name").expect("header only, no newline");
    assert!(
        out == b"email,name" || out == b"email,name\n",
        "{}",
        show(&out)
    );
    let scanned =
        serde_json::to_value(scan(b"email,name\n", ScanOptions::default()).expect("scans"))
            .unwrap();
    assert_eq!(scanned["rows"], 0);
}

#[test]
fn empty_file() {
    for input in [&b""[..], b"\n", b"\r\n\r\n"] {
        assert_eq!(
            rows(input, &CsvOptions::default()),
            Vec::<Vec<String>>::new(),
            "{}",
            show(input)
        );
        let (out, report) =
            mask_once(KEEP_ALL, &Opts::default(), input).expect("empty input is fine");
        assert_eq!(show(&out), show(b""));
        assert_eq!(report["rows"], 0);
    }
    let scanned = serde_json::to_value(scan(b"", ScanOptions::default()).expect("scans")).unwrap();
    assert_eq!(scanned["rows"], 0);
}

#[test]
fn blank_lines_are_skipped() {
    let input = b"a,b\n\n1,2\r\n\r\n3,4\n\n";
    assert_eq!(
        rows(input, &CsvOptions::default()),
        v(&[&["a", "b"], &["1", "2"], &["3", "4"]])
    );
}

#[test]
fn kept_columns_keep_their_exact_content() {
    // Leading/trailing spaces, quotes, non-ASCII and look-alike PII in kept columns are untouched.
    let input = "version,note\n10.2.0.1,\" padded \"\n1.2.3,\"say \"\"hi\"\"\"\n";
    let (out, _) = mask_once(KEEP_ALL, &Opts::default(), input.as_bytes()).expect("masks");
    assert_eq!(
        rows(&out, &CsvOptions::default()),
        rows(input.as_bytes(), &CsvOptions::default())
    );
}

#[test]
fn policy_errors_say_which_part_is_wrong() {
    let input = b"email,name\na@example.com,Ann\n";
    let bad_op =
        r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"email":{"op":"shred"}}}"#;
    let err = mask_once(bad_op, &Opts::default(), input).expect_err("unknown operator");
    assert!(
        err.to_string().contains("shred"),
        "should name the operator: {err}"
    );
    let bad_col =
        r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"emial":{"op":"mask"}}}"#;
    let err = mask_once(bad_col, &Opts::default(), input).expect_err("unknown column");
    assert!(
        err.to_string().contains("emial"),
        "should name the column: {err}"
    );
    let bad_version = r#"{"version":99,"default":{"op":"keep"},"auto":false,"columns":{}}"#;
    let err = mask_once(bad_version, &Opts::default(), input).expect_err("unknown version");
    assert!(
        err.to_string().contains("version"),
        "should name the version: {err}"
    );
}

/// Invalid UTF-8 in a kept column passes through untouched (bytes in, bytes
/// out); in a column an operator must read it is an error naming the line,
/// never a panic.
#[test]
fn invalid_utf8_is_an_error_only_where_text_is_needed() {
    let input = b"id,notes\n1,ok\n2,caf\xE9\n";
    let (out, _) = mask_once(KEEP_ALL, &Opts::default(), input).expect("kept bytes pass through");
    assert_eq!(out, input.to_vec());
    let scrub =
        r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{"notes":{"op":"scrub"}}}"#;
    match mask_once(scrub, &Opts::default(), input) {
        Ok((out, _)) => assert!(!out.is_empty()),
        Err(e) => assert_eq!(e.line(), Some(3), "{e}"),
    }
}
