//! Papa Parse's own CSV test cases (`../shared/conformance/papaparse/`), run
//! against our tokenizer (`csv::read_all`) and our write path (`Masker` with
//! an all-`keep` policy).
//!
//! Pins: (1) the 87 "pure tokenisation" parse cases give Papa's rows, except
//! the cases in `TABLE` below, each of which names its reason and, for a
//! deviation, the exact rows we produce instead; (2) every run case survives
//! a masker round trip (all `keep`) with the same rows, pushed whole and in
//! 1-byte chunks; (3) the plain unparse cases come out of the masker byte for
//! byte as Papa writes them; (4) the derived chunk-boundary cases (CUSTOM 4,
//! 24) give the same output at chunk size 3 as in one push.
//!
//! When `../shared/conformance` is absent the tests print a loud SKIPPED
//! notice and return; `PII_MASK_REQUIRE_CONFORMANCE=1` turns that into a
//! failure.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use pii_mask::csv::{read_all, sniff_delimiter, CsvOptions};
use serde_json::Value;

/// How a case departs from running it straight and comparing with Papa.
#[derive(Debug)]
enum Treatment {
    /// Not run. The reason names the unsupported feature.
    Skip(&'static str),
    /// Papa emits `[""]` for each blank line (including after a trailing
    /// newline); we skip blank lines. Expected = Papa's rows minus `[""]`.
    BlankLinesSkipped,
    /// We read it differently on purpose; these are our rows.
    Deviates {
        reason: &'static str,
        rows: &'static [&'static [&'static str]],
    },
    /// Must be an error that names this (1-based) line.
    ErrorAtLine(u64),
}
use Treatment::*;

const LENIENT: &str = "stray quote after a closing quote / inside an unquoted field: \
    read leniently like BurntSushi's csv crate (the stray character joins the field, \
    the quote still closes it); Papa reports Quotes/InvalidQuotes and reads on differently";
const SPACE_AFTER_QUOTE: &str = "text after a closing quote (here spaces) stays in the \
    field, as in BurntSushi's csv crate; Papa trims whitespace after a closing quote";
const QUOTE_CHAR: &str = "quoteChar: only '\"' is supported as the quote character";
const ESCAPE_CHAR: &str = "escapeChar: only RFC 4180 doubled quotes are supported";
const MULTI_BYTE_DELIM: &str = "multi-character delimiter: a delimiter is one byte";
const BAD_DELIM: &str = "invalid delimiter \"\\n\" that Papa silently replaces with ','; \
    we have no such fallback (a newline is never a delimiter)";

/// Every parse case of the 87-case subset that is not a plain pass, with why.
const TABLE: &[(&str, Treatment)] = &[
    // Papa: MissingQuotes (quoted field unterminated). Ours: unclosed quote at
    // EOF is an error naming the line where the record starts.
    ("CORE_PARSER_TESTS/19", ErrorAtLine(1)),
    // Papa: InvalidQuotes (+ MissingQuotes as a consequence of its recovery).
    // Read the csv-crate way, the quote closes the field, so nothing is left
    // open at EOF and the input is not an unclosed-quote error for us.
    (
        "CORE_PARSER_TESTS/20",
        Deviates {
            reason: LENIENT,
            rows: &[&["a,b", "c\""], &["d", "e", "f"]],
        },
    ),
    (
        "CORE_PARSER_TESTS/21",
        Deviates {
            reason: LENIENT,
            rows: &[&["a", "b,c"], &["d", "e", "f"]],
        },
    ),
    (
        "CORE_PARSER_TESTS/22",
        Deviates {
            reason: LENIENT,
            rows: &[&["a", "bc", "d"], &["e", "f", "g"]],
        },
    ),
    (
        "CORE_PARSER_TESTS/23",
        Deviates {
            reason: LENIENT,
            rows: &[&["a", "b,c\nde", "f", "g"]],
        },
    ),
    ("CORE_PARSER_TESTS/54", BlankLinesSkipped),
    (
        "PARSE_TESTS/5",
        Deviates {
            reason: SPACE_AFTER_QUOTE,
            rows: &[&["A", "B ", "C", "D"], &["E", "F", "G  ", "H"]],
        },
    ),
    (
        "PARSE_TESTS/6",
        Deviates {
            reason: SPACE_AFTER_QUOTE,
            rows: &[
                &["A", "B", "C", "D "],
                &["E", "F", "G", "H  "],
                &["Q", "W", "E", "R"],
            ],
        },
    ),
    (
        "PARSE_TESTS/7",
        Deviates {
            reason: SPACE_AFTER_QUOTE,
            rows: &[
                &["A", "B ", "C", "D "],
                &["E", "F", "G  ", "H  "],
                &["Q", "W", "E ", "R"],
            ],
        },
    ),
    (
        "PARSE_TESTS/9",
        Deviates {
            reason: "mixed line endings: a lone CR is a record terminator for us wherever it \
                 appears (CR, LF and CRLF are all accepted); Papa sniffs one newline \
                 (here LF) and keeps the CR as data",
            rows: &[&["a", "b", "c"], &["d", "e", "f"], &["g", "h", "i"]],
        },
    ),
    ("PARSE_TESTS/24", Skip(BAD_DELIM)),
    ("PARSE_TESTS/25", Skip(MULTI_BYTE_DELIM)),
    ("PARSE_TESTS/26", Skip(MULTI_BYTE_DELIM)),
    ("PARSE_TESTS/42", BlankLinesSkipped),
    ("PARSE_TESTS/43", BlankLinesSkipped),
    ("PARSE_TESTS/44", BlankLinesSkipped),
    ("PARSE_TESTS/59", BlankLinesSkipped),
    ("PARSE_TESTS/71", Skip(QUOTE_CHAR)),
    ("PARSE_TESTS/72", Skip(ESCAPE_CHAR)),
    ("PARSE_TESTS/73", Skip(ESCAPE_CHAR)),
    ("PARSE_TESTS/74", Skip(ESCAPE_CHAR)),
    ("PARSE_TESTS/84", Skip(QUOTE_CHAR)),
    ("PARSE_TESTS/85", Skip(QUOTE_CHAR)),
    (
        "PARSE_TESTS/90",
        Deviates {
            reason: SPACE_AFTER_QUOTE,
            rows: &[&["A", ",B ", "C", "D"], &["E", "F", "G", "H"]],
        },
    ),
    (
        "PARSE_TESTS/91",
        Deviates {
            reason: SPACE_AFTER_QUOTE,
            rows: &[&["a", "b", "c\n "], &["d", "e", "f"]],
        },
    ),
];

/// Size of the subset and how it splits. Changing the data or the table
/// must change these on purpose.
const SUBSET: usize = 87;
const SKIPPED: usize = 9;
const PLAIN_PASS: usize = 62;

/// Config keys that make a case not a tokenisation case (README "Useful subsets").
const NOT_TOKENISATION: &[&str] = &[
    "dynamicTyping",
    "comments",
    "preview",
    "skipFirstNLines",
    "fastMode",
    "header",
    "skipEmptyLines",
];

fn load(file: &str) -> Option<Value> {
    let dir = conformance_dir("papaparse")?;
    Some(read_json(&dir.join(file)))
}

fn is_tokenisation_case(c: &Value) -> bool {
    let cfg = c["config"].as_object().expect("config object");
    !c["needs_function"].as_bool().unwrap_or(false)
        && !cfg.keys().any(|k| NOT_TOKENISATION.contains(&k.as_str()))
        && cfg
            .keys()
            .all(|k| ["delimiter", "newline", "quoteChar", "escapeChar"].contains(&k.as_str()))
        && !c["auto_delimiter_matters"].as_bool().unwrap_or(false)
}

fn expected_rows(c: &Value) -> Vec<Vec<String>> {
    c["expected_data"]
        .as_array()
        .expect("expected_data is an array of rows")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("row is an array")
                .iter()
                .map(|f| f.as_str().expect("string field").to_string())
                .collect()
        })
        .collect()
}

