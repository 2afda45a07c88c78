//! The policy's `validate` section: each rule, each mode, line numbers of
//! rows with quoted multi-line fields, `unique` across chunks, policy errors
//! that say where, and a report and error that never hold a value.

mod common;

use common::*;
use pii_mask::{ErrorKind, Policy};
use serde_json::{json, Value};

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

/// A policy validating `rules` (the `columns` of `validate`) in `mode`,
/// keeping every column.
fn policy(mode: &str, rules: Value) -> String {
    json!({"version": 1, "validate": {"mode": mode, "columns": rules}}).to_string()
}

fn opts() -> Opts {
    Opts {
        key: Some(KEY.to_vec()),
        ..Opts::default()
    }
}

/// The flag column of a run in `flag` mode, row by row (header excluded).
fn flags(rules: Value, input: &str) -> Vec<String> {
    let (out, _) = mask_once(&policy("flag", rules), &opts(), input.as_bytes()).unwrap();
    let out = String::from_utf8(out).unwrap();
    out.lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn each_type_accepts_its_values_and_flags_the_rest() {
    let cases: [(Value, &[&str], &[&str]); 6] = [
        (
            json!({"type": "integer"}),
            &["0", "-12", "+7", "0042"],
            &["1.5", "12a", "one", " 3", "--1"],
        ),
        (
            json!({"type": "number"}),
            &["0", "-12.5", ".5", "1e3", "+2E-2"],
            &["1,5", "inf", "NaN", "0x1F", "1e", "abc"],
        ),
        (
            json!({"type": "date"}),
            &["2024-02-29", "1999-12-31"],
            &[
                "2023-02-29",
                "2024-13-01",
                "2024-1-1",
                "31/12/1999",
                "today",
            ],
        ),
        (
            json!({"type": "date", "format": "%d/%m/%Y"}),
            &["31/12/1999", "29/02/2000"],
            &["1999-12-31", "31/11/1999", "29/02/1900"],
        ),
        (
            json!({"type": "email"}),
            &["ann@example.com", "j.doe+tag@mail.example.org"],
            &[
                "ann",
                "ann@",
                "@example.com",
                "ann@example",
                "a b@example.com",
                "ann@@x.com",
            ],
        ),
        (
            json!({"type": "enum", "values": ["red", "green"]}),
            &["red", "green"],
            &["Red", "blue", "red "],
        ),
    ];
    for (rules, good, bad) in cases {
        let mut input = "v\n".to_string();
        for v in good.iter().chain(bad.iter()) {
            input.push_str(&format!("\"{v}\"\n"));
        }
        let got = flags(json!({"v": rules}), &input);
        let want: Vec<String> = good
            .iter()
            .map(|_| String::new())
            .chain(bad.iter().map(|_| "v:type".to_string()))
            .collect();
        assert_eq!(got, want, "{rules}");
    }
    // `string` accepts anything.
    assert_eq!(
        flags(json!({"v": {"type": "string"}}), "v\nx\n1\n"),
        ["", ""]
    );
}

#[test]
fn ranges_lengths_patterns_and_required() {
    let rules = json!({
        "age": {"type": "integer", "min": 0, "max": 120, "required": true},
        "income": {"type": "number", "min": 0},
        "born": {"type": "date", "min": "1900-01-01", "max": "2026-12-31"},
        "code": {"pattern": "[A-Z]{2}[0-9]{3}", "min_length": 5, "max_length": 5}
    });
    let input = "age,income,born,code\n\
        34,1000.50,1990-05-01,AB123\n\
        121,-0.01,1899-12-31,AB1234\n\
        ,0,2027-01-01,ab123\n\
        -1,,,X\n\
        abc,x,1990-02-30,\n";
    assert_eq!(
        flags(rules, input),
        [
            "",
            "age:max;income:min;born:min;code:max_length;code:pattern",
            "age:required;born:max;code:pattern",
            "age:min;code:min_length;code:pattern",
            "age:type;income:type;born:type",
        ]
    );
}

#[test]
fn the_pattern_must_match_the_whole_value() {
    let rules = json!({"v": {"pattern": "[0-9]+"}});
    assert_eq!(
        flags(rules.clone(), "v\n123\n12a\na12\n"),
        ["", "v:pattern", "v:pattern"]
    );
    // An alternation is anchored as a whole.
    let rules = json!({"v": {"pattern": "a|b"}});
    assert_eq!(
        flags(rules, "v\na\nb\nab\nxb\n"),
        ["", "", "v:pattern", "v:pattern"]
    );
}

#[test]
fn unique_finds_copies_across_chunks_and_ignores_empty_cells() {
    let rules = json!({"email": {"unique": true}});
    let input = "id,email\n1,a@x.com\n2,b@x.com\n3,\n4,\n5,a@x.com\n6,b@x.co\n7,a@x.com\n";
    let p = policy("flag", rules);
    let whole = mask_once(&p, &opts(), input.as_bytes()).unwrap();
    let flags: Vec<String> = String::from_utf8(whole.0.clone())
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().to_string())
        .collect();
    assert_eq!(flags, ["", "", "", "", "email:unique", "", "email:unique"]);
    for size in [1, 2, 3, 7, 11] {
        let cut = mask_chunked(&p, &opts(), input.as_bytes(), size).unwrap();
        assert_eq!(whole, cut, "chunks of {size}");
    }
    // Without a key the digests are keyed by a fixed label: same verdicts.
    let no_key = mask_once(&p, &Opts::default(), input.as_bytes()).unwrap();
    assert_eq!(no_key.0, whole.0);
}

