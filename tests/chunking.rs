//! Chunk invariance (DESIGN promise 3): the same input, policy and key give
//! the same output bytes and the same report however the input is cut into
//! chunks — including 1-byte chunks, cuts inside a CRLF, inside a quoted
//! field, inside a multi-byte UTF-8 character and inside the BOM — and an
//! input that is an error is an error at every cut, with the same message.
//! The scanner obeys the same rule.

mod common;

use common::*;
use pii_mask::{scan, ScanOptions, Scanner};
use proptest::prelude::*;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

/// Header names, in order; a generated file has the first `ncols` of them.
const COLS: &[&str] = &["id", "email", "name", "notes", "phone", "card"];

/// Building blocks of a cell: plain text, separators that force quoting,
/// multi-byte UTF-8, and PII the detectors should find.
const PIECES: &[&str] = &[
    "alpha",
    "Bob",
    "x",
    " ",
    "42",
    "",
    ",",
    ";",
    "\t",
    "|",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "é",
    "Zoë",
    "日本",
    "😀",
    "naïve café",
    "ann.lee@example.com",
    "j.doe+tag@mail.example.org",
    "+1 415 555 0132",
    "(212) 555-0147",
    "4111 1111 1111 1111",
    "4012-8888-8888-1881",
    "DE89 3704 0044 0532 0130 00",
    "078-05-1124",
    "192.168.10.7",
    "https://example.com/a?b=1",
    "2021-05-21",
    "00:1A:2B:3C:4D:5E",
    "Call me at ",
    " or mail ",
    ".",
];

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..4).prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
struct CsvFile {
    bytes: Vec<u8>,
    delimiter: u8,
    ncols: usize,
}

/// Writes a cell, quoting when needed (or sometimes anyway).
fn write_cell(out: &mut Vec<u8>, cell: &str, delim: u8, force_quote: bool) {
    let needs = cell
        .bytes()
        .any(|b| b == delim || b == b'"' || b == b'\r' || b == b'\n');
    if needs || force_quote {
        out.push(b'"');
        out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(cell.as_bytes());
    }
}

fn csv_file() -> impl Strategy<Value = CsvFile> {
    (
        2usize..=COLS.len(),
        prop::sample::select(vec![b',', b';', b'\t', b'|']),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(), // BOM
        any::<bool>(), // trailing terminator
        0usize..4,     // blank lines to sprinkle
    )
        .prop_flat_map(|(ncols, delim, term, bom, trailing, blanks)| {
            (
                prop::collection::vec(
                    (
                        prop::collection::vec(cell(), ncols),
                        prop::collection::vec(any::<bool>(), ncols),
                    ),
                    0..8,
                ),
                Just((ncols, delim, term, bom, trailing, blanks)),
                prop::collection::vec(any::<prop::sample::Index>(), 4),
            )
        })
        .prop_map(
            |(rows, (ncols, delim, term, bom, trailing, blanks), blank_at)| {
                let mut out = Vec::new();
                if bom {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                }
                let header: Vec<&str> = COLS[..ncols].to_vec();
                out.extend_from_slice(header.join(&(delim as char).to_string()).as_bytes());
                let blank_rows: Vec<usize> = blank_at
                    .iter()
                    .take(blanks)
                    .map(|i| i.index(rows.len() + 1))
                    .collect();
                for (r, (cells, quote)) in rows.iter().enumerate() {
                    out.extend_from_slice(term.as_bytes());
                    if blank_rows.contains(&r) {
                        out.extend_from_slice(term.as_bytes());
                    }
                    for (c, cell) in cells.iter().enumerate() {
                        if c > 0 {
                            out.push(delim);
                        }
                        // A lone empty unquoted cell would be a blank line: quote it.
                        let force = quote[c] || (ncols == 1 && cell.is_empty());
                        write_cell(&mut out, cell, delim, force);
                    }
                }
                if trailing {
                    out.extend_from_slice(term.as_bytes());
                }
                CsvFile {
                    bytes: out,
                    delimiter: delim,
                    ncols,
                }
            },
        )
}