fn static_rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// The delimiter Papa uses for this case: the configured one, else ','
/// (CORE: no sniffing; PARSE: the subset excludes cases where sniffing matters).
fn delimiter_of(c: &Value) -> u8 {
    match c["config"]["delimiter"].as_str() {
        None => b',',
        Some(d) => {
            assert_eq!(
                d.len(),
                1,
                "{}: multi-byte delimiter must be in TABLE",
                c["id"]
            );
            d.as_bytes()[0]
        }
    }
}

#[test]
fn papa_parse_tokenisation_cases() {
    let Some(cases) = load("parse_cases.json") else {
        return;
    };
    let table: BTreeMap<&str, &Treatment> = TABLE.iter().map(|(id, t)| (*id, t)).collect();
    assert_eq!(table.len(), TABLE.len(), "duplicate id in TABLE");

    let subset: Vec<&Value> = cases
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| is_tokenisation_case(c))
        .collect();
    assert_eq!(subset.len(), SUBSET, "the tokenisation subset changed size");
    let ids: BTreeSet<&str> = subset.iter().map(|c| c["id"].as_str().unwrap()).collect();
    for id in table.keys() {
        assert!(
            ids.contains(id),
            "TABLE lists {id}, which is not in the subset"
        );
    }

    let mut failures = Vec::new();
    let (mut skipped, mut plain, mut deviating, mut ran) = (0, 0, 0, 0);
    for c in &subset {
        let id = c["id"].as_str().unwrap();
        let input = c["input"].as_str().unwrap();
        let treatment = table.get(id).copied();
        if let Some(Skip(reason)) = treatment {
            eprintln!("skip {id}: {reason}");
            skipped += 1;
            continue;
        }
        ran += 1;
        let delimiter = delimiter_of(c);
        let opts = CsvOptions {
            delimiter: Some(delimiter),
            allow_ragged: true,
            ..Default::default()
        };
        let got = read_all(input.as_bytes(), &opts);
        let papa = expected_rows(c);
        let has_errors = !c["expected_errors"].as_array().unwrap().is_empty();

        let want: Result<Vec<Vec<String>>, u64> = match treatment {
            None => {
                if has_errors {
                    failures.push(format!(
                        "{id}: Papa expects errors; the case needs a TABLE entry"
                    ));
                    continue;
                }
                plain += 1;
                Ok(papa.clone())
            }
            Some(BlankLinesSkipped) => {
                deviating += 1;
                let w: Vec<Vec<String>> = papa
                    .iter()
                    .filter(|r| *r != &vec![String::new()])
                    .cloned()
                    .collect();
                assert_ne!(
                    w, papa,
                    "{id}: listed as BlankLinesSkipped but has no blank row"
                );
                Ok(w)
            }
            Some(Deviates { rows, reason }) => {
                deviating += 1;
                let w = static_rows(rows);
                assert_ne!(
                    w, papa,
                    "{id}: listed as deviating ({reason}) but matches Papa"
                );
                Ok(w)
            }
            Some(ErrorAtLine(line)) => {
                deviating += 1;
                Err(*line)
            }
            Some(Skip(_)) => unreachable!(),
        };

        match (&want, got) {
            (Ok(w), Ok(rows)) => {
                let rows = rows_to_strings(&rows);
                if &rows != w {
                    failures.push(format!(
                        "{id}: input {input:?}\n    want {w:?}\n    got  {rows:?}"
                    ));
                    continue;
                }
                // Write path: all-keep masker, whole and in 1-byte chunks, reads back the same.
                let mopts = Opts {
                    has_header: false,

                    delimiter: Some(delimiter),
                    allow_ragged: true,
                    ..Opts::default()
                };
                match (
                    mask_once(KEEP_ALL, &mopts, input.as_bytes()),
                    mask_chunked(KEEP_ALL, &mopts, input.as_bytes(), 1),
                ) {
                    (Ok((whole, _)), Ok((bytewise, _))) => {
                        if whole != bytewise {
                            failures.push(format!(
                                "{id}: masker output depends on chunking: whole {} vs 1-byte {}",
                                show(&whole),
                                show(&bytewise)
                            ));
                        }
                        let back = read_all(
                            &whole,
                            &CsvOptions {
                                delimiter: Some(delimiter),
                                allow_ragged: true,
                                ..Default::default()
                            },
                        )
                        .map(|r| rows_to_strings(&r));
                        if back.as_ref() != Ok(w) {
                            failures.push(format!(
                                "{id}: keep-all round trip changed the rows: input {input:?} output {} reads back {back:?}",
                                show(&whole)
                            ));
                        }
                    }
                    (a, b) => failures.push(format!(
                        "{id}: keep-all masker failed: whole {:?} / 1-byte {:?}",
                        a.err().map(|e| e.to_string()),
                        b.err().map(|e| e.to_string())
                    )),
                }
            }
            (Err(line), Ok(rows)) => failures.push(format!(
                "{id}: input {input:?} must be an error at line {line}, got Ok({:?})",
                rows_to_strings(&rows)
            )),
            (Ok(w), Err(e)) => failures.push(format!(
                "{id}: input {input:?}\n    want {w:?}\n    got error: {e}"
            )),
            (Err(line), Err(e)) => {
                let msg = e.to_string();
                if e.line() != Some(*line) || !msg.contains(&format!("line {line}")) {
                    failures.push(format!(
                        "{id}: error should name line {line}: line()={:?} message {msg:?}",
                        e.line()
                    ));
                }
                // The masker must refuse it too, whole and byte by byte.
                let mopts = Opts {
                    has_header: false,

                    allow_ragged: true,
                    ..Opts::default()
                };
                for size in [usize::MAX, 1] {
                    match mask_chunked(KEEP_ALL, &mopts, input.as_bytes(), size) {
                        Ok((out, _)) => failures.push(format!(
                            "{id}: masker (chunk {size}) accepted it: {}",
                            show(&out)
                        )),
                        Err(e) if e.line() != Some(*line) => failures.push(format!(
                            "{id}: masker (chunk {size}) error should name line {line}: {e}"
                        )),
                        Err(_) => {}
                    }
                }
            }
        }
    }

    loud(&format!(
        "papaparse tokenisation: {ran} run ({plain} plain, {deviating} documented deviations), {skipped} skipped"
    ));
    assert!(
        failures.is_empty(),
        "{} Papa Parse case(s) failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    assert_eq!(skipped, SKIPPED, "number of skipped cases changed");
    assert_eq!(plain, PLAIN_PASS, "number of plain cases changed");
    assert_eq!(ran, SUBSET - SKIPPED);
}

