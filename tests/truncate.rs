//! `truncate`: free text capped at `max` characters, never inside one; the
//! report counts the cells cut, and what it keeps is checked for personal
//! data like kept text.

use pii_mask::{MaskOptions, Masker, Policy};

fn run(policy: &str, input: &str) -> (String, pii_mask::Report) {
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), MaskOptions::default()).unwrap();
    let mut out = Vec::new();
    for chunk in input.as_bytes().chunks(3) {
        m.push(chunk, &mut out).unwrap();
    }
    let report = m.finish(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), report)
}

#[test]
fn text_is_capped_in_characters_and_the_cut_cells_are_counted() {
    let input = "id,notes\n1,short\n2,Zoë and 日本 went 😀 far\n3,\n4,exactly 10\n";
    let policy = r#"{"version": 1, "columns": {"notes": {"op": "truncate", "max": 10}}}"#;
    let (out, report) = run(policy, input);
    assert_eq!(out, "id,notes\n1,short\n2,Zoë and 日本\n3,\n4,exactly 10\n");
    let notes = &report.columns[1];
    assert_eq!(
        (notes.op, notes.truncated, notes.changed),
        ("truncate", 1, 1)
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["columns"][1]["truncated"], 1);
    assert!(
        json["columns"][0].get("truncated").is_none(),
        "absent when 0"
    );
}

#[test]
fn what_truncate_keeps_is_checked_for_personal_data() {
    let input = "id,notes\n1,mail ann.lee@example.com today\n";
    let policy = r#"{"version": 1, "columns": {"notes": {"op": "truncate", "max": 25}}}"#;
    let (_, report) = run(policy, input);
    assert_eq!(report.residual.len(), 1, "{:?}", report.residual);
    assert_eq!(report.residual[0].name, "notes");
}

#[test]
fn max_is_checked_by_field() {
    for (op, field) in [
        (r#"{"op": "truncate", "max": 0}"#, "/columns/a/max"),
        (r#"{"op": "truncate"}"#, "/columns/a"),
        (
            r#"{"op": "truncate", "max": 5, "chars": 2}"#,
            "/columns/a/chars",
        ),
    ] {
        let json = format!(r#"{{"version": 1, "columns": {{"a": {op}}}}}"#);
        let err = Policy::from_json(&json).unwrap_err();
        assert_eq!(err.field(), Some(field), "{op}: {err}");
    }
}