/// Cut positions: random ones, every byte, or the adversarial set (after
/// every CR, inside every multi-byte character, inside the BOM).
fn cuts_for(input: &[u8], mode: u8, random: &[prop::sample::Index]) -> Vec<usize> {
    match mode {
        0 => (1..input.len()).collect(),
        1 => (1..input.len())
            .filter(|&p| input[p - 1] == b'\r' || (input[p] & 0xC0) == 0x80 || p < 3)
            .collect(),
        _ => random.iter().map(|i| i.index(input.len() + 1)).collect(),
    }
}

/// Operators `op_json` picks from.
const OPS: u8 = 17;

fn op_json(op: u8) -> &'static str {
    match op % OPS {
        0 => r#"{"op":"keep"}"#,
        1 => r#"{"op":"drop"}"#,
        2 => r#"{"op":"redact"}"#,
        3 => r#"{"op":"mask"}"#,
        4 => r#"{"op":"hash","length":16}"#,
        5 => r#"{"op":"scrub"}"#,
        6 => r#"{"op":"redact","text":"<gone>"}"#,
        7 => r#"{"op":"noise","mechanism":"laplace","epsilon":0.5,"sensitivity":1,"step":0.5}"#,
        8 => r#"{"op":"generalize","to":"band","width":10,"max":90}"#,
        9 => r#"{"op":"generalize","to":"round","step":0.25}"#,
        10 => r#"{"op":"tokenize"}"#,
        // Reads another column's original value (which may be masked too).
        12 => r#"{"op":"date_shift","by":"id","days":400}"#,
        13 => r##"{"op":"date_shift","by":"#1","days":3,"allow_zero":true}"##,
        14 => r#"{"op":"truncate","max":3}"#,
        15 => r#"{"op":"tokenize","style":"surrogate"}"#,
        16 => r#"{"op":"scrub","replace":"tokenize","style":"surrogate"}"#,
        _ => r#"{"op":"scrub","replace":"tokenize"}"#,
    }
}

/// Validation rules for a generated column (the pieces include numbers,
/// dates, emails, empties and copies, so each rule passes and fails).
fn rule_json(rule: u8) -> &'static str {
    match rule % 8 {
        0 => r#"{"type":"integer","min":0,"max":100}"#,
        1 => r#"{"type":"email","unique":true}"#,
        2 => r#"{"type":"date"}"#,
        3 => r#"{"required":true,"max_length":6}"#,
        4 => r#"{"pattern":"[a-zA-Z ]*","min_length":1}"#,
        5 => r#"{"type":"enum","values":["x","Bob","alpha"]}"#,
        6 => r#"{"type":"number","min":-1.5,"unique":true}"#,
        _ => r#"{"unique":true}"#,
    }
}

/// Adds a `validate` section to `policy` (mode by `mode`, rules from
/// `rules` for the first `ncols` columns); `mode % 4 == 3` adds none.
fn with_validation(policy: &str, ncols: usize, mode: u8, rules: &[u8]) -> String {
    let mode = match mode % 4 {
        0 => "reject",
        1 => "drop",
        2 => "flag",
        _ => return policy.to_string(),
    };
    let cols: Vec<String> = (0..ncols)
        .filter(|i| rules[*i] % 3 != 0)
        .map(|i| format!("{:?}:{}", COLS[i], rule_json(rules[i] / 3)))
        .collect();
    let section = format!(
        r#""validate":{{"mode":"{mode}","max_problems":3,"columns":{{{}}}}}"#,
        cols.join(",")
    );
    // The policy is one JSON object: insert before its closing brace.
    let body = policy.trim_end();
    format!("{},{}}}", &body[..body.len() - 1], section)
}