#[test]
fn reject_fails_with_every_problem_listed_by_line_column_and_rule() {
    let rules = json!({"age": {"type": "integer", "max": 120}, "email": {"type": "email"}});
    // Line numbers count the lines inside quoted fields: the row of Bo
    // starts on line 4, Cy's on line 6.
    let input = "name,age,email\n\
        Ann,34,\"ann@example.com\"\n\
        \"Bo\nBoson\",150,bo@example.com\n\
        \"Cy\",40,\"not an\nemail\"\n\
        Di,x,di@\n";
    let err = mask_once(&policy("reject", rules.clone()), &opts(), input.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ValidationFailed);
    assert_eq!(err.code(), "validation_failed");
    let got: Vec<(u64, &str, &str)> = err
        .problems()
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.rule.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "age", "max"),
            (5, "email", "type"),
            (7, "age", "type"),
            (7, "email", "type"),
        ]
    );
    assert_eq!(
        err.to_string(),
        "validation failed: 4 problems; the first: line 3, column \"age\": max"
    );
    // The same at every cut.
    for size in 1..8 {
        let e = mask_chunked(
            &policy("reject", rules.clone()),
            &opts(),
            input.as_bytes(),
            size,
        )
        .unwrap_err();
        assert_eq!(
            (e.to_string(), e.problems()),
            (err.to_string(), err.problems())
        );
    }
}

#[test]
fn reject_stops_at_the_first_max_problems() {
    let p = json!({"version": 1, "validate": {"max_problems": 2,
        "columns": {"n": {"type": "integer"}}}})
    .to_string();
    let mut input = "n\n".to_string();
    for i in 0..1000 {
        input.push_str(if i % 2 == 0 { "x\n" } else { "1\n" });
    }
    // Stops while pushing, long before the end.
    let policy = Policy::from_json(&p).unwrap();
    let given = Opts {
        delimiter: Some(b','),
        ..opts()
    };
    let mut m = pii_mask::Masker::new(policy, given.to_mask_options()).unwrap();
    let mut out = Vec::new();
    let err = m.push(&input.as_bytes()[..200], &mut out).unwrap_err();
    assert_eq!(err.problems().len(), 2);
    assert_eq!(err.problems()[1].line, 4);
    assert!(err.to_string().contains("stopped at the first 2 problems"));
    // No bad row reached the output.
    assert!(!String::from_utf8(out).unwrap().contains('x'));
}