/// The five parse cases where Papa's delimiter sniffing decides the result
/// (excluded from the subset above) run through our sniffer. We never report
/// `Delimiter/UndetectableDelimiter` (PARSE 49, 51): with nothing to detect
/// we fall back to ',' silently, which is what Papa does with the data.
/// Also pins that our sniffer picks ',' for every other PARSE case that Papa
/// sniffs to ','.
#[test]
fn papa_parse_delimiter_sniffing_cases() {
    let Some(cases) = load("parse_cases.json") else {
        return;
    };
    let sniffed: &[(&str, u8)] = &[
        ("PARSE_TESTS/49", b','),
        ("PARSE_TESTS/51", b','),
        ("PARSE_TESTS/67", b'|'),
        ("PARSE_TESTS/69", b';'),
        ("PARSE_TESTS/70", b';'),
    ];
    let mut failures = Vec::new();
    let mut n_matters = 0;
    let mut n_comma = 0;
    for c in cases.as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let cfg = c["config"].as_object().unwrap();
        if !c["auto_delimiter"].as_bool().unwrap_or(false)
            || c["needs_function"].as_bool().unwrap_or(false)
            || !cfg.keys().all(|k| k == "newline")
        {
            continue;
        }
        let input = c["input"].as_str().unwrap();
        if c["auto_delimiter_matters"].as_bool().unwrap_or(false) {
            n_matters += 1;
            let want_d = sniffed
                .iter()
                .find(|(i, _)| *i == id)
                .unwrap_or_else(|| panic!("{id}: sniffing case not listed"))
                .1;
            let d = sniff_delimiter(input.as_bytes());
            if d != want_d {
                failures.push(format!(
                    "{id}: sniffed {:?}, want {:?} in {input:?}",
                    d as char, want_d as char
                ));
            }
            let got = read_all(
                input.as_bytes(),
                &CsvOptions {
                    delimiter: None,
                    allow_ragged: true,
                    ..Default::default()
                },
            )
            .map(|r| rows_to_strings(&r))
            .map_err(|e| e.to_string());
            let want = expected_rows(c);
            if got.as_ref() != Ok(&want) {
                failures.push(format!(
                    "{id}: input {input:?}\n    want {want:?}\n    got  {got:?}"
                ));
            }
        } else {
            n_comma += 1;
            let d = sniff_delimiter(input.as_bytes());
            if d != b',' {
                failures.push(format!(
                    "{id}: Papa sniffs ',' (or the choice does not matter), we sniffed {:?} in {input:?}",
                    d as char
                ));
            }
        }
    }
    assert_eq!(n_matters, sniffed.len());
    loud(&format!(
        "papaparse sniffing: {n_matters} sniffing-dependent cases, {n_comma} comma cases"
    ));
    assert!(
        failures.is_empty(),
        "{} sniffing case(s) failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// Papa's unparse cases whose input is a plain array of string arrays, with no
/// config or only a one-byte delimiter we support: we write that data as a
/// CSV that quotes every field (CRLF), push it through an all-`keep` masker,
/// and expect Papa's exact output: quoting only where needed, CRLF kept.
/// Papa writes no terminator after the last row; we accept the masker adding
/// one (it is not content; with no terminator in the input it writes LF) and
/// compare without it. Every other byte must match.
/// Not run: objects as rows / `{fields,data}` (no CSV to read: the header
/// is Papa's own derivation), non-string cells, and every config that
/// changes the writer (quotes, quoteChar, escapeChar, newline, header,
/// skipEmptyLines, columns, escapeFormulae: our writer has no such options;
/// formula escaping is a later issue).
#[test]
fn papa_unparse_plain_cases_through_keep_all_masker() {
    let Some(cases) = load("unparse_cases.json") else {
        return;
    };
    let mut failures = Vec::new();
    let mut ran = Vec::new();
    for c in cases.as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let cfg = c["config"].as_object().unwrap();
        let Some(rows) = c["input"].as_array() else {
            continue;
        };
        let plain_rows = rows.iter().all(|r| {
            r.as_array()
                .is_some_and(|cells| cells.iter().all(|v| v.is_string()))
        });
        let delimiter = match cfg.get("delimiter").and_then(|d| d.as_str()) {
            None if cfg.is_empty() => b',',
            Some(d) if cfg.len() == 1 && [",", ";", "\t", "|"].contains(&d) => d.as_bytes()[0],
            _ => continue,
        };
        if !plain_rows || c["needs_function"].as_bool().unwrap_or(false) {
            continue;
        }
        ran.push(id.to_string());
        let d = delimiter as char;
        let mut input = String::new();
        for (i, r) in rows.iter().enumerate() {
            if i > 0 {
                input.push_str("\r\n");
            }
            let cells: Vec<String> = r
                .as_array()
                .unwrap()
                .iter()
                .map(|v| format!("\"{}\"", v.as_str().unwrap().replace('"', "\"\"")))
                .collect();
            input.push_str(&cells.join(&d.to_string()));
        }
        let expected = c["expected_output"].as_str().unwrap();
        let opts = Opts {
            has_header: false,

            delimiter: Some(delimiter),
            allow_ragged: true,
            ..Opts::default()
        };
        match mask_once(KEEP_ALL, &opts, input.as_bytes()) {
            Err(e) => failures.push(format!("{id}: masker error {e} on {input:?}")),
            Ok((out, _)) => {
                let out = String::from_utf8(out).expect("utf-8 output");
                let trimmed = out
                    .strip_suffix("\r\n")
                    .or_else(|| out.strip_suffix('\n'))
                    .unwrap_or(&out);
                if trimmed != expected {
                    failures.push(format!(
                        "{id}: input {input:?}\n    want {expected:?}\n    got  {out:?}"
                    ));
                }
            }
        }
    }
    loud(&format!(
        "papaparse unparse: ran {}: {}",
        ran.len(),
        ran.join(", ")
    ));
    assert_eq!(
        ran,
        [
            "UNPARSE_TESTS/0",
            "UNPARSE_TESTS/1",
            "UNPARSE_TESTS/2",
            "UNPARSE_TESTS/3",
            "UNPARSE_TESTS/11",
            "UNPARSE_TESTS/12",
            "UNPARSE_TESTS/26",
            "UNPARSE_TESTS/27"
        ],
        "the set of plain unparse cases changed"
    );
    assert!(
        failures.is_empty(),
        "{} unparse case(s) failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// CUSTOM 4 and 24: Papa reads a File in 3-byte chunks, with quoted line
/// breaks near the chunk boundaries. Through our masker (all `keep`,
/// delimiter sniffed) at chunk size 3 the output equals the one-push output
/// and reads back as Papa's rows.
#[test]
fn papa_chunk_boundary_cases_through_masker() {
    let Some(cases) = load("derived_parse_cases.json") else {
        return;
    };
    let mut n = 0;
    for c in cases.as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        if id != "CUSTOM_TESTS/4" && id != "CUSTOM_TESTS/24" {
            continue;
        }
        n += 1;
        let size = c["config"]["chunkSize"].as_u64().unwrap() as usize;
        assert_eq!(size, 3);
        let input = c["input"].as_str().unwrap().as_bytes();
        let opts = Opts::default();
        let whole = mask_once(KEEP_ALL, &opts, input).unwrap_or_else(|e| panic!("{id}: {e}"));
        let chunked =
            mask_chunked(KEEP_ALL, &opts, input, size).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(
            show(&chunked.0),
            show(&whole.0),
            "{id}: output depends on chunking"
        );
        assert_eq!(chunked.1, whole.1, "{id}: report depends on chunking");
        let back = read_all(&whole.0, &CsvOptions::default()).unwrap();
        assert_eq!(
            rows_to_strings(&back),
            expected_rows(c),
            "{id}: rows changed"
        );
    }
    assert_eq!(n, 2);
}