/// A policy for the first `ncols` columns: all keep, auto, or a random mix.
fn policy_for(ncols: usize, kind: u8, ops: &[u8]) -> String {
    match kind % 4 {
        0 => KEEP_ALL.to_string(),
        1 => r#"{"version":1,"default":{"op":"keep"},"auto":true,"columns":{}}"#.to_string(),
        _ => {
            // Dropping every column is refused by design; keep the first then.
            let all_drop = (0..ncols).all(|i| ops[i] % OPS == 1);
            let cols: Vec<String> = (0..ncols)
                .map(|i| {
                    let op = if all_drop && i == 0 {
                        r#"{"op":"keep"}"#
                    } else {
                        op_json(ops[i])
                    };
                    format!("{:?}:{}", COLS[i], op)
                })
                .collect();
            format!(
                r#"{{"version":1,"default":{{"op":"keep"}},"auto":{},"columns":{{{}}}}}"#,
                kind % 4 == 3,
                cols.join(",")
            )
        }
    }
}

fn same_result(
    policy: &str,
    opts: &Opts,
    input: &[u8],
    cuts: &[usize],
) -> Result<(), TestCaseError> {
    let whole = mask_once(policy, opts, input).map_err(|e| e.to_string());
    let cut = mask_with_cuts(policy, opts, input, cuts).map_err(|e| e.to_string());
    match (&whole, &cut) {
        (Ok((a, ra)), Ok((b, rb))) => {
            prop_assert_eq!(
                show(a),
                show(b),
                "output differs; policy {} cuts {:?}",
                policy,
                cuts
            );
            prop_assert_eq!(ra, rb, "report differs; policy {} cuts {:?}", policy, cuts);
        }
        (Err(a), Err(b)) => prop_assert_eq!(a, b, "errors differ; cuts {:?}", cuts),
        _ => prop_assert!(
            false,
            "one run failed: whole {:?} vs cut {:?}; policy {}",
            whole.as_ref().err(),
            cut.as_ref().err(),
            policy
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]

    /// Valid files, every policy shape, delimiter given or sniffed.
    #[test]
    fn masker_output_and_report_do_not_depend_on_chunking(
        file in csv_file(),
        mode in 0u8..4,
        random in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        kind in 0u8..4,
        ops in prop::collection::vec(any::<u8>(), COLS.len()),
        give_delimiter in any::<bool>(),
    ) {
        let policy = policy_for(file.ncols, kind, &ops);
        let opts = Opts {
            key: Some(KEY.to_vec()),
            delimiter: give_delimiter.then_some(file.delimiter),
            ..Opts::default()
        };
        let cuts = cuts_for(&file.bytes, mode, &random);
        // The generated file is valid when the delimiter is given.
        if give_delimiter {
            prop_assert!(mask_once(&policy, &opts, &file.bytes).is_ok(),
                "valid file refused: {:?} policy {}", mask_once(&policy, &opts, &file.bytes).err().map(|e| e.to_string()), policy);
        }
        same_result(&policy, &opts, &file.bytes, &cuts)?;
    }

    /// Validation rules in every mode: the same output, report (problems,
    /// their lines, `unique` across cuts) or `validation_failed` error at
    /// every cut.
    #[test]
    fn validation_does_not_depend_on_chunking(
        file in csv_file(),
        mode in 0u8..4,
        random in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        kind in 0u8..4,
        ops in prop::collection::vec(any::<u8>(), COLS.len()),
        vmode in 0u8..3,
        rules in prop::collection::vec(any::<u8>(), COLS.len()),
    ) {
        let policy = with_validation(&policy_for(file.ncols, kind, &ops), file.ncols, vmode, &rules);
        prop_assert!(pii_mask::Policy::from_json(&policy).is_ok(), "policy {}", policy);
        let opts = Opts {
            key: Some(KEY.to_vec()),
            delimiter: Some(file.delimiter),
            ..Opts::default()
        };
        let cuts = cuts_for(&file.bytes, mode, &random);
        same_result(&policy, &opts, &file.bytes, &cuts)?;
        // Only `reject` makes a valid file an error, and only with problems.
        if let Err(e) = mask_once(&policy, &opts, &file.bytes) {
            prop_assert_eq!(e.code(), "validation_failed", "{}", e);
            prop_assert!(vmode == 0 && !e.problems().is_empty());
        }
    }

    /// Damaged files (truncated anywhere, or with a stray quote or an extra
    /// field spliced in) give the same output or the same error at every cut.
    #[test]
    fn errors_do_not_depend_on_chunking(
        file in csv_file(),
        at in any::<prop::sample::Index>(),
        damage in 0u8..3,
        random in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
        bytewise in any::<bool>(),
    ) {
        let mut bytes = file.bytes.clone();
        let p = at.index(bytes.len() + 1);
        match damage {
            0 => bytes.truncate(p),
            1 => bytes.insert(p, b'"'),
            _ => bytes.insert(p, file.delimiter),
        }
        let opts = Opts { key: Some(KEY.to_vec()), delimiter: Some(file.delimiter), ..Opts::default() };
        let cuts = cuts_for(&bytes, if bytewise { 0 } else { 2 }, &random);
        same_result(KEEP_ALL, &opts, &bytes, &cuts)?;
        let policy = policy_for(file.ncols, 2, &[5, 4, 3, 2, 1, 0]);
        same_result(&policy, &opts, &bytes, &cuts)?;
    }

    /// The scanner gives the same classification however its input is cut.
    #[test]
    fn scanner_result_does_not_depend_on_chunking(
        file in csv_file(),
        mode in 0u8..4,
        random in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        let whole = scan(&file.bytes, ScanOptions::default())
            .map(|r| serde_json::to_value(&r).unwrap())
            .map_err(|e| e.to_string());
        let mut cuts = cuts_for(&file.bytes, mode, &random);
        cuts.sort_unstable();
        cuts.dedup();
        let mut scanner = Scanner::new(ScanOptions::default());
        let mut start = 0;
        let mut pushed = Ok(());
        for c in cuts.iter().copied().chain([file.bytes.len()]) {
            if let Err(e) = scanner.push(&file.bytes[start..c]) { pushed = Err(e.to_string()); break; }
            start = c;
        }
        let cut = pushed.and_then(|_| scanner.finish().map(|r| serde_json::to_value(&r).unwrap()).map_err(|e| e.to_string()));
        prop_assert_eq!(whole, cut, "cuts {:?}", cuts);
    }
}

/// A fixed file with every hazard, pushed one byte at a time, under a mixed
/// policy: a readable regression check beside the random ones.
#[test]
fn one_byte_chunks_on_a_hazardous_file() {
    let input = "\u{FEFF}id,email,name,notes,phone,card\r\n\
        1,ann.lee@example.com,Zoë Æbelø,\"Call me at +1 415 555 0132,\r\nor mail ann.lee@example.com 😀\",(212) 555-0147,4111 1111 1111 1111\r\n\
        2,\"j.doe@mail.example.org\",\"日本 \"\"Taro\"\"\",\"card 4012-8888-8888-1881; IBAN DE89 3704 0044 0532 0130 00\",+44 20 7123 4567,5555555555554444\r\n\
        3,,,,,\r\n";
    let policy = r#"{"version":1,"default":{"op":"keep"},"auto":false,"columns":{
        "email":{"op":"mask"},"name":{"op":"hash","length":16},"notes":{"op":"scrub"},
        "phone":{"op":"redact"},"card":{"op":"mask"},"id":{"op":"keep"}}}"#;
    let opts = Opts {
        key: Some(KEY.to_vec()),
        ..Opts::default()
    };
    let whole = mask_once(policy, &opts, input.as_bytes()).expect("valid file");
    let bytewise = mask_chunked(policy, &opts, input.as_bytes(), 1).expect("valid file");
    assert_eq!(show(&whole.0), show(&bytewise.0));
    assert_eq!(whole.1, bytewise.1);
    let auto = r#"{"version":1,"default":{"op":"keep"},"auto":true,"columns":{}}"#;
    let whole = mask_once(auto, &opts, input.as_bytes()).expect("valid file");
    for size in [1, 2, 3, 5, 7] {
        let cut = mask_chunked(auto, &opts, input.as_bytes(), size).expect("valid file");
        assert_eq!(
            show(&whole.0),
            show(&cut.0),
            "auto policy, chunk size {size}"
        );
        assert_eq!(whole.1, cut.1, "auto policy report, chunk size {size}");
    }
}