#[test]
fn a_clean_file_passes_reject_and_the_report_says_so() {
    let rules = json!({"age": {"type": "integer"}});
    let (out, report) = mask_once(&policy("reject", rules), &opts(), b"age\n1\n2\n").unwrap();
    assert_eq!(out, b"age\n1\n2\n");
    assert_eq!(
        report["validation"],
        json!({"mode": "reject", "rowsChecked": 2, "rowsFailed": 0, "dropped": 0,
               "problems": [], "problemsNotListed": 0, "uniqueIncomplete": []})
    );
}

#[test]
fn drop_leaves_bad_rows_out_and_counts_them() {
    let rules = json!({"age": {"type": "integer", "min": 0}, "email": {"required": true}});
    let input = "age,email\n1,a@x.com\n-4,b@x.com\n5,\n7,c@x.com\n";
    let (out, report) = mask_once(&policy("drop", rules), &opts(), input.as_bytes()).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "age,email\n1,a@x.com\n7,c@x.com\n"
    );
    let v = &report["validation"];
    assert_eq!(report["rows"], 2, "rows written");
    assert_eq!(
        (
            v["rowsChecked"].as_u64(),
            v["rowsFailed"].as_u64(),
            v["dropped"].as_u64()
        ),
        (Some(4), Some(2), Some(2))
    );
    assert_eq!(
        v["problems"],
        json!([{"line": 3, "column": "age", "rule": "min"}, {"line": 4, "column": "email", "rule": "required"}])
    );
}

#[test]
fn flag_adds_a_named_column_and_the_report_caps_its_list() {
    let p = json!({"version": 1, "validate": {"mode": "flag", "flag_column": "problems",
        "max_problems": 1, "columns": {"#0": {"type": "integer"}}}})
    .to_string();
    let (out, report) = mask_once(&p, &opts(), b"n,t\n1,a\nx,b\ny,c\n").unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "n,t,problems\n1,a,\nx,b,n:type\ny,c,n:type\n"
    );
    assert_eq!(
        report["validation"]["problems"].as_array().unwrap().len(),
        1
    );
    assert_eq!(report["validation"]["problemsNotListed"], 1);
    assert_eq!(report["validation"]["rowsFailed"], 2);
    assert_eq!(report["validation"]["flagColumn"], "problems");
    // Without a header, the flag is the last cell and columns go by #N.
    let opts = Opts {
        has_header: false,
        ..opts()
    };
    let p = policy("flag", json!({"#1": {"type": "integer"}}));
    let (out, report) = mask_once(&p, &opts, b"a,1\nb,x\n").unwrap();
    assert_eq!(out, b"a,1,\nb,x,#1:type\n");
    assert_eq!(report["validation"]["problems"][0]["column"], "#1");
}

#[test]
fn validation_reads_the_original_values_before_operators() {
    let p = json!({"version": 1,
        "columns": {"email": {"op": "hash"}, "age": {"op": "redact"}},
        "validate": {"mode": "flag", "columns": {
            "email": {"type": "email", "unique": true}, "age": {"type": "integer", "max": 120}}}})
    .to_string();
    let input = "email,age\nann@example.com,30\nann@example.com,130\n";
    let (out, _) = mask_once(&p, &opts(), input.as_bytes()).unwrap();
    let out = String::from_utf8(out).unwrap();
    let flags: Vec<&str> = out.lines().map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(flags, ["_invalid", "", "email:unique;age:max"]);
    assert!(!out.contains("ann@example.com") && !out.contains("130"));
}

#[test]
fn the_report_and_the_error_never_hold_a_value() {
    let secret = "zed.secret@example.com";
    let rules = json!({"email": {"type": "enum", "values": ["x"], "unique": true},
                       "ssn": {"pattern": "[0-9]{3}-[0-9]{2}-[0-9]{4}"}});
    let input = format!("email,ssn\n{secret},078-05-112\n{secret},078-05-112\n");
    for mode in ["drop", "flag"] {
        let (_, report) =
            mask_once(&policy(mode, rules.clone()), &opts(), input.as_bytes()).unwrap();
        let text = report.to_string();
        assert!(
            !text.contains(secret) && !text.contains("078-05"),
            "{mode}: {text}"
        );
    }
    let err = mask_once(&policy("reject", rules), &opts(), input.as_bytes()).unwrap_err();
    let text = format!("{err} {:?}", err.problems());
    assert!(!text.contains(secret) && !text.contains("078-05"), "{text}");
}

#[test]
fn policy_errors_name_the_column_and_the_field() {
    let cases = [
        (json!({"mode": "warn"}), "policy_invalid", "/validate/mode"),
        (
            json!({"modus": "drop"}),
            "policy_unknown_field",
            "/validate/modus",
        ),
        (
            json!({"max_problems": 0}),
            "policy_invalid",
            "/validate/max_problems",
        ),
        (
            json!({"max_problems": 1_000_001}),
            "policy_invalid",
            "/validate/max_problems",
        ),
        (
            json!({"flag_column": "x"}),
            "policy_invalid",
            "/validate/flag_column",
        ),
        (
            json!({"columns": {"age": {"type": "int"}}}),
            "policy_invalid",
            "/validate/columns/age/type",
        ),
        (
            json!({"columns": {"age": {"maximum": 3}}}),
            "policy_unknown_field",
            "/validate/columns/age/maximum",
        ),
        (
            json!({"columns": {"age": {"min": 3}}}),
            "policy_invalid",
            "/validate/columns/age/min",
        ),
        (
            json!({"columns": {"a/b": {"pattern": "(("}}}),
            "policy_invalid",
            "/validate/columns/a~1b/pattern",
        ),
        (
            json!({"columns": {"d": {"type": "date", "format": "%Q"}}}),
            "policy_invalid",
            "/validate/columns/d/format",
        ),
        (
            json!({"columns": {"d": {"type": "date", "max": "soon"}}}),
            "policy_invalid",
            "/validate/columns/d/max",
        ),
        (
            json!({"columns": {"n": {"type": "number", "min": 5, "max": 1}}}),
            "policy_invalid",
            "/validate/columns/n/max",
        ),
        (
            json!({"columns": {"e": {"type": "enum"}}}),
            "policy_invalid",
            "/validate/columns/e/values",
        ),
        (
            json!({"columns": {"e": {"required": "yes"}}}),
            "policy_invalid",
            "/validate/columns/e/required",
        ),
        (json!([]), "policy_invalid", "/validate"),
    ];
    for (validate, code, field) in cases {
        let p = json!({"version": 1, "validate": validate}).to_string();
        let err = Policy::from_json(&p).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (code, Some(field)),
            "{validate}: {err}"
        );
        assert!(err.to_string().starts_with("policy: validate: "), "{err}");
    }
    let err = Policy::from_json(
        &json!({"version": 1, "validate": {"columns": {"a/b": {"pattern": "(("}}}}).to_string(),
    )
    .unwrap_err();
    assert_eq!(err.column(), Some("a/b"));
    assert!(
        err.to_string()
            .contains("column \"a/b\": pattern does not compile"),
        "{err}"
    );
}

#[test]
fn unknown_columns_are_refused_when_the_file_is_read() {
    let err = mask_once(
        &policy("drop", json!({"agee": {"type": "integer"}})),
        &opts(),
        b"name,age\nAnn,3\n",
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.column(), err.field()),
        (
            "policy_unknown_column",
            Some("agee"),
            Some("/validate/columns/agee")
        )
    );
    assert_eq!(
        err.to_string(),
        "policy: validate: column \"agee\" is not in the header (columns: name, age)"
    );
    let err = mask_once(
        &policy("drop", json!({"#5": {"required": true}})),
        &opts(),
        b"a,b\n1,2\n",
    )
    .unwrap_err();
    assert_eq!(err.code(), "policy_unknown_column");
    let no_header = Opts {
        has_header: false,
        ..opts()
    };
    let err = mask_once(
        &policy("drop", json!({"a": {"required": true}})),
        &no_header,
        b"1,2\n",
    )
    .unwrap_err();
    assert_eq!(err.code(), "policy_no_header");
    let err = mask_once(&policy("flag", json!({})), &opts(), b"a,_invalid\n1,2\n").unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("policy_invalid", Some("/validate/flag_column"))
    );
}

#[test]
fn the_policy_round_trips_with_its_rules() {
    let p = json!({"version": 1, "validate": {"mode": "flag", "max_problems": 5, "flag_column": "bad",
        "columns": {"d": {"type": "date", "format": "%d.%m.%Y", "min": "01.01.1900", "required": true},
                    "n": {"type": "number", "min": 0, "max": 1.5}, "s": {"pattern": "x+", "unique": true}}}})
    .to_string();
    let policy = Policy::from_json(&p).unwrap();
    assert_eq!(Policy::from_json(&policy.to_json()).unwrap(), policy);
}

/// The reader's list of rule fields is the schema's.
#[test]
fn the_rule_fields_are_the_schemas() {
    let schema = pii_mask::schema::policy_schema();
    let props = |name: &str| {
        let mut v: Vec<String> = schema["definitions"][name]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name} in the schema"))
            .keys()
            .cloned()
            .collect();
        v.sort();
        v
    };
    let mut rules = vec![
        "required",
        "type",
        "format",
        "values",
        "min",
        "max",
        "min_length",
        "max_length",
        "pattern",
        "unique",
    ];
    rules.sort_unstable();
    assert_eq!(props("ValidationRules"), rules);
    let mut fields = vec!["mode", "max_problems", "flag_column", "columns"];
    fields.sort_unstable();
    assert_eq!(props("Validation"), fields);
    // And the reader refuses a field outside them.
    let err =
        Policy::from_json(r#"{"version": 1, "validate": {"columns": {"a": {"minimum": 1}}}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("unknown rule `minimum`"), "{err}");
}

#[test]
fn a_preview_marks_the_bad_rows_and_never_fails_for_them() {
    use pii_mask::pipeline::preview;
    let input = b"name,age\nAnn,34\nBo,150\nCy,x\nDi,40\n";
    for mode in ["reject", "drop", "flag"] {
        let p = policy(mode, json!({"age": {"type": "integer", "max": 120}}));
        let pv = preview(
            input,
            Policy::from_json(&p).unwrap(),
            opts().to_mask_options(),
            10,
            true,
        )
        .unwrap();
        assert_eq!(pv.invalid, ["", "age:max", "age:type", ""], "{mode}");
        // Every row is shown masked, aligned with the original.
        assert_eq!(pv.masked.len(), 4);
        assert_eq!(pv.masked[1][1].as_deref(), Some("150"));
        // The output text is what the mode writes.
        let want = match mode {
            "flag" => "name,age,_invalid\nAnn,34,\nBo,150,age:max\nCy,x,age:type\nDi,40,\n",
            _ => "name,age\nAnn,34\nDi,40\n",
        };
        assert_eq!(pv.output, want, "{mode}");
        assert_eq!(pv.report.rows, if mode == "flag" { 4 } else { 2 });
    }
    // Without a validate section, no row is marked.
    let pv = preview(input, Policy::default(), opts().to_mask_options(), 10, true).unwrap();
    assert_eq!(pv.invalid, ["", "", "", ""]);
}

/// An audit record holds the rules (in the policy it digests) and what they
/// found, never a value.
#[test]
fn the_audit_record_holds_the_rules_and_their_findings() {
    let p = policy("drop", json!({"age": {"type": "integer", "max": 120}}));
    let opts = pii_mask::MaskOptions {
        audit: true,
        ..opts().to_mask_options()
    };
    let mut m = pii_mask::Masker::new(Policy::from_json(&p).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(b"name,age\nAnn,34\nBo,150\n", &mut out).unwrap();
    let report = m.finish(&mut out).unwrap();
    let audit = report.audit.as_ref().unwrap();
    assert!(
        audit.policy.contains(r#""validate":{"mode":"drop""#),
        "{}",
        audit.policy
    );
    assert_eq!(audit.output.bytes, out.len() as u64);
    assert_eq!(report.validation.as_ref().unwrap().dropped, 1);
    let text = serde_json::to_string(&report).unwrap();
    assert!(!text.contains("Bo") && !text.contains("150"), "{text}");
}
